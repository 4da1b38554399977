"""docs/aturan.md §5.4, §5.7 and §7.8 in both reports: intervals beside % ber-PHBS and
coverage, the funnel plot, and rank uncertainty (bootstrap, weight sensitivity, shrinkage)
beside the ranking."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import Opened, launch
from click.testing import CliRunner
from reference_stats import funnel_by_hand
from report_helpers import Scored, sample, small
from scipy.stats import chi2

from phbs import bootstrap_ranking, shrink_measures, weight_sensitivity
from phbs.cli.root import cli
from phbs.contest.assessment import Uncertainty
from phbs.contest.measures import measures_from_report
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import SAMPLE_RUBRIC, contest_sample
from phbs.demo.data import sample_data
from phbs.reports.content import ReportOptions
from phbs.reports.report import write_report

#: The 95 % point of χ² with 14 degrees of freedom: the sample has 15 villages with households.
CRITICAL = float(chi2.ppf(0.95, 14))


def header_index(sheet: Any, row: int = 1) -> dict[str, int]:
    return {c.value: i + 1 for i, c in enumerate(sheet[row]) if c.value is not None}


def uncertainty_of(data: Scored, seed: int = 7) -> Uncertainty:
    assert data.ranking is not None
    rubric = load_rubric(SAMPLE_RUBRIC)
    return Uncertainty(
        report=data.report,
        bootstrap=bootstrap_ranking(data.ranking, rubric, data.report, replicates=200, seed=seed),
        weights=weight_sensitivity(data.ranking, rubric, replicates=200, seed=seed),
    )


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with launch() as context:
        yield context


def test_village_interval_cells_are_percent_numbers(tmp_path: Path) -> None:
    """Desa sheet: IK 95% bawah/atas are numbers with a percent format, equal to the
    AreaSummary bounds; the method and level are in the Metadata sheet."""
    scored = small(tmp_path)
    path = tmp_path / "laporan.xlsx"
    write_report(scored.result, scored.report, ReportOptions(villages=scored.villages), xlsx=path)
    book = openpyxl.load_workbook(path)
    sheet = book["Desa"]
    columns = header_index(sheet)
    low, high = columns["IK 95% bawah"], columns["IK 95% atas"]
    assert low == columns["% ber-PHBS"] + 1
    assert high == low + 1
    for r, area in enumerate(scored.report.wilayah, start=2):
        for col, value in ((low, area.persen_ber_phbs_bawah), (high, area.persen_ber_phbs_atas)):
            cell = sheet.cell(row=r, column=col)
            assert value is not None
            assert cell.data_type == "n"
            assert cell.number_format == "0.0%"
            assert cell.value == pytest.approx(value / 100)
    meta = {row[0]: row[1] for row in book["Metadata"].iter_rows(min_row=2, values_only=True)}
    assert meta["pengaturan.metode_ci"] == "wilson"
    assert meta["pengaturan.tingkat_kepercayaan"] == "0.95"
    assert meta["Interval kepercayaan"].startswith("skor Wilson, 95 %")


def test_coverage_intervals_sheet(tmp_path: Path) -> None:
    """IK Cakupan: one row per village and indicator, bounds as percent numbers."""
    scored = small(tmp_path)
    path = tmp_path / "laporan.xlsx"
    write_report(scored.result, scored.report, xlsx=path)
    sheet = openpyxl.load_workbook(path)["IK Cakupan"]
    rows = list(sheet.iter_rows(min_row=2))
    indicators = scored.result.survey.form.form.indicators
    assert len(rows) == len(scored.report.wilayah) * len(indicators)
    first = scored.report.wilayah[0].indikator[indicators[0].code]
    assert rows[0][6].value == pytest.approx((first.cakupan_bawah or 0) / 100)
    assert rows[0][7].value == pytest.approx((first.cakupan_atas or 0) / 100)
    assert rows[0][7].number_format == "0.0%"


def test_funnel_table_in_the_workbook(tmp_path: Path) -> None:
    """Ringkasan lists the villages outside the 95 % funnel limits (the sample is overdispersed:
    random-effects limits around Σ ber / Σ n, Spiegelhalter 2005), each with its n, % ber-PHBS
    and the 99.8 % limits at its n: all worked out in the test (reference_stats) from the
    villages' counts; the note says the limits were widened and why."""
    data = sample()
    path = tmp_path / "laporan.xlsx"
    write_report(data.result, data.report, xlsx=path)
    values = list(openpyxl.load_workbook(path)["Ringkasan"].iter_rows(values_only=True))
    rate, villages = funnel_by_hand(
        ((a.kode, a.ber_phbs, a.tidak_ber_phbs) for a in data.report.wilayah), CRITICAL
    )
    text = " ".join(str(c) for row in values for c in row if isinstance(c, str))
    assert "efek acak aditif" in text
    assert "Uji dispersi (Spiegelhalter 2005)" in text
    listed = {row[0]: row for row in values if row[0] in {v.kode for v in villages}}
    outside = {v.kode: v for v in villages if v.outside_95}
    assert outside, "the sample has villages outside the limits"
    assert set(listed) == set(outside)
    for kode, village in outside.items():
        row = listed[kode]
        assert row[2] == village.n
        assert row[3] == pytest.approx(village.persen / 100)
        low, high = village.limits_998
        assert (row[4], row[5]) == pytest.approx((low / 100, high / 100))
        side = "di atas" if village.persen > rate else "di bawah"
        level = "99,8 %" if village.outside_998 else "95 %"
        assert row[6] == f"{side} batas {level}"


def test_ranking_sheet_with_uncertainty_is_reproducible(tmp_path: Path) -> None:
    """Peringkat: bootstrap and weight columns present; the same seed gives the same cells."""
    data = sample(ranked=True)
    sheets = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.xlsx"
        write_report(
            data.result,
            data.report,
            ReportOptions(ranking=data.ranking, uncertainty=uncertainty_of(data)),
            xlsx=path,
        )
        sheets.append(list(openpyxl.load_workbook(path)["Peringkat"].iter_rows(values_only=True)))
    assert sheets[0] == sheets[1]
    header = list(sheets[0][0])
    for label in ("Median peringkat", "Pkt 90% terbaik", "P(juara 1)", "P(3 besar)"):
        assert label in header
    found = uncertainty_of(data)
    assert found.bootstrap is not None
    first = found.bootstrap.desa[0]
    row = next(r for r in sheets[0] if r[1] == first.kode_desa)
    assert row[header.index("P(juara 1)")] == pytest.approx(first.p_pertama)
    text = " ".join(str(c) for r in sheets[0] for c in r if isinstance(c, str))
    assert "Ketidakpastian peringkat: bootstrap 200 ulangan (seed 7)" in text


def test_html_intervals_funnel_and_rank_uncertainty(browser_context: Any, tmp_path: Path) -> None:
    """The page in Chromium: the CI column, coverage tooltips, one circle per village, the
    villages outside 99.8 % named, the bootstrap columns and the plain-language note."""
    data = sample(ranked=True)
    assert data.ranking is not None
    _, prior = shrink_measures(measures_from_report(data.report), data.report)
    found = uncertainty_of(data)
    found.prior = prior
    path = tmp_path / "laporan.html"
    write_report(
        data.result,
        data.report,
        ReportOptions(ranking=data.ranking, uncertainty=found, villages=data.villages),
        html=path,
    )
    opened = Opened(browser_context, path)
    try:
        page = opened.page
        assert opened.console == []
        assert opened.requests == [opened.url]
        # Village table: the interval beside % ber-PHBS, sorted by the point estimate.
        headers = page.locator("#tabel-wilayah thead th").all_text_contents()
        ci = next(i for i, h in enumerate(headers) if "IK 95%" in h)
        first = data.report.wilayah[0]
        assert opened.column("tabel-wilayah", ci)[0] == (
            f"{first.persen_ber_phbs_bawah:.1f}–{first.persen_ber_phbs_atas:.1f}".replace(".", ",")
        )
        page.locator("#tabel-wilayah thead button.sort").nth(ci).click()
        keys = [float(k) for k in opened.sort_keys("tabel-wilayah", ci)]
        assert keys == sorted(
            a.persen_ber_phbs for a in data.report.wilayah if a.persen_ber_phbs is not None
        )
        # Heatmap tooltip.
        title = page.locator("#tabel-cakupan tbody td[title]").first.get_attribute("title")
        assert title is not None
        assert "IK 95%" in title
        assert "Wilson" in title
        # Funnel: one circle per village with households, the outside villages named.
        # Expected from the villages' counts (reference_stats), not from funnel_plot.
        _, villages = funnel_by_hand(
            ((a.kode, a.ber_phbs, a.tidak_ber_phbs) for a in data.report.wilayah), CRITICAL
        )
        names = {a.kode: a.nama for a in data.report.wilayah}
        # The wide drawing (screens, print) and the narrow one (phones) show the same points.
        listed = page.locator(".funnel-outside li").all_text_contents()
        outside = [v.kode for v in villages if v.outside_998]
        assert len(listed) == len(outside)
        funnel_text = page.locator("#funnel").text_content() or ""
        assert "Uji dispersi (Spiegelhalter 2005)" in funnel_text
        assert "batas 99,8 % (disesuaikan)" in funnel_text
        if not outside:
            assert "Semua desa berada di dalam batas 99,8 % yang disesuaikan" in funnel_text
        for drawing in ("svg.chart-wide", "svg.chart-narrow"):
            circles = page.locator(f"#funnel {drawing} circle.village")
            assert circles.count() == len(villages)
            assert sorted(circles.evaluate_all("cs => cs.map(c => c.dataset.kode)")) == sorted(
                v.kode for v in villages
            )
            labels = page.locator(f"#funnel {drawing} text.point-label").all_text_contents()
            for kode in outside:
                assert any(names[kode] in item and kode in item for item in listed)
                assert names[kode] in labels
        # Ranking: bootstrap and weight columns, notes, prior.
        ranking_headers = page.locator("#tabel-peringkat thead th").all_text_contents()
        for label in ("Median pkt", "Pkt 90%", "P(1)", "P(≤3)", "Tetap"):
            assert any(label in h for h in ranking_headers), label
        notes = page.locator(".rank-uncertainty").text_content() or ""
        assert "bootstrap 200 ulangan (seed 7)" in notes
        assert "Penyusutan" in notes
        assert opened.console == []
    finally:
        opened.close()


def test_cli_report_with_bootstrap(tmp_path: Path) -> None:
    """`phbs report --bootstrap 200 --seed 1`: the same page twice, with the rank columns."""
    data = sample_data()
    contest = contest_sample()
    pages = []
    for name in ("a", "b"):
        html, xlsx = tmp_path / f"{name}.html", tmp_path / f"{name}.xlsx"
        args = ["report", "--survey", *map(str, data.survey_files)]
        args += ["--villages", str(data.villages_file), "--rubric", contest.rubric]
        args += ["--judges", str(contest.judges_file), "--attributes", str(contest.attributes_file)]
        args += ["--bootstrap", "200", "--seed", "1", "--html", str(html), "--xlsx", str(xlsx)]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        page = html.read_text(encoding="utf-8")
        section = page[
            page.index('<section id="peringkat">') : page.index('<section id="kualitas">')
        ]
        # The minutes say when they were made; everything else is the same.
        pages.append(re.sub(r'<p class="ba-made-by">.*?</p>', "", section))
        header = [c.value for c in openpyxl.load_workbook(xlsx)["Peringkat"][1]]
        assert "Median peringkat" in header
    assert pages[0] == pages[1]
    assert "Median pkt" in pages[0]
    assert "seed 1" in pages[0]


def test_cli_uncertainty_needs_a_rubric(tmp_path: Path) -> None:
    """--bootstrap without --rubric is a usage error."""
    data = sample_data()
    args = ["report", "--survey", *map(str, data.survey_files), "--bootstrap", "10"]
    result = CliRunner().invoke(cli, [*args, "--html", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "--rubric" in result.output
