"""How a command reads its survey files: the reading options given on the command line
(:func:`~phbs.cli.common.reading_options`) turned into settings, a form and a mapping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from phbs.cli.common import READ_KEY

if TYPE_CHECKING:
    from phbs.ingest.file_maps import FileMaps
    from phbs.ingest.mapping import LoadedMap
    from phbs.ingest.settings import ReadSettings
    from phbs.ingest.survey import IdScope


def read_settings(ctx: click.Context) -> ReadSettings:
    """The reading choices given on the command line (``--answers``, ``--blank``, ...)."""
    from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings

    given: dict[str, Any] = ctx.meta.get(READ_KEY, {})
    kabupaten = given.get("kabupaten")
    kecamatan = given.get("kecamatan")
    village, file_villages = _villages(tuple(given.get("desa") or ()))
    return ReadSettings(
        answers=AnswerScheme(given.get("answers") or AnswerScheme.AUTO),
        blank=BlankMeaning(given.get("blank") or BlankMeaning.AUTO),
        not_collected=frozenset(given.get("not_collected") or ()),
        keep_rejected=bool(given.get("keep_rejected")),
        region_scope=_region_scope(kabupaten, kecamatan),
        village=village,
        file_villages=file_villages,
    )


def read_mapping(ctx: click.Context) -> FileMaps | None:
    """The mappings given with ``--map``, loaded and checked (or None): ``PETA.yaml`` for
    every file, ``BERKAS=PETA.yaml`` for one file."""
    from phbs.errors import SettingsError
    from phbs.ingest.file_maps import FileMaps
    from phbs.ingest.mapping import load_map

    given: tuple[str, ...] = ctx.meta.get(READ_KEY, {}).get("mapping") or ()
    village = bool(ctx.meta.get(READ_KEY, {}).get("desa"))  # answers the village's column
    default: str | None = None
    per_file: dict[Path, LoadedMap] = {}
    for text in given:
        file, equals, peta = text.partition("=")
        if equals and not Path(text).is_file():
            key = Path(file).expanduser().resolve()
            if key in per_file:
                raise SettingsError(
                    f"--map {file}=…: dua peta untuk satu berkas; pilih satu",
                    f"--map {file}=…: two mappings for one file; choose one",
                )
            per_file[key] = load_map(peta, village=village)
        elif default is not None:
            raise SettingsError(
                f"--map {default} dan --map {text}: satu peta untuk semua berkas; untuk satu "
                "berkas tulis --map BERKAS=PETA.yaml",
                f"--map {default} and --map {text}: one mapping for all files; for one file "
                "write --map FILE=MAP.yaml",
            )
        else:
            default = text
    if default is None and not per_file:
        return None
    loaded = load_map(default, village=village) if default else None
    return FileMaps(loaded, tuple(per_file.items()))


def form_choice(ctx: click.Context, form_name: str, mapping: FileMaps | None) -> str:
    """The form to read with: ``--form`` when given, else the mappings' form, else the
    default (a mapping made for another form than ``--form`` is refused when it is applied)."""
    given = ctx.get_parameter_source("form_name") is not click.core.ParameterSource.DEFAULT
    if mapping is None:
        return form_name
    return mapping.form_for(form_name if given else None, form_name)


@dataclass(frozen=True)
class SurveyReading:
    """How the survey files of a command are read: the options of :func:`reading_options`."""

    form: str
    sheet: str | None
    id_scope: IdScope
    settings: ReadSettings
    mapping: FileMaps | None

    def options(self, files: Sequence[str | Path] | None = None) -> list[str]:
        """The reading options as typed again, for a command line to suggest (``phbs
        validate`` with the same reading as this ``phbs score``); those for one file
        (``--map BERKAS=…``, ``--desa BERKAS=…``) only for ``files`` when given."""
        from phbs.ingest.settings import AnswerScheme, BlankMeaning
        from phbs.ingest.survey import IdScope

        given = self.settings
        keep = None if files is None else {Path(f).expanduser().resolve() for f in files}
        typed: list[str] = []
        if self.mapping is not None:
            if self.mapping.default is not None:
                typed += ["--map", str(self.mapping.default.path)]
            for file, peta in self.mapping.per_file:
                if keep is None or file in keep:
                    typed += ["--map", f"{file}={peta.path}"]
        if self.form != "kemenkes-rt-10":
            typed += ["--form", self.form]
        if self.sheet is not None:
            typed += ["--sheet", self.sheet]
        if given.answers is not AnswerScheme.AUTO:
            typed += ["--answers", given.answers.value]
        if given.blank is not BlankMeaning.AUTO:
            typed += ["--blank", given.blank.value]
        if given.region_scope:
            option = "--kecamatan" if len(given.region_scope) > 5 else "--kabupaten"
            typed += [option, given.region_scope]
        for code in sorted(given.not_collected):
            typed += ["--not-collected", code]
        if given.keep_rejected:
            typed.append("--keep-rejected")
        if given.village:
            typed += ["--desa", given.village]
        for file, code in given.file_villages:
            if keep is None or file in keep:
                typed += ["--desa", f"{file}={code}"]
        if self.id_scope is IdScope.DESA:
            typed.append("--id-per-desa")
        return typed

    @property
    def files(self) -> list[Path | None]:
        """The files read besides the survey (for :func:`~phbs.outputs.check_run_files`)."""
        from phbs.outputs import input_file

        maps = [m.path for m in self.mapping.all] if self.mapping else []
        return [input_file(self.form), *maps]


def survey_reading(
    ctx: click.Context, form_name: str, sheet: str | None, id_per_desa: bool
) -> SurveyReading:
    """The reading options given on the command line, with the mapping loaded."""
    from phbs.ingest.survey import IdScope

    mapping = read_mapping(ctx)
    return SurveyReading(
        form=form_choice(ctx, form_name, mapping),
        sheet=sheet,
        id_scope=IdScope.DESA if id_per_desa else IdScope.SURVEI,
        settings=read_settings(ctx),
        mapping=mapping,
    )


def _villages(given: tuple[str, ...]) -> tuple[str | None, tuple[tuple[Path, str], ...]]:
    """``--desa KODE`` (every file) and ``--desa BERKAS=KODE`` (one file), each code checked
    against the region table."""
    from phbs.errors import SettingsError
    from phbs.regions import village_option

    common: str | None = None
    per_file: dict[Path, str] = {}
    for text in given:
        file, equals, code = text.rpartition("=")
        if not equals:
            if common is not None:
                raise SettingsError(
                    f"--desa {common} dan --desa {code}: untuk beberapa berkas tulis "
                    "--desa BERKAS=KODE",
                    f"--desa {common} and --desa {code}: for several files write --desa FILE=CODE",
                )
            common = village_option(code)
            continue
        key = Path(file).expanduser().resolve()
        if key in per_file:
            raise SettingsError(
                f"--desa {file}=…: dua desa untuk satu berkas; pilih satu",
                f"--desa {file}=…: two villages for one file; choose one",
            )
        per_file[key] = village_option(code, f"--desa {file}=")
    return common, tuple(per_file.items())


def _region_scope(kabupaten: str | None, kecamatan: str | None) -> str | None:
    """The area village names are matched in: ``--kecamatan`` if given (inside
    ``--kabupaten`` when both are), else ``--kabupaten``; each checked against the table."""
    from phbs.errors import SettingsError
    from phbs.ingest.names import parse_scope

    for option, value, width in (("--kabupaten", kabupaten, 5), ("--kecamatan", kecamatan, 8)):
        if value is not None and len(parse_scope(value)) != width:
            shape = "PP.KK" if width == 5 else "PP.KK.CC"
            raise SettingsError(
                f"{option} {value}: kode harus berbentuk {shape}",
                f"{option} {value}: the code must be of the form {shape}",
            )
    if (
        kabupaten is not None
        and kecamatan is not None
        and not parse_scope(kecamatan).startswith(parse_scope(kabupaten) + ".")
    ):
        raise SettingsError(
            f"--kecamatan {kecamatan} tidak berada di --kabupaten {kabupaten}",
            f"--kecamatan {kecamatan} is not inside --kabupaten {kabupaten}",
        )
    scope = kecamatan if kecamatan is not None else kabupaten
    return parse_scope(scope) if scope is not None else None
