"""What version 0.1 offered under other names, kept for one release with a DeprecationWarning:
module paths, names that left a module, renamed fields (docs/architecture.md, "Public API").

The package was laid out by concern after version 0.1. A program that imports a module by its
old path still works, is warned once, and is told the new path::

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     from phbs.rubric import load_rubric
    >>> "phbs.contest.rubric" in str(caught[0].message)
    True

The public names of ``import phbs`` never moved; use them where you can.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

# Old module → where it lives now. The old name was a module that no longer exists.
MOVED_MODULES: dict[str, str | tuple[str, ...]] = {
    "phbs.aggregate": ("phbs.scoring.totals", "phbs.scoring.batches", "phbs.scoring.counting"),
    "phbs.ahp": "phbs.contest.ahp",
    "phbs.area_ci": "phbs.scoring.intervals",
    "phbs.commands": "phbs.cli",
    "phbs.commands.common": "phbs.cli.common",
    "phbs.commands.demo": "phbs.cli.demo",
    "phbs.commands.forms": "phbs.cli.forms",
    "phbs.commands.progress": "phbs.cli.progress",
    "phbs.commands.rank": "phbs.cli.rank",
    "phbs.commands.report": "phbs.cli.report",
    "phbs.commands.rubric": "phbs.cli.rubric",
    "phbs.commands.uncertainty": ("phbs.cli.uncertainty", "phbs.contest.assessment"),
    "phbs.concordance": "phbs.contest.concordance",
    "phbs.contest_files": "phbs.contest.inputs",
    "phbs.contest_sample": "phbs.demo.contest",
    "phbs.criterion_scores": "phbs.contest.criteria",
    "phbs.fieldforms": "phbs.forms.fields",
    "phbs.form_check": "phbs.forms.check",
    "phbs.funnel": "phbs.scoring.funnel",
    "phbs.judge_agreement": "phbs.contest.agreement",
    "phbs.judges": "phbs.contest.judges",
    "phbs.measures": "phbs.contest.measures",
    "phbs.plausibility": "phbs.scoring.plausibility",
    "phbs.rank_resampling": "phbs.contest.resampling",
    "phbs.rank_uncertainty": ("phbs.contest.uncertainty", "phbs.contest.bootstrap"),
    "phbs.ranking": "phbs.contest.ranking",
    "phbs.ranking_kernels": "phbs.contest.kernels",
    "phbs.ranking_models": "phbs.contest.models",
    "phbs.ranking_notes": "phbs.contest.notes",
    "phbs.ranking_ties": "phbs.contest.ties",
    "phbs.reports.entry_template": "phbs.reports.fieldforms.entry_template",
    "phbs.reports.excel_ranking": "phbs.reports.excel.ranking",
    "phbs.reports.excel_recap": "phbs.reports.excel.recap",
    "phbs.reports.excel_sheet": "phbs.reports.excel.sheet",
    "phbs.reports.excel_tables": "phbs.reports.excel.tables",
    "phbs.reports.html_contest": "phbs.reports.html.contest",
    "phbs.reports.html_funnel": "phbs.reports.html.funnel",
    "phbs.reports.html_view": "phbs.reports.html.view",
    "phbs.reports.i18n": "phbs.i18n",
    "phbs.reports.paper_form": "phbs.reports.fieldforms.paper_form",
    "phbs.reports.xlsform": "phbs.reports.fieldforms.xlsform",
    "phbs.results": ("phbs.scoring.results", "phbs.scoring.summary", "phbs.scoring.iks"),
    "phbs.rubric": ("phbs.contest.rubric", "phbs.contest.rubric_loading"),
    "phbs.rubric_mappings": "phbs.contest.mappings",
    "phbs.rubric_weights": "phbs.contest.weights",
    "phbs.spool": "phbs.scoring.spool",
    "phbs.streaming": "phbs.scoring.streaming",
}

# Old module → where its contents live now. The old name is now a package, which hands the
# old module's names on with a warning.
MOVED_INTO_PACKAGES: dict[str, str | tuple[str, ...]] = {
    "phbs.cli": ("phbs.cli.root", "phbs.cli.score", "phbs.cli.validate"),
    "phbs.demo": ("phbs.demo.sample", "phbs.demo.data", "phbs.demo.contest"),
    "phbs.forms": ("phbs.forms.model", "phbs.forms.loading"),
    "phbs.reports.excel": "phbs.reports.excel.workbook",
    "phbs.reports.html": "phbs.reports.html.page",
    "phbs.scoring": "phbs.scoring.household",
}

# Names that left a module still in place → the module they are in now.
NAMES_MOVED: dict[str, dict[str, str]] = {
    "phbs.ingest.understand": {
        "check_publishable": "phbs.ingest.publishable",
        "DUPLICATE_ID_SHARE": "phbs.ingest.publishable",
    },
    "phbs.ingest.csv_stream": {
        "read_block": "phbs.ingest.csv_source",
    },
    "phbs.ingest.fast": {
        "VillageCodes": "phbs.ingest.prepared_grid",
        "first_row_candidates": "phbs.ingest.prepared_grid",
        "prepare": "phbs.ingest.prepared_grid",
    },
    "phbs.ingest.readers": {
        "HELD_IN_MEMORY": "phbs.ingest.held",
        "HeldFile": "phbs.ingest.held",
        "SheetHead": "phbs.ingest.spreadsheet",
        "TITLE_ROWS": "phbs.ingest.header_row",
        "calamine_workbook": "phbs.ingest.calamine",
        "cell_text": "phbs.ingest.calamine",
        "file_sha256": "phbs.ingest.held",
        "sheet_heads": "phbs.ingest.spreadsheet",
    },
    "phbs.ingest.validate": {
        "PROGRESS_EVERY": "phbs.ingest.row_checks",
        "ROW_BATCH": "phbs.ingest.row_checks",
    },
    "phbs.ingest.workbook": {
        "SheetInfo": "phbs.ingest.book",
    },
    "phbs.ingest.xlsx_stream": {
        "FORMULA_CELLS_LISTED": "phbs.ingest.sheet_xml",
        "cell_name": "phbs.ingest.sheet_xml",
        "check_unpacked": "phbs.ingest.sheet_xml",
        "date_kind": "phbs.ingest.xlsx_values",
    },
    "phbs.reports.content": {
        "stratum_of": "phbs.reports.strata",
    },
    "phbs.reports.tables": {
        "HouseholdsCsv": "phbs.reports.households",
        "household_columns": "phbs.reports.households",
        "households_csv": "phbs.reports.households",
        "write_households_csv": "phbs.reports.households",
        "write_rejects_csv": "phbs.reports.households",
    },
    "phbs.reports.uncertainty": {
        "BOOTSTRAP_COLUMNS": "phbs.contest.assessment",
    },
}


def _warn(old: str, new: str, stacklevel: int = 3) -> None:
    """Say where ``old`` is now, at the line of the program that used it (``stacklevel``
    frames up from here), and the public name when it has one."""
    name = new.rpartition(".")[2]
    public = f"; phbs.{name}" if name in _public_names() else ""
    warnings.warn(
        f"{old} dipindah ke {new}{public} (moved to {new}{public}); jalur lama dihapus pada "
        "rilis berikutnya (the old one is removed in the next release)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def _public_names() -> frozenset[str]:
    return frozenset(getattr(sys.modules.get("phbs"), "__all__", ()))


def renamed(old: str, new: str) -> None:
    """Warn that a field of a public model has a new name (the old one works for a release)."""
    _warn(old, new, stacklevel=4)


def _targets(new: str | tuple[str, ...]) -> tuple[str, ...]:
    return (new,) if isinstance(new, str) else new


def _find(old: str, targets: tuple[str, ...], name: str) -> tuple[str, Any]:
    """The first of ``targets`` that has ``name``, and its value there; the module that
    defines it, when a target only imports it."""
    for target in targets:
        module = importlib.import_module(target)
        if hasattr(module, name):
            value = getattr(module, name)
            home = getattr(value, "__module__", None)
            return (home if home in targets else target), value
    raise AttributeError(f"module {old!r} has no attribute {name!r}")


_SPEC_ATTRIBUTES = ("__spec__", "__loader__", "__package__", "__path__", "__file__", "__cached__")


class _MovedLoader:
    """An old module path: the new module itself when it moved whole, else a module that
    hands on the names of the modules its contents went to. (The import system asks only
    for these two methods; the base classes of importlib.abc would load importlib's
    resources machinery on every start.)"""

    def __init__(self, new: str | tuple[str, ...]) -> None:
        self.targets = _targets(new)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        _warn(spec.name, " + ".join(self.targets))
        if len(self.targets) == 1:
            module = importlib.import_module(self.targets[0])
            # The import system writes the old path's spec on the module it is given; the
            # new module keeps its own (exec_module puts them back).
            self.kept = {k: module.__dict__[k] for k in _SPEC_ATTRIBUTES if k in module.__dict__}
            return module
        shim = ModuleType(spec.name, f"Moved to {', '.join(self.targets)}.")
        old, targets = spec.name, self.targets

        def __getattr__(name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            return _find(old, targets, name)[1]

        shim.__getattr__ = __getattr__  # type: ignore[method-assign]
        return shim

    def exec_module(self, module: ModuleType) -> None:
        """The module is the new one, already executed, or a shim with nothing to run."""
        module.__dict__.update(getattr(self, "kept", {}))


class _MovedFinder:
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,  # noqa: ARG002
        target: ModuleType | None = None,  # noqa: ARG002
    ) -> importlib.machinery.ModuleSpec | None:
        new = MOVED_MODULES.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", _MovedLoader(new)))


def install() -> None:
    """Let the old module paths be imported (once per process)."""
    if not any(isinstance(finder, _MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _MovedFinder())


def forwarder(package: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that hands on the old module's names."""
    targets = _targets(MOVED_INTO_PACKAGES[package])

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        target, value = _find(package, targets, name)
        _warn(f"{package}.{name}", f"{target}.{name}")
        return value

    return __getattr__


def handed_on(module: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``module`` that hands on the names that left it."""
    moved = NAMES_MOVED[module]

    def __getattr__(name: str) -> Any:
        target = moved.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        _warn(f"{module}.{name}", f"{target}.{name}")
        return getattr(importlib.import_module(target), name)

    return __getattr__
