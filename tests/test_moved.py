"""Old deep import paths still work for one release, with a DeprecationWarning naming the
new path (docs/architecture.md, "Public API")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from phbs import _moved


def test_an_old_module_path_imports_the_new_module_with_a_warning() -> None:
    """In a fresh interpreter, so that no module is imported yet by the new path. A module
    that moved whole is the new module; one whose contents went to several modules hands on
    every public name of each."""
    code = (
        "import importlib, json, warnings\n"
        "import phbs\n"
        "from phbs._moved import MOVED_MODULES\n"
        "seen = {}\n"
        "for old, new in MOVED_MODULES.items():\n"
        "    with warnings.catch_warnings(record=True) as caught:\n"
        "        warnings.simplefilter('always')\n"
        "        module = importlib.import_module(old)\n"
        "    said = ' | '.join(str(w.message) for w in caught)\n"
        "    targets = (new,) if isinstance(new, str) else new\n"
        "    found = True\n"
        "    for target in reversed(targets):\n"
        "        real = importlib.import_module(target)\n"
        "        for name in [n for n in vars(real) if not n.startswith('_')]:\n"
        "            first = next(t for t in targets\n"
        "                         if hasattr(importlib.import_module(t), name))\n"
        "            want = getattr(importlib.import_module(first), name)\n"
        "            found = found and getattr(module, name) is want\n"
        "    same = module is real if len(targets) == 1 else found\n"
        "    seen[old] = [said, same]\n"
        "print(json.dumps(seen))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seen = json.loads(run.stdout)
    assert set(seen) == set(_moved.MOVED_MODULES)
    for old, (said, same) in seen.items():
        assert same, old
        assert f"{old} dipindah ke {' + '.join(targets(old))}" in said, old
    assert "phbs.contest.rubric" in seen["phbs.rubric"][0]
    assert "phbs.scoring.totals + phbs.scoring.batches" in seen["phbs.aggregate"][0]


def targets(old: str) -> tuple[str, ...]:
    new = {**_moved.MOVED_MODULES, **_moved.MOVED_INTO_PACKAGES}[old]
    return (new,) if isinstance(new, str) else new


@pytest.mark.parametrize("package", sorted(_moved.MOVED_INTO_PACKAGES))
def test_a_name_of_a_module_that_became_a_package_is_handed_on(package: str) -> None:
    """``from phbs.forms import load_form`` still finds the function, now in
    phbs.forms.loading, and the warning names where it is now."""
    import importlib

    for target in targets(package):
        for name in [n for n in sorted(vars(importlib.import_module(target))) if n[0] != "_"]:
            first = next(t for t in targets(package) if hasattr(importlib.import_module(t), name))
            expected = getattr(importlib.import_module(first), name)
            # Named where it is defined, when a target only imports it (sample_data).
            home = getattr(expected, "__module__", None)
            place = home if home in targets(package) else first
            with pytest.warns(DeprecationWarning, match=f"{place}.{name}"):
                value = getattr(importlib.import_module(package), name)
            assert value is expected
    with pytest.raises(AttributeError):
        _ = importlib.import_module(package).no_such_name


def test_an_old_module_split_in_several_hands_on_the_names_of_each() -> None:
    """``phbs.results`` went to scoring/results.py and scoring/summary.py: both its old
    names are found through the old path, with one warning on import."""
    code = (
        "import warnings\n"
        "import phbs\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from phbs.results import ScoreResult, summarise\n"
        "    from phbs.aggregate import TotalsBuilder, scored_batches\n"
        "from phbs.scoring.results import ScoreResult as A\n"
        "from phbs.scoring.summary import summarise as B\n"
        "from phbs.scoring.totals import TotalsBuilder as C\n"
        "from phbs.scoring.batches import scored_batches as D\n"
        "print(ScoreResult is A, summarise is B, TotalsBuilder is C, scored_batches is D)\n"
        "print(len(caught))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True", "True", "True", "2"]


def test_report_options_given_the_old_way_still_work_with_a_warning(tmp_path: Path) -> None:
    """``write_report(..., lang="en")`` (version 0.1) is ``ReportOptions(lang="en")``, warned."""
    import phbs

    result = phbs.score(phbs.read_survey(phbs.sample_data().survey_files))
    report = phbs.summarise(result)
    with pytest.warns(DeprecationWarning, match="ReportOptions"):
        old = phbs.write_report(result, report, html=tmp_path / "a.html", lang="en", target=50.0)
    new = phbs.write_report(
        result, report, phbs.ReportOptions(lang="en", target=50.0), html=tmp_path / "b.html"
    )
    assert old.lang == new.lang == "en"
    assert old.target == new.target == 50.0
    assert old.headline == new.headline
    with pytest.raises(TypeError, match="bahasa"):
        phbs.write_report(result, report, html=tmp_path / "c.html", bahasa="en")


def test_renamed_fields_still_read_with_a_warning() -> None:
    """The result models name their fields in Indonesian, as the JSON outputs do
    (docs/architecture.md, "Public API"); the names of version 0.1 read the same values."""
    import phbs

    result = phbs.score(phbs.read_survey(phbs.sample_data().survey_files))
    report = phbs.summarise(result)
    for old, new in (("areas", "wilayah"), ("issues", "masalah"), ("form_id", "formulir")):
        with pytest.warns(DeprecationWarning, match=f"AreaReport.{new}") as caught:
            assert getattr(report, old) == getattr(report, new)
        # Said at the program's own line, so Python's default filters show it.
        assert caught[0].filename == __file__
    from phbs.demo.contest import sample_ranking

    ranking = sample_ranking(report)
    with pytest.warns(DeprecationWarning, match="Ranking.masalah"):
        assert ranking.issues == ranking.masalah
    agreement = ranking.kesepakatan[0]
    for old, new in (("chi_square", "khi_kuadrat"), ("p_value", "nilai_p")):
        with pytest.warns(DeprecationWarning, match=f"Agreement.{new}"):
            assert getattr(agreement, old) == getattr(agreement, new)
    measures = phbs.measures_from_report(report)
    with pytest.warns(DeprecationWarning, match="VillageMeasures.has_household_totals"):
        assert measures.has_dipantau is measures.has_household_totals


@pytest.mark.parametrize("module", sorted(_moved.NAMES_MOVED))
def test_a_name_that_left_a_module_is_handed_on(module: str) -> None:
    """``from phbs.reports.tables import households_csv`` (version 0.1) still finds the
    function, now in phbs.reports.households, with a warning naming its place."""
    import importlib

    for name, target in _moved.NAMES_MOVED[module].items():
        with pytest.warns(DeprecationWarning, match=f"{target}.{name}"):
            value = getattr(importlib.import_module(module), name)
        assert value is getattr(importlib.import_module(target), name)
    with pytest.raises(AttributeError):
        _ = importlib.import_module(module).no_such_name


def test_the_removed_sink_thread_still_works_inline_with_a_warning() -> None:
    """``phbs.threads.SinkThread`` (version 0.1) was removed with the second counting thread;
    the old name hands each item on at once, in order, with a warning saying so."""
    import importlib

    threads = importlib.import_module("phbs.threads")
    with pytest.warns(DeprecationWarning, match="SinkThread"):
        sink_thread = threads.SinkThread
    done: list[int] = []
    with sink_thread(done.append, depth=2) as worker:
        for n in range(3):
            worker.put(n)
            assert done[-1] == n  # already handed on
    assert done == [0, 1, 2]
    with pytest.raises(AttributeError):
        _ = threads.NoSuchThing
