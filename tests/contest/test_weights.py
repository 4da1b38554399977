"""Reading a pairwise comparison matrix for AHP weights (docs/aturan.md §7.6,
``phbs rubric ahp``): a half-filled matrix is completed by reciprocals, and every way a
hand-made matrix file can be wrong is one error naming the file and the place."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phbs.contest.ahp import ahp_weights
from phbs.contest.weights import read_pairwise
from phbs.errors import RubricError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "matriks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_upper_half_is_enough(tmp_path: Path) -> None:
    """Blank cells below the diagonal are the reciprocals of their mirrors, a blank diagonal
    is 1; fractions (``1/3``) and decimal commas (``0,5``, quoted in CSV) are read."""
    path = write(
        tmp_path,
        'kriteria,a,b,c\na,,3,"0,5"\nb,,,1/4\nc,,,\n',
    )
    read = read_pairwise(path)
    full = np.array([[1, 3, 0.5], [1 / 3, 1, 0.25], [2, 4, 1]])
    assert read.labels == ["a", "b", "c"]
    np.testing.assert_allclose(read.matrix, full)
    np.testing.assert_allclose(read.result.weights, ahp_weights(full).weights)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("kriteria,a,b\na,1,2\nb,,1\nc,1,1\n", "row 4: more rows than columns (2)"),
        ("kriteria,a,b\na,1,2\nx,,1\n", "row 3: row label 'x' must be 'b'"),
        ("kriteria,a,b\na,1,dua\nb,,1\n", "row 2, column 'b': 'dua' is not a number or fraction"),
        ("kriteria,a,b\na,1,1/0\nb,,1\n", "row 2, column 'b': '1/0' is not a number or fraction"),
        ("kriteria,a,b,c\na,1,2,3\nb,,1,2\n", "the matrix must be square (3 columns, 2 rows)"),
        ("kriteria,a,b\na,1,\nb,,1\n", "cell 'a' x 'b' and its mirror are blank"),
        ("kriteria,a,b\na,1,-2\nb,,1\n", "invalid matrix"),
    ],
)
def test_a_wrong_matrix_file_is_one_error_naming_the_place(
    text: str, said: str, tmp_path: Path
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RubricError) as caught:
        read_pairwise(path)
    assert caught.value.message_en.startswith(str(path))
    assert said in caught.value.message_en
