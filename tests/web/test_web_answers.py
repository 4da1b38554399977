"""The questions of a proposed mapping answered in the page of ``phbs web``
(phbs/web/answers.py, phbs/web/maps.py), in a real browser (Debian's Chromium through
Playwright, as test_web_map.py drives it).

The sample kader questionnaire's one question (the spelling ``K``) answered in the page as
the bundled ``peta-kuesioner-kader-batulicin.yaml`` answers it gives that mapping (compared
as loaded by ``phbs.ingest.mapping.load_map``, not as text) and ``phbs score --map``'s
numbers for it. Expected numbers come from the command line on the same files (CliRunner),
never from the page's own code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import HEADER, household, write_csv
from markupsafe import escape
from web_helpers import SAMPLE, assert_same_villages, base, multipart, request, wait_for_results

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.i18n import Lang, t
from phbs.ingest.mapping import load_map
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

KADER = SAMPLE / "kuesioner-kader-batulicin.xlsx"
ANSWERED = SAMPLE / "peta-kuesioner-kader-batulicin.yaml"
STATES = ("ya", "tidak", "tidak_berlaku", "kosong")


def asked_k(lang: Lang = "id") -> str:
    """The question the sample's proposal asks, as the catalogue words it, with where ``k``
    stands counted here from the workbook itself (openpyxl, not the proposal): the cells of
    the indicator columns the bundled mapping names, the columns with most first, each by
    its indicator's name on the form."""
    mapping = load_map(ANSWERED).map
    form = load_form("kemenkes-rt-10").form
    names = {i.code: i.name_en if lang == "en" else i.name for i in form.indicators}
    book = openpyxl.load_workbook(KADER, read_only=True)
    rows = list(book[str(mapping.sheet)].iter_rows(values_only=True))
    book.close()
    assert mapping.header_row is not None
    header = [str(h).strip() for h in rows[mapping.header_row - 1]]
    counts: dict[str, int] = {}
    for code, title in mapping.columns.items():
        if code in names:
            i = header.index(title)
            k = sum(1 for r in rows[mapping.header_row :] if str(r[i]).strip().casefold() == "k")
            if k:
                counts[names[code]] = k
    most = sorted(counts, key=lambda name: -counts[name])
    columns = ", ".join(most[:3]) + (" …" if len(most) > 3 else "")
    cells = sum(counts.values())
    where = t("web.map.where", lang, cells=cells, count=cells, columns=columns)
    return t("web.map.q.answer", lang, spelling="k", where=where)


def test_the_samples_question_answered_in_the_page_gives_the_bundled_mapping(
    page: Any, web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(KADER, KADER.name)
    page.goto(base(web) + "/")
    page.set_input_files("#berkas-peta", str(KADER))
    page.click("#usulkan")
    page.wait_for_selector("#kata-peta", timeout=120_000)
    assert "TANYA" not in page.inner_text("main")
    choice = page.get_by_label(asked_k())
    offered = choice.locator("option").all_inner_texts()
    assert offered == [t("web.map.open"), *(t(f"web.map.state.{s}") for s in STATES)]
    # The bundled mapping reads K (kadang-kadang, sometimes) as tidak.
    choice.select_option(label=t("web.map.state.tidak"))
    page.click("#simpan-jawaban")
    page.wait_for_selector("#tanpa-tanya")
    assert page.locator("#jawab, #tanya, #jawaban-ditolak").count() == 0
    answers = page.locator("#tabel-jawaban tbody tr").all_inner_texts()
    assert answers == [f"{t('web.map.state.ya')}\tv", f"{t('web.map.state.tidak')}\tx, k"]
    # The village column keeps its reason: names matched to codes.
    assert "nama desa (dicocokkan ke kode)" in page.inner_text("#tabel-kolom")

    with page.expect_download() as started:
        page.click("#unduh-peta")
    saved = tmp_path / "unduhan" / "peta.yaml"
    saved.parent.mkdir()
    started.value.save_as(saved)
    assert load_map(saved).map == load_map(ANSWERED).map

    out = tmp_path / "cli.json"
    scored = CliRunner().invoke(cli, ["score", KADER.name, "--map", str(ANSWERED), "-o", str(out)])
    assert scored.exit_code == 0, scored.output
    areas = json.loads(out.read_text(encoding="utf-8"))["wilayah"]
    page.click("#pakai-peta")
    page.click("#olah")
    wait_for_results(page)
    assert_same_villages(page, areas)


def test_an_answer_the_mapping_refuses_shows_the_command_lines_lines(
    page: Any, web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One column chosen for two fields: the page says what ``phbs score --map`` says of a
    mapping that does so, keeps the choices made, and the mapping is not changed."""
    monkeypatch.chdir(tmp_path)
    rows = [[f"R{n}", "Segumbang", *household("x")[2:]] for n in range(3)]
    survey = write_csv(tmp_path / "wil.csv", [["Nomor", "Wil", *HEADER[2:]], *rows])
    Path("peta.yaml").write_text(
        'phbs_map: 1\ncolumns:\n  id_rumah_tangga: "Wil"\n  kode_desa: "Wil"\n', encoding="utf-8"
    )
    said = CliRunner().invoke(cli, ["score", survey.name, "--map", "peta.yaml"])
    assert said.exit_code != 0
    page.goto(base(web) + "/")
    page.set_input_files("#berkas-peta", str(survey))
    page.click("#usulkan")
    page.wait_for_selector("#kata-peta", timeout=120_000)
    with page.expect_download() as started:
        page.click("#unduh-peta")
    before = Path(started.value.path()).read_bytes()
    village = t("web.map.q.column", field=t("report.col.kode_desa"))
    page.get_by_label(t("web.map.q.column", field=t("report.col.id_rumah_tangga"))).select_option(
        "Wil"
    )
    page.get_by_label(village).select_option("Wil")
    page.click("#simpan-jawaban")
    page.wait_for_selector("#jawaban-ditolak")
    page.wait_for_load_state("load")  # inner_text keeps the lines once the style sheet is in
    assert page.inner_text("#jawaban-ditolak").splitlines() == said.stderr.splitlines()
    assert page.get_by_label(village).input_value() == "Wil"
    with page.expect_download() as again:
        page.click("#unduh-peta")
    assert Path(again.value.path()).read_bytes() == before


def _proposed(web: WebServer) -> tuple[str, Path]:
    """A proposal for the sample made through the server: its page and its mapping."""
    body, kind = multipart({"form": "kemenkes-rt-10"}, {"file": KADER})
    made = request(web, "POST", "/maps", body, {"Content-Type": kind, "Origin": base(web)})
    assert made.status == 303
    where = made.headers["location"]
    return where, web.root / "peta" / where.rsplit("/", 1)[-1] / "peta.yaml"


def _answer(web: WebServer, where: str, fields: dict[str, str], origin: str) -> Any:
    body = urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
    return request(web, "POST", f"{where}/answers", body, headers)


def test_answers_from_elsewhere_or_not_among_the_choices_change_nothing(web: WebServer) -> None:
    where, mapping = _proposed(web)
    before = mapping.read_bytes()
    page = request(web, "GET", where).body.decode()
    assert f"<span>{escape(asked_k())}</span>" in page
    assert 'name="q1"' in page

    for origin in ("http://evil.example", "null"):
        refused = _answer(web, where, {"q1": "tidak"}, origin)
        assert refused.status == 403, origin
    assert mapping.read_bytes() == before

    refused = _answer(web, where, {"q1": "kadang"}, base(web))
    assert refused.status == 200  # the page again, with the line that refuses it
    said = refused.body.decode()
    refusal = t("web.map.not_a_choice", value="kadang", question=asked_k())
    assert escape(refusal) in said
    assert 'id="jawab"' in said  # the question is still asked
    assert '<option value="kadang"' not in said
    assert mapping.read_bytes() == before

    # Left open, nothing is answered and the question stays.
    assert _answer(web, where, {"q1": ""}, base(web)).status == 303
    assert load_map(mapping, questions=True).map.unanswered() == ["answers.'?': k"]
    assert _answer(web, "/maps/unknown", {"q1": "tidak"}, base(web)).status == 404
