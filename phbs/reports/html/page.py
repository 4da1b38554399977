"""The HTML report: one self-contained page a judge opens offline and prints for signature.

Templates are jinja2 files in the root ``reports/`` folder (``phbs/_resources/reports`` in
the wheel): ``laporan.html.j2`` with ``static/laporan.css`` and ``static/laporan.js``, which
are inlined into the page, so it needs no network: no CDN, no web font, no remote image.
A health office can restyle the report by putting files of the same names in a folder of
its own (``template_dir``), which is searched first. Autoescape is on and undefined
variables fail (``StrictUndefined``), so every text from an input file is escaped.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from phbs.errors import SettingsError
from phbs.i18n import Lang, fmt_int, t
from phbs.outputs import atomic_text
from phbs.reports.content import ReportContent, ci_description
from phbs.reports.denominators import denominator_notes, na_policy_name
from phbs.reports.excel.sheet import ReportProgress, WriteStep
from phbs.reports.html.contest import ranking_section
from phbs.reports.html.funnel import funnel_chart
from phbs.reports.html.trends import trends_section
from phbs.reports.html.view import (
    area_table,
    bar_chart,
    ci_level,
    fmt_number,
    fmt_pct,
    heatmap,
)
from phbs.reports.minutes import build_minutes
from phbs.reports.strata import describe_strata
from phbs.resources import resource_dir

#: The page template, looked up in the user folder first, then the bundled ``reports/``.
TEMPLATE = "laporan.html.j2"
#: The *berita acara* on a page of its own (the same section as in the report page).
MINUTES_TEMPLATE = "berita-acara-halaman.html.j2"


#: Dusun beyond which the page leaves the per-dusun coverage to the workbook (a province has
#: thousands: the page would grow by megabytes without helping anyone read it).
HTML_MAX_DUSUN = 1_000


def template_environment(template_dir: str | Path | None = None) -> jinja2.Environment:
    """A jinja2 environment over the bundled templates, ``template_dir`` searched first.

    >>> env = template_environment()
    >>> env.autoescape, env.undefined is jinja2.StrictUndefined
    (True, True)
    """
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(resource_dir("reports"))))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def inline(name: str) -> Markup:
        # Static files are inlined verbatim (not rendered as templates) from the first
        # folder that has them. A ``</`` cannot close the surrounding element early.
        loader = environment.loader
        assert loader is not None
        source, _filename, _uptodate = loader.get_source(environment, name)
        return Markup(source.replace("</script", "<\\/script").replace("</style", "<\\/style"))

    def script(name: str) -> Markup:
        # The page's own script, allowed by its hash in the Content-Security-Policy
        # (``script_hash``): no other inline script would run.
        return Markup("<script>") + inline(name) + Markup("</script>")

    def script_hash(name: str) -> str:
        digest = hashlib.sha256(str(inline(name)).encode("utf-8")).digest()
        return "sha256-" + base64.b64encode(digest).decode("ascii")

    environment.globals["inline"] = inline
    environment.globals["script"] = script
    environment.globals["script_hash"] = script_hash
    return environment


def _environment(content: ReportContent, template_dir: str | Path | None) -> jinja2.Environment:
    environment = template_environment(template_dir)
    lang: Lang = content.lang

    def translate(key: str, **params: object) -> str:
        return t(key, lang, **params)

    environment.globals["t"] = translate
    environment.filters["n"] = lambda value: fmt_int(value, lang)
    environment.filters["pct"] = lambda value, digits=1: fmt_pct(value, lang, digits)
    environment.filters["num"] = lambda value, digits=1: fmt_number(value, lang, digits)
    return environment


def render_minutes_html(content: ReportContent, *, template_dir: str | Path | None = None) -> str:
    """The *berita acara* of a report with a ranking as a page of its own, to print and sign.

    Raises :class:`~phbs.errors.SettingsError` when the report has no ranking."""
    if content.ranking is None:
        raise SettingsError(
            "Berita acara perlu peringkat lomba: berikan --rubric",
            "The minutes need a contest ranking: give --rubric",
        )
    environment = _environment(content, template_dir)
    return environment.get_template(MINUTES_TEMPLATE).render(
        lang=content.lang,
        version=content.metadata["alat"]["versi"],
        minutes=build_minutes(content, content.minutes),
    )


def render_html(
    content: ReportContent,
    *,
    template_dir: str | Path | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """Render the report page as a string.

    ``extra`` adds (or replaces) variables for a user's own template.

    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest import read_survey
    >>> from phbs.reports.content import build_content
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> result = score(read_survey(sample_data().survey_files))
    >>> from phbs.reports.content import ReportOptions
    >>> page = render_html(build_content(result, summarise(result), ReportOptions(lang="en")))
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    True
    """
    environment = _environment(content, template_dir)
    lang: Lang = content.lang
    survey = content.result.survey
    loaded = survey.form
    variables: dict[str, Any] = {
        "lang": lang,
        "title": content.title,
        "version": content.metadata["alat"]["versi"],
        "created": content.metadata["dibuat"],
        "level": content.level_name(),
        "headline": content.headline,
        "areas": area_table(content),
        "chart": bar_chart(content),
        "chart_narrow": bar_chart(content, narrow=True),
        "heatmap": heatmap(content, content.recap_villages, dusun=False),
        "heatmap_dusun": (
            heatmap(content, content.recap_dusun, dusun=True)
            if content.recap_dusun and len(content.recap_dusun) <= HTML_MAX_DUSUN
            else None
        ),
        "dusun_in_workbook_only": len(content.recap_dusun) > HTML_MAX_DUSUN,
        "dusun_count": len(content.recap_dusun),
        "issue_counts": content.issue_counts,
        "issue_line": content.issue_line(),
        "files": survey.files,
        "settings": content.settings,
        "strata": content.strata,
        "strata_text": describe_strata(content.strata),
        "strata_source": content.strata_source,
        "denominator": content.report.penyebut.persen_ber_phbs.value,
        "denominator_notes": denominator_notes(content.report, lang),
        "denominator_source": content.report.penyebut.source or t("forms.show.no_source", lang),
        "target": content.target,
        "na_policy": content.result.na_policy.value,
        "na_policy_name": na_policy_name(content.result.na_policy, lang),
        "form": loaded.form,
        "form_file": loaded.path.name,
        "form_sha256": loaded.sha256,
        "mappings": sorted(
            {(Path(f.mapping).name, f.mapping_sha256) for f in survey.files if f.mapping}
        ),
        "villages_file": content.metadata.get("berkas_desa"),
        "ranking": (
            ranking_section(content.ranking, content.uncertainty) if content.ranking else None
        ),
        "funnel": funnel_chart(content.funnel, lang) if content.funnel else None,
        "funnel_narrow": (
            funnel_chart(content.funnel, lang, narrow=True) if content.funnel else None
        ),
        "ci_text": ci_description(content),
        "ci_level": ci_level(content),
        "minutes": build_minutes(content, content.minutes) if content.ranking else None,
        "trends": (trends_section(content.trends, ci_level(content)) if content.trends else None),
    }
    variables.update(extra or {})
    return environment.get_template(TEMPLATE).render(variables)


def write_html(
    content: ReportContent,
    path: str | Path,
    *,
    template_dir: str | Path | None = None,
    extra: dict[str, Any] | None = None,
    progress: ReportProgress | None = None,
) -> None:
    """Write the report page to ``path`` (UTF-8, atomically).

    ``progress`` is told when the page is started and when it is written
    (:class:`~phbs.reports.excel.sheet.WriteStep` with part ``"html"``)."""
    if progress is not None:
        progress(WriteStep("html", str(path), 0, 1))
    page = render_html(content, template_dir=template_dir, extra=extra)
    inputs = [f.path for f in content.result.survey.files]
    with atomic_text(path, inputs, newline="\n") as handle:
        handle.write(page)
    if progress is not None:
        progress(WriteStep("html", str(path), 1, 1))


def write_minutes_html(
    content: ReportContent, path: str | Path, *, template_dir: str | Path | None = None
) -> None:
    """Write the *berita acara* page to ``path`` (UTF-8, atomically)."""
    page = render_minutes_html(content, template_dir=template_dir)
    inputs = [f.path for f in content.result.survey.files]
    with atomic_text(path, inputs, newline="\n") as handle:
        handle.write(page)
