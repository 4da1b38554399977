"""Survey rounds on the command line (docs/aturan.md §5.8): ``LABEL=FILE`` values, read with
the command's reading options into :class:`~phbs.trends.rounds.Round`s."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from phbs.errors import SettingsError
from phbs.i18n import Lang
from phbs.trends.rounds import check_label

if TYPE_CHECKING:
    from phbs.cli.reading import SurveyReading
    from phbs.ingest.villages import VillageTotals
    from phbs.issues import Issue
    from phbs.trends.rounds import Round


def labelled(values: Sequence[str], option: str) -> dict[str, list[str]]:
    """``LABEL=VALUE`` options grouped by label, in the order the labels first appear.

    >>> labelled(["2024=a.csv", "2025=b.csv", "2024=c.csv"], "--round")
    {'2024': ['a.csv', 'c.csv'], '2025': ['b.csv']}
    """
    found: dict[str, list[str]] = {}
    for text in values:
        label, equals, value = text.partition("=")
        if not equals or not label.strip() or not value.strip():
            raise SettingsError(
                f"{option} {text}: tulis LABEL=BERKAS, mis. {option} 2024=survei-2024.csv",
                f"{option} {text}: write LABEL=FILE, e.g. {option} 2024=survey-2024.csv",
            )
        found.setdefault(check_label(label.strip()), []).append(value.strip())
    return found


def per_round(values: Sequence[str], option: str, given: dict[str, list[str]]) -> dict[str, str]:
    """``--round-form``/``--round-villages`` values by round label: one per round, for a round
    that exists."""
    found: dict[str, str] = {}
    for label, values_of in labelled(values, option).items():
        if label not in given:
            raise SettingsError(
                f"{option} {label}=…: tidak ada putaran berlabel {label}",
                f"{option} {label}=…: there is no round labelled {label}",
            )
        if len(values_of) > 1:
            raise SettingsError(
                f"{option} {label}=…: diberikan dua kali; pilih satu",
                f"{option} {label}=…: given twice; choose one",
            )
        found[label] = values_of[0]
    return found


def read_one_round(
    label: str,
    files: Sequence[str | Path],
    how: SurveyReading,
    *,
    form: str | None = None,
    villages: VillageTotals | None = None,
    na_policy: str | None = None,
    named: tuple[str, str] | None = None,
    quiet: bool = True,
    lang: Lang = "id",
) -> tuple[Round, list[Issue]]:
    """One round read with the command's reading options (``form`` instead of the reading's;
    only the ``--map FILE=PETA`` of its own files), with progress; an error that stops it
    names the round (``named``; :func:`phbs.trends.reading.read_named_round`)."""
    from phbs.cli.progress import rows_progress
    from phbs.trends.reading import read_named_round, round_named

    progress = rows_progress(quiet, lang)
    try:
        with round_named(label, named):
            return read_named_round(
                label,
                files,
                form or how.form,
                villages=villages,
                sheet=how.sheet,
                id_scope=how.id_scope,
                settings=how.settings,
                mapping=how.mapping,
                progress=progress,
                na_policy=na_policy,
            )
    finally:
        if progress is not None:
            progress.finish()


def read_rounds(
    given: dict[str, list[str]],
    how: SurveyReading,
    villages: dict[str, VillageTotals | None],
    forms: dict[str, str] | None = None,
    *,
    na_policy: str | None = None,
    quiet: bool = True,
    lang: Lang = "id",
) -> tuple[list[Round], dict[str, list[Issue]]]:
    """Each labelled round read (``forms[label]`` instead of the reading's form, the
    villages file ``villages[label]``, households counted under ``na_policy`` when given),
    with the issues found reading each round's files."""
    forms = forms or {}
    rounds: list[Round] = []
    issues: dict[str, list[Issue]] = {}
    from phbs.ingest.one_village import check_village_files

    if how.mapping is not None:  # every FILE=PETA must name a file of some round
        how.mapping.check_files([Path(f) for files in given.values() for f in files])
    check_village_files([Path(f) for files in given.values() for f in files], how.settings)
    for label, files in given.items():
        rnd, found = read_one_round(
            label,
            files,
            how,
            form=forms.get(label),
            villages=villages.get(label),
            na_policy=na_policy,
            quiet=quiet,
            lang=lang,
        )
        rounds.append(rnd)
        issues[label] = found
    return rounds, issues
