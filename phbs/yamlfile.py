"""YAML files of forms and rubrics: finding them, and a loader that is safe and strict."""

from __future__ import annotations

from pathlib import Path

import yaml


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
