"""The bundled contest rubric against its public source, item by item (docs/aturan.md §7.1,
§7.2), and the reference line every rule of every bundled rubric carries."""

from __future__ import annotations

import pytest

from phbs.contest.rubric import AttributeSource, BandMapping, JudgeSource, Rubric, SurveySource
from phbs.contest.rubric_loading import bundled_rubrics, load_rubric

#: The input items (indikator masukan) and the first process item of "Format Penilaian PHBS di
#: Tatanan Rumah Tangga", copied by hand from the format (docs/aturan.md §7.1 and §7.2): id in
#: the rubric, the item's name, and its options a–d as the format words them.
FORMAT_ITEMS: list[tuple[str, str, tuple[str, str, str, str]]] = [
    (
        "dukungan_kebijakan",
        "Dukungan kebijakan penyelenggaraan PHBS",
        ("Desa dan kecamatan", "Kecamatan", "Desa", "Tidak ada"),
    ),
    (
        "lingkup_kebijakan",
        "Ruang lingkup dukungan kebijakan PHBS",
        ("7–10 indikator PHBS", "4–6 indikator PHBS", "1–3 indikator PHBS", "Tidak ada"),
    ),
    (
        "pembiayaan",
        "Pembiayaan kegiatan PHBS",
        ("Desa, kecamatan dan kabupaten", "Desa dan kecamatan", "Desa", "Tidak ada"),
    ),
    (
        "sumber_pembiayaan",
        "Sumber pembiayaan kegiatan PHBS",
        (
            "Swadaya masyarakat, PKK, swasta dan pemerintah",
            "Swadaya masyarakat, PKK, swasta",
            "Swadaya masyarakat dan PKK",
            "Swadaya masyarakat",
        ),
    ),
    (
        "kader_terlatih",
        "Kader terlatih PHBS",
        (
            "5 kader terlatih atau lebih",
            "3–4 kader terlatih",
            "1–2 kader terlatih",
            "Tidak terlatih",
        ),
    ),
    (
        "media_penyuluhan",
        "Media penyuluhan PHBS",
        (
            "Ada untuk 7–10 indikator PHBS",
            "Ada untuk 4–6 indikator PHBS",
            "Ada untuk 1–3 indikator PHBS",
            "Tidak ada",
        ),
    ),
    (
        "pelatihan_kader",
        "Pelatihan PHBS untuk kader",
        (
            "Ada untuk 5 kader atau lebih",
            "Ada untuk 3–4 kader",
            "Ada untuk 1–2 kader",
            "Tidak ada pelatihan",
        ),
    ),
]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("lomba-desa-ber-phbs").rubric


def test_input_items_in_the_order_of_the_format(rubric: Rubric) -> None:
    """Format, A INDIKATOR MASUKAN 1–7: the seven input items, in the format's order."""
    assert [c.id for c in rubric.groups[0].criteria] == [
        "dukungan_kebijakan",
        "lingkup_kebijakan",
        "pembiayaan",
        "sumber_pembiayaan",
        "kader_aktif",
        "kader_terlatih",
        "media_penyuluhan",
    ]
    assert rubric.groups[1].criteria[0].id == "pelatihan_kader"  # B INDIKATOR PROSES 1


@pytest.mark.parametrize(
    ("code", "name", "options"), FORMAT_ITEMS, ids=[i[0] for i in FORMAT_ITEMS]
)
def test_judged_item_has_the_options_of_the_format(
    rubric: Rubric, code: str, name: str, options: tuple[str, str, str, str]
) -> None:
    """Each judged item of the format: its name and options a–d word for word (spaces around
    dashes tidied), scored a = 90, b = 70, c = 50, d = 20 (the ASUMSI of the rubric's
    references.option_scores: one number inside the band of the same letter, Baik 80–100,
    Cukup 60–79, Kurang 40–59, Buruk 0–39)."""
    item = rubric.criterion(code)
    assert item.name == name
    assert isinstance(item.source, JudgeSource)
    assert item.source.options is not None
    assert {k: (o.text, o.score) for k, o in item.source.options.items()} == dict(
        zip("abcd", zip(options, (90, 70, 50, 20), strict=True), strict=True)
    )
    assert item.reference is not None
    assert item.reference.startswith("Format Penilaian")


def test_active_kader_follow_the_format_bands(rubric: Rubric) -> None:
    """Format, masukan 5 "Kader aktif membina PHBS di rumah tangga": a. lebih dari 15, b. 11–15,
    c. 6–10, d. 1–5 kader; 0 kader, which the format does not name, scores 0 (ASUMSI)."""
    item = rubric.criterion("kader_aktif")
    assert item.name == "Kader aktif membina PHBS di rumah tangga"
    assert isinstance(item.source, AttributeSource)
    assert isinstance(item.source.mapping, BandMapping)
    counts = (16, 15, 11, 10, 6, 5, 1, 0)
    assert [item.source.mapping.score(n) for n in counts] == [90, 70, 70, 50, 50, 20, 20, 0]


def test_items_the_readable_source_does_not_give_stay_assumptions(rubric: Rubric) -> None:
    """Process items after the first and the output items are not in the part of the format
    that could be read: each says ASUMSI and why, and the closing notes name each of them."""
    rest = [*rubric.groups[1].criteria[1:], *rubric.groups[2].criteria]
    assert [c.id for c in rest] == [
        "pendataan_phbs",
        "penyuluhan",
        "musyawarah_desa",
        "pembinaan",
        "persen_ber_phbs",
        "cakupan_jamban_sehat",
        "cakupan_tidak_merokok",
        "status_odf",
    ]
    for item in rest:
        assert item.reference is not None
        assert "ASUMSI:" in item.reference, item.id
    for item in [*rubric.groups[1].criteria, *rubric.groups[2].criteria]:
        assert any(item.id in note for note in rubric.notes), item.id
    assert [c.source.measure for c in rest if isinstance(c.source, SurveySource)] == [
        "persen_ber_phbs",
        "cakupan.jamban_sehat",
        "cakupan.tidak_merokok",
    ]


def test_group_weights_and_bands_quote_the_format(rubric: Rubric) -> None:
    """Format: "Pembobotan adalah 3 untuk indikator masukan, 4 untuk indikator proses dan 3
    untuk indikator keluaran"; "a. Baik 80 - 100 … d. Buruk 0 - 39"."""
    assert [(g.id, g.weight) for g in rubric.groups] == [
        ("masukan", 3),
        ("proses", 4),
        ("keluaran", 3),
    ]
    for group in rubric.groups:
        assert group.reference is not None
        assert group.reference.startswith("Format Penilaian")
    assert rubric.references.bands is not None
    assert "Baik 80 - 100" in rubric.references.bands


def test_the_rubric_names_the_edition_it_follows(rubric: Rubric) -> None:
    assert rubric.edition is not None
    assert rubric.edition.startswith("Format Penilaian PHBS di Tatanan Rumah Tangga")
    assert rubric.version == "2026.1"


@pytest.mark.parametrize("name", sorted(bundled_rubrics()))
def test_every_rule_of_every_bundled_rubric_has_a_reference(name: str) -> None:
    """Each rule a bundled rubric states carries its source's wording or 'ASUMSI: reason'."""
    rules = load_rubric(name).rubric.rules()
    missing = [rule for rule, reference in rules if not (reference and reference.strip())]
    assert missing == []
    kinds = {rule.split(":")[0] for rule, _ in rules}
    assert {"method", "decimals", "bands", "judges", "group", "criterion"} <= kinds
