"""Broken and hostile input files through the CLI (docs/aturan.md §8, §10.1; SECURITY.md).

Each class of bad input in :data:`BAD_INPUTS` goes through ``phbs score`` and ``phbs
validate``: the user sees one line naming the file and what is wrong, exit code 2 — or, for a
file that is readable data, a normal result (exit 0, or 1 from ``validate`` for data errors).
Never a traceback. The table in SECURITY.md is generated from this list: run
``python tests/ingest/test_hardening_inputs.py`` to print it, and a test checks it is up to date.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1]))
from conftest import HEADER, SEGUMBANG, household, write_csv

from phbs.cli.root import cli
from phbs.errors import InputFileError
from phbs.ingest import csv_source
from phbs.ingest.readers import open_table

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "SECURITY.md"
HEADER_LINE = ",".join(HEADER) + "\n"
ROW = ",".join(household("1", SEGUMBANG, "", "---YYYYYYY")) + "\n"
# Fixed "random" bytes: the table in SECURITY.md must not change from run to run.
NOISE = bytes((i * 167 + 13) % 256 for i in range(4096))


def _empty(folder: Path) -> Path:
    path = folder / "kosong.csv"
    path.write_bytes(b"")
    return path


def _header_only(folder: Path) -> Path:
    path = folder / "judul-saja.csv"
    path.write_text(HEADER_LINE, encoding="utf-8")
    return path


def _no_header(folder: Path) -> Path:
    path = folder / "tanpa-judul.csv"
    path.write_text(ROW + ROW.replace("1,", "2,", 1), encoding="utf-8")
    return path


def _cut_mid_quote(folder: Path) -> Path:
    path = folder / "terpotong-kutip.csv"
    path.write_text(HEADER_LINE + ROW + f'2,{SEGUMBANG},"catatan panjang\n3,{SEGUMBANG},Y')
    return path


def _cut_mid_row(folder: Path) -> Path:
    path = folder / "terpotong-baris.csv"
    path.write_text(HEADER_LINE + ROW + f"2,{SEGUMBANG},,-,-,-,Ya,Y", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "biner.csv"
    path.write_bytes(NOISE)
    return path


def _binary_without_nul(folder: Path) -> Path:
    path = folder / "biner-tanpa-nul.csv"
    path.write_bytes(NOISE.replace(b"\x00", b"\x01"))
    return path


def _corrupt_xlsx(folder: Path) -> Path:
    path = folder / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + NOISE)
    return path


def _far_cell(name: str, row: int) -> Callable[[Path], Path]:
    """A tiny workbook: the header and one cell at column XFD (Excel's last), row ``row``;
    the reader would make room for every cell up to it."""

    def make(folder: Path) -> Path:
        import xlsxwriter

        path = folder / name
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet("Data")
        sheet.write_row(0, 0, HEADER)
        sheet.write_string(row - 1, 16383, "x")
        workbook.close()
        return path

    return make


def _bomb(name: str, part: str, before: bytes) -> Callable[[Path], Path]:
    """A workbook of a few hundred KB whose ``part`` unpacks to 70 MB of blanks, put in
    front of ``before``."""

    def make(folder: Path) -> Path:
        import zipfile

        plain = _far_cell("kecil-" + name, 2)(folder)
        path = folder / name
        with (
            zipfile.ZipFile(plain) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == part:
                    content = content.replace(before, b" " * (70 * 2**20) + before, 1)
                out.writestr(info.filename, content)
        plain.unlink()
        return path

    return make


#: A workbook whose sheet unpacks to 70 MB of blank space (1000× its stored size).
_zip_bomb = _bomb("bom-zip.xlsx", "xl/worksheets/sheet1.xml", b"<row")
#: The same with the blanks in the relationships part, not a sheet.
_rels_bomb = _bomb("bom-rels.xlsx", "xl/_rels/workbook.xml.rels", b"<Relationships")


def _ods(name: str, rows_xml: str) -> Callable[[Path], Path]:
    """A tiny .ods built with zipfile: the survey header, then ``rows_xml`` (table rows)."""

    def make(folder: Path) -> Path:
        import zipfile

        cells = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
            for h in HEADER
        )
        content = (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
            '<office:spreadsheet><table:table table:name="Data">'
            f"<table:table-row>{cells}</table:table-row>{rows_xml}</table:table>"
            "</office:spreadsheet></office:body></office:document-content>"
        )
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
            )
            archive.writestr("content.xml", content)
        return path

    return make


_FILLED = (
    '<table:table-cell office:value-type="string" table:number-columns-repeated="{n}">'
    "<text:p>ya</text:p></table:table-cell>"
)


def _xlsb(folder: Path) -> Path:
    """An Excel binary workbook (only its zip layout: the parts .xlsb has instead of XML)."""
    import zipfile

    path = folder / "biner.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", bytes(64))
        archive.writestr("xl/worksheets/sheet1.bin", bytes(64))
    return path


def _wide_csv(folder: Path) -> Path:
    """A line of 20,000 cells (160 KB): past Excel's 16,384 columns."""
    path = folder / "lebar.csv"
    path.write_text(HEADER_LINE + ROW.rstrip("\n") + ",a" * 20_000 + "\n", encoding="utf-8")
    return path


def _blank_run(folder: Path) -> Path:
    """One household, 20,000 blank lines, one more household (20 KB): each blank line would
    be set aside."""
    path = folder / "kosong-panjang.csv"
    second = ",".join(household("2", SEGUMBANG, "", "---YYYYYYY")) + "\n"
    path.write_text(HEADER_LINE + ROW + "\n" * 20_000 + second, encoding="utf-8")
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted_xlsx(folder: Path) -> Path:
    """What Excel writes for a password: an OLE container with the encrypted streams."""
    path = folder / "terkunci.xlsx"
    streams = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE + NOISE[:500] + streams + NOISE[500:])
    return path


def _ole_noise_xlsx(folder: Path) -> Path:
    path = folder / "ole-acak.xlsx"
    path.write_bytes(OLE + NOISE)
    return path


def _text_as_xlsx(folder: Path) -> Path:
    path = folder / "teks.xlsx"
    path.write_text(HEADER_LINE + ROW, encoding="utf-8")
    return path


def _huge_cell(folder: Path) -> Path:
    path = folder / "sel-raksasa.csv"
    path.write_text(HEADER_LINE + f'1,{SEGUMBANG},"{"x" * 1_100_000}"\n', encoding="utf-8")
    return path


def _huge_unquoted_cell(folder: Path) -> Path:
    """The same 1.1 MB cell without quotes, in a row that is otherwise a survey row."""
    path = folder / "sel-raksasa-polos.csv"
    row = household("1", SEGUMBANG, "", "---YYYYYYY")
    row[-1] = "x" * 1_100_000
    path.write_text(HEADER_LINE + ",".join(row) + "\n", encoding="utf-8")
    return path


def _endless_line(folder: Path) -> Path:
    """A 20 MB line of ``a,a,a,...``: ten million columns, no line end."""
    path = folder / "baris-raksasa.csv"
    path.write_text(HEADER_LINE + "a," * 10_000_000, encoding="utf-8")
    return path


def _bare_cr_in_cell(folder: Path) -> Path:
    """A CRLF file with one bare CR inside an unquoted cell (a line break typed in a cell)."""
    path = folder / "cr-di-sel.csv"
    head = ",".join(HEADER)
    first = household("1", SEGUMBANG, "", "---YYYYYYY")
    first[0] = "RT\r1"
    second = household("2", SEGUMBANG, "", "---YYYYYYY")
    lines = [head, ",".join(first), ",".join(second)]
    path.write_bytes("".join(line + "\r\n" for line in lines).encode("utf-8"))
    return path


def _bare_cr_semicolon(folder: Path) -> Path:
    """The same bare CR in a ``;`` file, where it stood in the separator's way."""
    path = _bare_cr_in_cell(folder)
    text = path.read_bytes().replace(b",", b";")
    target = folder / "cr-di-sel-titik-koma.csv"
    target.write_bytes(text)
    path.unlink()
    return target


def _late_nul(folder: Path) -> Path:
    """A NUL byte in an id after the first 8 KB (where the binary check looks)."""
    path = folder / "nul-jauh.csv"
    rows = [",".join(household(f"RT{i:05d}", SEGUMBANG, "", "---YYYYYYY")) for i in range(300)]
    late = ",".join(household("RT\x0099999", SEGUMBANG, "", "---YYYYYYY"))
    path.write_text(HEADER_LINE + "\n".join([*rows, late]) + "\n", encoding="utf-8")
    return path


def _early_nul(folder: Path) -> Path:
    """A NUL byte in an id on the second data row."""
    path = folder / "nul-awal.csv"
    rows = [",".join(household(f"RT{i:05d}", SEGUMBANG, "", "---YYYYYYY")) for i in range(5)]
    rows[1] = rows[1].replace("RT00001", "RT\x0000001")
    path.write_text(HEADER_LINE + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _mixed_encodings(folder: Path) -> Path:
    path = folder / "campuran.csv"
    header = ["id_rumah_tangga", "kode_desa", "petugas", *HEADER[2:]]
    rows = [household(str(i), SEGUMBANG, "", "---YYYYYYY") for i in (1, 2)]
    first = ",".join([rows[0][0], rows[0][1], "José", *rows[0][2:]]) + "\n"
    second = ",".join([rows[1][0], rows[1][1], "René", *rows[1][2:]]) + "\n"
    path.write_bytes(
        (",".join(header) + "\n").encode() + first.encode("utf-8") + second.encode("cp1252")
    )
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.csv"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "tidak-ada.csv"


def _fifo(folder: Path) -> Path:
    """A named pipe: stands in for an unreadable file when the tests run as root."""
    path = folder / "pipa.csv"
    os.mkfifo(path)
    return path


def _changing(folder: Path) -> Path:
    path = folder / "berubah.csv"
    write_csv(path, [HEADER, *(household(str(i)) for i in range(1, 40))])
    return path


def _cut_while_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Cut the file to its header after the reader has read its first bytes (deterministic)."""
    original = csv_source.read_block

    def read_then_cut(handle: io.BufferedReader, size: int) -> bytes:
        head = handle.read(len(HEADER_LINE))
        os.truncate(path, len(HEADER_LINE))
        return head + original(handle, size)

    monkeypatch.setattr(csv_source, "read_block", read_then_cut)


@dataclass(frozen=True)
class BadInput:
    """One class of bad input: how to make it, and what the user must see."""

    what: str
    make: Callable[[Path], Path]
    score_exit: int = 2
    validate_exit: int = 2
    during_read: Callable[[pytest.MonkeyPatch, Path], None] | None = None


BAD_INPUTS: list[BadInput] = [
    BadInput("xlsx whose sheet unpacks 1000× (70 MB of blanks)", _zip_bomb),
    BadInput(
        "a small xlsx: the header and one cell at XFD1048576 (Excel's last)",
        _far_cell("xfd-jauh.xlsx", 1_048_576),
    ),
    BadInput(
        "xlsx: the header and one cell at XFD3 (a stray value far right)",
        _far_cell("xfd-kanan.xlsx", 3),
        1,
        1,
    ),
    BadInput(
        "ods of 1 KB repeating a filled cell over 20,000 columns",
        _ods("ulang-kolom.ods", f"<table:table-row>{_FILLED.format(n=20_000)}</table:table-row>"),
    ),
    BadInput(
        "ods of 1 KB repeating a filled row of 16,000 cells a million times",
        _ods(
            "ulang-baris.ods",
            '<table:table-row table:number-rows-repeated="1000000">'
            f"{_FILLED.format(n=16_000)}</table:table-row>",
        ),
    ),
    BadInput("xlsx whose relationships part unpacks 1000× (70 MB of blanks)", _rels_bomb),
    BadInput(
        "ods with a 1.1 MB cell",
        _ods(
            "sel-raksasa.ods",
            '<table:table-row><table:table-cell office:value-type="string"><text:p>'
            + "x" * 1_100_000
            + "</text:p></table:table-cell></table:table-row>",
        ),
    ),
    BadInput("an Excel binary workbook (.xlsb)", _xlsb),
    BadInput("a line of 20,000 cells", _wide_csv),
    BadInput("20,000 blank lines between two households", _blank_run),
    BadInput("empty file", _empty),
    BadInput("header only (0 data rows)", _header_only, 1, 1),
    BadInput("no header (first row is data)", _no_header),
    BadInput("truncated CSV, cut inside a quoted cell", _cut_mid_quote),
    BadInput("truncated CSV, cut mid-row (short last row)", _cut_mid_row, 0, 0),
    BadInput("binary file named .csv", _binary),
    BadInput("binary file named .csv, no NUL bytes", _binary_without_nul),
    BadInput("corrupt XLSX (zip signature, random bytes)", _corrupt_xlsx),
    BadInput("password-protected XLSX (OLE container with EncryptedPackage)", _encrypted_xlsx),
    BadInput("OLE/CFB signature + random bytes named .xlsx", _ole_noise_xlsx),
    BadInput("CSV text named .xlsx", _text_as_xlsx),
    BadInput("huge field (a 1.1 MB cell)", _huge_cell),
    BadInput("huge unquoted field (a 1.1 MB cell)", _huge_unquoted_cell),
    BadInput("a 20 MB line of a,a,a,… (ten million columns)", _endless_line),
    BadInput("a bare CR inside an unquoted cell", _bare_cr_in_cell, 0, 0),
    BadInput("a bare CR inside an unquoted cell, `;` separators", _bare_cr_semicolon, 0, 0),
    BadInput("a NUL byte in the first lines (removed, flagged)", _early_nul, 0, 0),
    BadInput("a NUL byte after the first 8 KB (removed, flagged)", _late_nul, 0, 0),
    BadInput("mixed encodings (UTF-8 and Windows-1252 rows)", _mixed_encodings, 0, 0),
    BadInput("file cut while being read", _changing, during_read=_cut_while_reading),
    BadInput("a folder given as a file", _folder),
    BadInput("missing file", _missing),
    BadInput("unreadable: a named pipe (FIFO)", _fifo),
]


@dataclass(frozen=True)
class Seen:
    """What the user saw from one command."""

    exit_code: int
    stderr: str
    stdout: str


def run(case: BadInput, command: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Make the file in ``folder`` and run ``phbs <command> <name>`` from there."""
    monkeypatch.chdir(folder)
    path = case.make(Path())
    if case.during_read is not None:
        case.during_read(monkeypatch, path)
    result = CliRunner().invoke(cli, [command, str(path)], catch_exceptions=False)
    return Seen(result.exit_code, result.stderr, result.stdout)


CASE_IDS = [re.sub(r"\W+", "-", c.what).strip("-") for c in BAD_INPUTS]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=CASE_IDS)
@pytest.mark.parametrize("command", ["score", "validate"])
def test_bad_input_gives_one_line_or_a_result(
    case: BadInput, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SECURITY.md, *Limits*: one line naming the file and what is wrong, exit 2; or a normal
    result."""
    seen = run(case, command, tmp_path, monkeypatch)
    expected = case.score_exit if command == "score" else case.validate_exit
    assert seen.exit_code == expected, seen
    assert "Traceback" not in seen.stdout + seen.stderr
    if expected == 2:
        lines = seen.stderr.splitlines()
        assert len(lines) == 1, seen.stderr
        assert lines[0].startswith("Galat: "), lines
        file_name = _file_name(case)
        assert file_name in lines[0]
        assert len(lines[0]) > len(f"Galat: {file_name}: ") + 10  # says what is wrong
    else:
        # Nothing scored: phbs score still prints the counts, then stops with one line.
        nothing = command == "score" and expected == 1
        assert seen.stderr.startswith("Galat: ") if nothing else seen.stderr == ""
        assert re.search(r"(\d+) baris dibaca = (\d+) diskor \+ (\d+) disisihkan", seen.stdout)


def test_messages_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang en gives the English line of the same error."""
    monkeypatch.chdir(tmp_path)
    _binary(Path())
    result = CliRunner().invoke(cli, ["score", "biner.csv", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: biner.csv: not a text CSV file")


def _file_name(case: BadInput) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return case.make(Path(folder)).name


def test_unreadable_file_without_root(tmp_path: Path) -> None:
    """chmod 000: as root the permission does not block reading, so the FIFO and folder cases
    above stand in for an unreadable path (SECURITY.md)."""
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file; covered by the FIFO and folder cases")
    path = write_csv(tmp_path / "rahasia.csv", [HEADER, household("1")])
    path.chmod(0)
    try:
        result = CliRunner().invoke(cli, ["score", str(path)])
    finally:
        path.chmod(0o644)
    assert result.exit_code == 2
    assert "tidak dapat dibaca" in result.stderr


# --- a file that changes after it was opened ------------------------------------------------


def test_file_replaced_after_the_header_is_read(tmp_path: Path) -> None:
    """The rows come from the bytes read at open: replacing or cutting the file afterwards
    changes nothing, and the checksum is that of the rows read."""
    path = _changing(tmp_path)
    original = path.read_bytes()
    table = open_table(path)
    assert table.header == HEADER
    replacement = tmp_path / "baru.csv"
    write_csv(replacement, [HEADER, household("99")])
    os.replace(replacement, path)
    rows = list(table.rows)
    assert [cells[0] for _, cells in rows] == [str(i) for i in range(1, 40)]
    import hashlib

    assert table.sha256 == hashlib.sha256(original).hexdigest()


def test_file_growing_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file still being copied (it grows while read) is refused, not half read."""
    path = _changing(tmp_path)
    original = csv_source.read_block

    appended: list[bool] = []

    def read_then_append(handle: io.BufferedReader, size: int) -> bytes:
        data = original(handle, size)
        if not appended:
            appended.append(True)
            with path.open("ab") as more:
                more.write(b"40,63.10.01.2005\n")
        return data

    monkeypatch.setattr(csv_source, "read_block", read_then_append)
    with pytest.raises(InputFileError, match="berubah saat dibaca"):
        list(open_table(path).rows)


def test_large_workbook_read_from_its_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook larger than :data:`held.HELD_IN_MEMORY` is read part by part through its
    open file (not held in memory): its rows and checksum are those of the file, the file is
    closed once the rows are read, and a file changed while it is read is refused."""
    import hashlib

    import xlsxwriter

    from phbs.ingest import held

    monkeypatch.setattr(held, "HELD_IN_MEMORY", 0)
    path = tmp_path / "besar.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([HEADER, *(household(str(i)) for i in range(1, 40))]):
        sheet.write_row(r, 0, row)
    book.close()
    table = open_table(path)
    assert table.held is not None
    assert not isinstance(table.held.handle, io.BytesIO)
    assert [cells[0] for _, cells in table.rows] == [str(i) for i in range(1, 40)]
    assert table.held.handle.closed
    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()

    changing = open_table(path)
    with path.open("ab") as more:
        more.write(b"\0" * 10)
    with pytest.raises(InputFileError, match="berubah saat dibaca"):
        list(changing.rows)
    assert changing.held is not None
    assert changing.held.handle.closed

    unread = open_table(path)
    unread.close()
    assert unread.held is not None
    assert unread.held.handle.closed


def test_nul_bytes_are_removed_and_flagged_on_their_row(tmp_path: Path) -> None:
    """SECURITY.md *Decisions*: a NUL byte, in the first lines or far down, is removed from
    its cell and the row gets a `karakter-nul` warning; the id reads as typed without it."""
    from phbs.ingest.validate import read_survey

    for make, row, household_id in ((_early_nul, 3, "RT00001"), (_late_nul, 302, "RT99999")):
        survey = read_survey([make(tmp_path)])
        flagged = [i for i in survey.issues if i.code == "karakter-nul"]
        assert [i.row for i in flagged] == [row]
        assert household_id in survey.households.ids
        assert not any("\x00" in i for i in survey.households.ids)


def test_a_csv_cut_mid_row_is_data(tmp_path: Path) -> None:
    """SECURITY.md *Decisions*: the short last row of a CSV cut mid-row is read; its missing
    answers are issues on that row, and a row cut inside its village code is set aside."""
    from phbs.ingest.validate import read_survey

    survey = read_survey([_cut_mid_row(tmp_path)])
    assert survey.rows_read == 2
    assert survey.households.ids == ["1", "2"]
    assert 3 in {i.row for i in survey.issues if i.code == "jawaban-kosong"}
    cut = tmp_path / "terpotong-kode.csv"
    cut.write_text(HEADER_LINE + ROW + "2,63.10.0", encoding="utf-8")
    survey = read_survey([cut])
    assert survey.households.ids == ["1"]
    assert [row.row for row in survey.set_aside] == [3]


def test_blank_lines_at_the_end_are_ignored_however_many(tmp_path: Path) -> None:
    """SECURITY.md *Limits*: the bound on blank rows applies only when data follows them;
    30,000 blank lines at the end of a file are not rows."""
    path = tmp_path / "ekor-kosong.csv"
    path.write_text(HEADER_LINE + ROW + "\n" * 30_000 + ",,,\n" * 100, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "1 baris dibaca = 1 diskor + 0 disisihkan" in result.stdout


# --- the table in SECURITY.md ---------------------------------------------------------------

TABLE_START = "<!-- bad-input-table: generated by tests/ingest/test_hardening_inputs.py -->"
TABLE_END = "<!-- end bad-input-table -->"


def table_rows(folder: Path) -> Iterator[str]:
    """One Markdown row per bad-input class: what, exit codes, the line the user sees."""
    yield "| Input | `phbs score` | `phbs validate` | What the user sees (stderr, or the result) |"
    yield "| --- | --- | --- | --- |"
    for index, case in enumerate(BAD_INPUTS):
        seen: dict[str, Seen] = {}
        for command in ("score", "validate"):
            work = folder / f"{index}-{command}"
            work.mkdir()
            with pytest.MonkeyPatch.context() as patch:
                seen[command] = run(case, command, work, patch)
        score = seen["score"]
        if score.exit_code == 2:
            shown = score.stderr.strip()
        else:
            match = re.search(r"\d+ baris dibaca = .*", score.stdout)
            shown = "result: " + (match.group(0) if match else "")
        shown = shown.replace("|", "\\|")
        yield (f"| {case.what} | {score.exit_code} | {seen['validate'].exit_code} | `{shown}` |")


def generated_table(folder: Path) -> str:
    return "\n".join([TABLE_START, *table_rows(folder), TABLE_END])


def test_security_md_table_is_current(tmp_path: Path) -> None:
    """Every class above is in SECURITY.md's table with what the user sees (regenerate with
    ``python tests/ingest/test_hardening_inputs.py``)."""
    text = SECURITY.read_text(encoding="utf-8")
    start = text.index(TABLE_START)
    end = text.index(TABLE_END) + len(TABLE_END)
    assert text[start:end] == generated_table(tmp_path)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        print(generated_table(Path(scratch)))
