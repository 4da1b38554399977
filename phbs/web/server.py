"""Start ``phbs web``: bind the address, print it, open the browser, serve until stopped.

The server binds 127.0.0.1 on a free port unless told otherwise. Its uploads and outputs
live in a temp folder of its own (``tempfile.mkdtemp``), removed when it stops: normally,
on Ctrl-C or on SIGTERM (uvicorn stops serving, then the signal reaches ``phbs``'s own
handler, :mod:`phbs.cli.root`, on the way out through :meth:`WebServer.close`).
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.web.app import Settings, create_app
from phbs.web.guard import Rules
from phbs.web.worker import Jobs

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServeOptions:
    """The options of ``phbs web``."""

    host: str | None = None
    port: int = 0
    open_browser: bool = True
    max_upload_mb: int = 200
    lang: Lang = "id"


@dataclass
class WebServer:
    """A bound, not yet serving server: its address, its temp folder, uvicorn's server."""

    url: str
    root: Path
    jobs: Jobs
    server: uvicorn.Server
    socket: socket.socket
    token: str | None

    def run(self) -> None:
        """Serve until stopped (Ctrl-C, SIGTERM, or ``server.should_exit``)."""
        self.server.run(sockets=[self.socket])

    def close(self) -> None:
        """Cancel the jobs, remove the temp folder, let the address go."""
        self.jobs.stop()
        self.socket.close()


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (0: a free port), or a one-line error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise SettingsError(
            t("web.bind", "id", host=host, port=port, reason=error.strerror),
            t("web.bind", "en", host=host, port=port, reason=error.strerror),
        ) from error
    sock.listen(128)  # a request sent once the address is printed waits for the server
    return sock


def _shown_host(host: str) -> str:
    """The host to print: the machine's name for "every address", IPv6 in brackets."""
    try:
        every = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        every = False
    if every:
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def start(options: ServeOptions) -> WebServer:
    """Bind the address and make the application; :meth:`WebServer.run` serves it."""
    host = options.host or LOOPBACK
    sock = _bind(host, options.port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24) if options.host else None
    hosts = None if options.host else frozenset({f"{LOOPBACK}:{port}", f"localhost:{port}"})
    root = Path(tempfile.mkdtemp(prefix="phbs-web-"))
    jobs = Jobs(root)
    rules = Rules(token=token, hosts=hosts, max_upload=options.max_upload_mb << 20)
    app = create_app(Settings(jobs=jobs, rules=rules, lang=options.lang))
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=5
    )
    url = f"http://{_shown_host(host)}:{port}/" + (f"?token={token}" if token else "")
    return WebServer(url, root, jobs, uvicorn.Server(config), sock, token)


def _open_when_started(web: WebServer) -> None:
    for _ in range(200):
        if web.server.started:
            webbrowser.open(web.url)
            return
        time.sleep(0.05)


def serve(options: ServeOptions, echo: Callable[[str], None]) -> None:
    """Run ``phbs web``: print the address (with the token when bound beyond loopback),
    open the browser unless asked not to, serve until stopped, then clean up."""
    web = start(options)
    try:
        echo(t("web.started", options.lang, url=web.url))
        if web.token is not None:
            echo(t("web.token", options.lang))
        if options.open_browser:
            threading.Thread(target=_open_when_started, args=(web,), daemon=True).start()
        web.run()
    finally:
        web.close()
