"""The security rules of ``phbs web`` (phbs/web/guard.py), each against a live server: raw
HTTP requests on 127.0.0.1, the path sent exactly as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import SURVEYS, base, live_server, multipart, port, request

from phbs.web.server import WebServer


@pytest.fixture(scope="module")
def web() -> Iterator[WebServer]:
    with live_server(max_upload_mb=1) as running:
        yield running


def own(web: WebServer) -> dict[str, str]:
    return {"Origin": base(web)}


def test_page_has_a_policy_without_inline_script(web: WebServer) -> None:
    """The CSP allows scripts from the server only, and the page has no inline script."""
    answer = request(web, "GET", "/")
    assert answer.status == 200
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    page = answer.body.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/web.js" defer>']
    assert not re.search(r"\son\w+=", page)


def test_cross_origin_post_is_refused(web: WebServer) -> None:
    """A form on another site that posts here is refused (Origin, else Referer)."""
    body, kind = multipart({}, {"survey": SURVEYS[0]})
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": f"http://localhost.evil.example:{port(web)}"},
        {"Referer": "http://evil.example/form.html"},
        {},
    ):
        answer = request(web, "POST", "/jobs", body, {"Content-Type": kind, **headers})
        assert answer.status == 403, headers
        assert "Ditolak" in answer.body.decode()
    cancel = request(web, "POST", "/jobs/anything/cancel", b"", {"Origin": "http://evil.example"})
    assert cancel.status == 403


def test_other_host_names_are_refused_on_loopback(web: WebServer) -> None:
    """A name rebound to 127.0.0.1 by another site is not this server."""
    assert request(web, "GET", "/", headers={"Host": f"evil.example:{port(web)}"}).status == 403
    assert request(web, "GET", "/", headers={"Host": f"localhost:{port(web)}"}).status == 200


def test_oversized_upload_is_refused_and_the_server_keeps_serving(
    web: WebServer, tmp_path: Path
) -> None:
    """Larger than --max-upload-mb (1 here): 413 with one line, by its stated length or
    while it is read (chunked); the next request is answered as before."""
    big = tmp_path / "besar.csv"
    big.write_bytes(SURVEYS[0].read_bytes() * (2 + (1 << 20) // SURVEYS[0].stat().st_size))
    body, kind = multipart({}, {"survey": big})
    answer = request(web, "POST", "/jobs", body, {"Content-Type": kind, **own(web)})
    assert answer.status == 413
    assert "lebih besar dari 1 MB" in answer.body.decode()
    chunks = b"".join(
        f"{len(part):x}\r\n".encode() + part + b"\r\n"
        for part in (body[i : i + 65536] for i in range(0, len(body), 65536))
    )
    chunked = request(
        web,
        "POST",
        "/jobs",
        chunks + b"0\r\n\r\n",
        {"Content-Type": kind, "Transfer-Encoding": "chunked", **own(web)},
    )
    assert chunked.status == 413
    assert "lebih besar dari 1 MB" in chunked.body.decode()
    assert request(web, "GET", "/").status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/jobs/x/files/../../etc/passwd",
        "/jobs/x/files/..%2F..%2Fetc%2Fpasswd",
        "/jobs/unknown/files/laporan.xlsx",
        "/jobs/unknown",
        "/jobs/unknown/status",
        "/static/../../pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/etc/passwd",
    ],
)
def test_no_path_from_a_request(web: WebServer, path: str) -> None:
    answer = request(web, "GET", path)
    assert answer.status == 404
    assert b"root:" not in answer.body
    assert b"[project]" not in answer.body


def test_token_is_required_beyond_loopback() -> None:
    """Bound to every address: without the token 403; ?token= once sets a cookie and
    drops it from the address; the cookie then lets requests through."""
    with live_server(host="0.0.0.0") as web:
        token = web.token
        assert token is not None
        assert f"?token={token}" in web.url
        assert request(web, "GET", "/").status == 403
        assert request(web, "GET", "/?token=wrong").status == 403
        assert request(web, "GET", "/static/web.css").status == 403
        assert request(web, "GET", "/", headers={"Cookie": "phbs_token=wrong"}).status == 403
        given = request(web, "GET", f"/?lang=en&token={token}")
        assert given.status == 303
        assert given.headers["location"] == "/?lang=en"
        assert f"phbs_token={token}" in given.headers["set-cookie"]
        assert "HttpOnly" in given.headers["set-cookie"]
        kept = request(web, "GET", "/?lang=en", headers={"Cookie": f"phbs_token={token}"})
        assert kept.status == 200
        assert "Survey files" in kept.body.decode()
        body, kind = multipart({}, {"survey": SURVEYS[0]})
        posted = request(
            web,
            "POST",
            "/jobs",
            body,
            {
                "Content-Type": kind,
                "Origin": "http://evil.example",
                "Cookie": f"phbs_token={token}",
            },
        )
        assert posted.status == 403
