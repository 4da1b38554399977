"""One job of the local page: the survey files read and scored once, and everything the page
offers written into the job's folder under fixed names.

:func:`run_job` makes the library calls of ``phbs score`` (``-o ringkasan.csv``,
``-o ringkasan.json``, ``--households``, ``--rejects``), ``phbs report`` (``--xlsx``,
``--html`` and, with a rubric, ``--minutes``), ``phbs validate -o masalah.xlsx`` and, with a
rubric, ``phbs rank -o peringkat.csv``: the same numbers as the command line, no rule of its
own. Pure Python: nothing of the web stack is imported here.

A :class:`~phbs.errors.PhbsError` propagates (its one-line message is the command line's
``Galat: …``); so does :class:`Cancelled` while the survey is read. Either way no output
of the job is left in its folder: each file is written atomically, and those written before
the failure are removed. A cancel once the tables are shown keeps them and the files
written so far (:attr:`JobResult.skipped` names the others).
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from phbs.contest.assessment import Uncertainty
from phbs.contest.improvement import Improvement
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import load_rubric
from phbs.contest.run import ContestFiles, run_contest, survey_records
from phbs.errors import SettingsError
from phbs.forms.loading import load_form
from phbs.i18n import Lang, t
from phbs.ingest.file_names import named_files
from phbs.ingest.publishable import check_publishable
from phbs.ingest.survey import IdScope, Survey
from phbs.ingest.villages import read_villages
from phbs.issues import Issue, group_by_code
from phbs.outputs import check_run_files
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.text import issue_counts_line, reading_lines, reconciliation_line
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore, score_survey
from phbs.scoring.summary import AreaReport, summarise
from phbs.stats import CiMethod
from phbs.trends.models import Trends
from phbs.web.rounds import change_of, read_earlier
from phbs.web.spec import JobSpec, choice, inputs, na_policy, reading, upload_names
from phbs.web.weights import AHP_RUBRIC, AhpWeights, weigh
from phbs.web.writing import Outputs, output_steps

#: Issues shown under each code of :attr:`JobResult.issues` (``phbs validate`` shows 3).
EXAMPLES = 3

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Every file a job may write, with its media type, in the order the page lists them.
MEDIA_TYPES: dict[str, str] = {
    "laporan.xlsx": _XLSX,
    "laporan.html": "text/html; charset=utf-8",
    "berita-acara.html": "text/html; charset=utf-8",
    "ringkasan.csv": "text/csv; charset=utf-8",
    "ringkasan.json": "application/json",
    "rumah-tangga.csv": "text/csv; charset=utf-8",
    "disisihkan.csv": "text/csv; charset=utf-8",
    "masalah.xlsx": _XLSX,
    "peringkat.csv": "text/csv; charset=utf-8",
    "perubahan.csv": "text/csv; charset=utf-8",
    AHP_RUBRIC: "application/yaml",
}


class Cancelled(Exception):
    """The job was cancelled (its ``cancel`` event set): raised from the reading's progress
    callback, between two outputs or while the report's long tables are written."""


@dataclass(frozen=True)
class Download:
    """A file the job wrote into its folder: ``name`` is the fixed file name (the only names
    the page serves), ``path`` where it is, the label in both languages."""

    name: str
    path: Path
    label_id: str
    label_en: str
    media_type: str

    def label(self, lang: Lang) -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class IssueExample:
    """One issue as the page lists it: the file's name (without the job's folder), the row
    a spreadsheet shows (None for the whole file), the column and the message."""

    file: str
    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class IssueGroup:
    """The issues of one code (docs/aturan.md §8.1), as ``phbs validate`` groups them:
    ``title`` in the job's language, ``count`` of them, the first few in ``examples``."""

    code: str
    severity: str
    title: str
    count: int
    examples: tuple[IssueExample, ...]


@dataclass(frozen=True)
class Said:
    """What the page says of a job's survey in one language: how the files were read, the
    reconciliation, the issue counts (the line ``phbs report`` prints) and the issues by
    code."""

    reading: list[str]
    reconciliation: str
    issue_line: str
    issues: list[IssueGroup]


@dataclass(frozen=True)
class JobResult:
    """What the job page shows: what it says of the survey in both languages (``said``, so
    the page can switch language after the job ran), the table of areas (``phbs score``'s),
    the ranking (with a rubric), both drawn in the page's language, and the files written
    (in the job's language, ``lang``)."""

    said: dict[Lang, Said]
    areas: AreaReport
    ranking: Ranking | None
    downloads: list[Download]
    #: The files still being written (the page shows the table before they are all there).
    pending: tuple[str, ...] = ()
    #: The language the job ran in: that of its files.
    lang: Lang = "id"
    #: The files not written because the job was cancelled after its tables were shown.
    skipped: tuple[str, ...] = ()
    #: How sure the ranking is, when the job asked (``--bootstrap``, ``--shrink`` …).
    uncertainty: Uncertainty | None = None
    #: The comparison with the earlier round, when one was given (``--baseline``), and
    #: who improved most (or why that cannot be said).
    trends: Trends | None = None
    improvement: Improvement | None = None
    no_improvement: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The AHP weights the rubric was ranked with, when a matrix was given.
    weights: AhpWeights | None = None


def issue_groups(issues: list[Issue], lang: Lang, examples: int = EXAMPLES) -> list[IssueGroup]:
    """The issues by code, most frequent first (:func:`phbs.issues.group_by_code`), with the
    first ``examples`` of each."""
    return [
        IssueGroup(
            code=kind.code,
            severity=kind.severity.value,
            title=kind.title_en if lang == "en" else kind.title_id,
            count=len(group),
            examples=tuple(
                IssueExample(Path(i.file).name, i.row, i.column, i.message(lang))
                for i in group[:examples]
            ),
        )
        for kind, group in group_by_code(issues)
    ]


class _Watch:
    """The reading's progress callback: reports the rows read, stops a cancelled job."""

    def __init__(
        self, progress: Callable[[int], None] | None, cancel: threading.Event | None
    ) -> None:
        self.progress = progress
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled

    def __call__(self, rows: int) -> None:
        self.check()
        if self.progress is not None:
            self.progress(rows)


def run_job(
    spec: JobSpec,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
    on_ready: Callable[[JobResult], None] | None = None,
) -> JobResult:
    """Read, score and report the survey of ``spec`` into ``spec.folder``.

    ``progress`` is called with the rows read so far while the survey is read;
    ``cancel``, once set while the survey is read, stops the job with :class:`Cancelled`
    (nothing written); once the tables are shown, it stops the files still to come (before
    the next one or while one is written) and the result keeps those written, the others
    in ``skipped``. ``on_ready``, if given, is called once the survey is scored and
    summarised (and ranked; the dusun recap waits for the report), with a result whose
    ``downloads`` is still empty and whose ``pending`` names every file to come, then again
    each time one more file is written (the small files first, the households CSV and the
    workbook last); the last call has every download and nothing pending, as the result
    returned. Heads' names and KK numbers are written only with ``spec.include_names``
    (as ``--include-names``). Files are named as uploaded (:func:`upload_names`).
    """
    with named_files(upload_names(spec)):
        return _run(spec, _Watch(progress, cancel), on_ready)


def _run(spec: JobSpec, watch: _Watch, on_ready: Callable[[JobResult], None] | None) -> JobResult:
    watch.check()
    if not spec.survey:
        raise SettingsError("Pilih berkas survei", "Choose the survey files")
    level = AreaLevel(choice(AreaLevel, spec.level, "level"))
    form, settings, maps = reading(spec)
    paths = {name: spec.folder / name for name in MEDIA_TYPES}
    check_run_files(paths, inputs(spec))
    if spec.rubric is None and spec.ahp is not None:
        raise SettingsError(t("web.ahp.needs_rubric", "id"), t("web.ahp.needs_rubric", "en"))
    if spec.rubric is None and spec.asks_contest():
        raise SettingsError(t("report.cli.needs_rubric", "id"), t("report.cli.needs_rubric", "en"))
    rubric = load_rubric(spec.rubric) if spec.rubric is not None else None
    # The matrix is read and checked now; the rubric with its weights is written with the
    # job's files (phbs rubric ahp --write-into, then phbs rank --rubric with it).
    weights = weigh(spec.ahp, rubric, spec.ahp_force) if spec.ahp and rubric else None
    totals = read_villages(spec.villages) if spec.villages else None
    # The earlier round is read first: when it cannot be read, nothing is written.
    earlier = read_earlier(spec, form, (settings, maps), totals, watch)
    # The rank bootstrap resamples households, so they are kept in memory (phbs report).
    result = score_survey(
        spec.survey,
        load_form(form),
        in_memory=rubric is not None and bool(spec.uncertainty.bootstrap),
        sheet=spec.sheet,
        id_scope=IdScope.DESA if spec.id_per_desa else IdScope.SURVEI,
        na_policy=na_policy(spec),
        settings=settings,
        progress=watch,
        mapping=maps,
    )
    written: list[Path] = []
    try:
        watch.check()
        if weights is not None and rubric is not None:
            weights.write(rubric, paths[AHP_RUBRIC], inputs(spec))
            written.append(paths[AHP_RUBRIC])
            rubric = load_rubric(paths[AHP_RUBRIC])
        survey = result.survey
        check_publishable(survey)
        report = summarise(
            result,
            by=level,
            villages=totals,
            ci_method=choice(CiMethod, spec.ci_method, "ci_method"),
            confidence=spec.confidence,
        )
        ranking, found, change = None, None, None
        by_village = report
        if level is not AreaLevel.DESA and (rubric is not None or earlier is not None):
            by_village = summarise(
                result,
                by=AreaLevel.DESA,
                villages=totals,
                ci_method=report.metode_ci,
                confidence=report.tingkat_kepercayaan,
            )
        if earlier is not None:
            ranked = rubric is not None
            change = change_of(earlier, result, by_village, level.value, ranked, spec.survey)
        if rubric is not None:
            measures = change.measures if change is not None else None
            run = run_contest(
                rubric,
                measures or by_village,
                by_village,
                ContestFiles(spec.judges, spec.attributes, spec.overrides),
                [*survey_records(survey.files, totals), *(change.records if change else [])],
                method=spec.method,
                rank_incomplete=spec.rank_incomplete,
                uncertainty=spec.uncertainty,
                households=result if isinstance(result, ScoreResult) else None,
            )
            ranking, found = run.ranking, run.uncertainty
            watch.check()
        options = ReportOptions(
            spec.lang,
            title=spec.title,
            target=spec.target,
            ranking=ranking,
            rubric=rubric,
            include_names=spec.include_names,
            villages=totals,
            uncertainty=found,
            minutes=spec.minutes,
            trends=change.trends if change is not None else None,
            dusun=False,
        )
        content = build_content(result, report, options)
        outputs = Outputs(
            result,
            report,
            content,
            ranking,
            totals,
            spec.lang,
            spec.survey,
            inputs(spec),
            spec.include_names,
            spec.csv_format,
            households_sheet_rows=spec.households_sheet_rows,
            uncertainty=found,
            trends=change.trends if change is not None else None,
        )
        steps = output_steps(outputs, watch.check)
        ready = JobResult(
            said={
                "id": _said(survey, content.issues, "id"),
                "en": _said(survey, content.issues, "en"),
            },
            areas=report,
            ranking=ranking,
            uncertainty=found,
            trends=change.trends if change is not None else None,
            improvement=change.improvement if change is not None else None,
            no_improvement=change.no_improvement if change is not None else {},
            weights=weights,
            downloads=[_download(p) for p in written],
            pending=_listed(name for name, _write in steps),
            lang=spec.lang,
        )
        if on_ready is not None:
            on_ready(ready)
        for name, write in steps:
            try:
                watch.check()
                write(paths[name])
            except Cancelled:  # the tables are shown: they stay, with the files written
                ready = dataclasses.replace(ready, pending=(), skipped=ready.pending)
                if on_ready is not None:
                    on_ready(ready)
                return ready
            written.append(paths[name])
            ready = _with(ready, written, paths[name])
            if on_ready is not None:
                on_ready(ready)
    except BaseException:
        for path in written:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise
    finally:
        if isinstance(result, StreamedScore):
            result.close()
    return ready


def _said(survey: Survey, issues: list[Issue], lang: Lang) -> Said:
    """What the page says of ``survey`` in ``lang``; ``issues`` are the report's (those of
    the survey's files and of the other files read)."""
    return Said(
        reading=reading_lines(survey, lang),
        reconciliation=reconciliation_line(survey, lang),
        issue_line=issue_counts_line(issues, lang, len(survey.issues)),
        issues=issue_groups(issues, lang),
    )


def _listed(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` in the order the page lists the files (that of :data:`MEDIA_TYPES`)."""
    order = list(MEDIA_TYPES)
    return tuple(sorted(names, key=order.index))


def _with(ready: JobResult, written: list[Path], path: Path) -> JobResult:
    """``ready`` with the files ``written`` so far as its downloads, ``path`` no longer
    pending."""
    by_name = {p.name: p for p in written}
    return dataclasses.replace(
        ready,
        downloads=[_download(by_name[name]) for name in _listed(by_name)],
        pending=tuple(name for name in ready.pending if name != path.name),
    )


def _download(path: Path) -> Download:
    key = f"job.download.{path.name}"
    return Download(path.name, path, t(key, "id"), t(key, "en"), MEDIA_TYPES[path.name])
