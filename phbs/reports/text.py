"""Plain-text rendering for the terminal: the area table, reconciliation and issue groups."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from phbs.i18n import Lang, fmt_decimal, fmt_int, t
from phbs.ingest.survey import FileReading, SourceFile, Survey
from phbs.issues import Issue, Severity, group_by_code
from phbs.regions import region_table
from phbs.scoring.household import AreaLevel, percent
from phbs.scoring.summary import NO_DUSUN, AreaReport
from phbs.stats import percent_interval


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Align columns; indices in ``right`` are right-aligned (numbers).

    >>> print(format_table(["a", "n"], [["x", "10"], ["yy", "2"]], {1}))
    a    n
    --  --
    x   10
    yy   2
    """
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def _pct(value: float | None, lang: Lang) -> str:
    return fmt_decimal(value, lang, 1)


def _ci(lower: float | None, upper: float | None, lang: Lang) -> str:
    if lower is None or upper is None:
        return "–"
    return f"{fmt_decimal(lower, lang, 1)}–{fmt_decimal(upper, lang, 1)}"


def _iks(share: float | None, sehat: int | None, berindeks: int | None, lang: Lang) -> str:
    """The area IKS as a share with its counts, e.g. ``0,450 (450/1.000)``."""
    if share is None:
        return "–"
    return f"{fmt_decimal(share, lang, 3)} ({fmt_int(sehat, lang)}/{fmt_int(berindeks, lang)})"


def _share(part: int, whole: int, lang: Lang) -> str:
    """A percentage with its counts, e.g. ``62,5 (5/8)`` (``–`` without a denominator)."""
    if not whole:
        return "–"
    return f"{_pct(percent(part, whole), lang)} ({fmt_int(part, lang)}/{fmt_int(whole, lang)})"


def area_table(report: AreaReport, lang: Lang = "id") -> str:
    """The area table with a total row, numerators and denominators beside percentages;
    numbers as ``lang`` writes them (``3.011`` and ``41,3`` in Indonesian).

    The column after % ber-PHBS holds its confidence interval (e.g. ``38,1–44,6``).
    """
    headers, rows, right = area_cells(report, lang, width=28)
    text = format_table(headers, rows, right)
    with_total = any(a.jumlah_rumah_tangga is not None for a in report.wilayah)
    if with_total and any(a.sampel_kurang for a in report.wilayah):
        text += "\n* " + t("sampel_kurang", lang)
    return text


def area_cells(
    report: AreaReport, lang: Lang = "id", *, width: int | None = None
) -> tuple[list[str], list[list[str]], set[int]]:
    """The cells of :func:`area_table`: headers, the rows with the total row last, and the
    columns aligned right (names cut to ``width`` characters when given)."""
    cut = slice(None) if width is None else slice(width)
    dusun_cut = slice(None) if width is None else slice(20)
    dusun = report.tingkat is AreaLevel.DUSUN
    with_total = any(a.jumlah_rumah_tangga is not None for a in report.wilayah)
    headers = [t("kode", lang), t("nama", lang)]
    if dusun:
        headers.append(t("dusun", lang))
    bases = report.penyebut
    headers += [t(k, lang) for k in ("disurvei", "ber_phbs", "tidak_ber_phbs", "belum_lengkap")]
    headers.append(t(f"persen_ber_phbs.{bases.persen_ber_phbs.value}", lang))
    level = fmt_decimal(report.tingkat_kepercayaan * 100, lang, 1, trim=True)
    headers.append(t("ci.col", lang, level=level))
    if with_total:
        headers.append(t("dipantau", lang))
    with_iks = any(a.iks_wilayah is not None for a in report.wilayah)
    if with_iks:
        headers.append(t(f"iks.{bases.iks_wilayah.value}", lang))
    with_healthy = any(a.rumah_tangga_berkelas is not None for a in report.wilayah)
    if with_healthy:
        headers += [t("sehat", lang), t("tanpa_kelas", lang)]
    rows = []
    for area in report.wilayah:
        row = [area.kode, area.nama[cut]]
        if dusun:
            named = t("report.no_dusun", lang) if area.dusun == NO_DUSUN else area.dusun
            row.append((named or "")[dusun_cut])
        row += [
            fmt_int(area.rumah_tangga_disurvei, lang),
            fmt_int(area.ber_phbs, lang),
            fmt_int(area.tidak_ber_phbs, lang),
            fmt_int(area.belum_lengkap, lang),
            _pct(area.persen_ber_phbs, lang),
            _ci(area.persen_ber_phbs_bawah, area.persen_ber_phbs_atas, lang),
        ]
        if with_total:
            mark = " *" if area.sampel_kurang else ""
            row.append(_pct(area.persen_dipantau, lang) + mark)
        if with_iks:
            families = bases.iks_base(area.keluarga_berindeks or 0, area.rumah_tangga_disurvei)
            row.append(_iks(area.iks_wilayah, area.keluarga_sehat, families, lang))
        if with_healthy:
            row.append(_share(area.rumah_tangga_sehat or 0, area.rumah_tangga_berkelas or 0, lang))
            row.append(fmt_int(area.rumah_tangga_tanpa_kelas, lang))
        rows.append(row)
    surveyed = sum(a.rumah_tangga_disurvei for a in report.wilayah)
    ber = sum(a.ber_phbs for a in report.wilayah)
    tidak = sum(a.tidak_ber_phbs for a in report.wilayah)
    belum = sum(a.belum_lengkap for a in report.wilayah)
    total = [t("total", lang), ""] + ([""] if dusun else [])
    total += [fmt_int(n, lang) for n in (surveyed, ber, tidak, belum)]
    base = bases.ber_phbs_base(ber, tidak, surveyed)
    total.append(_pct(percent(ber, base), lang))
    low, high = percent_interval(ber, base, report.metode_ci, report.tingkat_kepercayaan)
    total.append(_ci(low, high, lang))
    if with_total:
        total.append("")
    if with_iks:
        sehat = sum(a.keluarga_sehat or 0 for a in report.wilayah)
        families = bases.iks_base(sum(a.keluarga_berindeks or 0 for a in report.wilayah), surveyed)
        total.append(_iks(sehat / families if families else None, sehat, families, lang))
    if with_healthy:
        sehat = sum(a.rumah_tangga_sehat or 0 for a in report.wilayah)
        total.append(_share(sehat, sum(a.rumah_tangga_berkelas or 0 for a in report.wilayah), lang))
        total.append(fmt_int(sum(a.rumah_tangga_tanpa_kelas or 0 for a in report.wilayah), lang))
    first_number = 3 if dusun else 2
    right = set(range(first_number, len(headers)))
    return headers, [*rows, total], right


def issue_summary(issues: Sequence[Issue], lang: Lang = "id", *, examples: int = 3) -> str:
    """Issues grouped by code, most frequent first, with the first few locations."""
    if not issues:
        return t("issues.none", lang)
    lines = []
    # The severity in the run's language, as the counts line says it (galat, peringatan).
    width = max(len(t(f"report.severity.{s.value}", lang)) for s in Severity)
    indent = " " * (6 + 2 + width + 2)
    for kind, group in group_by_code(issues):
        title = kind.title_en if lang == "en" else kind.title_id
        severity = t(f"report.severity.{kind.severity.value}", lang)
        lines.append(f"{fmt_int(len(group), lang):>6}  {severity:<{width}}  {kind.code}  {title}")
        for issue in group[:examples]:
            where = issue.file if issue.row is None else f"{issue.file}:{issue.row}"
            lines.append(f"{indent}{where}  {issue.message(lang)}")
        if len(group) > examples:
            more = fmt_int(len(group) - examples, lang)
            lines.append(f"{indent}{t('more', lang, count=more)}")
    return "\n".join(lines)


def severity_counts(issues: Sequence[Issue]) -> dict[Severity, int]:
    """How many issues of each severity."""
    counts = dict.fromkeys(Severity, 0)
    for issue in issues:
        counts[issue.severity] += 1
    return counts


def reconciliation_line(
    survey: Survey, lang: Lang = "id", number: Callable[[int], str] | None = None
) -> str:
    """``N baris dibaca = S diskor + R disisihkan`` for a survey, the numbers as ``lang``
    writes them (``3.019`` in Indonesian) unless ``number`` says otherwise; with files of
    members or answers, also how their rows became households (docs/aturan.md §6.6)."""
    if number is None:
        number = functools.partial(fmt_int, lang=lang)
    recaps = [f for f in survey.files if f.reading is not None and f.reading.shape == "rekap"]
    line = t(
        "reconciliation.recap" if recaps and len(recaps) == len(survey.files) else "reconciliation",
        lang,
        read=number(survey.rows_read),
        scored=number(survey.rows_scored),
        aside=number(survey.rows_set_aside),
    )
    shaped = [
        (f, f.reading)
        for f in survey.files
        if f.reading is not None and f.reading.shape not in ("", "rekap")
    ]
    if shaped:
        aside = sum(r.shape_set_aside for _, r in shaped)
        rows = sum(r.shape_rows for _, r in shaped)
        households = sum(f.rows_read - r.shape_alone for f, r in shaped) - aside
        alone = sum(r.shape_alone for _, r in shaped)
        said = f" + {number(alone)} " + ("rows alone" if lang == "en" else "baris sendiri")
        line += t(
            "reconciliation.shapes",
            lang,
            rows=number(rows),
            households=number(households),
            aside=number(aside),
            alone=said if alone else "",
        )
    return line


def issue_counts_line(
    issues: Sequence[Issue], lang: Lang = "id", from_rows: int | None = None
) -> str:
    """``Masalah data: E galat, W peringatan, I info``; with ``from_rows`` (how many of them
    reading the files found), where the others come from, so that the count agrees with
    ``phbs validate``'s."""
    counts = severity_counts(issues)
    line = t(
        "issues.summary",
        lang,
        errors=fmt_int(counts[Severity.ERROR], lang),
        warnings=fmt_int(counts[Severity.WARNING], lang),
        infos=fmt_int(counts[Severity.INFO], lang),
    )
    if from_rows is not None and from_rows < len(issues):
        rows, other = fmt_int(from_rows, lang), fmt_int(len(issues) - from_rows, lang)
        line += t("issues.summary.split", lang, rows=rows, other=other)
    return line


_BARE_N = {
    "tidak": ("N = tidak (berkas Y/N)", "N = no (a Y/N file)"),
    "tidak_berlaku": ("N = tidak berlaku (kode Y/T/N)", "N = not applicable (Y/T/N coding)"),
}
_BARE_N_SOURCE = {
    "formulir": ("ditetapkan formulir", "fixed by the form"),
    "opsi": ("dipilih dengan --answers", "chosen with --answers"),
    "berkas": ("ditentukan dari huruf di berkas", "decided from the letters in the file"),
}
_SHAPE = {
    "anggota": ("satu baris per anggota keluarga", "one row per family member"),
    "jawaban": ("satu baris per jawaban", "one row per answer"),
}
_BLANK = {
    "missing": ("sel indikator kosong = belum diisi", "blank indicator cell = not yet answered"),
    "na": (
        "sel indikator kosong = tidak berlaku (--blank na)",
        "blank indicator cell = not applicable (--blank na)",
    ),
    "tidak": (
        "sel indikator kosong = tidak (lembar centang, --blank tidak)",
        "blank indicator cell = no (a check-mark sheet, --blank tidak)",
    ),
}


def renamed_columns(reading: FileReading) -> list[tuple[str, str]]:
    """The ``(header, field)`` pairs whose header is not the field's own code."""
    return [(header, code) for code, header in reading.columns if header.strip() != code]


def reading_text(source: SourceFile, lang: Lang = "id", *, max_columns: int | None = None) -> str:
    """How one file was read, in one line: sheet, header row, a bare N, blanks, columns.

    >>> from phbs.ingest.survey import FileReading
    >>> reading = FileReading(1, (("jamban_sehat", "Jamban"),), "tidak", "berkas", "missing")
    >>> source = SourceFile("a.csv", "a.csv", "", "csv", "utf-8", ",", None, 3, 3, 0, reading)
    >>> for part in reading_text(source, "en").split("; "):
    ...     print(part)
    header at row 1
    N = no (a Y/N file), decided from the letters in the file
    blank indicator cell = not yet answered
    columns: 'Jamban' → jamban_sehat
    """
    reading = source.reading
    en = lang == "en"
    if reading is None:
        return ""
    parts: list[str] = []
    if source.mapping:
        name = Path(source.mapping).name
        parts.append(f"with mapping {name}" if en else f"dengan peta {name}")
    if reading.shape == "rekap":
        villages = fmt_int(source.rows_scored, lang)
        parts.append(
            f"a village recap: {villages} villages, no households"
            if en
            else f"rekap desa: {villages} desa, tanpa rumah tangga"
        )
    elif reading.shape:
        alone = reading.shape_alone
        households = source.rows_read - reading.shape_set_aside - alone
        what = _SHAPE[reading.shape][en]
        read, made, left = (fmt_int(n, lang) for n in (reading.shape_rows, households, alone))
        parts.append(
            f"{what}: {read} rows → {made} households"
            + (f" and {left} rows alone (no id, or skipped)" if alone else "")
            if en
            else f"{what}: {read} baris → {made} rumah tangga"
            + (f" dan {left} baris sendiri (tanpa ID, atau dilewati)" if alone else "")
        )
    if source.sheet:
        parts.append(f"sheet '{source.sheet}'" if en else f"lembar '{source.sheet}'")
    parts.append(
        f"header at row {reading.header_row}" if en else f"judul di baris {reading.header_row}"
    )
    if reading.title_rows:
        rows = [row for row, _ in reading.title_rows]
        span = f"{rows[0]}–{rows[-1]}" if len(rows) > 1 else f"{rows[0]}"
        text = reading.title_rows[0][1]
        text = text if len(text) <= 40 else text[:39] + "…"
        parts.append(
            f"{'rows' if len(rows) > 1 else 'row'} {span} above it skipped ('{text}')"
            if en
            else f"baris {span} di atasnya dilewati ('{text}')"
        )
    if reading.bare_n:
        meaning = _BARE_N[reading.bare_n][en]
        decided = _BARE_N_SOURCE.get(reading.bare_n_source)
        parts.append(f"{meaning}, {decided[en]}" if decided else meaning)
    if reading.shape != "rekap":
        parts.append(_BLANK[reading.blank][en])
    if reading.null_marks:
        marks = ", ".join(f"'{m}'" for m in reading.null_marks)
        parts.append(
            f"{marks} (a database's empty value) read as a blank cell"
            if en
            else f"{marks} (nilai kosong basis data) dibaca sebagai sel kosong"
        )
    marks_en, marks = (
        ("the '-' marks and blank cells", "tanda '-' dan sel kosong")
        if reading.blank == "na"
        else ("the '-' marks", "tanda '-'")
    )
    for code in reading.without_context:
        parts.append(
            f"no column {code}: {marks_en} decide which indicators apply"
            if en
            else f"tanpa kolom {code}: {marks} menentukan indikator yang berlaku"
        )
    if reading.names_scope:
        scope = reading.names_scope
        parts.append(
            f"village names matched to codes within {scope}"
            if en
            else f"nama desa dicocokkan dengan kode di wilayah {scope}"
        )
    if reading.village:
        name = region_table().full_name(reading.village) or ""
        village = f"{reading.village} {name}".strip()
        parts.append(
            f"village given: every row is {village}"
            if en
            else f"desa diberikan: setiap baris {village}"
        )
    if reading.not_collected:
        listed = ", ".join(reading.not_collected)
        parts.append(f"not collected: {listed}" if en else f"tidak dikumpulkan: {listed}")
    renamed = renamed_columns(reading)
    if renamed:
        shown = renamed if max_columns is None else renamed[:max_columns]
        listed = ", ".join(f"'{header}' → {code}" for header, code in shown)
        if len(shown) < len(renamed):
            more = len(renamed) - len(shown)
            listed += f", … and {more} more" if en else f", … dan {more} lagi"
        parts.append(f"columns: {listed}" if en else f"kolom: {listed}")
    return "; ".join(parts)


def reading_lines(survey: Survey, lang: Lang = "id") -> list[str]:
    """One ``Cara baca`` line per input file, for the terminal (the first four renamed
    columns; the JSON, the workbook and the HTML list them all)."""
    return [
        (f"How {f.name} was read" if lang == "en" else f"Cara baca {f.name}")
        + f": {reading_text(f, lang, max_columns=4)}"
        for f in survey.files
        if f.reading
    ]


def file_readings(survey: Survey, lang: Lang = "id") -> list[tuple[str, str]]:
    """``(file, how it was read)`` for each input file read with a reading to tell, in full:
    the list an issues file (``phbs validate -o``) carries beside the issues."""
    return [(f.name, reading_text(f, lang)) for f in survey.files if f.reading]
