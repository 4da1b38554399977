"""The shape docs/architecture.md promises: modules small enough to read, functions with few
parameters, options passed as one object (click commands excepted: they receive their options
from click, then hand them on as one object)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "phbs"

#: Message catalogues: long by nature, one entry per message.
CATALOGUES = {"issues.py", "i18n.py"}
MAX_LINES = 400
MAX_PARAMETERS = 10


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name not in CATALOGUES
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def is_click_command(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Made with ``click.command``, ``group.command`` or phbs.cli.translated's ``command``."""
    return any(
        isinstance(d, ast.Call)
        and (
            (isinstance(d.func, ast.Attribute) and d.func.attr in {"command", "group"})
            or (isinstance(d.func, ast.Name) and d.func.id in {"command", "group"})
        )
        for d in function.decorator_list
    )


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = function.args
    names = [a.arg for a in [*args.posonlyargs, *args.args]]
    count = len(names) + len(args.kwonlyargs) + bool(args.vararg) + bool(args.kwarg)
    return count - (bool(names) and names[0] in {"self", "cls"})


def test_no_function_takes_more_than_10_parameters() -> None:
    many = [
        f"{path.relative_to(PACKAGE)}:{node.name} ({parameters(node)})"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and parameters(node) > MAX_PARAMETERS
        and not is_click_command(node)
    ]
    assert many == []
