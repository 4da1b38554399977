"""Loading a form: a bundled form by name or a YAML file by path, checked strictly, with the
file and its SHA-256 kept for every output that records the form (docs/aturan.md §4.4)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pydantic import (
    ValidationError,
)

from phbs.errors import FormError
from phbs.forms.model import Form
from phbs.resources import resource_dir
from phbs.yamlfile import bundled_or_file, bundled_yaml, read_yaml


@dataclass(frozen=True)
class LoadedForm:
    """A form with where it came from: its file and the file's SHA-256."""

    form: Form
    path: Path
    sha256: str
    #: Indicators of the form file that the survey did not collect (``--not-collected``):
    #: left out of :attr:`form`, and named in every output.
    not_collected: tuple[str, ...] = ()
    #: The form as its file defines it, when indicators were left out of :attr:`form`.
    complete: Form | None = None

    def without(self, codes: Collection[str]) -> LoadedForm:
        """The form without the indicators ``codes`` (those already left out are ignored).

        >>> loaded = load_form("kemenkes-rt-10").without(["jamban_sehat"])
        >>> loaded.not_collected, loaded.without(["jamban_sehat"]).not_collected
        (('jamban_sehat',), ('jamban_sehat',))
        """
        new = set(codes) - set(self.not_collected)
        if not new:
            return self
        return LoadedForm(
            self.form.without(new),
            self.path,
            self.sha256,
            tuple(sorted({*self.not_collected, *new})),
            self.complete or self.form,
        )


def bundled_forms() -> dict[str, Path]:
    """Names and paths of the bundled forms."""
    return bundled_yaml(resource_dir("survey_forms"))


def load_form(name_or_path: str | Path) -> LoadedForm:
    """Load a bundled form by name, or a form file by path.

    >>> load_form("kemenkes-rt-10").form.codes[:2]
    ['persalinan_nakes', 'asi_eksklusif']

    Raises :class:`~phbs.errors.FormError` naming the file and the YAML path of each problem.
    """
    forms = bundled_forms()
    path = bundled_or_file(name_or_path, forms)
    if path is None:
        known = ", ".join(forms)
        raise FormError(
            f"Formulir '{name_or_path}' tidak ada: bukan nama formulir bawaan ({known}) "
            "dan bukan berkas",
            f"Form '{name_or_path}' not found: neither a bundled form ({known}) nor a file",
        )
    raw = path.read_bytes()
    data = parse_yaml(raw, path)
    try:
        form = Form.model_validate(data)
    except ValidationError as exc:
        raise FormError(*_describe_validation(path, exc)) from None
    return LoadedForm(form=form, path=path, sha256=hashlib.sha256(raw).hexdigest())


def parse_yaml(raw: bytes, path: Path) -> object:
    """The data of a form file, or a :class:`~phbs.errors.FormError` naming the line."""
    return read_yaml(raw, path, FormError, ("formulir", "form"))


def _describe_validation(path: Path, exc: ValidationError) -> tuple[str, str]:
    """Turn pydantic's errors into 'file: key.path: problem' lines."""
    lines = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"]) or "(akar)"
        lines.append(f"  {loc}: {error['msg']}")
    detail = "\n".join(lines)
    return (
        f"{path}: formulir tidak sah ({len(lines)} masalah)\n{detail}",
        f"{path}: invalid form ({len(lines)} problems)\n{detail}",
    )
