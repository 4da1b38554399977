"""The jobs of one ``phbs web`` server: each in its own private folder, run on a thread.

A job's id is random (``secrets``) and is the only thing a request names: folders and files
are found from the id in this registry, never from a path in a request.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from phbs.errors import PhbsError
from phbs.i18n import Lang, t
from phbs.version import __version__
from phbs.web import UPLOADS

if TYPE_CHECKING:
    from phbs.web.jobs import JobResult
    from phbs.web.spec import JobSpec

#: The page's languages: what a job says is kept in both.
BOTH: tuple[Lang, ...] = ("id", "en")

#: The folder inside a job's folder that holds its uploads (the outputs sit beside it).


class State(StrEnum):
    """Where a job is: the ``state`` of ``GET /jobs/{id}/status``."""

    RUNNING = "running"
    #: The survey is scored: the tables are shown while the downloads are written.
    WRITING = "writing"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class Job:
    """One job: its folder, what it was asked, how far it got and what it found."""

    id: str
    folder: Path
    lang: Lang
    state: State = State.RUNNING
    rows: int = 0
    #: Why it failed, in both languages (the page may switch after the job ran).
    message: dict[Lang, str] = field(default_factory=dict)
    result: JobResult | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None


#: Called on a job's thread each time its result grows (the tables, then each download);
#: tests hold a job's writing here.
Listener = Callable[["Job"], None]


def run(spec: JobSpec, job: Job, listener: Listener | None = None) -> JobResult:
    """The one call into the job runner, with the job's progress and cancel; the job's
    result is kept as soon as the survey is scored, its state then ``writing``."""
    from phbs.web.jobs import run_job

    def progress(rows: int) -> None:
        job.rows = rows

    def ready(result: JobResult) -> None:
        job.result = result
        if job.state is State.RUNNING:
            job.state = State.WRITING
        if listener is not None:
            listener(job)

    return run_job(spec, progress, job.cancel, ready)


def shown(text: str, folder: Path) -> str:
    """``text`` with the job's folder taken out of file names, so a file is named as it
    was uploaded (``survei.csv``, not ``/tmp/phbs-web-…/…/masukan/survei.csv``)."""
    return text.replace(f"{folder / UPLOADS}/", "").replace(f"{folder}/", "")


def error_line(error: PhbsError, job: Job) -> dict[Lang, str]:
    """The CLI's one line (``Galat: …``) for a file the job could not use, in both
    languages."""
    return {
        lang: f"{t('cli.error', lang)}: {shown(error.message(lang), job.folder)}" for lang in BOTH
    }


class Jobs:
    """The server's jobs, each in a folder under ``root`` (the server's own temp folder)."""

    def __init__(self, root: Path, listener: Listener | None = None) -> None:
        self.root = root
        self.listener = listener
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def new(self, lang: Lang) -> Job:
        """A job with a fresh private folder (and its uploads folder), not yet started."""
        job_id = secrets.token_urlsafe(18)
        folder = self.root / job_id
        (folder / UPLOADS).mkdir(mode=0o700, parents=True)
        job = Job(id=job_id, folder=folder, lang=lang)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, job: Job, spec: JobSpec) -> None:
        """Run ``spec`` for ``job`` on a thread of its own."""
        job.thread = threading.Thread(
            target=self._work, args=(job, spec), name=f"phbs-web-{job.id[:6]}", daemon=True
        )
        job.thread.start()

    def fail(self, job: Job, message: dict[Lang, str]) -> None:
        """A job refused before it ran (nothing to read); why, in both languages."""
        job.message = message
        job.state = State.FAILED

    def _work(self, job: Job, spec: JobSpec) -> None:
        from phbs.web.jobs import Cancelled

        try:
            job.result = run(spec, job, self.listener)
        except Cancelled:
            job.result = None
            job.state = State.CANCELLED
        except PhbsError as error:
            job.result = None
            job.message = error_line(error, job)
            job.state = State.FAILED
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            job.result = None
            job.message = {
                lang: t("web.internal", lang, error=type(error).__name__, version=__version__)
                for lang in BOTH
            }
            job.state = State.FAILED
        else:
            job.state = State.DONE

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel every running job and wait for its thread, then remove the folders."""
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.cancel.set()
        for job in jobs:
            if job.thread is not None:
                job.thread.join(timeout)
        shutil.rmtree(self.root, ignore_errors=True)
