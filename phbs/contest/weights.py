"""Rubric weights from the judges' pairwise comparisons (AHP), and writing them into a rubric.

A pairwise comparison matrix is a CSV or spreadsheet whose first row and first column name
the groups (or the criteria) being compared, in the same order::

    ,masukan,proses,keluaran
    masukan,1,1/2,1
    proses,2,1,2
    keluaran,1,1/2,1

Cells take ``3``, ``1/3``, ``0.33`` or ``0,33``; a blank cell below the diagonal is the
reciprocal of its mirror, a blank diagonal is 1. Weights come from
:func:`phbs.contest.ahp.ahp_weights`
(principal eigenvector, Saaty's consistency ratio). Writing them into a rubric edits only the
``weight`` values in the YAML text, so comments survive; the new text is validated before it
is returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from numpy.typing import NDArray

from phbs.contest.ahp import AhpResult, ahp_weights
from phbs.contest.rubric import Rubric, parse_number
from phbs.contest.rubric_loading import LoadedRubric, parse_rubric
from phbs.errors import RubricError
from phbs.i18n import Lang, fmt_decimal, t
from phbs.ingest.columns import fold_header
from phbs.ingest.readers import open_table
from phbs.outputs import atomic_text


@dataclass(frozen=True)
class PairwiseWeights:
    """The compared items (matrix order), the matrix and its AHP result."""

    labels: list[str]
    matrix: NDArray[np.float64]
    result: AhpResult
    source: str


def _entry(text: str) -> float | None:
    """``3``, ``1/3``, ``0,33``; ``None`` for a blank; ``nan`` when unreadable."""
    value = text.strip()
    if not value:
        return None
    if "/" in value:
        top, _, bottom = value.partition("/")
        a, b = parse_number(top), parse_number(bottom)
        return a / b if a is not None and b else float("nan")
    number = parse_number(value)
    return float("nan") if number is None else number


def read_pairwise(path: str | Path, *, sheet: str | None = None) -> PairwiseWeights:
    """Read a pairwise comparison matrix and derive its AHP weights.

    Raises :class:`~phbs.errors.RubricError` naming the file, row and column of a problem,
    or the first problem :func:`phbs.contest.ahp.check_pairwise_matrix` finds.
    """
    table = open_table(path, sheet=sheet)
    name = table.name
    labels = [h.strip() for h in table.header[1:] if h.strip()]
    n = len(labels)
    values = np.full((n, n), np.nan)
    given = np.zeros((n, n), dtype=bool)
    count = 0
    for row, cells in table.rows:
        if count >= n:
            raise RubricError(
                f"{name} baris {row}: lebih banyak baris daripada kolom ({n})",
                f"{name} row {row}: more rows than columns ({n})",
            )
        label = cells[0].strip() if cells else ""
        if fold_header(label) != fold_header(labels[count]):
            raise RubricError(
                f"{name} baris {row}: label baris '{label}' harus '{labels[count]}' (urutan sama "
                "dengan baris judul)",
                f"{name} row {row}: row label '{label}' must be '{labels[count]}' (same order as "
                "the header)",
            )
        for j in range(n):
            text = cells[j + 1] if j + 1 < len(cells) else ""
            entry = _entry(text)
            if entry is not None and np.isnan(entry):
                raise RubricError(
                    f"{name} baris {row}, kolom '{labels[j]}': '{text}' bukan angka atau pecahan",
                    f"{name} row {row}, column '{labels[j]}': '{text}' is not a number or fraction",
                )
            if entry is not None:
                values[count, j] = entry
                given[count, j] = True
        count += 1
    if count != n or n == 0:
        raise RubricError(
            f"{name}: matriks harus persegi ({n} kolom, {count} baris)",
            f"{name}: the matrix must be square ({n} columns, {count} rows)",
        )
    for i in range(n):
        for j in range(n):
            if not given[i, j]:
                if i == j:
                    values[i, j] = 1.0
                elif given[j, i]:
                    values[i, j] = 1.0 / values[j, i]
                else:
                    raise RubricError(
                        f"{name}: sel '{labels[i]}' × '{labels[j]}' dan cerminnya kosong",
                        f"{name}: cell '{labels[i]}' x '{labels[j]}' and its mirror are blank",
                    )
    try:
        result = ahp_weights(values)
    except ValueError as exc:
        key = ", ".join(f"{i} = {label}" for i, label in enumerate(labels))
        raise RubricError(
            f"{name}: matriks tidak sah: {exc} (indeks {key})",
            f"{name}: invalid matrix: {exc} (indices {key})",
        ) from None
    return PairwiseWeights(labels, values, result, name)


def rubric_weights(
    rubric: Rubric, labels: list[str], weights: NDArray[np.float64]
) -> tuple[Literal["groups", "criteria"], dict[str, float], float]:
    """New weights for the compared groups or criteria, keeping the sum of their old weights.

    Returns what was compared, ``id → new weight`` (rounded to 4 decimals) and the old sum.

    >>> from phbs.contest.rubric_loading import load_rubric
    >>> rubric = load_rubric("lomba-desa-ber-phbs").rubric
    >>> rubric_weights(rubric, ["masukan", "proses", "keluaran"], np.array([0.25, 0.5, 0.25]))
    ('groups', {'masukan': 2.5, 'proses': 5.0, 'keluaran': 2.5}, 10.0)
    """
    groups = {g.id: g.weight for g in rubric.groups}
    criteria = {c.id: c.weight for _, c in rubric.criteria()}
    if all(label in groups for label in labels):
        kind: Literal["groups", "criteria"] = "groups"
        old = groups
    elif all(label in criteria for label in labels):
        kind, old = "criteria", criteria
    else:
        unknown = [x for x in labels if x not in groups and x not in criteria]
        raise RubricError(
            f"Rubrik {rubric.id}: label matriks harus semua id kelompok atau semua id kriteria; "
            f"tidak dikenal: {', '.join(unknown) or '(campuran)'}",
            f"Rubric {rubric.id}: the matrix labels must all be group ids or all criterion ids; "
            f"unknown: {', '.join(unknown) or '(mixed)'}",
        )
    total = float(sum(old[label] for label in labels))
    new = {label: round(float(w) * total, 4) for label, w in zip(labels, weights, strict=True)}
    return kind, new, total


def _pairs(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value}


def write_weights_into(text: str, kind: str, weights: dict[str, float], path: Path) -> str:
    """``text`` (a rubric's YAML) with the ``weight`` of each listed group or criterion replaced.

    Only the numbers change (a missing ``weight`` key is added after ``id``), so comments and
    layout stay. The result is validated; ``path`` names the file in error messages.
    """
    root = yaml.compose(text)
    groups = _pairs(root).get("groups", (None, None))[1] if root is not None else None
    targets: list[yaml.Node] = []
    for group in groups.value if isinstance(groups, yaml.SequenceNode) else []:
        if kind == "groups":
            targets.append(group)
            continue
        criteria = _pairs(group).get("criteria", (None, None))[1]
        if isinstance(criteria, yaml.SequenceNode):
            targets += criteria.value
    edits: list[tuple[int, int, str]] = []
    for node in targets:
        pairs = _pairs(node)
        ident = pairs.get("id")
        if ident is None or str(ident[1].value) not in weights:
            continue
        number = f"{weights[str(ident[1].value)]:g}"
        if "weight" in pairs:
            value = pairs["weight"][1]
            edits.append((value.start_mark.index, value.end_mark.index, number))
        elif isinstance(node, yaml.MappingNode) and node.flow_style:
            end = ident[1].end_mark.index
            edits.append((end, end, f", weight: {number}"))
        else:
            end = text.find("\n", ident[1].end_mark.index)
            end = len(text) if end < 0 else end
            indent = " " * ident[0].start_mark.column
            edits.append((end, end, f"\n{indent}weight: {number}"))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    parse_rubric(text.encode("utf-8"), path)
    return text


def write_ahp_rubric(
    loaded: LoadedRubric,
    kind: str,
    weights: dict[str, float],
    output: Path,
    inputs: Sequence[Path] = (),
) -> None:
    """The rubric ``loaded`` with the AHP ``weights`` of its groups or criteria (``kind``,
    from :func:`rubric_weights`) written to ``output`` atomically, its comments and layout
    kept; neither ``inputs`` nor the rubric's own file is overwritten (``phbs rubric ahp
    --write-into RUBRIK -o BERKAS``)."""
    text = loaded.path.read_text(encoding="utf-8")
    updated = write_weights_into(text, kind, weights, output)
    with atomic_text(output, [*inputs, loaded.path]) as handle:
        handle.write(updated)


def consistency_line(pairwise: PairwiseWeights, lang: Lang = "id") -> str:
    """``λ maks = … · CI = … · RI (Saaty, n = 3) = … · CR = …``: how consistent the
    judges' comparisons are (docs/aturan.md §7.6)."""
    result = pairwise.result
    return t(
        "rubric.ahp.consistency",
        lang,
        lambda_max=fmt_decimal(result.lambda_max, lang, 4),
        ci=fmt_decimal(result.consistency_index, lang, 4),
        n=len(pairwise.labels),
        ri=fmt_decimal(result.random_index, lang, 2),
        cr=fmt_decimal(result.consistency_ratio, lang, 4),
    )
