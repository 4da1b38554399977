"""Per-area counts built batch by batch (phbs.scoring.totals) give exactly the in-memory results.

Every survey here is scored twice: in memory (``score`` then ``summarise``) and streamed, its
households handed to a :class:`TotalsBuilder` and the households CSV in batches cut at many
places. Area reports at every level, with and without a villages file and under every
``na_policy``, the plausibility warnings and the households CSV must be the same.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
from conftest import read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phbs.demo.data import sample_data
from phbs.forms.loading import load_form
from phbs.forms.model import NaPolicy
from phbs.ingest.survey import Factor, HouseholdBatch, Survey
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.reports.households import HouseholdsCsv, households_csv, write_households_csv
from phbs.resources import data_path
from phbs.scoring.batches import table_batches
from phbs.scoring.household import AreaCounts, AreaLevel, count_by_group
from phbs.scoring.plausibility import plausibility_issues
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import summarise
from phbs.scoring.totals import AreaTotals, TotalsBuilder, dusun_key, fold_name

LEVELS = list(AreaLevel)

# Villages of the bundled villages file (docs/aturan.md §9.1), written with and without dots, two
# villages it does not list, and a well-formed code the 2025 table does not know (kept, named
# from the file).
CODES = [
    "63.10.01.1007",
    "6310011028",
    "63.10.01.2005",
    "63.10.01.2031",
    "63.10.02.1001",
    "63.10.02.2008",
    "63.10.02.2012",
    "63.10.03.2001",
    "63.10.01.2999",
    "63.71.01.1001",
]
# Spellings that fold together (case, spaces, ß → ss) and blanks, as typed by hand.
DUSUN = ["Dusun I", "dusun  i", " DUSUN I ", "Dusun II", "", "  ", "Straße", "STRASSE", "Ängel"]
PETUGAS = ["Lina Marlina", "lina  marlina", " LINA MARLINA", "Budi", "", "Siti", "siti "]
CELLS = ["Ya", "ya", "1", "Tidak", "0", "t", "-", "", "Ya", "Ya", "??"]
ALL_MET_VILLAGE = "63.10.01.2033"


def dirty_files(folder: Path, form_name: str, seed: int, rows: int = 400) -> list[Path]:
    """Two survey files (comma, and semicolon with a BOM) with the mistakes of docs/aturan.md §8:
    rows without an id, repeated ids and malformed village codes (set aside), bad cells and
    ages (kept as missing), names that differ from the code table; also one village where
    every household is ber-PHBS and one surveyor who copies one answer row."""
    form = load_form(form_name).form
    context = [c.code for c in form.context]
    header = [
        "id_rumah_tangga",
        "kode_desa",
        "nama_desa",
        "dusun",
        "rw",
        "rt",
        "tanggal_survei",
        "petugas",
        "nama_kepala_rt",
        *context,
        *form.codes,
    ]
    rng = random.Random(seed)
    paths = []
    for part in range(2):
        lines = [header]
        for n in range(rows // 2):
            household = f"{part}-{n}"
            code = rng.choice(CODES)
            name = rng.choice(["", "Batulicin", "Nama Lain"])
            dusun = rng.choice(DUSUN)
            petugas = rng.choice(PETUGAS)
            cells = [rng.choice(CELLS) for _ in form.codes]
            ages = [rng.choice(["", "", "3", "15", "40", "70", "x"]) for _ in context]
            if n % 50 == 7:
                household = ""
            if n % 61 == 3:
                household = f"{part}-{n - 1}"
            if n % 70 == 5:
                code = "63.10.XX"
            if 100 <= n < 140:
                code, cells = ALL_MET_VILLAGE, ["Ya"] * len(form.codes)
            if 150 <= n < 180:
                petugas = rng.choice(["Copy Cat", "copy  cat"])
                if n < 177:
                    cells = ["Ya"] * (len(form.codes) - 1) + ["Tidak"]
            if 100 <= n < 180:
                ages = ["" for _ in context]
            place = [code, name, dusun, str(n % 4), str(n % 7), "09/08/2025", petugas]
            lines.append([household, *place, f"Kepala {n}", *ages, *cells])
        separator = ";" if part else ","
        text = "".join(separator.join(line) + "\n" for line in lines)
        path = folder / f"survei-{form_name}-{part + 1}.csv"
        path.write_bytes(("\ufeff" if part else "").encode() + text.encode("utf-8"))
        paths.append(path)
    return paths


FORMS = ["kemenkes-rt-10", "jateng-rt-16", "pispk-12", "sekolah-8"]


@pytest.fixture(scope="module")
def surveys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Survey]:
    folder = tmp_path_factory.mktemp("survei")
    found = {"contoh": read(sample_data().survey_files)}
    for seed, form in enumerate(FORMS):
        found[form] = read(dirty_files(folder, form, seed), form)
    empty = folder / "kosong.csv"
    # Nothing scored: the one row has no household id.
    codes = ",".join(load_form("kemenkes-rt-10").form.codes)
    empty.write_text(f"id_rumah_tangga,kode_desa,{codes}\n,63.10.01.2005{',Ya' * 10}\n", "utf-8")
    found["kosong"] = read(empty)
    return found


@pytest.fixture(scope="module")
def villages() -> VillageTotals:
    (path,) = sorted(data_path("contoh").glob("desa-*.csv"))
    return read_villages(path)


def stream(
    result: ScoreResult,
    folder: Path,
    *,
    cuts: Iterable[int] = (),
    size: int = 65_536,
    include_names: bool = False,
) -> tuple[AreaTotals, bytes]:
    """Score ``result``'s survey batch by batch, as the streaming path does: each batch is
    scored by the builder and its household rows written at once."""
    survey = result.survey
    builder = TotalsBuilder(survey.form.form, result.na_policy)
    files = [f.name for f in survey.files]
    path = folder / "rumah-tangga-bertahap.csv"
    with households_csv(path, survey.form.form, include_names=include_names) as sink:
        for batch in table_batches(survey.households, cuts=cuts, size=size):
            sink.write(batch, builder.add(batch), files)
    return builder.totals(), path.read_bytes()


def households_bytes(result: ScoreResult, folder: Path, *, include_names: bool) -> bytes:
    path = folder / "rumah-tangga.csv"
    write_households_csv(result, path, include_names=include_names)
    return path.read_bytes()


def assert_same_results(
    result: ScoreResult, totals: AreaTotals, villages: VillageTotals | None
) -> None:
    for level in LEVELS:
        for listed in (None, villages):
            streamed = summarise(totals, by=level, villages=listed)
            assert streamed == summarise(result, by=level, villages=listed), (level, listed)
    assert plausibility_issues(totals) == plausibility_issues(result)


@pytest.mark.parametrize("case", ["contoh", *FORMS, "kosong"])
def test_streaming_gives_the_in_memory_results(
    case: str, surveys: dict[str, Survey], villages: VillageTotals, tmp_path: Path
) -> None:
    """docs/aturan.md §5.5: village measures are sums of household counts, so they cannot depend on
    how the households were batched: one batch, one household per batch, batches of 7 and
    100, and a cut at every file boundary give the in-memory reports at every level, with
    and without the villages file (*dipantau*), under every ``na_policy`` (§3.2), the same
    plausibility warnings (§8.4) and the same households CSV."""
    survey = surveys[case]
    for policy in NaPolicy:
        result = score(survey, policy)
        for size in (10**6, 1, 7, 100):
            if size == 1 and case == "contoh" and policy is not NaPolicy.EXCLUDE:
                continue  # 3,011 batches of one household: once is enough
            include_names = size in (1, 100)
            totals, rows = stream(result, tmp_path, size=size, include_names=include_names)
            assert totals.households == survey.rows_scored
            assert_same_results(result, totals, villages)
            assert rows == households_bytes(result, tmp_path, include_names=include_names)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_cut_points_give_the_same_results(
    data: st.DataObject, surveys: dict[str, Survey], villages: VillageTotals, tmp_path: Path
) -> None:
    """docs/aturan.md §5.5 (sum the counts, recompute the percentages): batches cut at random points
    give the in-memory reports, warnings and households CSV."""
    case = data.draw(st.sampled_from(["contoh", *FORMS]))
    policy = data.draw(st.sampled_from(list(NaPolicy)))
    result = score(surveys[case], policy)
    rows = len(result.survey.households)
    cuts = data.draw(st.lists(st.integers(1, rows - 1), max_size=60))
    include_names = data.draw(st.booleans())
    totals, written = stream(result, tmp_path, cuts=cuts, include_names=include_names)
    assert_same_results(result, totals, villages)
    assert written == households_bytes(result, tmp_path, include_names=include_names)


@pytest.mark.parametrize("case", ["contoh", *FORMS])
def test_validation_sink_gives_the_in_memory_results(
    case: str, surveys: dict[str, Survey], villages: VillageTotals, tmp_path: Path
) -> None:
    """The real streaming path: validation hands its batches to the builder and the
    households CSV (docs/aturan.md §8.3: every kept row is scored once), and the reports (§5), the
    warnings and the file equal the in-memory ones under every ``na_policy`` (§3.2)."""
    in_memory = surveys[case]
    paths = [Path(f.path) for f in in_memory.files]
    names = [str(p) for p in paths]
    loaded = in_memory.form
    for policy in NaPolicy:
        builder = TotalsBuilder(loaded.form, policy)
        path = tmp_path / "rumah-tangga-bertahap.csv"
        with households_csv(path, loaded.form, include_names=True) as sink:

            def take(
                batch: HouseholdBatch, sink: HouseholdsCsv = sink, builder: TotalsBuilder = builder
            ) -> None:
                sink.write(batch, builder.add(batch), names)

            streamed = read_survey(paths, loaded, sink=take)
        assert [f.name for f in streamed.files] == names
        assert streamed.issues == in_memory.issues
        result = score(in_memory, policy)
        totals = builder.totals()
        assert totals.households == streamed.rows_scored == in_memory.rows_scored
        assert_same_results(result, totals, villages)
        assert path.read_bytes() == households_bytes(result, tmp_path, include_names=True)


def assert_counts_equal(found: AreaCounts, expected: AreaCounts) -> None:
    assert found.keys == expected.keys
    for name in ("surveyed", "status", "ya", "answered", "missing", "classes"):
        np.testing.assert_array_equal(getattr(found, name), getattr(expected, name), name)


@pytest.mark.parametrize("case", ["contoh", *FORMS])
def test_totals_match_counts_by_key(case: str, surveys: dict[str, Survey]) -> None:
    """docs/aturan.md §5.5: per village and per dusun (same dusun name in two villages: two dusun),
    the counts are those of counting every household by its key; per surveyor, the largest
    group of identical answer rows is that of comparing the rows themselves (§8.4)."""
    survey = surveys[case]
    table = survey.households
    form = survey.form.form
    classes = len(form.classes.classes) if form.classes else 0
    result = score(survey)
    streamed = TotalsBuilder(form)
    for batch in table_batches(table, size=13):
        streamed.add(batch)
    for found in (result.totals, streamed.totals()):
        assert_counts_equal(
            found.villages, count_by_group(table.kode_desa, table.states, result.outcomes, classes)
        )
        keys = [dusun_key(c, d) for c, d in zip(table.kode_desa, table.dusun, strict=True)]
        assert_counts_equal(
            found.dusun, count_by_group(keys, table.states, result.outcomes, classes)
        )
        first: dict[str, str] = {}
        for key, spelling in zip(keys, table.dusun, strict=True):
            first.setdefault(key, spelling)
        assert found.dusun_names == first
        folded = np.array([fold_name(p) for p in table.petugas], dtype=object)
        expected = {}
        for key in sorted(set(folded.tolist())):
            rows = table.states[folded == key]
            expected[key] = (len(rows), int(np.unique(rows, axis=0, return_counts=True)[1].max()))
        assert {s.key: (s.households, s.identical) for s in found.surveyors} == expected


def test_fixtures_raise_every_area_issue(
    surveys: dict[str, Survey], villages: VillageTotals
) -> None:
    """The surveys above exercise every area issue (aturan.md §5.3 sample size, §8.4 implausible
    results), so the comparisons cover them."""
    found = set()
    for survey in surveys.values():
        result = score(survey)
        found |= {i.code for i in summarise(result, villages=villages).masalah}
        found |= {i.code for i in plausibility_issues(result)}
    assert found >= {
        "sampel-kurang",
        "disurvei-melebihi-total",
        "hasil-100-persen",
        "petugas-jawaban-seragam",
    }


def test_households_csv_rows_are_the_scored_households(
    surveys: dict[str, Survey], tmp_path: Path
) -> None:
    """The households CSV holds one row per scored household with its outcome (docs/aturan.md §3.1)
    as `ScoreResult.households` gives it; names of household heads only when asked."""
    result = score(surveys["pispk-12"])
    table = result.survey.households
    codes = result.survey.form.form.codes
    for include_names in (False, True):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        head = ["id_rumah_tangga", "kode_desa", "nama_desa", "dusun", "rw", "rt"]
        head += ["tanggal_survei", "petugas", *(["nama_kepala_rt"] if include_names else [])]
        head += ["berkas", "baris", "status", "berlaku", "ya", "tidak", "kosong", "indeks"]
        writer.writerow([*head, "kelas", *codes])
        for i, h in enumerate(result.households()):
            row: list[str | int] = [h.id_rumah_tangga, h.kode_desa, h.nama_desa, h.dusun]
            row += [table.rw[i], table.rt[i], table.tanggal_survei[i], table.petugas[i]]
            row += [table.nama_kepala_rt[i]] if include_names else []
            row += [h.berkas, h.baris, h.status, h.berlaku, h.ya, h.tidak, h.kosong]
            row += ["" if h.indeks is None else repr(h.indeks), h.kelas or ""]
            writer.writerow([*row, *(h.jawaban[c] for c in codes)])
        expected = buffer.getvalue().encode("utf-8")
        assert households_bytes(result, tmp_path, include_names=include_names) == expected
        _, streamed = stream(result, tmp_path, size=3, include_names=include_names)
        assert streamed == expected


def test_memory_follows_areas_not_households(surveys: dict[str, Survey]) -> None:
    """200 batches over the same villages: the count arrays stay sized by the areas (one row
    per dusun, grown by doubling) and the answer-row records by the distinct (surveyor,
    answer row) pairs; the counts are the sums of the batches (docs/aturan.md §5.5)."""
    survey = surveys["contoh"]
    table = survey.households
    batches = list(table_batches(table, size=100))
    builder = TotalsBuilder(survey.form.form)
    allocated = []
    for n in range(200):
        builder.add(batches[n % len(batches)])
        allocated.append(builder.allocated_rows())
    once = score(survey).totals
    dusun = len(once.dusun.keys)
    assert {a["areas"] for a in allocated[len(batches) :]} == {allocated[-1]["areas"]}
    assert allocated[-1]["areas"] < 2 * dusun
    folded = [fold_name(p) for p in table.petugas]
    pairs = len(set(zip(folded, map(bytes, table.states), strict=True)))
    assert max(a["answer_rows"] for a in allocated) <= 2 * pairs + 4_096 + 100
    totals = builder.totals()
    assert builder.allocated_rows()["answer_rows"] == pairs
    # 200 batches of 100 = 6 full passes over the 3,011 households and 14 batches more.
    rest = TotalsBuilder(survey.form.form)
    for batch in batches[: 200 % len(batches)]:
        rest.add(batch)
    passes, partial = 200 // len(batches), rest.totals().villages
    once_counts = once.villages.surveyed.tolist()
    expected = {k: passes * n for k, n in zip(once.villages.keys, once_counts, strict=True)}
    for key, n in zip(partial.keys, partial.surveyed.tolist(), strict=True):
        expected[key] += n
    found = totals.villages
    assert dict(zip(found.keys, found.surveyed.tolist(), strict=True)) == expected
    assert totals.households == sum(len(batches[n % len(batches)]) for n in range(200))


def test_names_are_shown_as_first_spelled_in_row_order(surveys: dict[str, Survey]) -> None:
    """A batch's factor values need not be in row order (validation lists them as its
    codebooks do): villages, dusun and surveyors are still shown as the first row spells
    them (docs/aturan.md §5.5: dusun and surveyors compared case- and space-insensitively)."""
    form = surveys["contoh"].form.form

    def factor(values: list[str], codes: list[int]) -> Factor:
        return Factor(values, np.array(codes, dtype=np.intp))

    blank = factor([""], [0, 0, 0])
    batch = HouseholdBatch(
        file_index=0,
        row_number=np.array([2, 3, 4], dtype=np.int64),
        ids=["a", "b", "c"],
        kode_desa=factor(["63.10.01.2005"], [0, 0, 0]),
        nama_desa=factor(["Segumbang"], [0, 0, 0]),
        dusun=factor(["DUSUN  I", "Dusun I"], [1, 0, 1]),
        rw=blank,
        rt=blank,
        tanggal_survei=blank,
        petugas=factor(["SITI aminah", "Siti Aminah"], [1, 0, 0]),
        nama_kepala_rt=blank,
        context={code: [None, None, None] for code in (c.code for c in form.context)},
        states=np.full((3, len(form.codes)), 1, dtype=np.int8),
    )
    builder = TotalsBuilder(form)
    builder.add(batch)
    totals = builder.totals()
    assert totals.dusun_names == {dusun_key("63.10.01.2005", "Dusun I"): "Dusun I"}
    assert [(s.shown, s.households) for s in totals.surveyors] == [("Siti Aminah", 3)]


def test_builder_refuses_outcomes_of_another_policy(surveys: dict[str, Survey]) -> None:
    """aturan.md §3.2: every report states the ``na_policy`` that produced it, so outcomes scored
    under another setting cannot be added."""
    survey = surveys["contoh"]
    result = score(survey, NaPolicy.AS_UNMET)
    builder = TotalsBuilder(survey.form.form, NaPolicy.EXCLUDE)
    batch = next(table_batches(survey.households, size=10))
    with pytest.raises(ValueError, match="na_policy"):
        builder.add(batch, result.outcomes)
    assert builder.totals().households == 0
