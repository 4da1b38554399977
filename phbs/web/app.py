"""The Starlette application of ``phbs web``: the routes of the page and its jobs.

Every route under ``/jobs/{id}`` finds the job by its random id in the server's registry
(:class:`~phbs.web.worker.Jobs`); a download is served only when its name is one of the
job's downloads. No path is ever taken from a request: uploads are saved under a cleaned
file name inside the job's own folder.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from phbs.errors import PhbsError
from phbs.i18n import Lang, t
from phbs.web import UPLOADS
from phbs.web.fieldforms import KINDS, write_field_form
from phbs.web.fields import job_spec, picked, text
from phbs.web.guard import VIEW_CSP, Guard, Rules, TooLarge
from phbs.web.hints import option_hints
from phbs.web.maps import MAP_NAME, Maps, Proposed, answer, make_proposal
from phbs.web.page import (
    environment,
    form_choices,
    report_script,
    result_view,
    texts,
    web_dir,
)
from phbs.web.sample import sample_spec
from phbs.web.spec import DEFAULT_FORM
from phbs.web.uploads import UPLOADED, copy_kept, save
from phbs.web.worker import BOTH, Job, Jobs, State, error_line

LANG_COOKIE = "phbs_lang"
MAX_FILES = 64
#: The answers of one proposal's page at most (one field per question).
MAX_FIELDS = 500


@dataclass(frozen=True)
class Settings:
    """One server's settings: its jobs, the guard's rules, the default language."""

    jobs: Jobs
    rules: Rules
    lang: Lang = "id"


def page_lang(request: Request, default: Lang) -> Lang:
    """``?lang=`` first, then the cookie it left, then the server's language."""
    for given in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if given == "id":
            return "id"
        if given == "en":
            return "en"
    return default


class WebApp:
    """The routes, bound to one server's settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.templates = environment()
        self.maps = Maps(settings.jobs.root / "peta")

    def kept(self, map_id: object) -> Proposed | None:
        """The proposal ``map_id`` names when it made a mapping (a file and its mapping
        kept for the next job)."""
        found = self.maps.get(map_id) if isinstance(map_id, str) else None
        return found if found is not None and found.view is not None else None

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        lang = page_lang(request, self.settings.lang)
        template = self.templates.get_template(name)
        html = template.render(
            lang=lang, other="en" if lang == "id" else "id", T=texts(lang), **values
        )
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") == lang:
            response.set_cookie(LANG_COOKIE, lang, samesite="strict")
        return response

    def refuse(self, status: int, request: Request) -> Response:
        """The page for a refused request: one line saying why."""
        lang = page_lang(request, self.settings.lang)
        if status == 413:
            mb = self.settings.rules.max_upload // (1 << 20)
            message = t("web.too_large", lang, mb=mb)
        elif status == 403:
            message = t("web.forbidden", lang)
        else:
            message = t("web.not_found", lang)
        return self.render(request, "galat.html.j2", status, message=message)

    async def index(self, request: Request) -> Response:
        lang = page_lang(request, self.settings.lang)
        kept = self.kept(request.query_params.get("map"))
        return self.render(request, "index.html.j2", choices=form_choices(lang), kept=kept)

    async def create(self, request: Request) -> Response:
        lang = page_lang(request, self.settings.lang)
        try:
            async with request.form(max_files=MAX_FILES, max_fields=MAX_FILES) as form:
                job = self.settings.jobs.new(lang)
                await self._submit(form, job, lang)
        except TooLarge:
            return self.refuse(413, request)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def _submit(self, form: FormData, job: Job, lang: Lang) -> None:
        survey, kept = [], self.kept(form.get("map"))
        for number, upload in enumerate(form.getlist("survey"), start=1):
            path = await save(upload, job.folder, f"survei-{number}.csv")
            if path is not None:
                survey.append(path)
        earlier = []
        for number, upload in enumerate(form.getlist("baseline"), start=1):
            path = await save(upload, job.folder, f"putaran-{number}.csv")
            if path is not None:
                earlier.append(path)
        files = {}
        for key, fallback in UPLOADED.items():
            files[key] = await save(form.get(key), job.folder, fallback)
        if not survey and kept is not None:
            copied, mapping = await run_in_threadpool(copy_kept, kept, job.folder, files["mapping"])
            survey.append(copied)
            files["mapping"] = mapping
        if not survey:
            said = {each: f"{t('cli.error', each)}: {t('web.no_survey', each)}" for each in BOTH}
            self.settings.jobs.fail(job, said)
            return
        try:
            spec = job_spec(form, job.folder, (tuple(survey), tuple(earlier)), files, lang)
        except PhbsError as error:
            self.settings.jobs.fail(job, error_line(error, job))
            return
        self.settings.jobs.start(job, spec)

    async def sample(self, request: Request) -> Response:
        """The bundled sample, read, scored, reported, ranked and compared as ``phbs demo``
        does it (:func:`phbs.web.sample.sample_spec`)."""
        lang = page_lang(request, self.settings.lang)
        job = self.settings.jobs.new(lang)
        spec = await run_in_threadpool(sample_spec, job.folder, lang)
        self.settings.jobs.start(job, spec)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def _job(self, request: Request) -> Job:
        job = self.settings.jobs.get(str(request.path_params["job_id"]))
        if job is None:
            raise HTTPException(404)
        return job

    async def job_page(self, request: Request) -> Response:
        """The job's page in the page's language, whichever the job ran in (only its
        files stay in the job's language, and the page says so next to them)."""
        job = self._job(request)
        lang = page_lang(request, self.settings.lang)
        view, result = None, job.result
        if job.state in (State.WRITING, State.DONE) and result is not None:
            view = result_view(result, lang, job.folder)
        hints = option_hints(job.message.get(lang, ""), lang) if job.state is State.FAILED else []
        return self.render(request, "job.html.j2", job=job, view=view, hints=hints)

    async def status(self, request: Request) -> Response:
        """The job's state and rows read; while it writes and once done, the downloads
        ready (name and label) and how many there will be."""
        job = self._job(request)
        lang = page_lang(request, self.settings.lang)
        answer: dict[str, Any] = {"state": job.state.value, "rows": job.rows}
        answer["message"] = job.message.get(lang, "")
        result = job.result
        if job.state in (State.WRITING, State.DONE) and result is not None:
            answer["downloads"] = [
                {"name": d.name, "label": d.label(lang)} for d in result.downloads
            ]
            answer["total"] = len(result.downloads) + len(result.pending)
            answer["skipped"] = list(result.skipped)
        return JSONResponse(answer)

    async def cancel(self, request: Request) -> Response:
        job = self._job(request)
        job.cancel.set()
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def download(self, request: Request) -> Response:
        job = self._job(request)
        name = request.path_params["name"]
        for found in job.result.downloads if job.result is not None else []:
            if found.name == name and found.path.is_file():
                return FileResponse(found.path, media_type=found.media_type, filename=found.name)
        raise HTTPException(404)

    async def view(self, request: Request) -> Response:
        """An HTML download (the report, the minutes) opened in the tab, in a sandbox of its
        own (:data:`~phbs.web.guard.VIEW_CSP`)."""
        job = self._job(request)
        name = str(request.path_params["name"])
        for found in job.result.downloads if job.result is not None else []:
            if found.name == name and name.endswith(".html") and found.path.is_file():
                return FileResponse(
                    found.path,
                    media_type=found.media_type,
                    filename=found.name,
                    content_disposition_type="inline",
                    headers={"content-security-policy": VIEW_CSP},
                )
        raise HTTPException(404)

    async def propose(self, request: Request) -> Response:
        """``phbs map`` for one uploaded file: the proposal is made, then shown."""
        lang = page_lang(request, self.settings.lang)
        try:
            async with request.form(max_files=1, max_fields=4) as form:
                map_id, folder = self.maps.folder()
                path = await save(form.get("file"), folder, "survei.csv")
                forms = [c.value for c in form_choices(lang)["forms"]]
                form_name = picked(form, "form", forms, DEFAULT_FORM)
        except TooLarge:
            return self.refuse(413, request)
        proposed = Proposed(map_id, folder, path or folder / UPLOADS / "survei.csv", lang)
        if path is None:
            proposed.error = f"{t('cli.error', lang)}: {t('web.no_survey', lang)}"
        else:
            await run_in_threadpool(make_proposal, proposed, form_name)
        self.maps.add(proposed)
        return RedirectResponse(f"/maps/{map_id}", status_code=303)

    def _proposed(self, request: Request) -> Proposed:
        found = self.maps.get(str(request.path_params["map_id"]))
        if found is None:
            raise HTTPException(404)
        return found

    async def map_page(self, request: Request) -> Response:
        proposed = self._proposed(request)
        return self.render(request, "peta.html.j2", proposed=proposed, refused="", given={})

    async def map_answers(self, request: Request) -> Response:
        """The answers chosen on the proposal's page written into its mapping; the page
        again, with the questions left (or the line that refused the answers)."""
        proposed = self._proposed(request)
        async with request.form(max_files=0, max_fields=MAX_FIELDS) as form:
            given = {k: v for k, v in form.items() if isinstance(v, str)}

        def written() -> str:
            with proposed.lock:
                return answer(proposed, given)

        refused = await run_in_threadpool(written)
        if refused:
            page = "peta.html.j2"
            return self.render(request, page, proposed=proposed, refused=refused, given=given)
        return RedirectResponse(f"/maps/{proposed.id}", status_code=303)

    async def map_file(self, request: Request) -> Response:
        proposed = self._proposed(request)
        if proposed.view is None or not proposed.mapping.is_file():
            raise HTTPException(404)
        return FileResponse(proposed.mapping, media_type="application/yaml", filename=MAP_NAME)

    async def field_form(self, request: Request) -> Response:
        """``phbs forms template``, ``xlsform`` or ``print`` of a bundled form, written into
        a private folder removed once it is sent; a kabupaten code the writer refuses is the
        command line's one line."""
        kind = str(request.path_params["kind"])
        if kind not in KINDS:
            raise HTTPException(404)
        lang = page_lang(request, self.settings.lang)
        query = request.query_params
        offered = [c.value for c in form_choices(lang)["forms"]]
        name = picked(query, "form", offered, "")
        if not name:  # a name not offered is never read (it could be a path): refused
            given, known = query.get("form", ""), ", ".join(offered)
            message = t("web.fieldforms.unknown", lang, form=given, known=known)
            return self.render(request, "galat.html.j2", 400, message=message)
        folder = Path(tempfile.mkdtemp(prefix="formulir-", dir=self.settings.jobs.root))
        try:
            path = await run_in_threadpool(
                write_field_form, kind, name, text(query, "kabupaten"), folder
            )
        except PhbsError as error:
            shutil.rmtree(folder, ignore_errors=True)
            message = f"{t('cli.error', lang)}: {error.message(lang)}"
            return self.render(request, "galat.html.j2", 400, message=message)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(
            path,
            media_type=KINDS[kind].media_type,
            filename=f"{name}-{path.name}",
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    async def sort_script(self, _request: Request) -> Response:
        """The report's table script (sorting by a column's header), the same file the
        HTML report inlines."""
        return FileResponse(report_script(), media_type="text/javascript; charset=utf-8")

    async def not_found(self, request: Request, _error: Exception) -> Response:
        return self.refuse(404, request)


def create_app(settings: Settings) -> ASGIApp:
    """The application with its guard (:mod:`phbs.web.guard`) around it."""
    web = WebApp(settings)
    routes = [
        Route("/", web.index),
        Route("/jobs", web.create, methods=["POST"]),
        Route("/contoh", web.sample, methods=["POST"]),
        Route("/jobs/{job_id}", web.job_page),
        Route("/jobs/{job_id}/status", web.status),
        Route("/jobs/{job_id}/cancel", web.cancel, methods=["POST"]),
        Route("/jobs/{job_id}/files/{name}", web.download),
        Route("/jobs/{job_id}/view/{name}", web.view),
        Route("/forms/{kind}", web.field_form),
        Route("/maps", web.propose, methods=["POST"]),
        Route("/maps/{map_id}", web.map_page),
        Route("/maps/{map_id}/answers", web.map_answers, methods=["POST"]),
        Route(f"/maps/{{map_id}}/{MAP_NAME}", web.map_file),
        Route("/static/laporan.js", web.sort_script),
        Mount("/static", StaticFiles(directory=web_dir() / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: web.not_found})
    return Guard(app, settings.rules, web.refuse)
