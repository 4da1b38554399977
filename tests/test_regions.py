"""Kemendagri region codes (docs/aturan.md §9)."""

from __future__ import annotations

import csv
import gzip
import io

import pytest

from phbs.regions import (
    REGION_TABLE_ATTRIBUTION,
    REGION_TABLE_FILE,
    Level,
    RegionTable,
    VillageCode,
    ancestor,
    is_kota,
    normalise_name,
    region_table,
)
from phbs.resources import data_path


@pytest.mark.parametrize(
    "text",
    ["63.10.01.2005", "6310012005", " 63.10.01.2005 ", "63 10 01 2005", "63-10-01-2005"],
)
def test_dotted_and_undotted_codes(text: str) -> None:
    """docs/aturan.md §9.1: accept the 10 digits without dots and write the dotted form."""
    code = VillageCode.parse(text)
    assert code is not None
    assert code.dotted == "63.10.01.2005"
    assert code.digits == "6310012005"


@pytest.mark.parametrize(
    "text",
    [
        "63.10.1.2005",  # kecamatan segment one digit short
        "631012005",  # nine digits
        "63100120051",  # eleven digits
        "63.10.02.20O5",  # letter O
        "63.10.01.4005",  # village segment must start with 1, 2 or 3
        "63.10.01.0005",
        "00.10.01.2005",
        "63.00.01.2005",
        "63.10.00.2005",
        "63.10.01",  # a kecamatan, not a village
        "",
        "631001200٥",  # an Arabic-Indic digit is not a Kemendagri code
    ],
)
def test_malformed_codes(text: str) -> None:
    """docs/aturan.md §9.1: PP.KK.CC.DDDD with full-width segments; 63.10.1.2005 is malformed."""
    assert VillageCode.parse(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("63.10.01.1007", "kelurahan"), ("63.10.01.2005", "desa"), ("63.10.01.3001", "desa adat")],
)
def test_village_kind_from_first_digit(text: str, kind: str) -> None:
    """docs/aturan.md §9.1: first digit of the village segment: 1 kelurahan, 2 desa, 3 desa adat."""
    code = VillageCode.parse(text)
    assert code is not None
    assert code.kind == kind


def test_ancestors() -> None:
    """docs/aturan.md §9.1: the code holds province, regency/city and kecamatan."""
    code = VillageCode.parse("6310012005")
    assert code is not None
    assert (code.provinsi, code.kabupaten, code.kecamatan) == ("63", "63.10", "63.10.01")
    assert ancestor("63.10.01.2005", Level.KECAMATAN) == "63.10.01"
    assert ancestor("63.10.01.2005", Level.KABUPATEN) == "63.10"
    assert ancestor("63.10.01.2005", Level.PROVINSI) == "63"
    assert ancestor("63.10.01.2005", Level.DESA) == "63.10.01.2005"


@pytest.mark.parametrize(
    ("code", "kota"), [("63.10", False), ("63.69", False), ("63.71", True), ("63.99", True)]
)
def test_kota_versus_kabupaten(code: str, kota: bool) -> None:
    """docs/aturan.md §9.1: KK 01-69 kabupaten, 71-99 kota."""
    assert is_kota(code) is kota


def test_table_edition_sizes() -> None:
    """docs/aturan.md §9.2: the 2025 edition: 38 provinces, 514 regencies/cities, 7,285 kecamatan,
    83,762 villages; attribution to cahyadsn/wilayah kept."""
    names = region_table().names
    by_length = {n: sum(1 for c in names if len(c) == n) for n in (2, 5, 8, 13)}
    assert by_length == {2: 38, 5: 514, 8: 7285, 13: 83762}
    assert "cahyadsn/wilayah" in REGION_TABLE_ATTRIBUTION
    assert "MIT" in REGION_TABLE_ATTRIBUTION


def test_tanah_bumbu() -> None:
    """aturan.md §9.2: 63.10 Kabupaten Tanah Bumbu has 12 kecamatan, 5 kelurahan and 152 desa."""
    table = region_table()
    assert table.name("63") == "Kalimantan Selatan"
    assert table.name("63.10") == "Kabupaten Tanah Bumbu"
    kecamatan = [c for c in table.names if len(c) == 8 and c.startswith("63.10.")]
    assert len(kecamatan) == 12
    villages = table.villages_in("63.10")
    kinds = [VillageCode.parse(c).kind for c in villages]  # type: ignore[union-attr]
    assert kinds.count("kelurahan") == 5
    assert kinds.count("desa") == 152
    assert len(villages) == 157


def test_kota_banjarmasin() -> None:
    """docs/aturan.md §9.2: 63.71 Kota Banjarmasin has 52 kelurahan and no desa."""
    table = region_table()
    assert table.name("63.71") == "Kota Banjarmasin"
    villages = table.villages_in("63.71")
    assert len(villages) == 52
    assert all(c[9] == "1" for c in villages)


def test_names_from_the_table() -> None:
    """docs/aturan.md §9.2: 63.10.01.1007 Kelurahan Batulicin, 63.10.01.2005 Desa Segumbang."""
    table = region_table()
    assert table.name("63.10.01.1007") == "Batulicin"
    assert table.full_name("63.10.01.1007") == "Kelurahan Batulicin"
    assert table.name("63.10.01.2005") == "Segumbang"
    assert table.full_name("63.10.01.2005") == "Desa Segumbang"
    assert table.name("63.10.01") == "Batu Licin"
    assert "63.10.01.2999" not in table
    assert table.name("63.10.01.2999") is None


def test_names_repeat_so_match_by_code() -> None:
    """docs/aturan.md §9.1: four villages called Mekar Sari in Kalimantan Selatan: names repeat."""
    table = region_table()
    exact = [c for c in table.villages_in("63") if table.name(c) == "Mekar Sari"]
    assert len(exact) == 4
    assert len({ancestor(c, Level.KECAMATAN) for c in exact}) == 4


def test_name_folding() -> None:
    """aturan.md §9.3: a village name is compared without case, spacing or a leading kind word."""
    assert normalise_name("  Desa  SEGUMBANG ") == "segumbang"
    assert normalise_name("Kelurahan Batu Licin") == normalise_name("Batulicin")
    assert normalise_name("Kersik Puti") != normalise_name("Kersik Putih")


def test_compact_table_reads_every_row_as_csv_does() -> None:
    """docs/aturan.md §9.2: every code of the bundled edition keeps the name the csv module reads
    for it, quoted names with commas included; iteration is in code order."""
    raw = gzip.decompress(data_path(REGION_TABLE_FILE).read_bytes()).decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw)))[1:]
    expected = dict(rows)
    table = region_table()
    assert len(table) == len(expected)
    assert list(table) == sorted(expected)
    assert all(table.name(code) == name for code, name in expected.items())
    assert table["12.07.28.1007"] == "Lubuk Pakam I,II"


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_compact_table_from_csv_bytes(end: str) -> None:
    """Line ends, a quoted name, a code given twice (the last name counts, as in a
    dictionary), blank lines and lookups of codes that are not there."""
    lines = ["kode,nama", "63.10,Tanah Bumbu", '63.10.01,"Batulicin, Kota"', "", "63,Kalsel"]
    lines += ["63.10,Kabupaten Tanah Bumbu", "63.10.01.2005,Ségumbang"]
    table = RegionTable.from_csv(end.join(lines).encode("utf-8"))
    assert dict(table) == {
        "63": "Kalsel",
        "63.10": "Kabupaten Tanah Bumbu",
        "63.10.01": "Batulicin, Kota",
        "63.10.01.2005": "Ségumbang",
    }
    for absent in ["6", "63.1", "63.10.01.20051", "63.10.01.2005\0", "６３", ""]:
        assert table.name(absent) is None
        assert absent not in table
    assert table.villages_in("63.10") == ["63.10.01.2005"]
    assert table.villages_in("63.1") == []


def test_compact_table_refuses_what_is_not_a_code() -> None:
    with pytest.raises(ValueError, match="region code"):
        RegionTable({"63.10.01.20051": "terlalu panjang"})
    with pytest.raises(ValueError, match="code and a name"):
        RegionTable.from_csv(b"kode,nama\n63\n")
