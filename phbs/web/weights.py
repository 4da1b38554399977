"""A job's AHP weights (docs/aturan.md §7.6): the judges' pairwise comparison matrix gives
the weights of the rubric's groups or criteria, written into a copy of the rubric that the
job ranks with and offers as ``rubrik-ahp.yaml`` — what ``phbs rubric ahp MATRIKS
--write-into RUBRIK -o rubrik-ahp.yaml`` followed by ``phbs rank --rubric rubrik-ahp.yaml``
do. A matrix whose consistency ratio is above 0.10 is refused unless ``force``, as there.

Pure Python: nothing of the web stack is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.contest.rubric_loading import LoadedRubric
from phbs.contest.weights import (
    consistency_line,
    read_pairwise,
    rubric_weights,
    write_ahp_rubric,
)
from phbs.errors import SettingsError
from phbs.i18n import Lang, fmt_decimal, t

#: The rubric the job writes with the AHP weights, and ranks with.
AHP_RUBRIC = "rubrik-ahp.yaml"


@dataclass(frozen=True)
class AhpWeights:
    """The weights worked out: what was compared (``groups`` or ``criteria``), a row per
    item (its name, AHP weight, new rubric weight), the old weights' sum they are scaled to,
    and the lines ``phbs rubric ahp`` prints under its table, in both languages."""

    kind: str
    rows: list[tuple[str, float, float]]
    total: float
    said: dict[Lang, list[str]]

    def write(self, loaded: LoadedRubric, output: Path, inputs: Sequence[Path] = ()) -> None:
        """The rubric ``loaded`` with these weights, written to ``output``."""
        weights = {label: new for label, _ahp, new in self.rows}
        write_ahp_rubric(loaded, self.kind, weights, output, inputs)


def weigh(matrix: Path, loaded: LoadedRubric, force: bool) -> AhpWeights:
    """The AHP weights of ``matrix`` for the rubric ``loaded``; refused (one line, as
    ``phbs rubric ahp`` says it) when the comparisons are inconsistent and not ``force``."""
    pairwise = read_pairwise(matrix)
    result = pairwise.result
    kind, new, total = rubric_weights(loaded.rubric, pairwise.labels, result.weights)
    if not result.is_consistent and not force:
        raise SettingsError(
            *(
                t(
                    "rubric.ahp.inconsistent",
                    lang,
                    cr=fmt_decimal(result.consistency_ratio, lang, 3),
                )
                for lang in ("id", "en")
            )
        )
    said: dict[Lang, list[str]] = {}
    for lang in ("id", "en"):
        verdict = "rubric.ahp.consistent" if result.is_consistent else "rubric.ahp.forced"
        said[lang] = [
            consistency_line(pairwise, lang),
            t(verdict, lang),
            t(
                "rubric.ahp.scaled",
                lang,
                total=fmt_decimal(total, lang, 4, trim=True),
                kind=t(f"rubric.ahp.kind.{kind}", lang),
            ),
        ]
    rows = [
        (label, float(weight), new[label])
        for label, weight in zip(pairwise.labels, result.weights, strict=True)
    ]
    return AhpWeights(kind, rows, total, said)
