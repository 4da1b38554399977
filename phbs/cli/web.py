"""``phbs web``: the toolkit in a local browser page (:mod:`phbs.web.server`)."""

from __future__ import annotations

import click

from phbs.cli.common import current_lang, lang_option
from phbs.cli.translated import command, option
from phbs.i18n import t

#: The packages of the ``web`` extra (``pip install 'phbs[web]'``).
WEB_STACK = ("starlette", "uvicorn", "multipart", "python_multipart")


@command("web", help="web")
@option("--port", type=click.IntRange(0, 65535), default=0, metavar="N", help="web.port")
@option("--host", default=None, metavar="ALAMAT", help="web.host")
@option("--no-browser", "no_browser", is_flag=True, help="web.no_browser")
@option(
    "--max-upload-mb",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    metavar="N",
    help="web.max_upload_mb",
)
@lang_option
@click.pass_context
def web_command(
    ctx: click.Context, port: int, host: str | None, no_browser: bool, max_upload_mb: int
) -> None:
    """Serve the page until Ctrl-C (help: ``cmd.web``)."""
    language = current_lang(ctx)
    try:
        from phbs.web.server import ServeOptions, serve
    except ImportError as missing:
        if (missing.name or "").split(".")[0] not in WEB_STACK:
            raise
        click.echo(t("web.missing", language), err=True)
        ctx.exit(2)
    options = ServeOptions(host, port, not no_browser, max_upload_mb, language)
    serve(options, click.echo)
