"""``phbs web`` on a large survey: the time from upload to the village table, and to every
download written, and the server's memory, next to ``phbs score`` and ``phbs report --xlsx
--html`` on the same file.

Run: ``python benchmarks/bench_web.py [ROWS]`` (default 1,000,000 households; needs the ``web``
extra). The survey is the score benchmark's synthetic province (``bench_score.write_survey``).
The page's job does what ``phbs score -o``, ``phbs report --xlsx --html`` and ``phbs validate
-o`` do together, so ``phbs report`` is its nearest command-line equal for the time until every
download is written; its table is shown as soon as the households are counted (state
``writing``), so ``phbs score`` is the one to compare the time to the table with.

Peak memory of the server process (every job runs in it), from its ``/proc/PID/status``: its
``VmHWM`` (peak resident size so far) at the moment the village table is shown (the first
status ``writing``), to compare with ``phbs score``; then the peak is reset (``5`` written to
``/proc/PID/clear_refs``) and read again once every download is written: the peak while the
downloads are written, to compare with ``phbs report --xlsx --html``. Each command's peak is
its own ``ru_maxrss`` (``os.wait4``). Prints a Markdown table.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _bench_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", HERE / "bench_score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _command(args: list[str]) -> tuple[float, float]:
    """Seconds and peak MB of one ``phbs`` command run alone (its own ``ru_maxrss``)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "phbs", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"phbs {args[0]} ended {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="survey"; '
        f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + path.read_bytes() + tail, f"multipart/form-data; boundary={boundary}"


def _memory_mb(pid: int, field: str = "VmHWM") -> float:
    """``field`` of the process's ``/proc/PID/status`` in MB (``VmHWM``: its peak resident
    size since it started or since :func:`_reset_peak`; ``VmRSS``: its size now)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def _reset_peak(pid: int) -> bool:
    """Set the process's ``VmHWM`` back to its size now; False when the kernel refuses."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5", encoding="utf-8")
    except OSError:
        return False
    return True


def _page(job_page: str) -> str:
    with urllib.request.urlopen(job_page) as answer:
        page: str = answer.read().decode("utf-8")
        return page


@dataclass(frozen=True)
class WebRun:
    """One ``phbs web`` job: seconds to upload, from upload to the village table and to
    every download written; the server's peak MB until the table is shown, its size then,
    and its peak while the downloads are written (since the table, when the peak could be
    reset: ``reset``)."""

    uploaded: float
    table: float
    done: float
    peak_table: float
    rss_table: float
    peak_downloads: float
    reset: bool


def web_run(survey: Path) -> WebRun:
    """The job of ``survey`` through a ``phbs web`` server of its own."""
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [sys.executable, "-m", "phbs", "web", "--no-browser", "--port", str(port),
             "--max-upload-mb", "2000"],
            env={**os.environ, "TMPDIR": tmp},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            server.stdout.readline()  # the address: the socket is bound and listening
            body, kind = _multipart(survey)
            start = time.perf_counter()
            request = urllib.request.Request(
                f"{origin}/jobs",
                data=body,
                headers={"Content-Type": kind, "Origin": origin},
                method="POST",
            )
            with urllib.request.urlopen(request) as answer:
                job_page = answer.geturl()
            uploaded = time.perf_counter() - start
            table = None
            peak_table = rss_table = float("nan")
            reset = False
            while True:
                with urllib.request.urlopen(f"{job_page}/status") as answer:
                    state = json.load(answer)["state"]
                if table is None and state in ("writing", "done"):
                    peak_table = _memory_mb(server.pid)
                    rss_table = _memory_mb(server.pid, "VmRSS")
                    reset = _reset_peak(server.pid)
                    if 'id="tabel-wilayah"' not in _page(job_page):
                        raise SystemExit(f"no village table while the job is {state}")
                    table = time.perf_counter() - start
                if state not in ("running", "writing"):
                    break
                time.sleep(0.05)
            done = time.perf_counter() - start
            if state != "done" or table is None or "<table" not in _page(job_page):
                raise SystemExit(f"the job ended {state}")
            peak = _memory_mb(server.pid)
            return WebRun(uploaded, table, done, peak_table, rss_table, peak, reset)
        finally:
            server.terminate()
            server.wait(timeout=60)


def main(argv: list[str]) -> None:
    rows = int(argv[0]) if argv else 1_000_000
    bench = _bench_score()
    with tempfile.TemporaryDirectory() as tmp:
        survey = Path(tmp) / "survei.csv"
        bench.write_survey(survey, rows)
        size = survey.stat().st_size / 2**20
        score = _command(["score", str(survey), "-q", "-o", str(Path(tmp) / "rekap.csv")])
        report = _command(
            ["report", "--survey", str(survey), "-q", "--xlsx", str(Path(tmp) / "l.xlsx"),
             "--html", str(Path(tmp) / "l.html")]
        )  # fmt: skip
        web = web_run(survey)
    downloads = "since the table" if web.reset else "whole job: the peak could not be reset"
    print(f"{rows:,} households, {size:.0f} MB CSV")
    print("| run | seconds | peak MB |")
    print("| --- | ---: | ---: |")
    print(f"| `phbs score -o rekap.csv` | {score[0]:.1f} | {score[1]:.0f} |")
    print(f"| `phbs report --xlsx --html` | {report[0]:.1f} | {report[1]:.0f} |")
    print(f"| `phbs web`: upload | {web.uploaded:.1f} | |")
    print(
        f"| `phbs web`: upload → village table | {web.table:.1f} "
        f"| {web.peak_table:.0f} (server; {web.rss_table:.0f} then) |"
    )
    print(
        f"| `phbs web`: upload → every download | {web.done:.1f} "
        f"| {web.peak_downloads:.0f} (server, {downloads}) |"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
