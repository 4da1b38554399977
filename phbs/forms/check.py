"""Check a custom form file and explain each problem in plain words (``phbs forms check``).

:func:`phbs.forms.loading.load_form` stops at the first broken file with the pydantic messages;
:func:`check_form` returns every problem with its YAML path and an explanation of what to
change, in Indonesian and English.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "f.yaml"
...     _ = path.write_text("id: x\\nversi: 1\\n", encoding="utf-8")
...     sorted({p.kind for p in check_form(path)})
['extra_forbidden', 'missing']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from phbs.errors import FormError
from phbs.forms.loading import parse_yaml
from phbs.forms.model import Form

_EXPLAIN: dict[str, tuple[str, str]] = {
    "extra_forbidden": (
        "kunci ini tidak dikenal: salah ketik, atau letaknya salah (lihat docs/formulir.md)",
        "this key is not known: a typo, or in the wrong place (see docs/formulir.md)",
    ),
    "missing": ("kunci wajib ini belum ada", "this required key is missing"),
    "string_pattern_mismatch": (
        "kode hanya boleh huruf kecil, angka dan _ (diawali huruf)",
        "codes use lower-case letters, digits and _ (starting with a letter)",
    ),
    "literal_error": (
        "nilai harus salah satu pilihan yang disebut",
        "the value must be one of the listed choices",
    ),
    "enum": ("nilai harus salah satu pilihan yang disebut", "use one of the listed choices"),
    "int_parsing": ("harus bilangan bulat", "must be a whole number"),
    "bool_parsing": ("harus true atau false", "must be true or false"),
    "string_type": ("harus teks (beri tanda kutip)", "must be text (put it in quotes)"),
    "list_type": ("harus daftar (- butir atau [a, b])", "must be a list (- item or [a, b])"),
    "too_short": ("daftar ini tidak boleh kosong", "this list must not be empty"),
    "value_error": (
        "isi tidak konsisten dengan bagian lain formulir",
        "inconsistent with another part of the form",
    ),
}


@dataclass(frozen=True)
class FormProblem:
    """One problem of a form file: where, what pydantic said, and what to do."""

    location: str
    kind: str
    message: str
    explanation_id: str
    explanation_en: str
    indicators: tuple[tuple[object, object], ...] = ()

    @property
    def place(self) -> str:
        """The location with the indicator it points at (``indicators.3 (4. air_bersih)``)."""
        return readable_location(self.location, self.indicators)


def readable_location(location: str, indicators: Sequence[tuple[object, object]]) -> str:
    """``location`` with the indicator a 0-based ``indicators.N`` points at, as the paper form
    numbers it: ``indicators.3.source`` is indicator 4.

    ``indicators`` holds ``(number, code)`` per position of the file's indicator list.

    >>> readable_location("indicators.3.source", [(1, "a"), (2, "b"), (3, "c"), (4, "air")])
    'indicators.3.source (4. air)'
    >>> readable_location("na_policy", [])
    'na_policy'
    """
    parts = location.split(".")
    if len(parts) < 2 or parts[0] != "indicators" or not parts[1].isdigit():
        return location
    position = int(parts[1])
    if position >= len(indicators):
        return location
    number, code = indicators[position]
    return f"{location} ({number}. {code})"


def _indicator_keys(data: object) -> list[tuple[object, object]]:
    indicators = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(indicators, list):
        return []
    return [
        (item.get("number", "?"), item.get("code", "?")) if isinstance(item, dict) else ("?", "?")
        for item in indicators
    ]


def check_form(path: str | Path) -> list[FormProblem]:
    """Every problem of the form file at ``path`` (empty when the form is valid).

    Raises :class:`~phbs.errors.FormError` when the file is missing or not YAML at all.
    """
    file_path = Path(path)
    if not file_path.is_file():
        raise FormError(f"{path}: berkas tidak ada", f"{path}: file not found")
    data = parse_yaml(file_path.read_bytes(), file_path)
    try:
        Form.model_validate(data)
    except ValidationError as exc:
        problems = []
        keys = _indicator_keys(data)
        for error in exc.errors():
            kind = error["type"]
            explained = _EXPLAIN.get(kind, ("lihat pesan", "see the message"))
            problems.append(
                FormProblem(
                    location=".".join(str(p) for p in error["loc"]) or "(akar)",
                    kind=kind,
                    message=error["msg"],
                    explanation_id=explained[0],
                    explanation_en=explained[1],
                    indicators=tuple(keys),
                )
            )
        return problems
    return []
