"""``phbs map``: look at a survey file made another way and write a mapping to read it with."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import current_lang, lang_option
from phbs.cli.translated import argument, command, option
from phbs.errors import OutputError
from phbs.forms.loading import load_form
from phbs.ingest.map_text import map_said, map_text, score_command
from phbs.ingest.mapping import load_map
from phbs.ingest.propose import propose
from phbs.outputs import atomic_text, check_run_files, input_file


@command("map", help="map")
@argument("file", type=click.Path(path_type=Path), metavar="BERKAS")
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar="BERKAS",
    help="map.output",
)
@option(
    "--form",
    "form_name",
    default="kemenkes-rt-10",
    show_default=True,
    metavar="NAMA|BERKAS",
    help="map.form",
)
@option("--sheet", default=None, metavar="LEMBAR", help="map.sheet")
@option(
    "--map",
    "start",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="PETA.yaml",
    help="map.start",
)
@option("--force", is_flag=True, help="map.force")
@lang_option
@click.pass_context
def map_command(
    ctx: click.Context,
    file: Path,
    output: Path,
    form_name: str,
    sheet: str | None,
    start: Path | None,
    force: bool,
) -> None:
    """Propose a mapping for a survey file and write it (help: ``cmd.map``)."""
    language = current_lang(ctx)
    if output.suffix.lower() not in {".yaml", ".yml"}:
        raise OutputError(
            f"-o {output}: akhiran berkas peta harus .yaml", f"-o {output}: must end in .yaml"
        )
    check_run_files({"-o": output}, [file, input_file(form_name)])
    if output.exists() and not force and (start is None or output.resolve() != start.resolve()):
        raise OutputError(
            f"-o {output}: berkas sudah ada (mungkin sudah disunting); pakai nama lain atau "
            "--force",
            f"-o {output}: the file exists (it may have been edited); use another name or --force",
        )
    begun = load_map(start, questions=True).map if start is not None else None
    form_given = ctx.get_parameter_source("form_name") is not click.core.ParameterSource.DEFAULT
    if begun is not None and begun.form is not None and not form_given:
        form_name = begun.form
    loaded = load_form(form_name)
    proposal = propose(file, loaded.form, sheet, begun)
    command = score_command(str(file), str(output))
    with atomic_text(output, [file]) as handle:
        handle.write(map_text(proposal, command, language))
    for line in map_said(proposal, str(file), str(output), language):
        click.echo(line)
