"""Ranking outputs: the CSV and JSON files of ``phbs rank`` and the terminal table.

CSV columns, in order: ``peringkat, kode_desa, nama_desa, total, persen_maksimum, predikat``,
``subtotal_<group>`` for each group, ``<criterion>`` for each criterion (its 0–100 score),
``catatan``. The JSON has the same rows plus the rubric, the settings, judges' agreement,
overrides and every issue. Numbers are written at full precision; rounding is for display,
and for the spreadsheet CSV (:func:`ranking_decimals`). Files are written atomically
(:mod:`phbs.outputs`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from phbs.contest.models import Agreement, Ranking, VillageResult, VillageStatus
from phbs.contest.rubric import Method
from phbs.i18n import LABELS, Lang, fmt_decimal, t
from phbs.issues import Issue
from phbs.outputs import CsvFormat, atomic_csv, atomic_text
from phbs.reports.contest import (
    ContestView,
    change_text,
    contest_view,
    published_number,
    shown_percent,
    shrink_text,
)
from phbs.reports.text import format_table

NOTE_SEPARATOR = " | "


def ranking_columns(ranking: Ranking) -> list[str]:
    """The CSV columns of ``ranking``, in order."""
    groups = list(dict.fromkeys(ranking.kelompok.values()))
    return [
        "peringkat",
        "kode_desa",
        "nama_desa",
        "total",
        "persen_maksimum",
        "predikat",
        *(f"subtotal_{g}" for g in groups),
        *ranking.bobot,
        *(CHANGE_COLUMNS if ranking.perubahan else ()),
        "catatan",
    ]


#: Columns of a ranking that scores the change between rounds (docs/aturan.md §7.2): the
#: village's change in percentage points and the rounds it is between (``2024 → terkini``).
CHANGE_COLUMNS = ("perubahan_persen_ber_phbs", "perubahan_putaran")


def ranking_row(
    village: VillageResult, lang: Lang = "id", ranking: Ranking | None = None
) -> dict[str, Any]:
    """One village as a flat dictionary keyed like :func:`ranking_columns` (the change
    columns need ``ranking``)."""
    row: dict[str, Any] = {
        "peringkat": village.peringkat,
        "kode_desa": village.kode_desa,
        "nama_desa": village.nama_desa,
        "total": village.total,
        "persen_maksimum": village.persen_maksimum,
        "predikat": village.predikat_en if lang == "en" else village.predikat,
    }
    row.update({f"subtotal_{g}": value for g, value in village.subtotal.items()})
    row.update({c: result.nilai for c, result in village.kriteria.items()})
    record = ranking.perubahan if ranking is not None else None
    if record is not None:
        row["perubahan_persen_ber_phbs"] = record.nilai.get(village.kode_desa)
        row["perubahan_putaran"] = f"{record.dari} → {record.ke}"
    notes = village.catatan_en if lang == "en" else village.catatan
    row["catatan"] = NOTE_SEPARATOR.join(notes)
    return row


def ranking_decimals(ranking: Ranking, column: str) -> int | None:
    """Places of ``column`` of the ranking CSV in the spreadsheet CSV, as the reports show
    it: scores, subtotals and % of maximum to the rubric's ``decimals`` (a TOPSIS total, a
    closeness 0–1, to 4); the survey percentages and their bounds, and the change between
    rounds, to 1; median ranks to 1;
    probabilities to 2. None for whole numbers.

    >>> from phbs.demo.contest import sample_ranking
    >>> ranking = sample_ranking()
    >>> [ranking_decimals(ranking, c) for c in ("total", "persen_maksimum", "peringkat")]
    [2, 2, None]
    >>> [ranking_decimals(ranking, c) for c in ("p_pertama", "persen_ber_phbs_bawah")]
    [2, 1]
    """
    if column == "total":
        return 4 if ranking.metode is Method.TOPSIS else ranking.desimal
    if column in ("persen_maksimum", *ranking.bobot) or column.startswith("subtotal_"):
        return ranking.desimal
    if column.startswith("persen_ber_phbs_") or column == "perubahan_persen_ber_phbs":
        return 1
    if column == "peringkat_median":
        return 1
    if column.startswith("p_"):
        return 2
    return None


def _paths(inputs: Iterable[str | Path], ranking: Ranking) -> list[str | Path]:
    return [*inputs, *(record.berkas for record in ranking.masukan)]


def write_ranking_csv(
    ranking: Ranking,
    path: str | Path,
    lang: Lang = "id",
    inputs: Iterable[str | Path] = (),
    extra: tuple[list[str], dict[str, dict[str, Any]]] | None = None,
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> None:
    """Write the ranking table, as a machine or spreadsheet CSV (``csv_format``); ``inputs``
    (and the ranking's own inputs) are never overwritten.

    ``extra`` = (columns, cells per village code) appends columns after ``catatan`` (the
    uncertainty columns of :mod:`phbs.reports.uncertainty`).
    """
    more, cells = extra if extra is not None else ([], {})
    columns = ranking_columns(ranking) + more
    places = [ranking_decimals(ranking, c) for c in columns]
    with atomic_csv(path, _paths(inputs, ranking), csv_format, places) as table:
        table.write(columns)
        for village in ranking.desa:
            row = {**ranking_row(village, lang, ranking), **cells.get(village.kode_desa, {})}
            if csv_format is CsvFormat.SPREADSHEET:
                row = _as_shown(row, ranking)
            table.write([row.get(c) for c in columns])


def _as_shown(row: dict[str, Any], ranking: Ranking) -> dict[str, Any]:
    """A row's scores as the reports show them (docs/aturan.md §7.1, §7.5): total, subtotals
    and criterion scores rounded half up, the % of maximum cut down, so 79.996 % (Cukup) is
    79,99."""
    shown = dict(row)
    for column, value in row.items():
        if column == "persen_maksimum":
            shown[column] = shown_percent(value, ranking.desimal)
        elif column == "total" or column.startswith("subtotal_") or column in ranking.bobot:
            places = ranking_decimals(ranking, column)
            shown[column] = value if places is None else published_number(value, places)
    return shown


def ranking_document(
    ranking: Ranking,
    lang: Lang = "id",
    extra_issues: Sequence[Issue] = (),
    uncertainty: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON document: rubric, settings, inputs, rows, agreement, overrides, issues."""
    from phbs.version import __version__

    rows = []
    for village in ranking.desa:
        row = ranking_row(village, lang, ranking)
        row.update(
            status=village.status.value,
            diputus_oleh=village.diputus_oleh,
            catatan_id=village.catatan,
            catatan_en=village.catatan_en,
            rincian={c: r.model_dump(mode="json") for c, r in village.kriteria.items()},
        )
        rows.append(row)
    rubric_file = next((r.berkas for r in ranking.masukan if r.peran == "rubrik"), "")
    return {
        "alat": {"nama": "phbs", "versi": __version__},
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rubrik": {
            "id": ranking.rubrik_id,
            "versi": ranking.rubrik_versi,
            "judul": ranking.rubrik_judul,
            "edisi": ranking.rubrik_edisi,
            "berkas": rubric_file,
            "sha256": ranking.rubrik_sha256,
        },
        "pengaturan": {
            "metode": ranking.metode.value,
            "agregasi_juri": ranking.agregasi_juri.value,
            "desimal": ranking.desimal,
            "persen_dibulatkan": ranking.persen_dibulatkan,
            "peringkat_tidak_lengkap": ranking.peringkat_tidak_lengkap,
            "nilai_maksimum": ranking.nilai_maksimum,
            "bobot": ranking.bobot,
            "kelompok": ranking.kelompok,
            "penentu_seri": ranking.penentu_seri,
            "perubahan": (
                ranking.perubahan.model_dump(mode="json", exclude={"nilai"})
                if ranking.perubahan
                else None
            ),
            "bahasa": lang,
        },
        "berkas_masukan": [r.model_dump(mode="json", exclude_none=True) for r in ranking.masukan],
        "kolom": ranking_columns(ranking),
        "peringkat": rows,
        "kesepakatan_juri": [a.model_dump(mode="json") for a in ranking.kesepakatan],
        "koreksi": [o.model_dump(mode="json") for o in ranking.koreksi],
        "masalah": [i.record() for i in [*extra_issues, *ranking.masalah]],
        **({"ketidakpastian": uncertainty} if uncertainty is not None else {}),
    }


def write_ranking_json(
    ranking: Ranking,
    path: str | Path,
    lang: Lang = "id",
    inputs: Iterable[str | Path] = (),
    extra_issues: Sequence[Issue] = (),
    uncertainty: dict[str, Any] | None = None,
) -> None:
    """Write :func:`ranking_document`; ``extra_issues`` (e.g. the survey's) come first."""
    document = ranking_document(ranking, lang, extra_issues, uncertainty)
    with atomic_text(path, _paths(inputs, ranking)) as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2, allow_nan=False)
        handle.write("\n")


def _number(value: float | None, decimals: int, lang: Lang) -> str:
    return fmt_decimal(value, lang, decimals)


def ranking_table(ranking: Ranking, lang: Lang = "id", view: ContestView | None = None) -> str:
    """The ranking for the terminal: rank, village, total, % of maximum, label, subtotals
    (headed by the groups' names when the rubric is at hand, ``view``, else found from the
    ranking); numbers as ``lang`` writes them (``4.361,84`` in Indonesian)."""
    headers, rows, right = ranking_cells(ranking, lang, view, width=28)
    return format_table(headers, rows, right)


def ranking_cells(
    ranking: Ranking,
    lang: Lang = "id",
    view: ContestView | None = None,
    *,
    width: int | None = None,
) -> tuple[list[str], list[list[str]], set[int]]:
    """The cells of :func:`ranking_table`: headers, rows and the columns aligned right
    (names cut to ``width`` characters when given)."""
    cut = slice(None) if width is None else slice(width)
    names = dict((view or contest_view(ranking, lang)).groups)
    groups = list(dict.fromkeys(ranking.kelompok.values()))
    decimals = 4 if ranking.metode is Method.TOPSIS else ranking.desimal
    headers = [
        t("rank.col.rank", lang),
        t("kode", lang),
        t("nama", lang),
        t("total", lang),
        t("rank.col.percent", lang),
        t("rank.col.label", lang),
        *(names.get(g, g) for g in groups),
        t("rank.col.status", lang),
    ]
    rows = []
    for village in ranking.desa:
        status = (
            ""
            if village.status is VillageStatus.RANKED
            else t(f"rank.status.{village.status.value}", lang)
        )
        rows.append(
            [
                "" if village.peringkat is None else str(village.peringkat),
                village.kode_desa,
                village.nama_desa[cut],
                _number(published_number(village.total, decimals), decimals, lang),
                _number(
                    shown_percent(village.persen_maksimum, ranking.desimal), ranking.desimal, lang
                ),
                (village.predikat_en if lang == "en" else village.predikat) or "–",
                *(
                    _number(
                        published_number(village.subtotal.get(g), ranking.desimal),
                        ranking.desimal,
                        lang,
                    )
                    for g in groups
                ),
                status,
            ]
        )
    return headers, rows, {0, 3, 4, *range(6, 6 + len(groups))}


def settings_line(ranking: Ranking, lang: Lang = "id") -> str:
    """Method, how judges' scores are combined, the tie decimals and the tie-breakers, in
    words (the line under the terminal title), and a second line when % ber-PHBS was
    shrunk before scoring."""
    view = contest_view(ranking, lang)
    line = t(
        "rank.settings",
        lang,
        method=view.method_name(),
        aggregation=view.aggregation_name(),
        decimals=ranking.desimal,
        breakers=view.breaker_names() if ranking.penentu_seri else t("rank.none", lang),
    )
    # Scores computed from shrunk values, or from the change between rounds, say so where
    # the method is named (§7.8, §7.2).
    more = [x for x in (shrink_text(ranking, lang), change_text(ranking, lang)) if x]
    return "\n".join([line, *more])


def notes_text(ranking: Ranking, lang: Lang = "id") -> str:
    """Every village's notes, one line each, for the terminal."""
    lines = []
    for village in ranking.desa:
        for note in village.catatan_en if lang == "en" else village.catatan:
            lines.append(f"  {village.kode_desa} {village.nama_desa}: {note}")
    return "\n".join(lines)


def agreement_line(agreement: Agreement, lang: Lang = "id", view: ContestView | None = None) -> str:
    """One line of judges' agreement (Kendall's W), the criterion by its name when ``view``
    (the ranking with its rubric) is given."""
    criterion = agreement.kriteria
    if view is not None:
        criterion = view.criterion_name(criterion)
    if criterion == "total":
        criterion = t("agreement.total", lang)
    if agreement.w is None:
        key = f"agreement.reason.{agreement.alasan}"
        reason = t(key, lang) if key in LABELS else agreement.alasan
        return t("rank.agreement.undefined", lang, criterion=criterion, reason=reason)
    low = ""
    if agreement.rendah:
        low = t("rank.agreement.low", lang, judge=agreement.juri_paling_berbeda or "–")
    return t(
        "rank.agreement.row",
        lang,
        criterion=criterion,
        w=fmt_decimal(agreement.w, lang, 2),
        chi=fmt_decimal(agreement.khi_kuadrat or 0, lang, 2),
        df=agreement.derajat_bebas,
        p=fmt_decimal(agreement.nilai_p or 0, lang, 3),
        judges=agreement.jumlah_juri,
        villages=agreement.jumlah_desa,
        low=low,
    )
