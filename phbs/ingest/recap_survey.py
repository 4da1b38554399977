"""Village recap files read as a survey without households (docs/aturan.md §6.7): their files,
rows set aside and issues, and the villages they give (:mod:`phbs.ingest.recap` reads each)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from phbs.errors import SettingsError
from phbs.forms.loading import LoadedForm
from phbs.forms.model import Form
from phbs.ingest.file_maps import FileMaps
from phbs.ingest.mapping import LoadedMap
from phbs.ingest.names import VillageNames
from phbs.ingest.raw_table import RawTable
from phbs.ingest.readers import open_table
from phbs.ingest.recap import is_recap, read_recap_file
from phbs.ingest.survey import (
    FileReading,
    HouseholdTable,
    RecapVillage,
    SetAsideRow,
    SourceFile,
    Survey,
)
from phbs.issues import Issue


def read_recap(
    paths: Sequence[Path],
    loaded: LoadedForm,
    maps: FileMaps,
    sheet: str | None,
    region: str | None = None,
) -> tuple[Survey, list[RecapVillage]]:
    """Read recap files as a survey without households (its files, rows set aside and
    issues) and the villages they give, in file and row order; village names are matched
    within ``region`` (``--kecamatan``/``--kabupaten``) or the mapping's ``region``."""
    seen: dict[str, str] = {}
    files: list[SourceFile] = []
    set_aside: list[SetAsideRow] = []
    issues: list[Issue] = []
    villages: list[RecapVillage] = []
    for path in paths:
        peta = maps.for_file(path)
        if peta is not None and peta.map.shape not in ("rumah_tangga", "rekap"):
            raise not_together(path)
        table = open_table(
            path,
            sheet=sheet or (peta.map.sheet if peta else None),
            header_row=peta.map.header_row if peta else None,
        )
        try:
            if (peta is None or peta.map.shape != "rekap") and not is_recap(
                table.header, loaded.form
            ):
                raise not_together(path)
            scope = region or (peta.map.region if peta else None)
            names = VillageNames(scope) if scope else None
            found = read_recap_file(table, loaded.form, peta, seen, names)
        finally:
            table.close()
        for row, cells, reasons in found.aside:
            issues += reasons
            set_aside.append(
                SetAsideRow(
                    file=table.name,
                    row=row,
                    header=tuple(table.header),
                    cells=tuple(cells),
                    reasons=tuple(i.code for i in reasons),
                    messages_id=tuple(i.message_id for i in reasons),
                    messages_en=tuple(i.message_en for i in reasons),
                )
            )
        issues += found.issues
        villages += [v for _, v in found.villages]
        reading = FileReading(
            header_row=table.header_row,
            columns=tuple((code, table.header[at]) for code, at in found.columns.items()),
            bare_n="",
            bare_n_source="",
            blank="missing",
            shape="rekap",
            shape_rows=len(found.villages) + len(found.aside),
        )
        files.append(
            SourceFile(
                name=table.name,
                path=str(table.path),
                sha256=table.sha256,
                format=table.format,
                encoding=table.encoding,
                delimiter=table.delimiter,
                sheet=table.sheet,
                rows_read=len(found.villages) + len(found.aside),
                rows_scored=len(found.villages),
                rows_set_aside=len(found.aside),
                reading=reading,
                mapping=str(peta.path) if peta else "",
                mapping_sha256=peta.sha256 if peta else "",
            )
        )
    survey = Survey(
        form=loaded,
        files=files,
        households=HouseholdTable(indicator_codes=loaded.form.codes),
        set_aside=set_aside,
        issues=issues,
        streamed=True,
        recap_villages=villages,
    )
    return survey, villages


def not_together(path: str | Path) -> SettingsError:
    """Refuse a recap read beside household files, or household files beside a recap."""
    return SettingsError(
        f"{path}: rekap desa dan berkas rumah tangga tidak dibaca bersama: skor berkas rumah "
        "tangga dulu (phbs score BERKAS -o rekap.csv), lalu beri semua rekapnya (aturan.md §6.7)",
        f"{path}: village recaps and household files are not read together: score the "
        "household files first (phbs score FILE -o recap.csv), then give all the recaps "
        "(aturan.md §6.7)",
    )


def is_recap_file(table: RawTable | None, form: Form, peta: LoadedMap | None) -> bool:
    """Whether a file is a village recap: its mapping says so, or its header (``table``, the
    file opened as a survey; None when its mapping gives its shape)."""
    if peta is not None and peta.map.shape != "rumah_tangga":
        return peta.map.shape == "rekap"
    return table is not None and is_recap(table.header, form)
