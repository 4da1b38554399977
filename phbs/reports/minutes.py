"""The *berita acara*: the minutes of the contest a judging panel signs (docs/aturan.md §7.10).

One page that stands alone when printed: the contest, level and year; place and date; the
final table (rank, village, kecamatan, total, % of the maximum, band) with the winners
marked; every correction and exclusion with its reason; the data-quality statement; the
rubric with its SHA-256; the signature lines of the judges and the chair; the SHA-256 of
every input file in an appendix. :func:`build_minutes` writes it as text in the report's
language; the HTML page and the workbook's *Berita Acara* sheet only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.contest.models import AppliedOverride, VillageResult, VillageStatus
from phbs.contest.rubric import Method
from phbs.forms.denominators import BerPhbsBase
from phbs.i18n import Lang, fmt_int, t
from phbs.ingest.file_names import file_name
from phbs.regions import Level, ancestor, region_table
from phbs.reports.content import ReportContent
from phbs.reports.contest import (
    ContestView,
    change_text,
    percent_rule,
    published_number,
    shown_percent,
    shrink_text,
)
from phbs.reports.html.view import fmt_number, fmt_pct
from phbs.reports.panel import BLANK, MinutesDetails, long_date, or_blank, weekday
from phbs.scoring.summary import MIN_SAMPLE

#: Ranks marked as winners (*juara* I–III) in the minutes.
WINNERS = 3


@dataclass(frozen=True)
class MinutesRow:
    """One village of the final table, as printed (and as numbers for the workbook)."""

    rank: int | None
    code: str
    village: str
    kecamatan: str
    total: float | None
    percent: float | None
    band: str
    remark: str
    winner: bool
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Minutes:
    """The *berita acara* as text, in the report's language."""

    heading: str
    subtitle: str
    opening: str
    results: str
    columns: tuple[str, ...]
    rows: tuple[MinutesRow, ...]
    decimals: int
    percent_rule: str
    overrides_title: str
    overrides: tuple[str, ...]
    no_overrides: str
    quality_title: str
    quality: str
    rubric: str
    closing: str
    place_date: str
    panel_title: str
    signatures: tuple[tuple[str, str], ...]
    appendix_title: str
    inputs: tuple[tuple[str, str], ...]
    made_by: str


def contest_level(codes: list[str], lang: Lang = "id") -> str | None:
    """The smallest area that holds every village code: a kecamatan, a kabupaten/kota or a
    province, named from the Kemendagri table (``None`` when a code is not in it).

    >>> contest_level(["63.10.01.1007", "63.10.02.1001"])
    'Kabupaten Tanah Bumbu'
    >>> contest_level(["63.10.01.1007", "63.10.01.1028"])
    'Kecamatan Batu Licin'
    >>> contest_level(["63.10.01.1007", "63.01.01.2001"])
    'Provinsi Kalimantan Selatan'
    """
    if not codes:
        return None
    table = region_table()
    for level in (Level.KECAMATAN, Level.KABUPATEN, Level.PROVINSI):
        areas = {ancestor(code, level) for code in codes}
        if len(areas) == 1:
            name = table.name(areas.pop())
            if name is None:
                return None
            if level is Level.KECAMATAN:
                return t("report.berita_acara.level_kecamatan", lang, name=name)
            if level is Level.PROVINSI:
                return t("report.berita_acara.level_provinsi", lang, name=name)
            return name
    return t("report.berita_acara.level_nasional", lang)


def _column(key: str, method: Method) -> str:
    # A TOPSIS total is a closeness coefficient (0–1), not a sum of points.
    return "total_topsis" if key == "total" and method is Method.TOPSIS else key


def _kecamatan(code: str) -> str:
    parent = ancestor(code, Level.KECAMATAN)
    return region_table().name(parent) or parent


def _remark(village: VillageResult, view: ContestView) -> tuple[str, bool]:
    if village.status is not VillageStatus.RANKED:
        return t(f"report.contest.status.{village.status.value}", view.lang), False
    if village.peringkat is not None and village.peringkat <= WINNERS:
        places = t("report.berita_acara.winner_places", view.lang).split(",")
        return t("report.berita_acara.winner", view.lang, place=places[village.peringkat - 1]), True
    return "", False


def _row(village: VillageResult, view: ContestView) -> MinutesRow:
    lang, digits = view.lang, view.ranking.desimal
    band = view.band(village)
    remark, winner = _remark(village, view)
    kecamatan = _kecamatan(village.kode_desa)
    # As published (docs/aturan.md §7.1, §7.5): the total rounded half up, the % of maximum
    # cut down to the rubric's decimals so it never crosses the band beside it.
    percent = shown_percent(village.persen_maksimum, digits)
    texts = (
        "–" if village.peringkat is None else str(village.peringkat),
        village.kode_desa,
        village.nama_desa,
        kecamatan,
        fmt_number(published_number(village.total, digits), lang, digits),
        fmt_pct(percent, lang, digits),
        band.label if band else "–",
        remark,
    )
    return MinutesRow(
        rank=village.peringkat,
        code=village.kode_desa,
        village=village.nama_desa,
        kecamatan=kecamatan,
        total=village.total,
        percent=percent,
        band=band.label if band else "–",
        remark=remark,
        winner=winner,
        texts=texts,
    )


def _override(item: AppliedOverride, view: ContestView, names: dict[str, str]) -> str:
    lang, digits = view.lang, view.ranking.desimal
    village = names.get(item.kode_desa, "")
    if item.tindakan == "keluarkan":
        return t(
            "report.berita_acara.override.keluarkan",
            lang,
            village=village,
            code=item.kode_desa,
            reason=item.alasan,
        )
    return t(
        "report.berita_acara.override.ubah",
        lang,
        village=village,
        code=item.kode_desa,
        criterion=view.criterion_name(item.kriteria),
        old=fmt_number(item.nilai_lama, lang, digits),
        new=fmt_number(item.nilai_baru, lang, digits),
        reason=item.alasan,
    )


def _overrides(view: ContestView) -> tuple[str, ...]:
    ranking = view.ranking
    names = {v.kode_desa: v.nama_desa for v in ranking.desa}
    lines = [_override(item, view, names) for item in ranking.koreksi]
    excluded = {item.kode_desa for item in ranking.koreksi if item.tindakan == "keluarkan"}
    for village in ranking.desa:
        if village.status is VillageStatus.RANKED or village.kode_desa in excluded:
            continue
        lines.append(
            t(
                "report.berita_acara.not_ranked",
                view.lang,
                village=village.nama_desa,
                code=village.kode_desa,
                status=t(f"report.contest.status.{village.status.value}", view.lang),
                notes=" ".join(view.notes(village)),
            ).strip()
        )
    return tuple(lines)


def _quality(content: ReportContent) -> str:
    lang, head = content.lang, content.headline
    text = t(
        "report.berita_acara.quality_text",
        lang,
        files=fmt_int(len(content.result.survey.files), lang),
        read=fmt_int(head.baris_dibaca, lang),
        scored=fmt_int(head.baris_diskor, lang),
        set_aside=fmt_int(head.baris_disisihkan, lang),
        errors=fmt_int(head.galat, lang),
        warnings=fmt_int(head.peringatan, lang),
    )
    if content.report.penyebut.persen_ber_phbs is BerPhbsBase.DISURVEI:
        # Only a denominator other than the default is named in the signed minutes, which
        # must stay on one page (the default is in the report's method section).
        how = t("denominator.persen_ber_phbs.disurvei", lang)
        text += t("report.berita_acara.quality_denominator", lang, how=how)
    if head.desa_sampel_kurang:
        text += t(
            "report.berita_acara.quality_small",
            lang,
            count=fmt_int(head.desa_sampel_kurang, lang),
            minimum=fmt_int(MIN_SAMPLE, lang),
        )
    shrunk = shrink_text(content.ranking.ranking, lang) if content.ranking else None
    if shrunk:
        # The signed totals come from shrunk values: the minutes must say so (§7.8).
        text += " " + shrunk
    changed = change_text(content.ranking.ranking, lang) if content.ranking else None
    if changed:
        # A criterion scores the change between rounds: the minutes name the rounds (§7.2).
        text += " " + changed
    return text


def _inputs(content: ReportContent) -> tuple[tuple[str, str], ...]:
    listed: list[tuple[str, str]] = []
    for source in content.result.survey.files:
        listed.append((source.path, source.sha256))
        if source.mapping and source.mapping_sha256:
            listed.append((source.mapping, source.mapping_sha256))
    loaded = content.result.survey.form
    listed.append((str(loaded.path), loaded.sha256))
    villages = content.metadata.get("berkas_desa")
    if villages:
        listed.append((str(villages["berkas"]), str(villages["sha256"])))
    if content.ranking is not None:
        listed += [(r.berkas, r.sha256) for r in content.ranking.ranking.masukan if r.sha256]
    # A file is listed once, whether named by its path or as the ranking's audit trail names
    # it (an upload's name, phbs.ingest.file_names): the same name and fingerprint.
    seen: dict[tuple[str, str], str] = {}
    for path, sha256 in listed:
        seen.setdefault((Path(path).name, sha256), path)
    # File names are enough beside their fingerprints; a name shared by two folders keeps
    # its path (as the caller names it).
    names = [name for name, _sha256 in seen]
    return tuple(
        (name if names.count(name) == 1 else file_name(path), sha256)
        for (name, sha256), path in seen.items()
    )


def _signatures(view: ContestView, details: MinutesDetails) -> tuple[tuple[str, str], ...]:
    names = list(details.judges) or list(view.judges) or ["", "", ""]
    lines = [
        (name, t("report.berita_acara.judge", view.lang, number=i))
        for i, name in enumerate(names, start=1)
    ]
    lines.append((details.chair or "", t("report.berita_acara.chair", view.lang)))
    return tuple(lines)


def build_minutes(content: ReportContent, details: MinutesDetails | None = None) -> Minutes:
    """The *berita acara* of a report with a ranking, in the report's language; ``details``
    default to the report's own (:class:`~phbs.reports.content.ReportOptions` ``minutes``).

    >>> from phbs.demo.data import sample_data
    >>> from phbs.demo.contest import sample_ranking
    >>> from phbs.ingest import read_survey
    >>> from phbs.reports.content import ReportOptions, build_content
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> result = score(read_survey(sample_data().survey_files))
    >>> report = summarise(result)
    >>> ranking = sample_ranking(report)
    >>> minutes = build_minutes(build_content(result, report, ReportOptions(ranking=ranking)))
    >>> [(row.rank, row.village, row.remark) for row in minutes.rows[:2]]
    [(1, 'Batulicin', 'Juara I'), (2, 'Kota Pagatan', 'Juara II')]
    """
    view = content.ranking
    if view is None:
        raise ValueError("build_minutes: the report has no ranking")
    details = details or content.minutes
    lang, ranking = content.lang, view.ranking
    spec = view.rubric
    contest = (spec.title_en if lang == "en" else spec.title) if spec else ranking.rubrik_judul
    ranked = [v.kode_desa for v in ranking.desa if v.status is VillageStatus.RANKED]
    level = details.level or contest_level(ranked, lang)
    year = details.contest_year()
    keys = ("rank", "code", "village", "kecamatan", "total", "percent", "band", "remark")
    return Minutes(
        heading=t("report.berita_acara.heading", lang),
        subtitle=t(
            "report.berita_acara.subtitle",
            lang,
            contest=contest,
            level=or_blank(level),
            year=or_blank(year),
        ),
        opening=t(
            "report.berita_acara.opening",
            lang,
            day=weekday(details.date, lang),
            date=long_date(details.date, lang),
            place=or_blank(details.place),
            contest=contest,
            level=or_blank(level),
            year=or_blank(year),
            count=fmt_int(view.ranked_count(), lang),
            version=ranking.rubrik_versi,
        ),
        results=t("report.berita_acara.results", lang),
        columns=tuple(
            t(f"report.berita_acara.col.{_column(key, ranking.metode)}", lang) for key in keys
        ),
        rows=tuple(_row(village, view) for village in ranking.desa),
        decimals=ranking.desimal,
        percent_rule=percent_rule(ranking, lang),
        overrides_title=t("report.berita_acara.overrides", lang),
        overrides=_overrides(view),
        no_overrides=t("report.berita_acara.no_overrides", lang),
        quality_title=t("report.berita_acara.quality", lang),
        quality=_quality(content),
        rubric=t(
            "report.berita_acara.rubric_edition"
            if ranking.rubrik_edisi
            else "report.berita_acara.rubric",
            lang,
            title=contest,
            id=ranking.rubrik_id,
            version=ranking.rubrik_versi,
            edition=ranking.rubrik_edisi or "",
            sha256=ranking.rubrik_sha256,
        ),
        closing=t("report.berita_acara.closing", lang),
        place_date=t(
            "report.berita_acara.place_date",
            lang,
            place=or_blank(details.place),
            date=long_date(details.date, lang),
        ),
        panel_title=t("report.berita_acara.panel", lang),
        signatures=_signatures(view, details),
        appendix_title=t("report.berita_acara.appendix", lang),
        inputs=_inputs(content),
        made_by=t(
            "report.berita_acara.made_by",
            lang,
            version=content.metadata["alat"]["versi"],
            created=content.metadata["dibuat"],
        ),
    )


__all__ = ["BLANK", "WINNERS", "Minutes", "MinutesDetails", "MinutesRow", "build_minutes"]
