"""The *berita acara* (docs/aturan.md §7.10): what it says, and that it prints as one A4 page.

Expected texts are written out by hand from the sample's ranking as ``phbs rank`` prints it
(Batulicin first, Kota Pagatan second, Danauindah third; Sungai Lembu's jamban score
corrected from 71,66 to 65; Maju Makmur excluded).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import launch
from click.testing import CliRunner
from report_helpers import Scored, sample

from phbs.cli.root import cli
from phbs.contest.models import ChangeRecord, Ranking, ShrinkRecord, VillageStatus
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.errors import SettingsError
from phbs.i18n import Lang
from phbs.reports.content import ReportContent, ReportOptions, build_content
from phbs.reports.html.page import render_minutes_html
from phbs.reports.minutes import build_minutes, contest_level
from phbs.reports.panel import BLANK, MinutesDetails, long_date, parse_date
from phbs.reports.report import write_report

DETAILS = MinutesDetails(
    place="Aula Dinas Kesehatan, Batulicin",
    date=datetime.date(2025, 10, 20),
    chair="dr. Hj. Rahmawati",
    judges=("Ahmad Fauzan", "Dewi Kartika", "Rusmini"),
)
WINNERS = ["Batulicin", "Kota Pagatan", "Danauindah"]


@pytest.fixture(scope="module")
def ranked() -> Scored:
    return sample(ranked=True)


def _content(
    scored: Scored,
    details: MinutesDetails | None = None,
    lang: Lang = "id",
    ranking: Ranking | None = None,
) -> ReportContent:
    return build_content(
        scored.result,
        scored.report,
        ReportOptions(
            lang=lang,
            ranking=ranking or scored.ranking,
            villages=scored.villages,
            minutes=details,
        ),
    )


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (poppler's pdftotext, as a person would copy it)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: apt-get install poppler-utils (.ci/run does)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.rstrip("\f").split("\f")


def _print(html: str, folder: Path) -> list[str]:
    """Print a page to A4 PDF in Chromium, as a judge would, and read its pages back."""
    page_file = folder / "berita-acara.html"
    page_file.write_text(html, encoding="utf-8")
    pdf = folder / "berita-acara.pdf"
    with launch() as context:
        page = context.new_page()
        page.goto(page_file.resolve().as_uri())
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    return _pdf_pages(pdf)


def test_winners_table_and_overrides(ranked: Scored) -> None:
    minutes = build_minutes(_content(ranked, DETAILS))
    rows = {row.village: row for row in minutes.rows}
    assert [r.village for r in minutes.rows if r.winner] == WINNERS
    assert [rows[v].remark for v in WINNERS] == ["Juara I", "Juara II", "Juara III"]
    assert rows["Batulicin"].kecamatan == "Batu Licin"
    assert rows["Kota Pagatan"].kecamatan == "Kusan Hilir"
    # Batulicin's total worked out by hand from juri-lomba.csv, atribut-desa.csv and the
    # survey counts (aturan.md §7.1–§7.3; options a = 90, b = 70, c = 50, d = 20):
    #   masukan 3 × [(70+70+50)/3 + 90 + 90 + (90+70+70)/3 + 90 (22 kader) + 90
    #                + (90+90+70)/3] = 190 + 270 + 270 + 230 + 270 + 270 + 250 = 1.750
    #   proses 4 × [(90+70+70) + (95+90+90) + (85+80+70) + (80+75+70) + (90+85+100)]/3
    #          = 4 × 1.240/3 = 1.653,333…
    #   keluaran 3 × (100×227/369 + 100×358/371 + 100×237/372 + 100 ODF) = 965,169…
    #   total 4.368,503… → 4.368,50; × 100 / 5.300 (100 × (7×3 + 5×4 + 4×3)) = 82,424…,
    #   cut down to the rubric's 2 decimals (aturan.md §7.1): 82,42 %.
    assert rows["Batulicin"].texts[4:7] == ("4.368,50", "82,42 %", "Baik")
    assert rows["Maju Makmur"].rank is None
    assert rows["Maju Makmur"].remark == "dikeluarkan"
    assert minutes.overrides == (
        "Sungai Lembu (63.10.02.2003): nilai Cakupan jamban sehat diubah dari 71,66 menjadi "
        "65,00. Alasan: Verifikasi 10 rumah sampel (berita acara 14/10/2025): 3 rumah yang "
        "tercatat berjamban sehat memakai jamban cemplung; cakupan dikoreksi menurut hasil "
        "verifikasi",
        "Maju Makmur (63.10.01.2029): dikeluarkan dari peringkat. Alasan: Data survei tidak "
        "dapat diverifikasi: 4 dari 10 rumah sampel tidak ditemukan (berita acara verifikasi "
        "15/10/2025)",
    )


def test_place_date_level_year_and_signatures(ranked: Scored) -> None:
    minutes = build_minutes(_content(ranked, DETAILS))
    # 20 October 2025 was a Monday.
    assert minutes.opening.startswith(
        "Pada hari ini Senin, tanggal 20 Oktober 2025, bertempat di Aula Dinas Kesehatan, "
        "Batulicin, tim penilai telah menilai 13 desa/kelurahan peserta"
    )
    assert "tingkat Kabupaten Tanah Bumbu tahun 2025" in minutes.opening
    assert minutes.place_date == "Aula Dinas Kesehatan, Batulicin, 20 Oktober 2025"
    assert minutes.signatures == (
        ("Ahmad Fauzan", "Juri 1"),
        ("Dewi Kartika", "Juri 2"),
        ("Rusmini", "Juri 3"),
        ("dr. Hj. Rahmawati", "Ketua tim penilai"),
    )
    sha = ranked.ranking.rubrik_sha256 if ranked.ranking else ""
    assert len(sha) == 64
    assert sha in minutes.rubric
    names = [label for label, _ in minutes.inputs]
    assert "koreksi.csv" in names
    assert "lomba-desa-ber-phbs.yaml" in names
    assert "survei-puskesmas-batulicin.csv" in names


def test_blank_lines_when_the_panel_gives_nothing(ranked: Scored) -> None:
    minutes = build_minutes(_content(ranked))
    assert minutes.opening.startswith(
        f"Pada hari ini {BLANK}, tanggal {BLANK}, bertempat di {BLANK}"
    )
    # The year is not guessed: a blank line, but the level still comes from the codes.
    assert f"tingkat Kabupaten Tanah Bumbu tahun {BLANK}" in minutes.opening
    assert minutes.place_date == f"{BLANK}, {BLANK}"
    # Judges from the judges file; the chair's name is left to be written by hand.
    assert minutes.signatures[-1] == ("", "Ketua tim penilai")
    assert [name for name, _ in minutes.signatures[:-1]] == [
        "Ahmad Fauzan",
        "Dewi Kartika",
        "Rusmini",
    ]


def test_tied_ranks_share_a_winning_place(ranked: Scored) -> None:
    """Competition ranks 1, 2, 2, 4 (docs/aturan.md §7.10): both second places are Juara II
    and the fourth village is not a winner."""
    assert ranked.ranking is not None
    desa = list(ranked.ranking.desa)
    desa[2] = desa[2].model_copy(update={"peringkat": 2})
    desa[3] = desa[3].model_copy(update={"peringkat": 4})
    tied = ranked.ranking.model_copy(update={"desa": desa})
    rows = build_minutes(_content(ranked, ranking=tied)).rows
    assert [(r.rank, r.remark) for r in rows[:4]] == [
        (1, "Juara I"),
        (2, "Juara II"),
        (2, "Juara II"),
        (4, ""),
    ]


def test_no_overrides(ranked: Scored, tmp_path: Path) -> None:
    assert ranked.ranking is not None
    plain = ranked.ranking.model_copy(update={"koreksi": []})
    minutes = build_minutes(_content(ranked, ranking=plain))
    # Maju Makmur is still listed: its status says why it is not ranked.
    assert minutes.overrides[0].startswith("Maju Makmur (63.10.01.2029): tidak diperingkat")
    without = plain.model_copy(
        update={"desa": [v for v in plain.desa if v.status is VillageStatus.RANKED]}
    )
    minutes = build_minutes(_content(ranked, ranking=without))
    assert minutes.overrides == ()
    page = render_minutes_html(_content(ranked, ranking=without))
    assert "Tidak ada koreksi nilai dan tidak ada desa yang dikeluarkan." in page


def test_english(ranked: Scored) -> None:
    minutes = build_minutes(_content(ranked, DETAILS, lang="en"))
    assert minutes.heading == "MINUTES OF THE ASSESSMENT"
    assert minutes.opening.startswith("On Monday, 20 October 2025, at Aula Dinas Kesehatan")
    assert [r.remark for r in minutes.rows[:3]] == [
        "Winner, 1st place",
        "Winner, 2nd place",
        "Winner, 3rd place",
    ]
    assert minutes.rows[0].texts[4:6] == ("4,368.50", "82.42%")  # worked out above
    assert minutes.overrides[0].startswith("Sungai Lembu (63.10.02.2003): ")
    assert " changed from 71.66 to 65.00. Reason: Verifikasi 10 rumah" in minutes.overrides[0]


def test_contest_level_from_codes() -> None:
    # Names from the bundled Kemendagri table (63.10 Tanah Bumbu, 63.10.01 Batu Licin).
    assert contest_level(["63.10.01.1007", "63.10.01.2005"]) == "Kecamatan Batu Licin"
    assert contest_level(["63.10.01.1007", "63.10.02.1001"]) == "Kabupaten Tanah Bumbu"
    assert contest_level(["63.10.01.1007", "63.01.01.2001"]) == "Provinsi Kalimantan Selatan"
    assert contest_level(["63.10.01.1007", "35.78.01.1001"]) == "nasional"
    assert contest_level(["99.99.99.9999"]) is None


def test_dates() -> None:
    assert parse_date("2025-10-20") == parse_date("20-10-2025") == parse_date("20/10/2025")
    assert long_date(datetime.date(2026, 1, 3)) == "3 Januari 2026"
    # Month 13 does not exist; a US-style date is not guessed.
    for wrong in ("2025-13-01", "10/20/25", "kemarin"):
        with pytest.raises(SettingsError, match="tulis 2025-10-20 atau 20-10-2025"):
            parse_date(wrong)


def _has_every_part(page: str, ranked: Scored) -> None:
    """A printed berita acara has each winner with its place, the chair, the date, each
    correction's reason and the rubric's whole SHA-256."""
    text = " ".join(page.split())
    for rank, village in enumerate(WINNERS, start=1):
        assert village in text
        assert f"Juara {'I' * rank}" in text
    for needed in (
        "BERITA ACARA PENILAIAN",
        "dr. Hj. Rahmawati",
        "Ketua tim penilai",
        "20 Oktober 2025",
        "Verifikasi 10 rumah sampel",
        "dikeluarkan dari peringkat",
    ):
        assert needed in text
    assert ranked.ranking is not None
    assert ranked.ranking.rubrik_sha256 in text.replace(" ", "")


def test_prints_as_one_a4_page_with_every_winner(ranked: Scored, tmp_path: Path) -> None:
    pages = _print(render_minutes_html(_content(ranked, DETAILS)), tmp_path)
    assert len(pages) == 1
    _has_every_part(pages[0], ranked)


def _bigger(ranking: Ranking, extra: int) -> Ranking:
    """The sample's ranking with ``extra`` more villages (ranked ones repeated under new
    codes and names), ranks renumbered by total, the excluded village last."""
    ranked_villages = [v for v in ranking.desa if v.status is VillageStatus.RANKED]
    copies = [
        v.model_copy(
            update={"kode_desa": f"63.10.02.{9000 + i}", "nama_desa": f"Desa Tambahan {i}"}
        )
        for i, v in enumerate(ranked_villages[:extra])
    ]
    ranked_all = sorted([*ranked_villages, *copies], key=lambda v: -(v.total or 0))
    others = [v for v in ranking.desa if v.status is not VillageStatus.RANKED]
    renumbered = [v.model_copy(update={"peringkat": i}) for i, v in enumerate(ranked_all, start=1)]
    return ranking.model_copy(update={"desa": [*renumbered, *others]})


def test_twenty_villages_still_one_page(ranked: Scored, tmp_path: Path) -> None:
    """A contest of 20 villages (the sample's 14, six repeated under new codes)."""
    assert ranked.ranking is not None
    bigger = _bigger(ranked.ranking, 6)
    minutes = build_minutes(_content(ranked, DETAILS, ranking=bigger))
    assert len(minutes.rows) == 20
    pages = _print(render_minutes_html(_content(ranked, DETAILS, ranking=bigger)), tmp_path)
    assert len(pages) == 1
    assert "Desa Tambahan 5" in pages[0]
    assert "Ketua tim penilai" in pages[0]


def test_report_page_keeps_the_minutes_on_a_page_of_their_own(
    ranked: Scored, tmp_path: Path
) -> None:
    content = write_report(
        ranked.result,
        ranked.report,
        ReportOptions(ranking=ranked.ranking, villages=ranked.villages, minutes=DETAILS),
        html=tmp_path / "laporan.html",
    )
    assert content.ranking is not None
    pdf = tmp_path / "laporan.pdf"
    with launch() as context:
        page = context.new_page()
        page.goto((tmp_path / "laporan.html").resolve().as_uri())
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    pages = _pdf_pages(pdf)
    holding = [i for i, text in enumerate(pages) if "BERITA ACARA PENILAIAN" in text]
    assert len(holding) == 1
    page_text = pages[holding[0]]
    assert "Ketua tim penilai" in page_text
    assert "Juara III" in page_text
    # Nothing else on that page: it starts with the minutes and ends with them.
    assert page_text.strip().startswith("BERITA ACARA PENILAIAN")
    assert "Kualitas data" not in pages[holding[0]].split("Lampiran")[-1]


def test_workbook_sheet_prints_as_one_page(ranked: Scored, tmp_path: Path) -> None:
    """The *Berita Acara* sheet, printed by LibreOffice, is one page with every winner."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice not found: apt-get install libreoffice-calc-nogui (.ci/run does)")
    xlsx = tmp_path / "laporan.xlsx"
    write_report(
        ranked.result,
        ranked.report,
        ReportOptions(ranking=ranked.ranking, villages=ranked.villages, minutes=DETAILS),
        xlsx=xlsx,
    )
    profile = (tmp_path / "profil").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = _pdf_pages(tmp_path / "laporan.pdf")
    holding = [text for text in pages if "BERITA ACARA PENILAIAN" in text]
    assert len(holding) == 1
    _has_every_part(holding[0], ranked)
    assert "Berita Acara" in " ".join(holding[0].split())  # the sheet's name, in its header


def test_cli_writes_the_minutes(tmp_path: Path) -> None:
    data, contest = sample_data(), contest_sample()
    minutes = tmp_path / "berita-acara.html"
    args = [
        "report",
        "--survey",
        *data.survey_files,
        "--villages",
        data.villages_file,
        "--rubric",
        contest.rubric,
        "--judges",
        contest.judges_file,
        "--overrides",
        contest.overrides_file,
        "--attributes",
        contest.attributes_file,
        "--minutes",
        minutes,
        "--place",
        "Aula Dinas Kesehatan",
        "--date",
        "20/10/2025",
        "--chair",
        "dr. Hj. Rahmawati",
        "--judge",
        "Juri Satu",
        "--judge",
        "Juri Dua",
        "--contest-level",
        "Kecamatan Kusan Hilir dan Batu Licin",
    ]
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Ditulis: {minutes}" in result.output
    page = minutes.read_text(encoding="utf-8")
    for needed in (
        "Senin, tanggal 20 Oktober 2025",
        "Aula Dinas Kesehatan",
        "Juri Satu",
        "Juri Dua",
        "dr. Hj. Rahmawati",
        "tingkat Kecamatan Kusan Hilir dan Batu Licin tahun 2025",
    ):
        assert needed in page
    assert "Ahmad Fauzan" not in page  # the judges named on the command line sign


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--minutes", "ba.html"], "memerlukan --rubric"),
        (["--minutes", "ba.pdf", "--rubric", "lomba-desa-ber-phbs"], "--minutes"),
        (
            ["--html", "x.html", "--rubric", "lomba-desa-ber-phbs", "--date", "10/20/2025"],
            "tanggal '10/20/2025' tidak dikenal",
        ),
    ],
)
def test_cli_refuses(tmp_path: Path, extra: list[str], message: str) -> None:
    data = sample_data()
    args = ["report", "--survey", *data.survey_files, *extra]
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "ba.html").exists()


def test_shrunk_scores_are_stated_and_still_one_page(ranked: Scored, tmp_path: Path) -> None:
    """With --shrink the data-quality paragraph says the totals come from shrunk values, with
    μ and κ (docs/aturan.md §7.8), and the minutes still print on one A4 page."""
    assert ranked.ranking is not None
    record = ShrinkRecord(mu_persen=37.6376, kappa=15.1911, desa_sensus=["63.10.01.2033"])
    shrunk = ranked.ranking.model_copy(update={"penyusutan": record})
    minutes = build_minutes(_content(ranked, DETAILS, ranking=shrunk))
    assert "disusutkan (Bayes empiris beta-binomial) sebelum dinilai" in minutes.quality
    assert "μ = 37,64 % dan κ = 15,19" in minutes.quality
    assert "desa yang disurvei seluruhnya tidak disusutkan/diambil ulang" in minutes.quality
    assert "disusutkan" not in build_minutes(_content(ranked, DETAILS)).quality
    pages = _print(render_minutes_html(_content(ranked, DETAILS, ranking=shrunk)), tmp_path)
    assert len(pages) == 1
    assert "κ = 15,19" in " ".join(pages[0].split())


def test_minutes_name_the_rounds_of_a_change_criterion(ranked: Scored, tmp_path: Path) -> None:
    """A criterion scoring the change in % ber-PHBS (docs/aturan.md §7.2) is stated in the
    data-quality paragraph with the rounds it is between, and the settings of the report name
    it; the minutes still print on one A4 page."""
    assert ranked.ranking is not None
    record = ChangeRecord(
        dari="2024",
        ke="terkini",
        kriteria=["peningkatan_ber_phbs"],
        nama=["Peningkatan % ber-PHBS"],
        nama_en=["Improvement in % PHBS"],
    )
    changed = ranked.ranking.model_copy(update={"perubahan": record})
    content = _content(ranked, DETAILS, ranking=changed)
    expected = (
        "Kriteria “Peningkatan % ber-PHBS” memakai perubahan % ber-PHBS dari putaran 2024 ke "
        "putaran terkini (poin persen)."
    )
    assert expected in build_minutes(content).quality
    assert ("Perubahan antarputaran", expected) in content.settings
    assert "perubahan % ber-PHBS" not in build_minutes(_content(ranked, DETAILS)).quality
    pages = _print(render_minutes_html(content), tmp_path)
    assert len(pages) == 1
    assert "dari putaran 2024 ke putaran terkini" in " ".join(pages[0].split())
