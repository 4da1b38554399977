"""The README is the front door: its commands work, every command is documented."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.issues import catalogue_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP_COMMANDS = ["pip install . && phbs demo", 'pip install ".[test]" && python -m pytest']


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_readme_starts_with_the_two_setup_commands() -> None:
    """The first code block holds exactly the install-and-demo and install-and-test commands."""
    first = re.search(r"```\w*\n(.*?)```", README, flags=re.DOTALL)
    assert first is not None
    assert first.group(1).strip().splitlines() == SETUP_COMMANDS


def test_ci_runs_the_readme_test_command() -> None:
    """`.ci/run` runs the same test command as the README."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert SETUP_COMMANDS[1] in ci


def test_the_readme_test_command_runs_the_docstring_examples() -> None:
    """The README says `python -m pytest` runs the `>>>` examples of phbs/ too: pytest is set
    to collect them (pyproject.toml), and there are examples to collect."""
    import doctest
    import importlib
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_options = options["tool"]["pytest"]["ini_options"]
    assert "phbs" in pytest_options["testpaths"]
    assert "--doctest-modules" in pytest_options["addopts"].split()
    assert "`>>>` di docstring modul `phbs/`" in README.replace("\n", " ")
    module = importlib.import_module("phbs.stats")
    examples = sum(len(t.examples) for t in doctest.DocTestFinder().find(module))
    assert examples > 0


# Every command and subcommand of `phbs`, written out: the test below fails when one is
# lost (as when the lazily loaded commands vanished from ``cli.commands``) or added without
# being listed here (and so without its help and README checked).
EXPECTED_COMMANDS = [
    ("compare",),
    ("demo",),
    ("forms",),
    ("forms", "check"),
    ("forms", "list"),
    ("forms", "print"),
    ("forms", "show"),
    ("forms", "template"),
    ("forms", "xlsform"),
    ("map",),
    ("rank",),
    ("report",),
    ("rubric",),
    ("rubric", "ahp"),
    ("rubric", "list"),
    ("rubric", "show"),
    ("score",),
    ("validate",),
    ("web",),
]


def walk(
    command: click.Command, ctx: click.Context, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command``, asked for by name as ``phbs`` itself does
    (``list_commands``/``get_command``), so the commands loaded on demand are loaded."""
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, (*path, name)
            yield from walk(sub, click.Context(sub, parent=ctx, info_name=name), (*path, name))


def all_commands() -> dict[tuple[str, ...], click.Command]:
    return {p: c for p, c in walk(cli, click.Context(cli, info_name="phbs")) if p}


def test_the_command_list_is_complete() -> None:
    """The commands ``phbs --help`` can reach are exactly those listed above: none lost
    (``cli.commands`` alone holds only the commands loaded so far), none unlisted."""
    assert sorted(all_commands()) == EXPECTED_COMMANDS


@pytest.mark.parametrize("path", EXPECTED_COMMANDS, ids=" ".join)
def test_every_command_has_help_and_is_in_readme(path: tuple[str, ...]) -> None:
    """Each command explains itself and the README shows it (sqlite-utils' test_docs)."""
    command = all_commands()[path]
    assert command.help
    assert command.help.strip()
    assert f"phbs {' '.join(path)}" in README
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="phbs")
    assert result.exit_code == 0, result.output
    assert f"Pemakaian: phbs {' '.join(path)}" in result.output
    english = CliRunner().invoke(cli, [*path, "--help", "--lang", "en"], prog_name="phbs")
    assert english.exit_code == 0, english.output
    assert f"Usage: phbs {' '.join(path)}" in english.output


def console_examples() -> list[tuple[list[str], list[str]]]:
    """Each ``$ phbs ...`` line of the README with the output lines shown under it."""
    examples: list[tuple[list[str], list[str]]] = []
    for block in code_blocks("console"):
        for line in block.splitlines():
            if line.startswith("$ phbs "):
                examples.append((shlex.split(line[2:])[1:], []))
            elif examples and line.strip():
                examples[-1][1].append(line)
    return examples


def console_commands() -> list[list[str]]:
    return [argv for argv, _ in console_examples()]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder ``phbs demo`` writes: its outputs and the sample's input files."""
    folder = tmp_path_factory.mktemp("demo") / "phbs-contoh"
    result = CliRunner().invoke(cli, ["demo", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def sample_folder(tmp_path: Path, demo_folder: Path) -> Iterator[Path]:
    """A copy of the demo's folder as the working folder: the README's examples run in it
    as written after ``phbs demo`` and ``cd phbs-contoh``."""
    shutil.copytree(demo_folder, tmp_path, dirs_exist_ok=True)
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


@pytest.mark.parametrize(
    ("argv", "shown"), [pytest.param(a, s, id=" ".join(a)) for a, s in console_examples()]
)
def test_readme_console_examples_run(
    argv: list[str], shown: list[str], sample_folder: Path
) -> None:
    """Every `$ phbs ...` line of the README runs on the sample files it names; an example
    shown with a `Galat:` line exits 1 with that message, and every output line shown (up to
    its `…`) is what the command prints."""
    result = CliRunner().invoke(cli, argv)
    refused = bool(shown) and shown[0].startswith("Galat:")
    # The sample has errors on purpose: validate may exit 1.
    expected = {1} if refused else {0, 1} if argv[0] == "validate" else {0}
    assert result.exit_code in expected, result.output
    assert "Traceback" not in result.output
    printed = result.stderr if refused else result.stdout
    for line in shown:
        assert line.split("…")[0].rstrip() in printed, (line, printed)


def test_readme_python_example_runs(
    sample_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's Python example runs as written."""
    (block,) = code_blocks("python")
    exec(compile(block, "README.md", "exec"), {})
    output = capsys.readouterr().out
    assert "3019 = 3011 + 8" in output
    assert "63.10.01.1007 Batulicin" in output


def test_issue_code_table_is_current() -> None:
    """docs/kode-masalah.md is generated from the catalogue (tools/make_issue_docs.py)."""
    assert (ROOT / "docs" / "kode-masalah.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_changes_has_unreleased_section() -> None:
    """CHANGES.md keeps an 'Unreleased' section on top."""
    changes = (ROOT / "CHANGES.md").read_text(encoding="utf-8")
    first_section = re.search(r"^## (.+)$", changes, flags=re.MULTILINE)
    assert first_section is not None
    assert first_section.group(1) == "Unreleased"
