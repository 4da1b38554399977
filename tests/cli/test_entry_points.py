"""The two ways to start phbs: the ``phbs`` console script (``phbs.console:run``) and
``python -m phbs``; both run the same command line (README, *Kode keluar*)."""

from __future__ import annotations

import runpy
import sys

import pytest

import phbs
from phbs import console


def test_the_console_entry_point_runs_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        console.main(["--version"])
    assert ended.value.code == 0
    assert phbs.__version__ in capsys.readouterr().out


def test_python_m_phbs_runs_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["phbs", "--version"])
    with pytest.raises(SystemExit) as ended:
        runpy.run_module("phbs", run_name="__main__")
    assert ended.value.code == 0
    assert phbs.__version__ in capsys.readouterr().out


def test_ctrl_c_while_the_command_line_loads_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C before the command line has loaded: "Dibatalkan / cancelled", exit 130, no
    traceback (the real signal in a child process is in test_interrupt.py)."""
    import builtins

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "phbs.cli.root":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as ended:
        console.main(["--version"])
    assert ended.value.code == 130
    assert capsys.readouterr().err == "Dibatalkan / cancelled\n"
