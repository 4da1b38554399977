"""A file's own mark for a cell left unanswered, given in its mapping as ``answers.kosong``
(docs/aturan.md §6.5): read as a blank cell, so what it means is what ``blank`` (§6.3) says
of an empty cell, never an unknown answer. Expected states are worked by hand from the rows
below (§2: a blank that nothing decides is belum diisi; with ``blank: na`` tidak berlaku)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, SEGUMBANG, assert_reconciled, codes, states, write_csv

from phbs.errors import MapError, SurveyError
from phbs.ingest.mapping import load_map
from phbs.ingest.validate import read_survey

PETA = 'phbs_map: 1\nanswers:\n  kosong: ["ga diisi"]\n'


def _survey(tmp_path: Path, peta: str) -> list[str]:
    rows = [
        ["A", SEGUMBANG, "8", *["Ya"] * 9, "Ga Diisi"],
        ["B", SEGUMBANG, "8", *["Ya"] * 10],
    ]
    path = write_csv(tmp_path / "survei.csv", [HEADER, *rows])
    mapping = tmp_path / "peta.yaml"
    mapping.write_text(peta, encoding="utf-8")
    survey = read_survey([path], mapping=mapping)
    assert_reconciled(survey)
    assert codes(survey)["jawaban-tidak-dikenal"] == 0
    return states(survey)


def test_the_mark_follows_what_blank_says(tmp_path: Path) -> None:
    # Both children are 8 months old: ASI eksklusif (0-6 months) does not apply ("-").
    # Row A's last indicator (tidak merokok) is blank: belum diisi ("."), or with blank: na
    # not applicable.
    assert _survey(tmp_path, PETA + "blank: missing\n") == ["Y-YYYYYYY.", "Y-YYYYYYYY"]
    assert _survey(tmp_path, PETA + "blank: na\n") == ["Y-YYYYYYY-", "Y-YYYYYYYY"]


def test_the_mark_is_refused_where_an_empty_cell_is(tmp_path: Path) -> None:
    """§6.3: a file that never writes '-' cannot tell what its blanks mean; the mark is a
    blank, so the same line refuses it as refuses the cell left empty."""
    with pytest.raises(SurveyError) as marked:
        _survey(tmp_path, PETA)
    empty = [["A", SEGUMBANG, "8", *["Ya"] * 9, ""], ["B", SEGUMBANG, "8", *["Ya"] * 10]]
    with pytest.raises(SurveyError) as left:
        read_survey([write_csv(tmp_path / "survei.csv", [HEADER, *empty])])
    assert marked.value.message("id") == left.value.message("id")


def test_one_spelling_both_kosong_and_an_answer_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "peta.yaml"
    mapping.write_text(PETA + '  tidak: ["Ga Diisi"]\n', encoding="utf-8")
    with pytest.raises(MapError, match="ga diisi"):
        load_map(mapping)
