"""Village measures a rubric can score or break ties with, docs/aturan.md §5.1–§5.3.

``persen_ber_phbs``, ``persen_dipantau`` and ``cakupan.<indicator>`` for each village, taken
either from a village-level :class:`~phbs.scoring.summary.AreaReport` (the survey scored in the same
run) or from the summary written by ``phbs score -o rekap.csv`` / ``rekap.json``; the change
``perubahan_persen_ber_phbs`` (§5.8) is added by :func:`phbs.contest.change.with_change`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from phbs._moved import renamed
from phbs.contest.rubric import parse_number
from phbs.errors import InputFileError, SettingsError
from phbs.forms.denominators import BerPhbsBase
from phbs.ingest.readers import open_table
from phbs.issues import Issue, make_issue
from phbs.regions import VillageCode
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaReport

Values = dict[str, float | None]


@dataclass(frozen=True)
class VillageMeasures:
    """``values[kode_desa][measure]`` (``None`` when the measure is unknown) and names.

    ``indicators`` lists the indicator codes whose ``cakupan.<code>`` is available;
    ``has_household_totals`` says whether household totals (and so ``persen_dipantau``)
    were known at all. ``change`` names the rounds ``(from, to)`` of
    ``perubahan_persen_ber_phbs`` once :func:`phbs.contest.change.with_change` added it
    (``change_codes_file`` the code-change file it lined villages up with);
    ``notes[kode_desa][measure]`` says why a village's measure is blank or how it was had
    (Indonesian, English).
    """

    values: dict[str, Values]
    names: dict[str, str]
    indicators: tuple[str, ...]
    has_household_totals: bool
    source: str
    sha256: str = ""
    issues: list[Issue] = field(default_factory=list)
    notes: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    change: tuple[str, str] | None = None
    change_codes_file: str = ""

    @property
    def has_dipantau(self) -> bool:
        """Old name of :attr:`has_household_totals` (version 0.1), warned for one release."""
        renamed("VillageMeasures.has_dipantau", "VillageMeasures.has_household_totals")
        return self.has_household_totals

    def available(self, measure: str) -> bool:
        """Whether ``measure`` exists for these villages (it may still be blank for one).

        >>> VillageMeasures({}, {}, ("air_bersih",), False, "x").available("cakupan.air_bersih")
        True
        """
        if measure == "persen_ber_phbs":
            return True
        if measure == "persen_dipantau":
            return self.has_household_totals
        if measure == "perubahan_persen_ber_phbs":
            return self.change is not None
        return measure.removeprefix("cakupan.") in self.indicators


def measures_from_report(report: AreaReport, source: str = "survei") -> VillageMeasures:
    """The measures of a village-level report from :func:`phbs.summarise`.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> survey = phbs.read_survey(sample_data().survey_files)
    >>> measures = measures_from_report(phbs.summarise(phbs.score(survey)))
    >>> round(measures.values["63.10.01.2005"]["persen_ber_phbs"] or 0, 1)
    34.2
    """
    if report.tingkat is not AreaLevel.DESA:
        raise SettingsError(
            f"Peringkat memerlukan rekap per desa, bukan per {report.tingkat.value}",
            f"Ranking needs a summary by village, not by {report.tingkat.value}",
        )
    values: dict[str, Values] = {}
    names: dict[str, str] = {}
    indicators: tuple[str, ...] = ()
    for area in report.wilayah:
        indicators = tuple(area.indikator)
        names[area.kode] = area.nama
        values[area.kode] = {
            "persen_ber_phbs": area.persen_ber_phbs,
            "persen_dipantau": area.persen_dipantau,
            **{f"cakupan.{code}": c.cakupan for code, c in area.indikator.items()},
        }
    totals = any(a.jumlah_rumah_tangga is not None for a in report.wilayah)
    return VillageMeasures(values, names, indicators, totals, source)


def read_village_summary(path: str | Path) -> VillageMeasures:
    """Read a village summary written by ``phbs score -o`` (``.csv`` or ``.json``).

    CSV columns used: ``kode``, ``nama``, ``persen_ber_phbs``, ``persen_dipantau`` and each
    ``<indicator>_cakupan`` — each computed from its counts instead when the file has them
    (``ber_phbs``/``tidak_ber_phbs``, or ``ber_phbs``/``rumah_tangga_disurvei`` when the row's
    ``penyebut_persen_ber_phbs`` is ``disurvei``; ``rumah_tangga_disurvei``/``jumlah_rumah_tangga``,
    ``<indicator>_ya``/``_berlaku``), so a summary whose percentages were rounded (the
    spreadsheet CSV of ``--csv-excel``) ranks exactly as the machine CSV does. Raises
    :class:`~phbs.errors.InputFileError` when the file is not
    a summary by village.
    """
    name = str(path)
    if Path(path).suffix.lower() == ".json":
        return _read_json(Path(path), name)
    table = open_table(path)
    header = [h.strip() for h in table.header]
    missing = [c for c in ("kode", "persen_ber_phbs") if c not in header]
    if missing or "dusun" in header:
        raise InputFileError(
            f"{name}: bukan rekap per desa dari 'phbs score -o' (perlu kolom kode, "
            "persen_ber_phbs; tanpa dusun)",
            f"{name}: not a by-village summary from 'phbs score -o' (needs columns kode, "
            "persen_ber_phbs; no dusun)",
        )
    position = {title: i for i, title in reversed(list(enumerate(header)))}
    indicators = tuple(h.removesuffix("_cakupan") for h in header if h.endswith("_cakupan"))
    values: dict[str, Values] = {}
    names: dict[str, str] = {}
    issues: list[Issue] = []
    for row, cells in table.rows:
        padded = cells + [""] * (len(header) - len(cells))
        raw_code = padded[position["kode"]].strip()
        code = VillageCode.parse(raw_code)
        if code is None:
            issues.append(
                make_issue(
                    "rekap-desa-salah",
                    file=name,
                    row=row,
                    column="kode",
                    value=raw_code,
                    reason=f"'{raw_code}' bukan kode desa",
                    reason_en=f"'{raw_code}' is not a village code",
                )
            )
            continue

        def number(column: str, padded: list[str] = padded, row: int = row) -> float | None:
            if column not in position:
                return None
            text = padded[position[column]].strip()
            value = parse_number(text) if text else None
            if text and value is None:
                issues.append(
                    make_issue(
                        "rekap-desa-salah",
                        file=name,
                        row=row,
                        column=column,
                        value=text,
                        reason=f"'{text}' bukan angka; ukuran ini dianggap kosong",
                        reason_en=f"'{text}' is not a number; this measure is treated as blank",
                    )
                )
            return value

        def share(numerator: str, denominators: tuple[str, ...], shown: str) -> float | None:
            # From the counts when the file has them (exact; a spreadsheet CSV rounds its
            # percentages), else the percentage as written.
            if numerator in position and all(d in position for d in denominators):
                top = number(numerator)
                parts = [number(d) for d in denominators]
                if top is not None and None not in parts:
                    bottom = sum(p for p in parts if p is not None)
                    return top / bottom * 100 if bottom else None
            return number(shown)

        names[code.dotted] = padded[position["nama"]].strip() if "nama" in position else ""
        values[code.dotted] = {
            "persen_ber_phbs": share(
                "ber_phbs", ber_phbs_denominator(padded, position), "persen_ber_phbs"
            ),
            "persen_dipantau": share(
                "rumah_tangga_disurvei", ("jumlah_rumah_tangga",), "persen_dipantau"
            ),
            **{
                f"cakupan.{c}": share(f"{c}_ya", (f"{c}_berlaku",), f"{c}_cakupan")
                for c in indicators
            },
        }
    if not values and issues:
        raise InputFileError(
            f"{name}: tidak ada kode desa yang sah; ini bukan rekap per desa",
            f"{name}: no valid village code; this is not a summary by village",
        )
    totals = "jumlah_rumah_tangga" in position and any(
        v["persen_dipantau"] is not None for v in values.values()
    )
    return VillageMeasures(values, names, indicators, totals, name, table.sha256, issues)


def ber_phbs_denominator(cells: list[str], position: dict[str, int]) -> tuple[str, ...]:
    """The columns % ber-PHBS is a share of, as the row's ``penyebut_persen_ber_phbs`` says
    (docs/aturan.md §5.1): households surveyed for ``disurvei``, else ber + tidak."""
    column = position.get("penyebut_persen_ber_phbs")
    if column is not None and cells[column].strip() == BerPhbsBase.DISURVEI.value:
        return ("rumah_tangga_disurvei",)
    return ("ber_phbs", "tidak_ber_phbs")


def _read_json(path: Path, name: str) -> VillageMeasures:
    from phbs.ingest.held import file_sha256
    from phbs.scoring.summary import AreaSummary

    if not path.is_file():
        raise InputFileError(f"{name}: berkas tidak ada", f"{name}: file not found")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        level = document["pengaturan"]["tingkat"]
        areas = [AreaSummary.model_validate(a) for a in document["wilayah"]]
    except (ValueError, KeyError, TypeError):
        raise InputFileError(
            f"{name}: bukan berkas JSON dari 'phbs score -o'",
            f"{name}: not a JSON file written by 'phbs score -o'",
        ) from None
    if level != AreaLevel.DESA.value:
        raise InputFileError(
            f"{name}: rekap per {level}, bukan per desa", f"{name}: summary by {level}, not village"
        )
    report = AreaReport(
        tingkat=AreaLevel.DESA,
        na_policy=document["pengaturan"]["na_policy"],
        formulir=document["formulir"]["id"],
        wilayah=areas,
        masalah=[],
    )
    measures = measures_from_report(report, name)
    return VillageMeasures(
        measures.values,
        measures.names,
        measures.indicators,
        measures.has_household_totals,
        name,
        file_sha256(path),
    )
