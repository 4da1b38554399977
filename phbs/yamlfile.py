"""YAML files of forms and rubrics: finding them, and a loader that is safe and strict."""

from __future__ import annotations

from pathlib import Path

import yaml

from phbs.errors import PhbsError


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping key given twice (PyYAML keeps the last silently)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> object:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"duplicate key {key!r}",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)

# PyYAML's C parser (libyaml), where it is built in, reads a form several times faster than
# its Python parser. It is used for a file without tab characters (libyaml lets a tab through
# inside a line where the Python parser refuses it), and any error is found again by the
# Python loader, whose messages and line numbers the hints below are written for.
_FastLoader: type[yaml.SafeLoader] = UniqueKeyLoader
if getattr(yaml, "__with_libyaml__", False):

    class _UniqueKeyCLoader(yaml.CSafeLoader):
        """:class:`UniqueKeyLoader` on libyaml's parser."""

    _UniqueKeyCLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
    )
    _FastLoader = _UniqueKeyCLoader  # type: ignore[assignment]


def bundled_yaml(folder: Path) -> dict[str, Path]:
    """Names (file stems) and paths of the ``*.yaml`` files in a bundled folder."""
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def bundled_or_file(name_or_path: str | Path, bundled: dict[str, Path]) -> Path | None:
    """The bundled file named ``name_or_path``, else that path if it is a file, else None.

    The caller raises its own error (form or rubric) when None comes back.
    """
    if str(name_or_path) in bundled:
        return bundled[str(name_or_path)]
    path = Path(name_or_path)
    return path if path.is_file() else None


# What PyYAML's most common complaints mean, in the user's words.
_YAML_HINTS = {
    "'\\t'": (
        ": ada karakter tab; pakai spasi untuk indentasi",
        ": a tab character; indent with spaces",
    ),
    "duplicate key": (": satu kunci ditulis dua kali", ": a key is given twice"),
    "mapping values are not allowed": (
        ": titik dua di dalam teks; beri tanda kutip pada teksnya",
        ": a colon inside a text; put the text in quotes",
    ),
}


def read_yaml(raw: bytes, path: Path, error: type[PhbsError], what: tuple[str, str]) -> object:
    """The data of a strict YAML file (UTF-8, no key given twice), or ``error`` naming the
    file, the line and ``what`` it is (``("peta", "mapping")``)."""
    try:
        text = raw.decode("utf-8")
        if "\t" not in text:
            try:
                return yaml.load(text, Loader=_FastLoader)
            except yaml.YAMLError:
                pass
        return yaml.load(text, Loader=UniqueKeyLoader)
    except UnicodeDecodeError:
        raise error(
            f"{path}: berkas {what[0]} harus UTF-8", f"{path}: {what[1]} file must be UTF-8"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or ""
        where = f" baris {mark.line + 1}" if mark is not None else ""
        where_en = f" line {mark.line + 1}" if mark is not None else ""
        detail = f" ({problem})" if problem else ""
        said = next((h for key, h in _YAML_HINTS.items() if key in problem), ("", ""))
        raise error(
            f"{path}{where}: YAML tidak sah{detail}{said[0]}",
            f"{path}{where_en}: invalid YAML{detail}{said[1]}",
        ) from None
