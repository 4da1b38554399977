"""``--baseline LABEL=FILE``, ``--label`` and ``--code-changes`` of ``phbs rank``: the earlier
round a rubric's ``perubahan_persen_ber_phbs`` is measured from (docs/aturan.md §5.8, §7.2).

The baseline is read as ``phbs compare`` reads a round (:func:`phbs.trends.reading.read_round`:
one ``.json`` of ``phbs score -o`` on its own, or survey files scored with the same form,
reading options and ``--na-policy`` as the current survey); the current round is the survey
ranked (``--survey``, or a ``--summary`` JSON). Villages are lined up by code or through the
code-change file, and each village's change is added to the measures the rubric scores
(:func:`phbs.contest.change.with_change`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from phbs.cli.reading import SurveyReading
from phbs.cli.rounds import labelled, read_one_round
from phbs.cli.translated import option
from phbs.contest.change import baseline_change
from phbs.contest.measures import VillageMeasures
from phbs.contest.models import InputRecord
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.issues import Issue
from phbs.scoring.summary import AreaReport
from phbs.trends.rounds import Round, check_label, round_from_score
from phbs.trends.summary_json import read_round_json

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Baseline:
    """The options as given: ``rounds`` the ``LABEL=FILE`` texts, ``label`` the current
    round's label (``None``: the default of the language), ``code_changes`` the file."""

    rounds: tuple[str, ...] = ()
    label: str | None = None
    code_changes: Path | None = None

    def files(self) -> list[Path]:
        """Every file the options name (never overwritten by an output)."""
        named = [Path(text.partition("=")[2]) for text in self.rounds]
        return named + ([self.code_changes] if self.code_changes else [])


def baseline_options(function: F) -> F:
    """``--baseline``, ``--label`` and ``--code-changes``, handed to the command as one
    ``baseline`` (:class:`Baseline`)."""
    options = [
        option(
            "--baseline", "baseline_rounds", multiple=True, metavar="LABEL=BERKAS", help="baseline"
        ),
        option("--label", "current_label", default=None, metavar="LABEL", help="label"),
        option(
            "--code-changes",
            type=click.Path(path_type=Path),
            default=None,
            metavar="BERKAS",
            help="compare.code_changes",
        ),
    ]

    @functools.wraps(function)
    def with_options(*args: Any, **kwargs: Any) -> Any:
        kwargs["baseline"] = Baseline(
            rounds=tuple(kwargs.pop("baseline_rounds")),
            label=kwargs.pop("current_label"),
            code_changes=kwargs.pop("code_changes"),
        )
        return function(*args, **kwargs)

    for decorate in reversed(options):
        with_options = decorate(with_options)
    return cast(F, with_options)


def baseline_files(rounds: Sequence[str]) -> tuple[str, list[Path]]:
    """The baseline's label and files from ``LABEL=FILE`` texts (one label, repeatable).

    >>> baseline_files(["2024=a.csv", "2024=b.csv"])
    ('2024', [PosixPath('a.csv'), PosixPath('b.csv')])
    """
    labels = labelled(rounds, "--baseline")
    if len(labels) > 1:
        raise SettingsError(
            f"--baseline: satu putaran dasar saja, bukan {', '.join(labels)}",
            f"--baseline: one baseline round only, not {', '.join(labels)}",
        )
    label, files = next(iter(labels.items()))
    return label, [Path(f) for f in files]


def _current(
    label: str, report: AreaReport | None, summary: Path | None, files: Sequence[Path]
) -> Round:
    if report is not None:
        return round_from_score(label, report, [str(f) for f in files])
    if summary is not None and summary.suffix.lower() == ".json":
        return read_round_json(label, summary)
    raise SettingsError(
        "--baseline memerlukan --survey atau --summary berkas .json dari phbs score -o",
        "--baseline needs --survey or a --summary .json written by phbs score -o",
    )


def add_change(
    measures: VillageMeasures | None,
    baseline: Baseline,
    current: tuple[AreaReport | None, Path | None, Sequence[Path]],
    reading: SurveyReading,
    na_policy: str | None,
    lang: Lang,
) -> tuple[VillageMeasures | None, list[Issue], list[InputRecord]]:
    """``measures`` with each village's change from the baseline round to the current one
    (``current``: the village report scored here, or the ``--summary``, and the survey
    files), the issues of reading the baseline and lining the rounds up, and the records of
    the files read. Without ``--baseline`` nothing changes; ``--label`` or
    ``--code-changes`` alone are refused."""
    if not baseline.rounds:
        if baseline.label is not None or baseline.code_changes is not None:
            raise SettingsError(
                "--label dan --code-changes hanya bersama --baseline LABEL=BERKAS",
                "--label and --code-changes only go with --baseline LABEL=FILE",
            )
        return measures, [], []
    if measures is None:
        raise SettingsError(
            "--baseline memerlukan --survey atau --summary (putaran terkini)",
            "--baseline needs --survey or --summary (the current round)",
        )
    label, files = baseline_files(baseline.rounds)
    report, summary, survey = current
    now = _current(check_label(baseline.label or t("round.current", lang)), report, summary, survey)
    named = f"--baseline {label}"
    earlier = read_one_round(
        label, files, reading, na_policy=na_policy, named=(named, named), lang=lang
    )
    return baseline_change(measures, earlier, now, baseline.code_changes, files)
