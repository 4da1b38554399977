"""The problems of a mapping file in plain words, Indonesian and English, each at its key.

The checks of :class:`~phbs.ingest.mapping.FileMap` raise ``ValueError("kind|detail")``;
pydantic's own errors come with a type. Both are explained here, with the key path where the
problem is, a close known key for a misspelled one, and what to write instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

#: Problem kinds raised by the mapping's own checks, and what they mean.
OWN: dict[str, tuple[str, str]] = {
    "not-text": (
        "{detail} bukan teks: tulis dalam tanda kutip (YAML membaca 1 sebagai angka, no/yes "
        "sebagai false/true)",
        "{detail} is not text: write it in quotes (YAML reads 1 as a number and no/yes as "
        "false/true)",
    ),
    "choice": ("tulis salah satu dari: {detail}", "write one of: {detail}"),
    "rows": (
        "nomor baris (mulai 1) atau rentang 'awal-akhir': {detail}",
        "row numbers (from 1) or ranges 'first-last': {detail}",
    ),
    "skip-above": (
        "baris {detail} tidak di bawah header_row: hanya baris di bawah judul yang dilewati",
        "row {detail} is not below header_row: only rows under the header are skipped",
    ),
    "header-twice": (
        "judul '{detail}' diberikan untuk dua isian",
        "header '{detail}' is given for two fields",
    ),
    "empty-header": ("judul kolom kosong untuk {detail}", "empty header for {detail}"),
    "spelling-twice": (
        "satu ejaan untuk dua jawaban: '{detail}'",
        "one spelling for two answers: '{detail}'",
    ),
    "empty-spelling": (
        "ejaan kosong tidak berarti apa-apa: arti sel kosong ditulis di blank (missing, na "
        "atau tidak)",
        "an empty spelling means nothing: what a blank cell means goes under blank (missing, "
        "na or tidak)",
    ),
    "shape-field": (
        "kolom {detail} hanya untuk berkas shape: {shape}",
        "column {detail} is only for files of shape: {shape}",
    ),
    "shape-needs": (
        "berkas shape: jawaban (satu baris per jawaban) perlu kolom {detail}",
        "a file of shape: jawaban (one row per answer) needs the column(s) {detail}",
    ),
}

#: The key a check of the whole mapping is about.
_KEY_OF = {
    "header-twice": "columns",
    "skip-above": "skip_rows",
    "spelling-twice": "answers",
    "shape-field": "columns",
    "shape-needs": "columns",
}

#: pydantic's error types, and what they mean here.
PYDANTIC: dict[str, tuple[str, str]] = {
    "extra_forbidden": ("kunci ini tidak dikenal", "this key is not known"),
    "missing": ("kunci wajib ini belum ada (phbs_map: 1)", "this required key is missing"),
    "int_parsing": ("harus bilangan bulat", "must be a whole number"),
    "int_type": ("harus bilangan bulat", "must be a whole number"),
    "greater_than_equal": ("harus 1 atau lebih", "must be 1 or more"),
    "string_type": ("harus teks (beri tanda kutip)", "must be text (put it in quotes)"),
    "list_type": ("harus daftar: [a, b]", "must be a list: [a, b]"),
    "dict_type": ("harus berisi kunci: nilai", "must hold key: value pairs"),
    "model_type": (
        "berkas peta berisi kunci: nilai (lihat docs/pemetaan.md)",
        "a mapping file holds key: value pairs (see docs/pemetaan.md)",
    ),
    "literal_error": ("nilai yang diterima: {expected}", "the accepted values: {expected}"),
}


def explain(
    errors: Iterable[Mapping[str, Any]], keys: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """One ``(Indonesian, English)`` line per problem: its key path and what to do.

    ``keys`` lists the known keys by the path of their parent (``""`` for the top), so a
    misspelled key is answered with the closest one.
    """
    lines: list[tuple[str, str]] = []
    for error in errors:
        location = [str(part) for part in error["loc"]]
        kind = error["type"]
        message = str(error["msg"]).removeprefix("Value error, ")
        own, _, detail = message.partition("|")
        where = ".".join(location) or _KEY_OF.get(own, "(berkas)")
        if kind == "value_error":
            text_id, text_en = OWN.get(own, (message, message))
            detail, _, shape = detail.partition("|")
            text_id = text_id.format(detail=detail, shape=shape)
            text_en = text_en.format(detail=detail, shape=shape)
        else:
            text_id, text_en = PYDANTIC.get(kind, (str(error["msg"]), str(error["msg"])))
            expected = str(error.get("ctx", {}).get("expected", "1"))
            text_id = text_id.format(expected=expected.replace(" or ", " atau "))
            text_en = text_en.format(expected=expected)
        if kind == "extra_forbidden" and location:
            parent = ".".join(location[:-1])
            close = difflib.get_close_matches(location[-1], keys.get(parent, []), n=1)
            if close:
                text_id += f" (mungkin '{close[0]}'?)"
                text_en += f" (did you mean '{close[0]}'?)"
        lines.append((f"  {where}: {text_id}", f"  {where}: {text_en}"))
    return lines


def problems_text(path: Path, lines: list[tuple[str, str]]) -> tuple[str, str]:
    """The whole message: the file, how many problems, one line each."""
    return (
        f"{path}: peta tidak sah ({len(lines)} masalah)\n" + "\n".join(i for i, _ in lines),
        f"{path}: invalid mapping ({len(lines)} problem{'s' * (len(lines) > 1)})\n"
        + "\n".join(e for _, e in lines),
    )
