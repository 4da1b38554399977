"""Streaming validation gives exactly what row-by-row validation gives (docs/aturan.md §8.3).

A CSV file is read in blocks; quote-free segments are validated column by column with numpy
(:mod:`phbs.ingest.fast`), the rest row by row. These tests read the same bytes with tiny
blocks (most rows through the numpy path, segments cut everywhere) and with one huge
segment (every row through the row-by-row path, the reference) and compare everything a
survey holds: households column by column, states, rows set aside with their reasons,
issues in order, and file records. Household keys are remembered as 64-bit hashes; a test
makes every hash collide to show that suspects are settled against the real keys.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import (
    AGE,
    BATULICIN,
    HEADER,
    INDICATORS,
    KAMPUNG_BARU,
    SEGUMBANG,
    answers,
)
from conftest import states as state_letters
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import phbs
from phbs.demo.data import sample_data
from phbs.errors import SurveyError
from phbs.ingest import csv_stream, fast, prepared_grid, readers, row_checks, seen, validate
from phbs.ingest.settings import BlankMeaning, ReadSettings
from phbs.ingest.validate import IdScope, read_survey
from phbs.scoring.household import Status

FULL_HEADER = [
    "id_rumah_tangga",
    "kode_desa",
    "nama_desa",
    "dusun",
    "tanggal_survei",
    "petugas",
    AGE,
    *INDICATORS,
]


def snapshot(files: list[Path], **options: Any) -> dict[str, Any]:
    """Everything a validated survey holds, comparable with ==; or the refusal of a file
    that cannot be scored as it is (both paths must refuse alike)."""
    try:
        survey = read_survey(files, **options)
    except SurveyError as refused:
        return {"refused": refused.message_en}
    table = survey.households
    return {
        "ids": table.ids,
        "kode_desa": table.kode_desa,
        "nama_desa": table.nama_desa,
        "dusun": table.dusun,
        "rw": table.rw,
        "rt": table.rt,
        "tanggal": table.tanggal_survei,
        "petugas": table.petugas,
        "nama_kepala_rt": table.nama_kepala_rt,
        "context": table.context,
        "file_index": table.file_index,
        "row_number": table.row_number,
        "states": table.states.tobytes(),
        "set_aside": survey.set_aside,
        "issues": [(i.code, i.file, i.row, i.column, i.value, i.message_en) for i in survey.issues],
        "files": survey.files,
    }


def in_file_order(survey: dict[str, Any]) -> dict[str, Any]:
    """Households sorted by file and row (a household kept after a hash collision is
    handed on at the end)."""
    order = sorted(
        range(len(survey["ids"])), key=lambda i: (survey["file_index"][i], survey["row_number"][i])
    )
    out = dict(survey)
    for key in ("ids", "kode_desa", "nama_desa", "dusun", "rw", "rt", "tanggal", "petugas"):
        out[key] = [survey[key][i] for i in order]
    for key in ("nama_kepala_rt", "file_index", "row_number"):
        out[key] = [survey[key][i] for i in order]
    out["context"] = {c: [v[i] for i in order] for c, v in survey["context"].items()}
    width = len(INDICATORS)
    states = np.frombuffer(survey["states"], dtype=np.int8).reshape(-1, width)
    out["states"] = states[order].tobytes()
    return out


def row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """One segment for the whole file: every row goes through the csv module, one by one."""
    monkeypatch.setattr(csv_stream, "BLOCK_SIZE", 1 << 30)
    monkeypatch.setattr(csv_stream, "_HEADER_SEGMENT", 1 << 30)


def tiny_blocks(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(csv_stream, "BLOCK_SIZE", size)
    monkeypatch.setattr(csv_stream, "_HEADER_SEGMENT", min(size, 300))


def assert_same(files: list[Path], monkeypatch: pytest.MonkeyPatch, **options: Any) -> None:
    with monkeypatch.context() as patch:
        row_by_row(patch)
        reference = snapshot(files, **options)
    for size in (97, 512, 4096):
        with monkeypatch.context() as patch:
            tiny_blocks(patch, size)
            streamed = snapshot(files, **options)
        for key, value in reference.items():
            assert streamed[key] == value, (size, key)


def line(*cells: str) -> str:
    return ",".join(cells)


def household(hid: str, code: str = SEGUMBANG, *, age: str = "", spec: str = "---YYYYYYY") -> str:
    name = {SEGUMBANG: "Segumbang", BATULICIN: "Batulicin"}.get(code, "")
    return line(hid, code, name, "Dusun I", "2025-08-14", "Siti", age, *answers(spec))


def clean_rows(count: int, start: int = 1) -> list[str]:
    specs = ["---YYYYYYY", "YYYYYYYYYY", "---YTYYYYY", "Y-YYYYYYYY", "---YYYY.YY"]
    ages = ["", "3", "12", "", "40"]
    return [
        household(f"RT{i:05d}", (SEGUMBANG, BATULICIN)[i % 2], age=ages[i % 5], spec=specs[i % 5])
        for i in range(start, start + count)
    ]


def write(path: Path, lines: list[str], *, newline: str = "\n", encoding: str = "utf-8") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


# Rows that each take a different way through validation; placed among clean rows.
ODD_ROWS = {
    "duplicate typed twice": household("RT00003", BATULICIN, age="", spec="YYYYYYYYYY"),
    "duplicate id, other answers": household("RT00004", SEGUMBANG, spec="TTTTTTTTTT"),
    "id with spaces": household(" RT90001 ", SEGUMBANG),
    "blank id": household("", SEGUMBANG),
    "bad village code": household("RT90002", "63.10.01"),
    "unknown village code": household("RT90003", "63.10.01.2999"),
    "long id": household("RT" + "9" * 40, SEGUMBANG),
    "village name differs": line(
        "RT90004", SEGUMBANG, "Sungai Dua", "", "2025-08-14", "", "", *answers("---YYYYYYY")
    ),
    "bad date": line("RT90005", SEGUMBANG, "", "", "31/02/2025", "", "", *answers("---YYYYYYY")),
    "unknown answer": household("RT90006", SEGUMBANG, spec="---YYYYYYY").replace(",Ya", ",Yess", 1),
    "age out of range": household("RT90007", SEGUMBANG, age="900", spec="YYYYYYYYYY"),
    "age not a number": household("RT90008", SEGUMBANG, age="dua", spec="YYYYYYYYYY"),
    "answer for a child indicator without a child": household("RT90009", spec="YYYYYYYYYY"),
    "too few cells": line("RT90010", SEGUMBANG, "Segumbang"),
    "extra cells": household("RT90011") + ",lebih,lagi",
    "blank line": "",
    "separators only": ",,,,,,",
    "long answer cell": household("RT90012", SEGUMBANG).replace(
        ",Ya,", ",Ya sudah memakai jamban sehat sejak lama,", 1
    ),
    "spaces around answers": household("RT90013", SEGUMBANG).replace(",Ya,", ", ya ,", 1),
    "quoted cell": household("RT90014", SEGUMBANG).replace("Dusun I", '"Dusun I, Atas"'),
    "quoted line break": household("RT90015", SEGUMBANG).replace("Dusun I", '"Dusun\nI"'),
    "non-ascii name": household("RT90016", SEGUMBANG).replace("Siti", "Siti Nurʼaini"),
    "same id in another village": household("RT00005", KAMPUNG_BARU),
}


@pytest.mark.parametrize("odd", sorted(ODD_ROWS))
def test_each_odd_row_gives_the_same_survey(
    odd: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = clean_rows(60)
    rows[30:30] = [ODD_ROWS[odd]]
    rows.append(ODD_ROWS[odd])
    path = write(tmp_path / "survei.csv", [line(*FULL_HEADER), *rows])
    assert_same([path], monkeypatch)
    assert_same([path], monkeypatch, id_scope=IdScope.DESA)


@pytest.mark.parametrize(
    ("newline", "encoding", "separator"),
    [("\r\n", "utf-8", ","), ("\n", "utf-8-sig", ";"), ("\r\n", "cp1252", "\t")],
)
def test_dialects_give_the_same_survey(
    newline: str, encoding: str, separator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [line(*FULL_HEADER), *clean_rows(80), *ODD_ROWS.values(), *clean_rows(40, 500)]
    text = [r.replace(",", separator) for r in rows if "ʼ" not in r or encoding != "cp1252"]
    path = write(tmp_path / "survei.csv", text, newline=newline, encoding=encoding)
    assert_same([path], monkeypatch)


def test_trailing_blank_lines_and_no_final_newline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "survei.csv"
    body = "\n".join([line(*FULL_HEADER), *clean_rows(50), "", ",,,,", "  ", *clean_rows(3, 90)])
    path.write_text(body + "\n\n,,,\n", encoding="utf-8")
    assert_same([path], monkeypatch)
    path.write_text(body, encoding="utf-8")
    assert_same([path], monkeypatch)


def test_mixed_encodings_far_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Windows-1252 row early and UTF-8 rows later: the file is mixed either way."""
    head = (line(*FULL_HEADER) + "\n").encode()
    early = (household("RT80001").replace("Siti", "René") + "\n").encode("cp1252")
    late = ("\n".join(clean_rows(200)).replace("Siti", "José") + "\n").encode("utf-8")
    path = tmp_path / "campuran.csv"
    path.write_bytes(head + early + late)
    assert_same([path], monkeypatch)


def test_duplicates_across_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write(tmp_path / "a.csv", [line(*FULL_HEADER), *clean_rows(70)])
    second = write(tmp_path / "b.csv", [line(*FULL_HEADER), *clean_rows(70, 40)])
    assert_same([first, second], monkeypatch)
    assert_same([first, second], monkeypatch, id_scope=IdScope.DESA)


def test_file_without_optional_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [line(*HEADER)] + [
        line(f"{i}", SEGUMBANG, "" if i % 3 else "5", *answers("YYYYYYYYYY")) for i in range(120)
    ]
    rows += [line("7", SEGUMBANG, "", *answers("TTTTTTTTTT"))]
    path = write(tmp_path / "survei.csv", rows)
    assert_same([path], monkeypatch)


def test_implausible_and_unreadable_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates before 2000 or after today are kept with a warning (tanggal-tidak-wajar); an
    impossible time makes the date unreadable (tanggal-salah): the same on both paths."""
    rows = clean_rows(60)
    dated = {3: "1900-01-01", 7: "9999-12-31", 11: "2025-08-14T25:00", 15: "14/08/2025 07:30"}
    for index, date in dated.items():
        rows[index] = rows[index].replace("2025-08-14", date, 1)
    path = write(tmp_path / "tanggal.csv", [line(*FULL_HEADER), *rows])
    assert_same([path], monkeypatch)
    survey = read_survey([path])
    found = [(i.code, i.row) for i in survey.issues if i.code.startswith("tanggal")]
    assert found == [
        ("tanggal-tidak-wajar", 5),
        ("tanggal-tidak-wajar", 9),
        ("tanggal-salah", 13),
    ]


def test_invisible_characters_in_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An id with a zero-width space, a BOM or a direction override is read without them
    (id-karakter-tersembunyi), so the household typed twice is found: on both paths."""
    rows = clean_rows(40)
    rows.append(household("RT0\u200b0005", BATULICIN))  # RT00005 typed again
    rows.append(household("\ufeffRT00041"))
    rows.append(household("\u202eRT00042"))
    path = write(tmp_path / "tersembunyi.csv", [line(*FULL_HEADER), *rows])
    assert_same([path], monkeypatch)
    survey = read_survey([path])
    hidden = [i.row for i in survey.issues if i.code == "id-karakter-tersembunyi"]
    assert hidden == [42, 43, 44]
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(42, ("baris-ganda",))]
    assert {"RT00041", "RT00042"} <= set(survey.households.ids)


def test_sample_survey(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(list(sample_data().survey_files), monkeypatch)


_CELLS = st.sampled_from(
    ["Ya", "ya ", "Tidak", "-", "", "1", "0", "x", "T", '"Ya"', "12", "70", " 5"]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["RT1", "RT2", "RT3", "RT4", " RT5", "", "RT1 "]),
            st.sampled_from([SEGUMBANG, BATULICIN, "63.10.01.2999", "6310012005", "x"]),
            st.lists(_CELLS, min_size=11, max_size=12),
        ),
        min_size=1,
        max_size=40,
    ),
    block=st.sampled_from([64, 150, 700]),
)
def test_random_rows_give_the_same_survey(
    rows: list[tuple[str, str, list[str]]],
    block: int,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [line(*HEADER)] + [line(hid, code, *cells) for hid, code, cells in rows]
    path = write(tmp_path_factory.mktemp("acak") / "survei.csv", lines)
    with monkeypatch.context() as patch:
        row_by_row(patch)
        reference = snapshot([path])
    with monkeypatch.context() as patch:
        tiny_blocks(patch, block)
        assert snapshot([path]) == reference


def test_the_numpy_path_is_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard for the tests above: with small blocks most rows do go through numpy."""
    path = write(tmp_path / "survei.csv", [line(*FULL_HEADER), *clean_rows(400)])
    fast_rows: list[int] = []
    original = fast._View.run

    def counting(view: Any, counts: Any, low: int, high: int) -> None:
        fast_rows.append(high - low)
        original(view, counts, low, high)

    monkeypatch.setattr(fast._View, "run", counting)
    tiny_blocks(monkeypatch, 2048)
    survey = read_survey([path])
    assert survey.rows_scored == 400
    assert sum(fast_rows) > 300


def test_duplicates_are_settled_reading_again_only_the_rows_that_may_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/aturan.md §8.2: the second pass that finds each suspect's first row hashes the
    column-wise segments with numpy and reads again only rows whose hash is a suspect's;
    the rows set aside and their reasons are those of the row-by-row reference."""
    rows = clean_rows(400)
    body = [*rows, rows[350], rows[5], rows[399].replace("Ya", "Tidak", 1)]
    path = write(tmp_path / "survei.csv", [line(*FULL_HEADER), *body])
    with monkeypatch.context() as patch:
        row_by_row(patch)
        reference = snapshot([path])
    read_again: list[int] = []
    original = prepared_grid.first_row_candidates

    def counting(*args: Any) -> list[tuple[int, list[str]]]:
        found = original(*args)
        read_again.append(len(found))
        return found

    monkeypatch.setattr(validate, "first_row_candidates", counting)
    tiny_blocks(monkeypatch, 2048)
    assert snapshot([path]) == reference
    # At most the three first rows and the three suspects (which are skipped) of 403.
    assert read_again
    assert sum(read_again) <= 6
    reasons = sorted(code for r in reference["set_aside"] for code in r.reasons)
    assert reasons == ["baris-ganda", "baris-ganda", "id-ganda"]


def _colliding(monkeypatch: pytest.MonkeyPatch, groups: int) -> None:
    """Make household key hashes collide: only ``groups`` different values remain."""

    def few(values: Any) -> Any:
        return (np.asarray(values, dtype=np.uint64) % np.uint64(groups)).astype(np.uint64)

    original = seen.combine
    monkeypatch.setattr(prepared_grid, "combine", lambda a, b: few(original(a, b)))
    original_one = seen.combine_one
    monkeypatch.setattr(row_checks, "combine_one", lambda a, b: original_one(a, b) % groups)


@pytest.mark.parametrize("groups", [1, 7])
def test_colliding_hashes_change_nothing(
    groups: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Suspects from a hash match are settled on the real key: only real duplicates go."""
    rows = [line(*FULL_HEADER), *clean_rows(90), *ODD_ROWS.values(), *clean_rows(30, 20)]
    first = write(tmp_path / "a.csv", rows)
    second = write(tmp_path / "b.csv", [line(*FULL_HEADER), *clean_rows(40, 70)])
    for scope in (IdScope.SURVEI, IdScope.DESA):
        with monkeypatch.context() as patch:
            tiny_blocks(patch, 512)
            reference = snapshot([first, second], id_scope=scope)
        with monkeypatch.context() as patch:
            tiny_blocks(patch, 512)
            _colliding(patch, groups)
            collided = snapshot([first, second], id_scope=scope)
        assert in_file_order(collided) == in_file_order(reference)
        assert sum(1 for r in reference["set_aside"] if "id-ganda" in r.reasons) >= 1


def test_memory_for_keys_is_eight_bytes_a_household() -> None:
    hashes = seen.SeenHashes()
    rng = np.random.default_rng(3)
    for _ in range(50):
        hashes.add(rng.integers(0, 2**63, 2_000, dtype=np.int64).astype(np.uint64))
    assert hashes.count == 100_000
    assert hashes.nbytes == 8 * 100_000


def test_seen_hashes_report_repeats_in_and_across_batches() -> None:
    hashes = seen.SeenHashes()
    first = hashes.add(np.array([5, 9, 5, 11], dtype=np.uint64))
    assert first.tolist() == [False, False, True, False]
    assert hashes.add_one(9)
    assert not hashes.add_one(12)
    assert hashes.add(np.array([12, 13], dtype=np.uint64)).tolist() == [True, False]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), max_size=30), max_size=40))
def test_seen_hashes_answer_as_a_set_does(batches: list[list[int]]) -> None:
    """Batches with and without repeats inside them, merged into levels: a hash is reported
    exactly when a set of the hashes before it (in and across batches) holds it."""
    hashes = seen.SeenHashes()
    model: set[int] = set()
    for batch in batches:
        expected = []
        for value in batch:
            expected.append(value in model)
            model.add(value)
        assert hashes.add(np.array(batch, dtype=np.uint64)).tolist() == expected
    assert hashes.count == len(model)


def test_streamed_survey_keeps_no_households(tmp_path: Path) -> None:
    path = write(tmp_path / "survei.csv", [line(*FULL_HEADER), *clean_rows(50)])
    batches: list[int] = []
    survey = read_survey([path], sink=lambda batch: batches.append(len(batch)))
    assert survey.streamed
    assert len(survey.households) == 0
    assert sum(batches) == survey.rows_scored == 50
    with pytest.raises(ValueError, match="streamed"):
        phbs.score(survey)


def _shuffled_lines(seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    rows = clean_rows(30) + list(ODD_ROWS.values())
    rng.shuffle(rows)
    yield from rows


def test_shuffled_odd_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(3):
        path = write(tmp_path / f"acak-{seed}.csv", [line(*FULL_HEADER), *_shuffled_lines(seed)])
        assert_same([path], monkeypatch)


def test_file_changed_before_duplicates_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Duplicates are confirmed by reading the file again; if it changed meanwhile, the run
    stops with one clear line instead of mixing two versions (docs/aturan.md §10.1)."""
    rows = [line(*FULL_HEADER), *clean_rows(20), household("RT00003")]
    path = write(tmp_path / "survei.csv", rows)
    opened: list[str] = []
    original = readers.open_table

    def open_then_change(where: Any, **options: Any) -> Any:
        opened.append(str(where))
        if len(opened) == 2:
            with Path(where).open("a", encoding="utf-8") as more:
                more.write(household("RT00099") + "\n")
        return original(where, **options)

    monkeypatch.setattr(validate, "open_table", open_then_change)
    with pytest.raises(phbs.InputFileError, match="berubah saat dibaca"):
        read_survey([path])
    assert len(opened) == 2


# Without the age column (the context column of kemenkes-rt-10) and without dusun: each answer
# pattern, the states it gives and its issue, by docs/aturan.md "Jawaban dan keberlakuan"
# ("kolom penentu tidak ada": a "-" decides on the indicators with na_mark_allowed, 1-3 and
# 8-10; on 4-7 it counts as blank, tidak-berlaku-tidak-boleh) and "Hasil rumah tangga".
# Letters: Y ya, T tidak, - not applicable, . blank (conftest.states).
NO_CONTEXT = {
    # cells: (states, status, issue code and column, or None)
    "---YYYYYYY": ("---YYYYYYY", "ber_phbs", None),
    "YYYYYYYYYY": ("YYYYYYYYYY", "ber_phbs", None),
    "---YTYYYYY": ("---YTYYYYY", "tidak_ber_phbs", None),
    "----YYYYYY": ("---.YYYYYY", "belum_lengkap", ("tidak-berlaku-tidak-boleh", "air_bersih")),
    "---YYYY---": ("---YYYY---", "ber_phbs", None),
    "---YYYY.YY": ("---YYYY.YY", "belum_lengkap", ("jawaban-kosong", "buah_sayur")),
    "T--YYYYYYY": ("T--YYYYYYY", "tidak_ber_phbs", None),
    "Y-.YYYYYYY": ("Y-.YYYYYYY", "belum_lengkap", ("jawaban-kosong", "timbang_balita")),
}


def test_column_path_without_the_context_and_dusun_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with no age column (the optional context column) and no dusun column, read
    column by column (phbs/ingest/fast.py: "same rules, same results" as row by row): every
    household's states, status and issues are those worked out by hand in NO_CONTEXT, the
    reading says the context column is absent, and the row-by-row path gives the same
    survey."""
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", "tanggal_survei", *INDICATORS]
    patterns = list(NO_CONTEXT)
    cells = [patterns[i % len(patterns)] for i in range(240)]
    rows = [
        line(f"RT{i:04d}", (SEGUMBANG, BATULICIN)[i % 2], "", "2025-08-14", *answers(c))
        for i, c in enumerate(cells)
    ]
    path = write(tmp_path / "tanpa-umur.csv", [line(*header), *rows])

    fast_rows: list[int] = []
    original = fast._View.run

    def counting(view: Any, counts: Any, low: int, high: int) -> None:
        fast_rows.append(high - low)
        original(view, counts, low, high)

    with monkeypatch.context() as patch:
        tiny_blocks(patch, 2048)
        patch.setattr(fast._View, "run", counting)
        survey = read_survey([path])
    assert sum(fast_rows) > 200  # most rows did go column by column

    reading = survey.files[0].reading
    assert reading is not None
    assert reading.without_context == (AGE,)
    assert (survey.rows_read, survey.rows_scored) == (240, 240)
    assert list(survey.households.row_number) == list(range(2, 242))
    assert state_letters(survey) == [NO_CONTEXT[c][0] for c in cells]
    assert survey.households.context[AGE] == [None] * 240
    assert list(survey.households.dusun) == [""] * 240
    expected_issues = [
        (issue[0], row, issue[1])
        for row, c in enumerate(cells, start=2)
        if (issue := NO_CONTEXT[c][2]) is not None
    ]
    assert [(i.code, i.row, i.column) for i in survey.issues] == expected_issues
    outcomes = phbs.score(read_survey([path])).outcomes
    assert [Status(s).label for s in outcomes.status] == [NO_CONTEXT[c][1] for c in cells]
    assert_same([path], monkeypatch)


def test_cr_line_ends_are_read_in_blocks_like_lf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/aturan.md, Membaca berkas: a CSV whose lines end in CR only (old Mac Excel) is
    read like its LF twin: the same households, states, rows set aside and issues. SECURITY.md
    ("Memory: a CSV is read in 2 MB blocks"): it is read block by block too, most rows column
    by column; no segment grows past a block and a line (it was once read whole: a 78 MB
    file took 3 GB and 150 s)."""
    rows = [line(*FULL_HEADER), *clean_rows(300), *ODD_ROWS.values(), *clean_rows(200, 600)]
    rows = [r for r in rows if "\n" not in r]  # a quoted LF would be a line end in a CR file
    path = tmp_path / "survei.csv"
    from_unix = snapshot([write(path, rows)])

    block = 4096
    segments: list[int] = []
    fast_rows: list[int] = []
    for name in ("_csv_segment", "_grid_segment"):
        original = getattr(csv_stream.CsvStream, name)

        def recording(stream: Any, segment: bytes, original: Any = original) -> Any:
            segments.append(len(segment))
            return original(stream, segment)

        monkeypatch.setattr(csv_stream.CsvStream, name, recording)
    run = fast._View.run

    def counting(view: Any, counts: Any, low: int, high: int) -> None:
        fast_rows.append(high - low)
        run(view, counts, low, high)

    monkeypatch.setattr(fast._View, "run", counting)
    tiny_blocks(monkeypatch, block)
    write(path, rows, newline="\r")
    assert b"\n" not in path.read_bytes()
    from_mac = snapshot([path])
    assert max(segments) <= block + 200
    assert sum(fast_rows) > 400
    for key in from_unix.keys() - {"files"}:
        assert from_mac[key] == from_unix[key], key
    (mac,), (unix,) = from_mac["files"], from_unix["files"]
    assert (mac.rows_read, mac.rows_scored, mac.rows_set_aside) == (
        unix.rows_read,
        unix.rows_scored,
        unix.rows_set_aside,
    )
    assert_same([path], monkeypatch)


def test_a_row_set_aside_for_its_village_code_shows_no_answer_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/aturan.md, Membaca berkas: blank cells on tidak_merokok (indicator 10, which
    nothing in the row decides) in a file that never writes a not-applicable mark stop the
    run until --blank says what they mean. The one "-" of this file is in a row set aside
    for its village code ("x"): its answers are never read, so the file still never writes
    a mark, and the column-by-column path refuses it as the row-by-row path does (it once
    counted the spellings of every row of its block, validated or not; found by
    test_random_rows_give_the_same_survey)."""
    rows = [line(f"RT{i:03d}", SEGUMBANG, "12", *answers("Y.YYYYYYY.")) for i in range(1, 80)]
    rows.insert(60, line("RT900", "x", "12", *answers("Y.YYYYYYY-")))
    path = write(tmp_path / "survei.csv", [line(*HEADER), *rows])
    with monkeypatch.context() as patch:
        row_by_row(patch)
        reference = snapshot([path])
    assert "never writes a not-applicable mark" in reference["refused"]
    assert "tidak_merokok" in reference["refused"]
    assert_same([path], monkeypatch)
    allowed = snapshot([path], settings=ReadSettings(blank=BlankMeaning.MISSING))
    assert [(r.row, r.reasons) for r in allowed["set_aside"]] == [(62, ("kode-desa-salah",))]
