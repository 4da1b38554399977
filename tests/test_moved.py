"""Old deep import paths still work for one release, with a DeprecationWarning naming the
new path (docs/architecture.md, "Public API")."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from phbs import _moved


def test_an_old_module_path_imports_the_new_module_with_a_warning() -> None:
    """In a fresh interpreter, so that no module is imported yet by the new path."""
    code = (
        "import importlib, json, sys, warnings\n"
        "import phbs\n"
        "from phbs._moved import MOVED_MODULES\n"
        "seen = {}\n"
        "for old, new in MOVED_MODULES.items():\n"
        "    with warnings.catch_warnings(record=True) as caught:\n"
        "        warnings.simplefilter('always')\n"
        "        module = importlib.import_module(old)\n"
        "    said = ' | '.join(str(w.message) for w in caught)\n"
        "    seen[old] = [said, module is importlib.import_module(new)]\n"
        "print(json.dumps(seen))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seen = json.loads(run.stdout)
    assert set(seen) == set(_moved.MOVED_MODULES)
    for old, (said, same) in seen.items():
        assert same, old
        assert f"{old} dipindah ke {_moved.MOVED_MODULES[old]}" in said, old
    assert "phbs.contest.rubric" in seen["phbs.rubric"][0]
    assert "phbs.scoring.totals" in seen["phbs.aggregate"][0]


@pytest.mark.parametrize("package", sorted(_moved.MOVED_INTO_PACKAGES))
def test_a_name_of_a_module_that_became_a_package_is_handed_on(package: str) -> None:
    """``from phbs.forms import load_form`` still finds the function, now in phbs.forms.model."""
    import importlib

    new = importlib.import_module(_moved.MOVED_INTO_PACKAGES[package])
    name = next(n for n in sorted(vars(new)) if not n.startswith("_") and n[0].islower())
    with pytest.warns(DeprecationWarning, match=_moved.MOVED_INTO_PACKAGES[package]):
        value = getattr(importlib.import_module(package), name)
    assert value is getattr(new, name)
    with pytest.raises(AttributeError):
        _ = importlib.import_module(package).no_such_name
