"""The comparison of rounds in words and a table, as the console, the page and the workbook
state it (docs/aturan.md §5.8): each statement a reader needs to judge the changes."""

from __future__ import annotations

from phbs.contest.improvement import Improvement
from phbs.difference_stats import paired_difference_interval
from phbs.i18n import Lang, fmt_decimal, fmt_int, fmt_percent, t
from phbs.reports.text import format_table
from phbs.trends.models import AreaTrend, Change, Trends, Verdict

_NAME_WIDTH = 28


def points(value: float | None, lang: Lang, *, sign: bool = True) -> str:
    """A change in percentage points with its sign (``+12,3``, ``−4,0``), or ``–``.

    A value that rounds to zero keeps its sign (``+0,0``: just above zero, as an interval's
    bound of a change called *naik* can be); only zero itself is ``0,0``.

    >>> points(12.34, "id"), points(-4.0, "en"), points(0.01, "id"), points(0.0, "id")
    ('+12,3', '−4.0', '+0,0', '0,0')
    """
    if value is None:
        return "–"
    text = fmt_decimal(abs(value), lang, 1)
    if not sign or value == 0:
        return text
    return ("+" if value > 0 else "−") + text


def change_interval(change: Change | None, lang: Lang) -> str:
    """``−2,1 s.d. +8,4`` (``to`` in English), or ``–``."""
    if change is None or change.bawah is None or change.atas is None:
        return "–"
    return t(
        "report.trends.interval",
        lang,
        low=points(change.bawah, lang),
        high=points(change.atas, lang),
    )


def verdict_text(change: Change, area: AreaTrend, lang: Lang) -> str:
    """The verdict, or why there is none."""
    if change.putusan is not None:
        return t(f"trends.verdict.{change.putusan.value}", lang)
    if change.alasan is None:
        return "–"
    return t(f"trends.reason.{change.alasan.value}", lang, rounds=", ".join(area.ada_di) or "–")


def _level(trends: Trends, lang: Lang) -> str:
    return t(f"level.{trends.tingkat}", lang)


def _levels(trends: Trends, lang: Lang) -> str:
    """The level's name after a count (English plural: ``14 villages``)."""
    return t(f"levels.{trends.tingkat}", lang)


def trends_table(trends: Trends, pair: int, lang: Lang = "id") -> str:
    """One row per area: both rounds' % ber-PHBS with n, the change, its interval, the
    verdict and, when households were paired, how many became and stopped being ber-PHBS."""
    return format_table(*trends_cells(trends, pair, lang))


def trends_cells(
    trends: Trends, pair: int, lang: Lang = "id", *, width: int | None = _NAME_WIDTH
) -> tuple[list[str], list[list[str]], set[int]]:
    """The cells of :func:`trends_table`: headers, rows and the columns aligned right
    (names cut to ``width`` characters, none when ``None``)."""
    cut = slice(width)
    first, last = trends.perbandingan[pair]
    index = {info.label: i for i, info in enumerate(trends.putaran)}
    conf = fmt_decimal(trends.tingkat_kepercayaan * 100, lang, 1, trim=True)
    paired = any(area.transisi for area in trends.wilayah)
    headers = [t("kode", lang), t("nama", lang)]
    headers += [t("trends.col.first", lang, label=label) for label in (first, last)]
    headers += [t("trends.col.change", lang), t("trends.col.ci", lang, level=conf)]
    headers.append(t("trends.col.verdict", lang))
    if paired:
        headers.append(t("trends.col.paired", lang))
    rows = []
    for area in trends.wilayah:
        ber = area.persen_ber_phbs
        change = ber.perubahan[pair]
        row = [area.kode, area.nama[cut]]
        for label in (first, last):
            value = ber.nilai[index[label]]
            row.append(
                "–"
                if value.n is None
                else f"{fmt_decimal(value.persen, lang, 1)} ({fmt_int(value.n, lang)})"
            )
        row += [
            points(change.perubahan, lang),
            change_interval(change, lang),
            verdict_text(change, area, lang),
        ]
        if paired:
            moved = next((m for m in area.transisi if (m.dari, m.ke) == (first, last)), None)
            row.append(
                "–"
                if moved is None or moved.berpasangan == 0
                else f"+{fmt_int(moved.menjadi_ber_phbs, lang)}/"
                f"−{fmt_int(moved.tidak_lagi_ber_phbs, lang)}"
            )
        rows.append(row)
    right = set(range(2, len(headers) - (2 if paired else 1)))
    return headers, rows, right


def verdict_counts(trends: Trends, pair: int) -> dict[str, int]:
    """How many areas went up, down, did not change significantly, or have no verdict."""
    counts = {"up": 0, "down": 0, "same": 0, "none": 0}
    key = {Verdict.NAIK: "up", Verdict.TURUN: "down", Verdict.TIDAK_BERUBAH: "same"}
    for area in trends.wilayah:
        verdict = area.persen_ber_phbs.perubahan[pair].putusan
        counts[key[verdict] if verdict is not None else "none"] += 1
    return counts


def counts_line(trends: Trends, pair: int, lang: Lang = "id") -> str:
    """``2024 → 2025: 2 naik, 1 turun, 10 tidak berubah bermakna, 1 tanpa putusan (…)``."""
    first, last = trends.perbandingan[pair]
    counts = verdict_counts(trends, pair)
    return t(
        "trends.counts",
        lang,
        first=first,
        last=last,
        up=fmt_int(counts["up"], lang),
        down=fmt_int(counts["down"], lang),
        same=fmt_int(counts["same"], lang),
        none=fmt_int(counts["none"], lang),
        total=fmt_int(len(trends.wilayah), lang),
        level=_levels(trends, lang),
    )


def statements(trends: Trends, pair: int, lang: Lang = "id") -> list[str]:
    """What a reader must be told to read the changes of ``pair`` rightly: the method, the
    chance of false verdicts, differing forms and indicators, where the villages' totals come
    from, joined codes, areas not in every round, villages left out of higher levels, and the
    paired households."""
    first, last = trends.perbandingan[pair]
    conf = fmt_decimal(trends.tingkat_kepercayaan * 100, lang, 1, trim=True)
    lines = [t("trends.method", lang, first=first, last=last, level=conf)]
    judged = [a for a in trends.wilayah if a.persen_ber_phbs.perubahan[pair].putusan is not None]
    if len(judged) > 1:
        expected = len(judged) * (1 - trends.tingkat_kepercayaan)
        lines.append(
            t(
                "trends.caution",
                lang,
                count=fmt_int(len(judged), lang),
                level=_levels(trends, lang),
                conf=conf,
                expected=fmt_decimal(expected, lang, 1, trim=True),
            )
        )
    lines += _form_lines(trends, lang)
    lines += _totals_lines(trends, lang)
    lines += _area_lines(trends, lang)
    lines.append(_paired_line(trends, pair, lang))
    return lines


def _form_lines(trends: Trends, lang: Lang) -> list[str]:
    lines = []
    if not trends.persen_ber_phbs_sebanding:
        details = "; ".join(
            f"{r.label}: {r.formulir}, {len(r.indikator)} indikator, na_policy {r.na_policy}, "
            f"{r.penyebut}"
            for r in trends.putaran
        )
        lines.append(t("trends.not_comparable", lang, details=details))
    if trends.indikator_tidak_dibandingkan:
        listed = "; ".join(
            f"{label}: {', '.join(codes)}"
            for label, codes in trends.indikator_tidak_dibandingkan.items()
        )
        lines.append(t("trends.indicators_left", lang, list=listed))
    if trends.indikator_keberlakuan_berbeda:
        listed = ", ".join(trends.indikator_keberlakuan_berbeda)
        lines.append(t("trends.indicators_other_households", lang, list=listed))
    if trends.indikator_pertanyaan_berbeda:
        listed = "; ".join(
            f"{code} ({' / '.join(repr(q) for q in asked)})"
            for code, asked in trends.indikator_pertanyaan_berbeda.items()
        )
        lines.append(t("trends.indicators_worded", lang, list=listed))
    if trends.indikator_pertanyaan_tidak_diperiksa:
        listed = ", ".join(trends.indikator_pertanyaan_tidak_diperiksa)
        lines.append(t("trends.indicators_unchecked", lang, list=listed))
    return lines


def _totals_lines(trends: Trends, lang: Lang) -> list[str]:
    shared = [r.label for r in trends.putaran if r.berkas_desa_bersama]
    if not shared:
        return []
    return [t("trends.shared_totals", lang, labels=", ".join(shared))]


def _area_lines(trends: Trends, lang: Lang) -> list[str]:
    lines = []
    joined = [f"{a.nama} ({', '.join(a.kode_asal)})" for a in trends.wilayah if a.kode_asal]
    if joined:
        lines.append(
            t("trends.joined", lang, file=trends.berkas_perubahan_kode, list="; ".join(joined))
        )
    partial = [a for a in trends.wilayah if len(a.ada_di) < len(trends.putaran)]
    if partial:
        listed = ", ".join(f"{a.nama} ({', '.join(a.ada_di) or '–'})" for a in partial[:12])
        lines.append(
            t(
                "trends.one_round",
                lang,
                count=fmt_int(len(partial), lang),
                level=_levels(trends, lang),
                list=listed + (", …" if len(partial) > 12 else ""),
            )
        )
    left_out = sum(len(a.desa_disisihkan) for a in trends.wilayah)
    if left_out:
        lines.append(t("trends.left_out", lang, count=fmt_int(left_out, lang)))
    return lines


def paired_table(trends: Trends, pair: int) -> tuple[list[int], int]:
    """The paired 2 × 2 table of ``pair`` summed over the areas (both, first only, second
    only, neither) and the households with the same id but another head of household."""
    first, last = trends.perbandingan[pair]
    table = [0, 0, 0, 0]
    other = 0
    for area in trends.wilayah:
        for moved in area.transisi:
            if (moved.dari, moved.ke) == (first, last):
                table[0] += moved.tetap_ber_phbs
                table[1] += moved.tidak_lagi_ber_phbs
                table[2] += moved.menjadi_ber_phbs
                table[3] += moved.tetap_tidak
                other += moved.nama_berbeda
    return table, other


def _paired_line(trends: Trends, pair: int, lang: Lang) -> str:
    first, last = trends.perbandingan[pair]
    without = [r.label for r in trends.putaran if r.label in (first, last) and not r.rumah_tangga]
    if without:
        return t("trends.paired.none", lang, labels=", ".join(without))
    if not trends.persen_ber_phbs_sebanding:
        return t("trends.paired.not_comparable", lang)
    table, other = paired_table(trends, pair)
    n = sum(table)
    names = t("trends.paired.names", lang, count=fmt_int(other, lang)) if other else ""
    if n == 0:
        return t("trends.paired.no_ids", lang, first=first, last=last) + names
    lo, hi = paired_difference_interval(
        *([v] for v in table), confidence=trends.tingkat_kepercayaan
    )
    interval = Change(dari=first, ke=last, bawah=float(lo[0] * 100), atas=float(hi[0] * 100))
    return (
        t(
            "trends.paired",
            lang,
            first=first,
            last=last,
            n=fmt_int(n, lang),
            up=fmt_int(table[2], lang),
            down=fmt_int(table[1], lang),
            change=points((table[2] - table[1]) / n * 100, lang),
            ci=change_interval(interval, lang),
        )
        + names
    )


def improvement_lines(improvement: Improvement, lang: Lang = "id", top: int = 5) -> list[str]:
    """Who improved most (docs/aturan.md §5.8): the first ``top`` villages with their change,
    rank interval and share of replicates in which each improved most, then the villages that
    cannot be told apart from the first."""
    if not improvement.desa:
        return []
    title, cells, note = improvement_parts(improvement, lang, top)
    return [title, format_table(*cells), note]


def improvement_parts(
    improvement: Improvement, lang: Lang = "id", top: int = 5, width: int | None = _NAME_WIDTH
) -> tuple[str, tuple[list[str], list[list[str]], set[int]], str]:
    """:func:`improvement_lines` in parts: the title, the table's cells (headers, rows, the
    columns aligned right; names cut to ``width`` characters, none when ``None``) and the
    villages that cannot be told apart from the first."""
    conf = fmt_decimal(improvement.tingkat_kepercayaan * 100, lang, 1, trim=True)
    title = t(
        "trends.improvement.title",
        lang,
        first=improvement.dari,
        last=improvement.ke,
        replicates=fmt_int(improvement.ulangan, lang),
        seed=improvement.seed,
    )
    headers = [
        t("trends.improvement.rank", lang),
        t("nama", lang),
        t("trends.col.change", lang),
        t("trends.improvement.interval", lang, level=conf),
        t("trends.improvement.first", lang),
    ]
    rows = [
        [
            str(v.peringkat),
            v.nama_desa[slice(width)],
            points(v.perubahan_dibulatkan, lang),
            f"{v.peringkat_bawah}–{v.peringkat_atas}",
            fmt_percent(v.p_paling_meningkat * 100, lang, 0),
        ]
        for v in improvement.desa[:top]
    ]
    names = ", ".join(
        v.nama_desa for v in improvement.desa if v.kode_desa in improvement.desa_teratas
    )
    key = (
        "trends.improvement.apart"
        if len(improvement.desa_teratas) == 1
        else "trends.improvement.together"
    )
    note = t(key, lang, count=improvement.tidak_terbedakan_sampai, names=names)
    return title, (headers, rows, {0, 2, 3, 4}), note
