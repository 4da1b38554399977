"""The package loads what a command needs, and nothing of what it does not.

``phbs`` names its public API in ``__all__`` and imports each name when it is first used, so
``phbs score`` on a Puskesmas file does not pay for the contest and report code; the CLI
loads its contest and report commands the same way. These tests keep the table of names,
the imports type checkers read and ``__all__`` in step, and check what a plain start loads.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest

import phbs
from phbs.cli.root import LAZY_COMMANDS, cli

INIT = Path(phbs.__file__)


def checked_imports() -> dict[str, str]:
    """Name → module of the imports under ``if TYPE_CHECKING:`` in phbs/__init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                assert statement.module is not None
                for alias in statement.names:
                    found[alias.name] = statement.module
    return found


def test_public_names_table_imports_and_all_agree() -> None:
    assert checked_imports() == phbs._EXPORTS
    assert set(phbs.__all__) == {*phbs._EXPORTS, "__version__"}
    for name in phbs._EXPORTS:
        module = sys.modules.get(phbs._EXPORTS[name]) or __import__(
            phbs._EXPORTS[name], fromlist=[name]
        )
        assert getattr(phbs, name) is getattr(module, name)
    assert set(dir(phbs)) >= set(phbs.__all__)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'skor'"):
        _ = phbs.skor  # type: ignore[attr-defined]


def test_starting_the_command_loads_no_contest_or_report_code() -> None:
    """`phbs score` and `phbs validate` start without jinja2, xlsxwriter, scipy or the
    contest modules."""
    code = (
        "import sys, phbs.cli.root; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('jinja2', 'xlsxwriter', 'scipy') or m in ('phbs.contest.ranking', 'phbs.contest.judges', "
        "'phbs.reports.report', 'phbs.contest.uncertainty', 'phbs.contest.inputs'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


#: What `phbs score` on a CSV file has no use for, found with ``python -X importtime``: scipy
#: (half a second; the Wilson intervals need only a normal quantile), the report page and
#: workbook libraries, the web server, and phbs's contest, trends, demo, web and report-page
#: code (the contest and trends models alone are a tenth of a second of pydantic classes).
NOT_FOR_SCORE = (
    "scipy", "jinja2", "markupsafe", "xlsxwriter", "openpyxl", "pandas", "starlette", "uvicorn",
    "phbs.contest", "phbs.trends", "phbs.demo", "phbs.web", "phbs.reports.content",
    "phbs.reports.html", "phbs.reports.excel", "phbs.reports.report", "phbs.reports.minutes",
    # ctypes.util finds the C library by running /sbin/ldconfig: a process per command.
    "ctypes.util",
)  # fmt: skip


def test_scoring_a_file_loads_only_what_score_needs(tmp_path: Path) -> None:
    """`phbs score FILE -o rekap.csv`, through the console script's entry point, writes its
    table without loading any module of :data:`NOT_FOR_SCORE` (a start-up cost that most
    Puskesmas files, a few hundred households, would pay several times over)."""
    output = tmp_path / "rekap.csv"
    files = [str(f) for f in phbs.sample_data().survey_files]
    code = (
        "import sys\n"
        "from phbs.console import main\n"
        "try:\n"
        f"    main(['score', *{files!r}, '-o', {str(output)!r}])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.exists()
    loaded = result.stdout.splitlines()[-1].split()
    assert "phbs.scoring.summary" in loaded  # the list is the child's own
    assert [
        m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_FOR_SCORE)
    ] == []


def test_every_command_is_listed_and_loads() -> None:
    context = click.Context(cli)
    names = cli.list_commands(context)
    assert set(LAZY_COMMANDS) <= set(names)
    assert {"score", "validate"} <= set(names)
    for name in names:
        command = cli.get_command(context, name)
        assert command is not None
        assert command.name == name
    assert cli.get_command(context, "skor") is None


def test_result_models_dump_their_issues_as_the_json_outputs_write_them(tmp_path: Path) -> None:
    """docs/architecture.md, *Public API*: a result model dumps with the keys its JSON output
    has, issues included (Indonesian keys, both messages), not the record's English fields."""
    import json

    from phbs.demo.contest import sample_ranking
    from phbs.reports.ranking import write_ranking_json

    survey = phbs.read_survey(phbs.sample_data().survey_files)
    report = phbs.summarise(phbs.score(survey))
    ranking = sample_ranking(report)
    assert ranking.masalah, "the sample judges leave scores blank: issues to dump"
    write_ranking_json(ranking, tmp_path / "peringkat.json")
    written = json.loads((tmp_path / "peringkat.json").read_text(encoding="utf-8"))
    dumped = json.loads(ranking.model_dump_json())
    assert dumped["masalah"] == written["masalah"]
    assert set(dumped["masalah"][0]) == {
        "berkas", "baris", "kolom", "nilai", "kode", "tingkat", "pesan", "message"
    }  # fmt: skip
    assert dumped["kesepakatan"][0].keys() >= {"w", "khi_kuadrat", "nilai_p", "derajat_bebas"}
    issue = survey.issues[0]
    with_issue = report.model_copy(update={"masalah": [issue]})
    assert with_issue.model_dump()["masalah"] == [issue.record()]
