"""An earlier round on the page of ``phbs web``, in Debian's Chromium (docs/aturan.md §5.8):
the sample's 2024 files uploaded beside its 2025 survey show the change table and the counts
``phbs compare`` prints for the same rounds, and the comparison CSV downloaded is its CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from web_helpers import SAMPLE, SURVEYS, base

from phbs.cli.root import cli
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

EARLIER = sorted(SAMPLE.glob("putaran-2024-*.csv"))


def test_the_change_since_the_earlier_round_is_that_of_phbs_compare(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    out = tmp_path / "perubahan.csv"
    rounds = [*(f"--round=2024={p}" for p in EARLIER), *(f"--round=2025={p}" for p in SURVEYS)]
    compared = CliRunner().invoke(cli, ["compare", *rounds, "-o", str(out)])
    assert compared.exit_code == 0, compared.output
    printed = compared.stdout
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(base(web) + "/")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.set_input_files("#berkas-survey", [str(p) for p in SURVEYS])
        page.set_input_files("#berkas-baseline", [str(p) for p in EARLIER])
        page.fill("#isian-baseline_label", "2024")
        page.fill("#isian-label", "2025")
        page.click("#olah")
        page.wait_for_selector("#tabel-perubahan, #galat", timeout=180_000)
        counts = page.inner_text("#perubahan-ringkas")
        assert counts in printed
        codes = page.eval_on_selector_all(
            "#tabel-perubahan tbody tr", "rows => rows.map(r => r.cells[0].textContent)"
        )
        listed = [line.split()[0] for line in printed.splitlines() if line[:2] == "63"]
        assert codes == listed
        assert len(codes) == 15  # Pulau Salak is in 2025 only, with no change
        assert page.inner_text("#paling-meningkat-judul") in printed
        assert page.inner_text("#paling-meningkat-catatan") in printed
        names = page.eval_on_selector_all(
            "#tabel-meningkat tbody tr", "rows => rows.map(r => r.cells[1].textContent)"
        )
        top = printed.split(page.inner_text("#paling-meningkat-judul"))[1].splitlines()[3:8]
        assert names == [" ".join(line.split()[1:-4]) for line in top]
        page.wait_for_selector("#unduh a[href$='/files/perubahan.csv']", timeout=180_000)
        with page.expect_download() as started:
            page.click("#unduh a[href$='/files/perubahan.csv']")
        assert Path(started.value.path()).read_bytes() == out.read_bytes()
        assert errors == []
    finally:
        page.close()
