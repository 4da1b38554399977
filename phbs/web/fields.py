"""The upload form's fields as a job's choices (:class:`~phbs.web.spec.JobSpec`'s fields):
each select checked against the values the page offers, each number and date read as the
command line reads its option, and a value that cannot be read refused in one line naming
the page's field (the job then fails with that line, as the command would).

Pure Python: the form is any mapping of field names (as Starlette's ``FormData``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path

from phbs.contest.assessment import UncertaintyOptions
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.outputs import CsvFormat
from phbs.reports.panel import MinutesDetails, parse_date
from phbs.web.spec import DEFAULT_FORM, JobSpec

#: What is read of a submitted form.
Fields = Mapping[str, object]


#: The most replicates the page asks for (``--bootstrap`` and ``--weight-sensitivity``).
MAX_REPLICATES = 100_000
_SPLIT = re.compile(r"[\s,;]+")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


def text(form: Fields, key: str) -> str | None:
    """A text field, stripped; ``None`` when blank or not a text."""
    value = form.get(key)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def ticked(form: Fields, key: str) -> bool:
    """Whether a checkbox was ticked."""
    return form.get(key) == "on"


def picked(form: Fields, key: str, allowed: list[str], default: str) -> str:
    """A select's value: one the page offers, else ``default`` (a forged value is never
    read as a name or a path)."""
    value = form.get(key)
    return value if isinstance(value, str) and value in allowed else default


def _refuse(label: str, value: str, rule_id: str, rule_en: str) -> SettingsError:
    return SettingsError(
        f"{t(label, 'id')}: '{value}' {rule_id}",
        f"{t(label, 'en')}: '{value}' {rule_en}",
    )


def whole(form: Fields, key: str, label: str, low: int, high: int) -> int | None:
    """A whole number between ``low`` and ``high``; ``None`` when blank."""
    value = text(form, key)
    if value is None:
        return None
    # Digits only: 1.500 could be a thousand and a half or one and a half.
    digits = value if value.isascii() and value.isdigit() else ""
    if not digits or not low <= int(digits) <= high:
        raise _refuse(
            label,
            value,
            f"bukan bilangan bulat {low}–{high} (tulis angkanya saja)",
            f"is not a whole number from {low} to {high} (digits only)",
        )
    return int(digits)


def percent(form: Fields, key: str, label: str) -> float | None:
    """A percentage from 0 to 100, with a decimal comma or point; ``None`` when blank."""
    value = text(form, key)
    if value is None:
        return None
    cleaned = value.rstrip("%").strip()
    if _THOUSANDS.fullmatch(cleaned):  # 1.000: a thousand, or one with three decimals?
        raise _refuse(
            label,
            value,
            "bisa dibaca dua cara; tulis angkanya tanpa tiga desimal (mis. 70 atau 70,5)",
            "could be read two ways; write it without three decimals (e.g. 70 or 70.5)",
        )
    cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:
        raise _refuse(label, value, "bukan persen 0–100", "is not a percentage from 0 to 100")
    return number


def codes(form: Fields, key: str) -> tuple[str, ...]:
    """Codes typed in one field, separated by commas, semicolons or spaces."""
    value = text(form, key)
    return tuple(c for c in _SPLIT.split(value) if c) if value is not None else ()


def uncertainty(form: Fields) -> UncertaintyOptions:
    """``--bootstrap``, ``--seed``, ``--resample-judges``, ``--weight-sensitivity`` and
    ``--shrink`` (the weights' concentration and spread keep their defaults)."""
    seed = whole(form, "seed", "web.seed", 0, 2**32 - 1)
    return UncertaintyOptions(
        bootstrap=whole(form, "bootstrap", "web.bootstrap", 0, MAX_REPLICATES) or 0,
        seed=UncertaintyOptions.seed if seed is None else seed,
        resample_judges=ticked(form, "resample_judges"),
        weight_sensitivity=whole(form, "weight_sensitivity", "web.weights", 0, MAX_REPLICATES) or 0,
        shrink=ticked(form, "shrink"),
    )


def minutes(form: Fields) -> MinutesDetails:
    """``--place``, ``--date``, ``--chair``, ``--judge`` (one name per line),
    ``--contest-level`` and ``--year``."""
    given = text(form, "date")
    judges = text(form, "judge_names") or ""
    return MinutesDetails(
        place=text(form, "place"),
        date=_date(given) if given is not None else None,
        chair=text(form, "chair"),
        judges=tuple(line.strip() for line in judges.splitlines() if line.strip()),
        level=text(form, "contest_level"),
        year=whole(form, "year", "web.minutes.year", 1900, 2999),
    )


def _date(value: str) -> datetime.date:
    try:
        return parse_date(value)
    except SettingsError as error:
        raise SettingsError(
            f"{t('web.minutes.date', 'id')}: {error.message('id')}",
            f"{t('web.minutes.date', 'en')}: {error.message('en')}",
        ) from None


def job_spec(
    form: Fields,
    folder: Path,
    rounds: tuple[tuple[Path, ...], tuple[Path, ...]],
    files: dict[str, Path | None],
    lang: Lang,
) -> JobSpec:
    """The job of a submitted upload form: the survey files and the earlier round's
    (``rounds``) and the other ``files`` saved (by field name) in ``folder``, and every
    choice of the page. An uploaded form or rubric file is read instead of the one chosen
    in its select."""
    survey, earlier = rounds
    from phbs.web.page import form_choices

    offered = {key: [c.value for c in options] for key, options in form_choices(lang).items()}
    rubric_file, form_file = files.get("rubric_file"), files.get("form_file")
    rubric = picked(form, "rubric", offered["rubrics"], "") or None
    return JobSpec(
        folder=folder,
        survey=survey,
        form=form_file or picked(form, "form", offered["forms"], DEFAULT_FORM),
        level=picked(form, "level", offered["levels"], "desa"),
        answers=picked(form, "answers", offered["answers"], "auto"),
        blank=picked(form, "blank", offered["blanks"], "auto"),
        sheet=text(form, "sheet"),
        rubric=rubric_file or rubric,
        include_names=ticked(form, "include_names"),
        id_per_desa=ticked(form, "id_per_desa"),
        households_sheet_rows=0 if ticked(form, "no_households_sheet") else None,
        lang=lang,
        mapping=files.get("mapping"),
        villages=files.get("villages"),
        judges=files.get("judges"),
        attributes=files.get("attributes"),
        overrides=files.get("overrides"),
        village=text(form, "desa"),
        not_collected=codes(form, "not_collected"),
        keep_rejected=ticked(form, "keep_rejected"),
        na_policy=picked(form, "na_policy", offered["na_policies"], "") or None,
        title=text(form, "title"),
        target=percent(form, "target", "web.target"),
        method=picked(form, "method", offered["methods"], "") or None,
        rank_incomplete=ticked(form, "rank_incomplete"),
        uncertainty=uncertainty(form),
        minutes=minutes(form),
        baseline=earlier,
        baseline_label=text(form, "baseline_label"),
        label=text(form, "label"),
        code_changes=files.get("code_changes"),
        baseline_mapping=files.get("baseline_mapping"),
        ahp=files.get("ahp"),
        ahp_force=ticked(form, "ahp_force"),
        csv_format=CsvFormat.SPREADSHEET if ticked(form, "csv_excel") else CsvFormat.MACHINE,
        ci_method=picked(form, "ci_method", offered["ci_methods"], "wilson"),
        confidence=float(picked(form, "confidence", offered["confidences"], "0.95")),
    )
