"""The layer contract of docs/architecture.md: the package is layered, data flows one way.

Every import inside ``phbs/`` is read from the source (module level, inside functions and
under ``TYPE_CHECKING`` alike). A module may import its own layer or a lower one, never a
higher one; no group of modules imports itself round a cycle; no module imports another
module's private (``_underscore``) name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "phbs"

#: Lowest first. A module belongs to the first entry that is it or a package holding it.
LAYERS: list[tuple[str, ...]] = [
    (
        "phbs._moved",
        "phbs.version",
        "phbs.errors",
        "phbs.issues",
        "phbs.i18n",
        "phbs.regions",
        "phbs.resources",
        "phbs.states",
        "phbs.stats",
        "phbs.funnel_stats",
        "phbs.difference_stats",
        "phbs.shrinkage",
        "phbs.yamlfile",
        "phbs.outputs",
        "phbs.threads",
    ),
    ("phbs.forms",),
    ("phbs.ingest",),
    ("phbs.scoring",),
    ("phbs.trends",),
    ("phbs.contest",),
    ("phbs.reports",),
    ("phbs.demo",),
    ("phbs.web",),
    ("phbs.cli",),
    ("phbs", "phbs.console", "phbs.__main__"),
]


def layer_of(module: str) -> int:
    for index, names in enumerate(LAYERS):
        for name in names:
            if module == name or (name != "phbs" and module.startswith(name + ".")):
                return index
    raise LookupError(module)


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(module: str, path: Path, known: Iterable[str]) -> list[tuple[str, str]]:
    """``(imported module, name)`` for every import of a phbs module in ``path``."""
    known = set(known)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in known:
                    found.append((target, ""))
                elif base in known:
                    found.append((base, alias.name))
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name in known]
    return [(target, name) for target, name in found if target != module]


def graph() -> dict[str, set[str]]:
    known = modules()
    return {m: {t for t, _ in imports(m, p, known)} for m, p in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    for module in modules():
        layer_of(module)


def test_no_module_imports_a_higher_layer() -> None:
    known = modules()
    upward = [
        f"{module} → {target}"
        for module, path in known.items()
        for target, _ in imports(module, path, known)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    known = modules()
    private = [
        f"{module} ← {target}.{name}"
        for module, path in known.items()
        for target, name in imports(module, path, known)
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


@pytest.mark.parametrize(
    "cycle",
    [
        # The cycles the package had before it was layered: each would fail the test above.
        ["phbs.ingest.fast", "phbs.ingest.validate"],
        ["phbs.demo.contest", "phbs.demo.sample"],
        [
            "phbs.reports.tables",
            "phbs.scoring.results",
            "phbs.scoring.streaming",
            "phbs.scoring.totals",
        ],
    ],
)
def test_the_check_finds_a_cycle(cycle: list[str]) -> None:
    edges = graph()
    for module, following in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        edges[module].add(following)
    assert any(set(cycle) <= set(group) for group in cycles(edges))


def test_the_check_reads_imports_under_type_checking_and_in_functions(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from phbs.reports.tables import HouseholdsCsv\n"
        "def later():\n"
        "    from phbs.cli import root\n"
        "    from phbs.ingest.readers import _private\n",
        encoding="utf-8",
    )
    found = imports("phbs.scoring.sample", source, modules())
    assert ("phbs.reports.tables", "HouseholdsCsv") in found
    assert ("phbs.cli.root", "") in found
    assert ("phbs.ingest.readers", "_private") in found


#: Third-party packages only one part of phbs may import: the web stack of the optional
#: ``web`` extra (``pip install 'phbs[web]'``) only in ``phbs.web``, so ``import phbs`` and
#: every other command work without it.
ONLY_IN = {
    "starlette": "phbs.web",
    "uvicorn": "phbs.web",
    "multipart": "phbs.web",
    "python_multipart": "phbs.web",
}


def third_party(path: Path) -> set[str]:
    """The top-level names of the absolute imports in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found


def test_the_web_stack_is_imported_only_by_phbs_web() -> None:
    misplaced = [
        f"{module} imports {name}"
        for module, path in modules().items()
        for name in sorted(third_party(path) & set(ONLY_IN))
        if not (module == ONLY_IN[name] or module.startswith(ONLY_IN[name] + "."))
    ]
    assert misplaced == []
    assert {"starlette", "uvicorn"} <= third_party(PACKAGE / "web" / "server.py") | third_party(
        PACKAGE / "web" / "app.py"
    )
