"""The security checks every request of ``phbs web`` passes, as one ASGI wrapper.

- Bound to loopback, the ``Host`` header must name the server itself (``127.0.0.1:PORT`` or
  ``localhost:PORT``): a page elsewhere that rebinds its own name to 127.0.0.1 is refused.
- Bound beyond loopback (``--host``), every request carries the access token: ``?token=``
  once (answered with a cookie and a redirect that drops it from the address), then the
  cookie; without it 403.
- A state-changing request (POST) comes from the server's own page: its ``Origin`` (else its
  ``Referer``) is the server's own origin; otherwise 403.
- A request body larger than the upload limit is refused with 413 before it is read (by its
  ``Content-Length``) or as soon as it grows past the limit (:class:`TooLarge`).
- Every answer carries a Content-Security-Policy without inline scripts, ``nosniff`` and no
  framing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "phbs_token"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


class TooLarge(Exception):
    """The request body grew past the upload limit while it was read."""


@dataclass(frozen=True)
class Rules:
    """What the guard checks: the token (None on loopback), the host names the server
    answers to (None: any, the token guards), the upload limit in bytes."""

    token: str | None
    hosts: frozenset[str] | None
    max_upload: int


#: Answers for a refused request: ``(status, request) -> response``.
Refusal = Callable[[int, Request], Response]


def _origin(request: Request) -> str | None:
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _same(given: str | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


class Guard:
    """Wraps the application with the checks of this module."""

    def __init__(self, app: ASGIApp, rules: Rules, refuse: Refusal) -> None:
        self.app = app
        self.rules = rules
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        request = Request(scope)
        refused = self._refused(request)
        if refused is not None:
            await refused(scope, receive, send)
            return
        if request.method == "POST":
            receive = _counted(receive, self.rules.max_upload)
        await self.app(scope, receive, send)

    def _refused(self, request: Request) -> Response | None:
        rules = self.rules
        host = request.headers.get("host", "")
        if rules.hosts is not None and host not in rules.hosts:
            return self.refuse(403, request)
        if rules.token is not None:
            given = request.query_params.get("token")
            if _same(given, rules.token):
                return _keep_token(request, rules.token)
            if not _same(request.cookies.get(TOKEN_COOKIE), rules.token):
                return self.refuse(403, request)
        if request.method not in ("GET", "HEAD"):
            if _origin(request) != f"{request.url.scheme}://{host}":
                return self.refuse(403, request)
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > rules.max_upload:
                return self.refuse(413, request)
        return None


def _keep_token(request: Request, token: str) -> Response:
    """Set the token's cookie and send the browser to the same address without it."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
    target = request.url.path + (f"?{query}" if query else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


#: A report opened in the browser's tab (``/jobs/{id}/view/{name}``): it runs its own inline
#: style and script (sorting, printing) in a sandbox, an origin of its own, so it reaches
#: neither the page's cookies nor its server; nothing is loaded from anywhere.
VIEW_CSP = (
    "sandbox allow-scripts allow-modals allow-popups; default-src 'none'; "
    "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
_CSP_NAME = b"content-security-policy"


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            # A response with a policy of its own (a report opened in the tab) keeps it
            # alone: two policies would both apply.
            own = any(name.lower() == _CSP_NAME for name, _value in headers)
            message["headers"] = [
                *headers,
                *(h for h in HEADERS if not (own and h[0] == _CSP_NAME)),
            ]
        await send(message)

    return sending


def _counted(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def receiving() -> MutableMapping[str, Any]:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge
        return message

    return receiving


__all__ = ["VIEW_CSP", "Guard", "Refusal", "Rules", "TooLarge"]
