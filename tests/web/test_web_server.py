"""``phbs web`` as a person starts it: a process that prints its address, opens the browser
(``$BROWSER``: a command that writes the address it was given to a file), serves, and on
SIGTERM or Ctrl-C stops cleanly and removes its temp folder. Without the ``web`` extra the
command says in one line how to install it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli

REPO = Path(__file__).resolve().parents[2]


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """``phbs web`` in its own process with its temp folder under ``tmp_path/tmp``."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    opened = tmp_path / "opened.txt"
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "PYTHONPATH": str(REPO),
        "BROWSER": f"sh -c 'echo \"$0\" > {opened}' %s",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "phbs", "web", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line


def url_of(line: str) -> str:
    return next(word for word in line.split() if word.startswith("http://"))


def wait_for(path: Path) -> str:
    deadline = time.monotonic() + 20
    while not (path.is_file() and path.read_text().strip()):
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.05)
    return path.read_text().strip()


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_serves_then_stops_cleanly_and_removes_its_folder(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    process, line = start(tmp_path)
    try:
        assert line.startswith("phbs web berjalan di http://127.0.0.1:")
        url = url_of(line)
        assert "token" not in url
        assert wait_for(tmp_path / "opened.txt") == url
        with urllib.request.urlopen(url, timeout=20) as answer:
            assert answer.status == 200
            assert "Berkas survei" in answer.read().decode()
        assert [p.name[:9] for p in (tmp_path / "tmp").iterdir()] == ["phbs-web-"]
    finally:
        process.send_signal(stop)
        _out, err = process.communicate(timeout=30)
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert list((tmp_path / "tmp").iterdir()) == []


def test_host_prints_the_token_and_no_browser(tmp_path: Path) -> None:
    """With --host the address carries the access token; --no-browser opens nothing."""
    process, line = start(tmp_path, "--host", "127.0.0.1", "--no-browser", "--lang", "en")
    try:
        assert line.startswith("phbs web is running at http://127.0.0.1:")
        url = url_of(line)
        assert "/?token=" in url
        assert process.stdout is not None
        assert process.stdout.readline().startswith("This address holds the access code")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(url, timeout=20) as answer:  # the token, then its cookie
            assert answer.status == 200
            assert answer.url == url.split("?")[0]
        bare = url.split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=20)
        assert refused.value.code == 403
        refused.value.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert not (tmp_path / "opened.txt").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["web", "--no-browser", "--port", str(number)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Galat: tidak dapat mendengar di 127.0.0.1:{number}: Address already in use "
        "(pilih porta lain dengan --port)"
    ]


def test_without_the_web_extra_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starlette missing (an import of it fails as it would when not installed)."""
    for name in [n for n in sys.modules if n == "starlette" or n.startswith("starlette.")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ("phbs.web.server", "phbs.web.app", "phbs.web.guard", "phbs.web.page"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "starlette", None)
    result = CliRunner().invoke(cli, ["web", "--no-browser"], prog_name="phbs")
    assert result.exit_code == 2
    assert result.output.splitlines() == ["phbs web perlu paket tambahan: pip install 'phbs[web]'"]
