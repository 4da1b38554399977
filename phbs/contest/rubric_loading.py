"""Loading a rubric: a bundled rubric by name or a YAML file by path, validated strictly, its
references checked (criteria, groups, tie-breakers), errors located by YAML line; the file and
its SHA-256 kept for the audit trail (docs/aturan.md §7.1)."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from phbs.contest.kernels import round_half_up
from phbs.contest.mappings import (
    BandMapping,
)
from phbs.contest.rubric import RESERVED_IDS, Rubric, SurveySource
from phbs.errors import RubricError
from phbs.resources import resource_dir
from phbs.yamlfile import bundled_or_file, bundled_yaml, read_yaml


@dataclass(frozen=True)
class LoadedRubric:
    """A rubric with where it came from: its file and the file's SHA-256."""

    rubric: Rubric
    path: Path
    sha256: str


#: The rubric ``phbs rank`` uses without ``--rubric`` (Lomba Desa/Kelurahan Ber-PHBS).
DEFAULT_RUBRIC = "lomba-desa-ber-phbs"


def bundled_rubrics() -> dict[str, Path]:
    """Names and paths of the bundled rubrics.

    >>> "lomba-desa-ber-phbs" in bundled_rubrics()
    True
    """
    return bundled_yaml(resource_dir("survey_forms") / "rubrics")


def load_rubric(name_or_path: str | Path) -> LoadedRubric:
    """Load a bundled rubric by name, or a rubric file by path.

    >>> loaded = load_rubric("lomba-desa-ber-phbs")
    >>> [(g.id, g.weight) for g in loaded.rubric.groups]
    [('masukan', 3.0), ('proses', 4.0), ('keluaran', 3.0)]

    Raises :class:`~phbs.errors.RubricError` naming the file, line and key path of each problem.
    """
    rubrics = bundled_rubrics()
    path = bundled_or_file(name_or_path, rubrics)
    if path is None:
        known = ", ".join(rubrics)
        raise RubricError(
            f"Rubrik '{name_or_path}' tidak ada: bukan nama rubrik bawaan ({known}) dan bukan "
            "berkas",
            f"Rubric '{name_or_path}' not found: neither a bundled rubric ({known}) nor a file",
        )
    raw = path.read_bytes()
    return LoadedRubric(parse_rubric(raw, path), path, hashlib.sha256(raw).hexdigest())


def parse_rubric(raw: bytes, path: Path) -> Rubric:
    """Validate rubric YAML bytes; ``path`` is only used in error messages."""
    data = read_yaml(raw, path, RubricError, ("rubrik", "rubric"))
    root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)  # for line numbers
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems = [
            (tuple(error["loc"]), error["msg"].removeprefix("Value error, "))
            for error in exc.errors()
        ]
        raise RubricError(*_describe(path, root, problems)) from None
    problems = _check_references(rubric)
    if problems:
        raise RubricError(*_describe(path, root, problems))
    return rubric


Location = tuple[str | int, ...]


def _check_references(rubric: Rubric) -> list[tuple[Location, str]]:
    """Rules that span the file: unique ids, bands covering 0–100, tie-breaker targets."""
    problems: list[tuple[Location, str]] = []
    group_ids: dict[str, int] = {}
    criterion_ids: dict[str, Location] = {}
    for g, group in enumerate(rubric.groups):
        if group.id in group_ids:
            problems.append((("groups", g, "id"), f"group id '{group.id}' is used twice"))
        group_ids.setdefault(group.id, g)
        for c, item in enumerate(group.criteria):
            where: Location = ("groups", g, "criteria", c)
            if item.id in criterion_ids:
                problems.append(((*where, "id"), f"criterion id '{item.id}' is used twice"))
            if item.id in RESERVED_IDS or item.id.startswith("subtotal_"):
                problems.append(((*where, "id"), f"'{item.id}' is an output column name"))
            criterion_ids.setdefault(item.id, where)
            if isinstance(item.source, SurveySource):
                problems += _survey_mapping_problems(item.source, where)
    minima = [band.minimum for band in rubric.bands]
    if any(a <= b for a, b in itertools.pairwise(minima)):
        problems.append((("bands",), "band minimums must be strictly decreasing"))
    elif minima[-1] != 0:
        problems.append((("bands", len(minima) - 1, "minimum"), "the lowest band must start at 0"))
    for b, minimum in enumerate(minima):
        # A percentage is shown cut down to `decimals` (aturan.md §7.1): a band starting at a
        # finer value could hold a percentage shown below its minimum.
        if float(round_half_up(minimum, rubric.decimals)) != minimum:
            problems.append(
                (
                    ("bands", b, "minimum"),
                    f"a band minimum may have at most {rubric.decimals} decimals (the rubric's "
                    "decimals), so the percentage shown can be checked against it",
                )
            )
    for t, breaker in enumerate(rubric.tie_breakers):
        if breaker.subtotal is not None and breaker.subtotal not in group_ids:
            problems.append(
                (("tie_breakers", t, "subtotal"), f"no group with id '{breaker.subtotal}'")
            )
        if breaker.criterion is not None and breaker.criterion not in criterion_ids:
            problems.append(
                (("tie_breakers", t, "criterion"), f"no criterion with id '{breaker.criterion}'")
            )
    keys = [b.key for b in rubric.tie_breakers]
    for t, key in enumerate(keys):
        if key in keys[:t]:
            problems.append((("tie_breakers", t), f"tie-breaker '{key}' is listed twice"))
    return problems


#: A change in percentage points lies in −100 … 100 (docs/aturan.md §7.2).
_CHANGE_FLOOR = -100.0


def _survey_mapping_problems(source: SurveySource, where: Location) -> list[tuple[Location, str]]:
    """A survey measure's mapping must give every possible value a 0–100 score: bands down to
    0 for a percentage, down to −100 for the change between rounds, which must be mapped."""
    change = source.measure == "perubahan_persen_ber_phbs"
    if change and source.mapping is None:
        return [
            (
                (*where, "source", "measure"),
                "perubahan_persen_ber_phbs is a change in percentage points and may be "
                "negative, and a negative score is not a score: give a mapping (linear, e.g. "
                "low: -10, high: 20, or bands down to -100)",
            )
        ]
    floor = _CHANGE_FLOOR if change else 0.0
    if isinstance(source.mapping, BandMapping) and source.mapping.bands[-1].minimum > floor:
        what = "change (−100 … 100)" if change else "percentage"
        return [
            (
                (*where, "source", "mapping", "bands"),
                f"the lowest band must start at {floor:g} or below so every {what} has a score",
            )
        ]
    return []


def _line_of(node: yaml.Node | None, loc: Location) -> int | None:
    """The 1-based line of the deepest YAML node on the key path ``loc``."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == str(part)]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            continue  # a discriminator tag such as 'judge' in pydantic's location
        line = node.start_mark.line + 1
    return line


def _describe(
    path: Path, root: yaml.Node | None, problems: list[tuple[Location, str]]
) -> tuple[str, str]:
    """'file: invalid rubric' then one 'line N: key.path: problem' line per problem."""
    lines_id, lines_en = [], []
    for loc, message in problems:
        key = ".".join(str(part) for part in loc) or "(akar)"
        line = _line_of(root, loc)
        lines_id.append(f"  {f'baris {line}: ' if line else ''}{key}: {message}")
        lines_en.append(f"  {f'line {line}: ' if line else ''}{key}: {message}")
    count = len(problems)
    return (
        f"{path}: rubrik tidak sah ({count} masalah)\n" + "\n".join(lines_id),
        f"{path}: invalid rubric ({count} problems)\n" + "\n".join(lines_en),
    )
