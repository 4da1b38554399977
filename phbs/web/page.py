"""The page of ``phbs web``: templates from the repository's ``reports/web/`` (found as the
report's templates are, :func:`phbs.resources.resource_dir`) and what they show, computed
here so the template only lays it out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from phbs.contest.rubric_loading import bundled_rubrics, load_rubric
from phbs.forms.loading import bundled_forms, load_form
from phbs.i18n import Lang, fmt_int, t
from phbs.ingest.settings import AnswerScheme, BlankMeaning
from phbs.reports.ranking import ranking_cells
from phbs.reports.text import area_cells
from phbs.resources import resource_dir
from phbs.scoring.household import AreaLevel
from phbs.web.worker import shown

if TYPE_CHECKING:
    from phbs.web.jobs import IssueGroup, JobResult


def web_dir() -> Path:
    """The folder of the page's templates; its ``static`` folder holds the CSS and script."""
    return resource_dir("reports") / "web"


def environment() -> jinja2.Environment:
    """Templates with autoescape on and undefined names an error."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(web_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def texts(lang: Lang) -> Callable[..., str]:
    """``T(key, **values)`` for the templates: the catalogue in the page's language."""

    def said(key: str, **values: object) -> str:
        return t(key, lang, **values)

    return said


@dataclass(frozen=True)
class Choice:
    """One option of a select: its value, its text, whether it is chosen."""

    value: str
    label: str
    selected: bool = False


def form_choices(lang: Lang) -> dict[str, list[Choice]]:
    """The selects of the upload form: bundled forms and rubrics, levels, reading choices."""
    en = lang == "en"
    forms = []
    for name in bundled_forms():
        form = load_form(name).form
        title = form.title_en if en else form.title
        forms.append(Choice(name, f"{name} — {title}", name == "kemenkes-rt-10"))
    rubrics = [Choice("", t("web.rubric.none", lang), True)]
    for name in bundled_rubrics():
        rubric = load_rubric(name).rubric
        rubrics.append(Choice(name, f"{name} — {rubric.title_en if en else rubric.title}"))
    levels = [
        Choice(level.value, t(f"level.{level.value}", lang), level is AreaLevel.DESA)
        for level in AreaLevel
    ]
    answers = [Choice(a.value, a.value, a is AnswerScheme.AUTO) for a in AnswerScheme]
    blanks = [Choice(b.value, b.value, b is BlankMeaning.AUTO) for b in BlankMeaning]
    return {
        "forms": forms,
        "rubrics": rubrics,
        "levels": levels,
        "answers": answers,
        "blanks": blanks,
    }


@dataclass(frozen=True)
class Grid:
    """A table as the page draws it: headers, rows, the columns aligned right and whether
    the last row is a total row."""

    id: str
    headers: list[str]
    rows: list[list[str]]
    right: frozenset[int]
    total: bool


@dataclass(frozen=True)
class Link:
    """A download: its name (in the address) and its label."""

    name: str
    label: str


def result_view(result: JobResult, lang: Lang, folder: Path) -> dict[str, Any]:
    """What the job page shows of a finished job, in the language the job ran in; file
    names without the job's ``folder``."""
    headers, rows, right = area_cells(result.areas, lang)
    report = result.areas
    small = any(a.sampel_kurang and a.jumlah_rumah_tangga is not None for a in report.wilayah)
    areas = Grid("tabel-wilayah", headers, rows, frozenset(right), True)
    ranking = None
    if result.ranking is not None:
        headers, rows, right = ranking_cells(result.ranking, lang)
        ranking = Grid("tabel-peringkat", headers, rows, frozenset(right), False)
    return {
        "reading": [shown(line, folder) for line in result.reading],
        "reconciliation": result.reconciliation,
        "issue_line": result.issue_line,
        "issues": [issue_row(group, lang, folder) for group in result.issues],
        "footnote": f"* {t('sampel_kurang', lang)}" if small else "",
        "level": t(f"level.{result.areas.tingkat.value}", lang),
        "areas": areas,
        "ranking": ranking,
        "downloads": [Link(d.name, d.label(lang)) for d in result.downloads],
        "total": len(result.downloads) + len(result.pending),
    }


def issue_row(group: IssueGroup, lang: Lang, folder: Path) -> dict[str, Any]:
    """One issue code's row: count, severity, code, title and the first examples, each as
    ``phbs validate`` lists it (``file:row  message``)."""
    return {
        "count": fmt_int(group.count, lang),
        "severity": t(f"report.severity.{group.severity}", lang),
        "severity_class": group.severity,
        "code": group.code,
        "title": group.title,
        "examples": [
            (e.file if e.row is None else f"{e.file}:{e.row}", shown(e.message, folder))
            for e in group.examples
        ],
    }
