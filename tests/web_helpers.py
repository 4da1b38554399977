"""A live ``phbs web`` server for the tests of tests/web/: uvicorn on a free port, on a
background thread, stopped and cleaned up after the test; plain ``urllib`` requests to it."""

from __future__ import annotations

import contextlib
import http.client
import queue
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phbs.i18n import Lang
from phbs.resources import data_path
from phbs.web.server import ServeOptions, WebServer, start
from phbs.web.worker import Job

SAMPLE = data_path("contoh")
SURVEYS = sorted(SAMPLE.glob("survei-puskesmas-*.csv"))
VILLAGES = SAMPLE / "desa-tanah-bumbu.csv"
JUDGES = SAMPLE / "juri-lomba.csv"
ATTRIBUTES = SAMPLE / "atribut-desa.csv"
OVERRIDES = SAMPLE / "koreksi.csv"


@contextlib.contextmanager
def live_server(
    host: str | None = None, max_upload_mb: int = 200, lang: Lang = "id"
) -> Iterator[WebServer]:
    """A running server (never opening a browser), stopped and cleaned up on the way out."""
    web = start(ServeOptions(host, 0, False, max_upload_mb, lang))
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield web
    finally:
        web.server.should_exit = True
        thread.join(20)
        web.close()


def port(web: WebServer) -> int:
    found: int = web.socket.getsockname()[1]
    return found


def base(web: WebServer) -> str:
    """The server's address on loopback (also when it listens on every address)."""
    return f"http://127.0.0.1:{port(web)}"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


def request(
    web: WebServer,
    method: str,
    path: str,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """One raw HTTP request to the server on 127.0.0.1 (the path is sent exactly as given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port(web), timeout=30)
    try:
        given = dict(headers or {})
        connection.putrequest(method, path, skip_host="Host" in given, skip_accept_encoding=True)
        if method == "POST" and "Transfer-Encoding" not in given:
            given["Content-Length"] = str(len(body))
        for name, value in given.items():
            connection.putheader(name, value)
        connection.endheaders(body or None)
        answer = connection.getresponse()
        return Answer(answer.status, dict(answer.getheaders()), answer.read())
    finally:
        connection.close()


def multipart(fields: Mapping[str, str], files: Mapping[str, Path]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body and its content type."""
    boundary = "phbs-test-boundary-7f3a"
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, path in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        parts.append(head.encode() + path.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Gate:
    """A listener of the server's jobs (``Jobs.listener``) that holds a job's writing: the
    real job waits on its own thread each time its result grows, until let go."""

    def __init__(self) -> None:
        self.grown: queue.Queue[int] = queue.Queue()
        self.go = threading.Semaphore(0)

    def __call__(self, job: Job) -> None:
        assert job.result is not None
        self.grown.put(len(job.result.downloads))
        assert self.go.acquire(timeout=120)

    def step(self) -> int:
        """Let the job write its next file; how many files it has then."""
        self.go.release()
        return self.grown.get(timeout=120)


@contextlib.contextmanager
def holding(web: WebServer) -> Iterator[Gate]:
    """The server's jobs held by a :class:`Gate` while the block runs, let go after it."""
    held = Gate()
    web.jobs.listener = held
    try:
        yield held
    finally:
        web.jobs.listener = None
        for _ in range(20):
            held.go.release()


def village_column(page: Any, header: str) -> list[str]:
    """The cells of the page's village table under ``header``, the total row last."""
    script = """(header) => {
        const t = document.getElementById("tabel-wilayah");
        const i = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent === header);
        const rows = [...t.tBodies[0].rows, ...t.tFoot.rows];  // the total row last
        return rows.map(r => r.cells[i].textContent);
    }"""
    values: list[str] = page.evaluate(script, header)
    return values


#: The village table's counted columns, with the key of each in ``phbs score``'s JSON areas.
COUNTED = {
    "Disurvei": "rumah_tangga_disurvei",
    "Ber-PHBS": "ber_phbs",
    "Blm lengkap": "belum_lengkap",
    "Tidak": "tidak_ber_phbs",
}


def assert_same_villages(page: Any, areas: list[dict[str, Any]]) -> None:
    """The page's village table (its total row aside) has the codes and counts of the areas
    of ``phbs score -o ringkasan.json`` for the same file, in the same order."""
    assert village_column(page, "Kode")[:-1] == [a["kode"] for a in areas]
    for header, key in COUNTED.items():
        assert village_column(page, header)[:-1] == [str(a[key]) for a in areas], header


def wait_for_results(page: Any, seconds: float = 180) -> None:
    """Wait until the job's page shows its table or its error. The page reloads itself when
    the job's state changes; should that reload be missed (a poll answered while the page
    was still loading), the page is loaded again every few seconds, as a person would."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            page.wait_for_selector("#tabel-wilayah, #galat", timeout=5_000)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            page.reload()
