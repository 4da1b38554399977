"""The change in % ber-PHBS between two survey rounds as a village measure a rubric can score
(``perubahan_persen_ber_phbs``, docs/aturan.md §5.8, §7.2).

:func:`change_measures` reads each village's change in percentage points from a village-level
comparison (:func:`phbs.trends.compare.compare_rounds` ``by="desa"``); :func:`with_change`
adds it to the survey measures a ranking or a report scores (``phbs rank --baseline`` and
``phbs report --baseline`` call it the same way)::

    trends = compare_rounds([baseline, current], by="desa", code_changes=changes)
    measures = with_change(measures_from_report(report), trends)

A village surveyed in one round only, or without a household with a complete result in one
of them, has no change (``None``): like any missing survey measure it is not ranked unless
``--rank-incomplete``, and a note says why.

Villages joined by the code-change file are one comparison unit (:mod:`phbs.trends.units`):
the unit's change (the sum of its parts in one round against the sum in the other) is given
to **every** code of the unit in the current round, with a note naming the unit. A *pemekaran*
that split village A into A1 and A2 gives A1 and A2 the change of A1 + A2 against A, also when
only A1 takes part in the contest: the baseline surveyed A's households without saying which
part they live in, so A1's own earlier share is not known, and leaving A1 without a value
would put it out of the ranking for an administrative change. The note makes the choice
visible to the panel, which may exclude or correct the village with an override (§7.4).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from phbs.contest.measures import VillageMeasures
from phbs.contest.models import ChangeRecord, InputRecord
from phbs.contest.notes import Notes, measure_label
from phbs.contest.rubric import Rubric, SurveySource
from phbs.errors import SettingsError
from phbs.i18n import t
from phbs.ingest.code_changes import read_code_changes
from phbs.ingest.file_names import file_name
from phbs.ingest.held import file_sha256
from phbs.issues import Issue
from phbs.scoring.household import AreaLevel
from phbs.trends.compare import compare_rounds
from phbs.trends.models import AreaTrend, Change, Reason, Trends
from phbs.trends.rounds import Round

#: The measure's name in rubrics (docs/aturan.md §7.2).
CHANGE_MEASURE = "perubahan_persen_ber_phbs"


def change_pair(trends: Trends, pair: tuple[str, str] | None = None) -> tuple[int, tuple[str, str]]:
    """The index in ``trends.perbandingan`` of ``pair`` (default: first round → last round),
    and the pair; refused when the trends are not by village, the pair was not compared,
    or the rounds define % ber-PHBS differently (no change is then given a verdict)."""
    if trends.tingkat != AreaLevel.DESA.value:
        raise SettingsError(
            f"perubahan per desa memerlukan perbandingan per desa, bukan per {trends.tingkat}",
            f"a change per village needs the comparison by village, not by {trends.tingkat}",
        )
    labels = [r.label for r in trends.putaran]
    chosen = pair if pair is not None else (labels[0], labels[-1])
    if chosen not in trends.perbandingan:
        listed = ", ".join(f"{a} → {b}" for a, b in trends.perbandingan)
        raise SettingsError(
            f"pasangan putaran {chosen[0]} → {chosen[1]} tidak dibandingkan (ada: {listed})",
            f"rounds {chosen[0]} → {chosen[1]} were not compared (compared: {listed})",
        )
    if not trends.persen_ber_phbs_sebanding:
        described = "; ".join(
            f"{r.label}: {r.formulir}, na_policy {r.na_policy}, penyebut {r.penyebut}"
            for r in trends.putaran
        )
        raise SettingsError(
            f"% ber-PHBS tidak sebanding antarputaran ({described}): perubahannya tidak dapat "
            "dinilai; skor kedua putaran dengan formulir dan pengaturan yang sama",
            f"% ber-PHBS is not comparable between the rounds ({described}): its change cannot "
            "be scored; score both rounds with the same form and settings",
        )
    return trends.perbandingan.index(chosen), chosen


def current_codes(area: AreaTrend) -> list[str]:
    """The village codes of a comparison unit in the latest round that has it."""
    return area.kode.split(" + ")


def change_measures(trends: Trends, pair: tuple[str, str] | None = None) -> dict[str, float | None]:
    """Each village's change in % ber-PHBS from the first round of ``pair`` to the second
    (default: first → last round), in percentage points (negative when it fell), by village
    code; ``None`` for a village without a change (surveyed in one round only, or without a
    complete household in one of them). Codes joined by the code-change file all take their
    unit's change (see the module docstring).

    >>> import phbs
    >>> from phbs.trends.compare import compare_rounds
    >>> from phbs.trends.rounds import round_from_score
    >>> from phbs.demo.data import sample_data
    >>> report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    >>> same = compare_rounds([round_from_score(label, report, []) for label in ("a", "b")])
    >>> set(change_measures(same).values())
    {0.0}
    """
    index, _ = change_pair(trends, pair)
    values: dict[str, float | None] = {}
    for area in trends.wilayah:
        for code in current_codes(area):
            values[code] = area.persen_ber_phbs.perubahan[index].perubahan
    return values


def _why_blank(area: AreaTrend, change: Change) -> tuple[str, str]:
    if change.alasan is Reason.TIDAK_ADA_DI_PUTARAN:
        missing = ", ".join(label for label in (change.dari, change.ke) if label not in area.ada_di)
        key = "note.change.absent"
    else:
        missing = ", ".join(
            v.putaran
            for v in area.persen_ber_phbs.nilai
            if v.putaran in (change.dari, change.ke) and not v.n
        )
        key = "note.change.empty"
    return t(key, "id", rounds=missing), t(key, "en", rounds=missing)


def change_notes(trends: Trends, pair: tuple[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """Why a village has no change, or that its change is its joined unit's, by village
    code (Indonesian, English); villages with a change of their own have no note."""
    index, _ = change_pair(trends, pair)
    notes: dict[str, tuple[str, str]] = {}
    for area in trends.wilayah:
        change = area.persen_ber_phbs.perubahan[index]
        note = None
        if change.perubahan is None:
            note = _why_blank(area, change)
        elif area.kode_asal:
            joined = ", ".join(area.kode_asal)
            note = (
                t("note.change.joined", "id", unit=area.kode, codes=joined),
                t("note.change.joined", "en", unit=area.kode, codes=joined),
            )
        if note is not None:
            for code in current_codes(area):
                notes[code] = note
    return notes


def with_change(
    measures: VillageMeasures, trends: Trends, pair: tuple[str, str] | None = None
) -> VillageMeasures:
    """``measures`` with ``perubahan_persen_ber_phbs`` for each of its villages (``None``
    where the village has no change, with a note why) and the rounds it compares."""
    _, chosen = change_pair(trends, pair)
    found = change_measures(trends, chosen)
    why = change_notes(trends, chosen)
    values = {
        code: {**row, CHANGE_MEASURE: found.get(code)} for code, row in measures.values.items()
    }
    notes = {code: dict(measures.notes.get(code, {})) for code in measures.values}
    for code, note in why.items():
        if code in notes:
            notes[code][CHANGE_MEASURE] = note
    return dataclasses.replace(
        measures,
        values=values,
        notes=notes,
        change=chosen,
        change_codes_file=trends.berkas_perubahan_kode,
    )


def uses_change(rubric: Rubric) -> list[str]:
    """The criteria (and ``ukuran:`` tie-breakers) of ``rubric`` that use the change."""
    used = [
        c.id
        for _, c in rubric.criteria()
        if isinstance(c.source, SurveySource) and c.source.measure == CHANGE_MEASURE
    ]
    return used + [b.key for b in rubric.tie_breakers if b.measure == CHANGE_MEASURE]


def change_record(rubric: Rubric, measures: VillageMeasures | None) -> ChangeRecord | None:
    """What a ranking says about the change it scored: the rounds, the criteria using it and
    each village's value; ``None`` when the rubric does not use the change."""
    used = uses_change(rubric)
    if not used or measures is None or measures.change is None:
        return None
    named = {c.id: (c.name, c.name_en) for _, c in rubric.criteria()}
    tie = (t("report.change.tie_breaker", "id"), t("report.change.tie_breaker", "en"))
    names = [named.get(key, tie) for key in used]
    return ChangeRecord(
        dari=measures.change[0],
        ke=measures.change[1],
        kriteria=used,
        nama=[name for name, _ in names],
        nama_en=[name for _, name in names],
        berkas_perubahan_kode=measures.change_codes_file,
        nilai={code: row.get(CHANGE_MEASURE) for code, row in measures.values.items()},
    )


def measure_notes(rubric: Rubric, measures: VillageMeasures | None, kode: str) -> Notes:
    """The notes of village ``kode``'s measures that ``rubric`` scores or breaks ties with
    (why the change is blank, or that it is its joined unit's)."""
    notes = Notes()
    if measures is None:
        return notes
    used = {c.source.measure for _, c in rubric.criteria() if isinstance(c.source, SurveySource)}
    used |= {b.measure for b in rubric.tie_breakers if b.measure is not None}
    for measure, (indonesian, english) in measures.notes.get(kode, {}).items():
        if measure in used:
            name, name_en = measure_label(measure, rubric)
            notes.add(f"{name}: {indonesian}", f"{name_en}: {english}")
    return notes


def baseline_change(
    measures: VillageMeasures,
    earlier: tuple[Round, list[Issue]],
    now: Round,
    code_changes: Path | None,
    earlier_files: Sequence[Path],
) -> tuple[VillageMeasures, list[Issue], list[InputRecord]]:
    """``measures`` with each village's change from the ``earlier`` round (as read, with
    its reading issues) to ``now``, compared by village with the ``code_changes`` file when
    given (``phbs rank --baseline``); the issues of reading and lining up the rounds; the
    records of the earlier round's files and the code-change file for the audit trail."""
    changes = read_code_changes(code_changes) if code_changes else None
    trends = compare_rounds([earlier[0], now], by="desa", code_changes=changes)
    files = [*earlier_files, *([code_changes] if code_changes is not None else [])]
    roles = ["putaran_dasar"] * len(earlier_files) + ["perubahan_kode"] * (
        len(files) - len(earlier_files)
    )
    records = [
        InputRecord(peran=role, berkas=file_name(f), sha256=file_sha256(f))
        for role, f in zip(roles, files, strict=True)
    ]
    return with_change(measures, trends), [*earlier[1], *trends.masalah], records
