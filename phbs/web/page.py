"""The page of ``phbs web``: templates from the repository's ``reports/web/`` (found as the
report's templates are, :func:`phbs.resources.resource_dir`) and what they show, computed
here so the template only lays it out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from phbs.contest.rubric import Method
from phbs.contest.rubric_loading import bundled_rubrics, load_rubric
from phbs.forms.loading import bundled_forms, load_form
from phbs.forms.model import NaPolicy
from phbs.i18n import Lang, fmt_decimal, fmt_int, t
from phbs.ingest.settings import AnswerScheme, BlankMeaning
from phbs.reports.denominators import ci_note, denominator_notes
from phbs.reports.ranking import ranking_cells
from phbs.reports.text import area_cells
from phbs.reports.trends_text import (
    counts_line,
    improvement_parts,
    statements,
    trends_cells,
)
from phbs.reports.uncertainty import uncertainty_cells, uncertainty_notes
from phbs.resources import resource_dir
from phbs.scoring.household import AreaLevel
from phbs.stats import CiMethod
from phbs.web.worker import shown

if TYPE_CHECKING:
    from phbs.web.jobs import IssueGroup, JobResult


def web_dir() -> Path:
    """The folder of the page's templates; its ``static`` folder holds the CSS and script."""
    return resource_dir("reports") / "web"


def report_script() -> Path:
    """The HTML report's script (``reports/static/laporan.js``): the page's tables sort
    with it, by the same ``data-sort`` values and header buttons as the report's."""
    return resource_dir("reports") / "static" / "laporan.js"


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


#: The confidence levels the page offers (``--confidence``).
CONFIDENCE = ("0.9", "0.95", "0.99")


@dataclass(frozen=True)
class Choice:
    """One option of a select: its value, its text, whether it is chosen."""

    value: str
    label: str
    selected: bool = False


def form_choices(lang: Lang) -> dict[str, list[Choice]]:
    """The selects of the upload form: bundled forms and rubrics, levels, reading choices,
    the ranking methods and the not-applicable policies (blank: the rubric's, the form's)."""
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
    answers = [
        Choice(a.value, t(f"web.answers.{a.value}", lang), a is AnswerScheme.AUTO)
        for a in AnswerScheme
    ]
    blanks = [
        Choice(b.value, t(f"web.blank.{b.value}", lang), b is BlankMeaning.AUTO)
        for b in BlankMeaning
    ]
    methods = [Choice("", t("web.method.rubric", lang), True)]
    methods += [Choice(m.value, t(f"web.method.{m.value}", lang)) for m in Method]
    policies = [Choice("", t("web.na_policy.form", lang), True)]
    policies += [Choice(p.value, t(f"web.na_policy.{p.value}", lang)) for p in NaPolicy]
    intervals = [
        Choice(m.value, t(f"web.ci_method.{m.value}", lang), m is CiMethod.WILSON) for m in CiMethod
    ]
    levels_ci = [
        Choice(v, f"{v.replace('.', ',') if lang == 'id' else v}", v == "0.95") for v in CONFIDENCE
    ]
    return {
        "forms": forms,
        "rubrics": rubrics,
        "ci_methods": intervals,
        "confidences": levels_ci,
        "methods": methods,
        "na_policies": policies,
        "levels": levels,
        "answers": answers,
        "blanks": blanks,
    }


_NUMBER = re.compile(r"[-\u2212]?\d[\d.,]*")


def sort_key(text: str, numeric: bool, lang: Lang) -> str:
    """What a cell sorts by, the ``data-sort`` the report's table script reads
    (``reports/static/laporan.js``): in a number column the cell's first number written
    plainly, thousands dropped and the decimal comma (Indonesian) or point (English) made a
    point; blank when it has none (the script puts blanks last in either direction). In a
    text column the text, case folded (the script compares it in the page's language).

    >>> sort_key("1.234", True, "id"), sort_key("61,5 %", True, "id")
    ('1234', '61.5')
    >>> sort_key("45,1–60,2", True, "id"), sort_key("1,234.5", True, "en")
    ('45.1', '1234.5')
    >>> sort_key("–", True, "id"), sort_key("", True, "en"), sort_key(" Sungai Loban ", False, "id")
    ('', '', 'sungai loban')
    """
    if not numeric:
        return text.strip().casefold()
    found = _NUMBER.search(text)
    if found is None:
        return ""
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    number = found.group().replace("\u2212", "-").rstrip(".,")
    return number.replace(thousands, "").replace(decimal, ".")


@dataclass(frozen=True)
class Cell:
    """A cell of a table on the page: its text and what it sorts by."""

    text: str
    sort: str


@dataclass(frozen=True)
class Grid:
    """A table as the page draws it: headers, rows, the columns aligned right (numbers)
    and the total row (under the rows, not sorted with them), if any."""

    id: str
    headers: list[str]
    rows: list[list[Cell]]
    right: frozenset[int]
    total: list[Cell] | None


def grid(
    id: str, cells: tuple[list[str], list[list[str]], set[int]], lang: Lang, total: bool
) -> Grid:
    """The :class:`Grid` of a table's ``cells`` (headers, rows, columns aligned right);
    with ``total``, the last row is the total row."""
    headers, rows, right = cells
    sorted_rows = [
        [Cell(text, sort_key(text, i in right, lang)) for i, text in enumerate(row)] for row in rows
    ]
    last = sorted_rows.pop() if total and sorted_rows else None
    return Grid(id, headers, sorted_rows, frozenset(right), last)


@dataclass(frozen=True)
class Link:
    """A download: its name (in the address) and its label."""

    name: str
    label: str


def result_view(result: JobResult, lang: Lang, folder: Path) -> dict[str, Any]:
    """What the job page shows of a finished job, in the page's language ``lang`` whichever
    the job ran in (a note says when its files are in the other one); file names without
    the job's ``folder``."""
    report = result.areas
    said = result.said[lang]
    small = any(a.sampel_kurang and a.jumlah_rumah_tangga is not None for a in report.wilayah)
    totals = any(a.jumlah_rumah_tangga is not None for a in report.wilayah)
    areas = grid("tabel-wilayah", area_cells(report, lang), lang, True)
    ranking = sureness = None
    notes: list[str] = []
    if result.ranking is not None:
        ranking = grid("tabel-peringkat", ranking_cells(result.ranking, lang), lang, False)
        found = result.uncertainty
        if found is not None:  # what phbs rank --bootstrap … prints under its ranking
            cells = uncertainty_cells(result.ranking, found, lang)
            sureness = grid("tabel-kepastian", cells, lang, False)
            notes = uncertainty_notes(found, lang)
    files_lang = "" if lang == result.lang else t(f"web.files_lang.{result.lang}", lang)
    weights: dict[str, Any] | None = None
    if result.weights is not None:  # what phbs rubric ahp prints
        ahp_weights = result.weights
        headers = [t(f"rubric.ahp.col.{k}", lang) for k in ("item", "weight", "rubric")]
        rows = [
            [label, fmt_decimal(ahp, lang, 4), fmt_decimal(new, lang, 4, trim=True)]
            for label, ahp, new in ahp_weights.rows
        ]
        weights = {
            "table": grid("tabel-ahp", (headers, rows, {1, 2}), lang, False),
            "notes": ahp_weights.said[lang],
        }
    change: dict[str, Any] | None = None
    if result.trends is not None:  # what phbs compare prints for the last pair of rounds
        trends, pair = result.trends, len(result.trends.perbandingan) - 1
        first, last = trends.perbandingan[pair]
        change = {
            "title": t("web.change", lang, first=first, last=last),
            "table": grid(
                "tabel-perubahan", trends_cells(trends, pair, lang, width=None), lang, False
            ),
            "counts": counts_line(trends, pair, lang),
            "notes": statements(trends, pair, lang),
            "improvement": _improvement(result, lang),
        }
    return {
        "reading": [shown(line, folder) for line in said.reading],
        "reconciliation": said.reconciliation,
        "issue_line": said.issue_line,
        "issues": [issue_row(group, lang, folder) for group in said.issues],
        "footnote": f"* {t('sampel_kurang', lang)}" if small else "",
        # The lines phbs score prints under its table: how % ber-PHBS and the intervals are
        # worked out.
        "notes": [
            *denominator_notes(report, lang),
            ci_note(report.metode_ci.value, report.tingkat_kepercayaan, totals, lang),
        ],
        "level": t(f"level.{report.tingkat.value}", lang),
        "areas": areas,
        "ranking": ranking,
        "sureness": sureness,
        "sureness_notes": notes,
        "change": change,
        "weights": weights,
        "downloads": [Link(d.name, d.label(lang)) for d in result.downloads],
        "total": len(result.downloads) + len(result.pending),
        "files_lang": files_lang,
        "skipped": ", ".join(f"{t(f'job.download.{n}', lang)} ({n})" for n in result.skipped),
    }


def _improvement(result: JobResult, lang: Lang) -> dict[str, Any] | None:
    """Who improved most, as ``phbs compare`` prints it (title, table, the villages that
    cannot be told apart), or why it cannot be said; None when not asked (not by village)."""
    found = result.improvement
    if found is not None and found.desa:
        title, cells, note = improvement_parts(found, lang, width=None)
        return {"title": title, "table": grid("tabel-meningkat", cells, lang, False), "note": note}
    if result.no_improvement:
        reason = result.no_improvement[lang]
        return {
            "title": t("trends.improvement.none", lang, reason=reason),
            "table": None,
            "note": "",
        }
    return None


#: The order of the issues table's severity column when sorted (errors first).
SEVERITY_ORDER = {"error": "1", "warning": "2", "info": "3"}


def issue_row(group: IssueGroup, lang: Lang, folder: Path) -> dict[str, Any]:
    """One issue code's row: count, severity, code, title and the first examples, each as
    ``phbs validate`` lists it (``file:row  message``)."""
    return {
        "count": fmt_int(group.count, lang),
        "count_sort": str(group.count),
        "severity": t(f"report.severity.{group.severity}", lang),
        "severity_sort": SEVERITY_ORDER.get(group.severity, ""),
        "severity_class": group.severity,
        "code": group.code,
        "title": group.title,
        "examples": [
            (e.file if e.row is None else f"{e.file}:{e.row}", shown(e.message, folder))
            for e in group.examples
        ],
    }
