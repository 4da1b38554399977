"""Words a newcomer reads: no English in Indonesian form texts, no Indonesian colour names in
English, English nouns that agree with their number, no doubled brackets in ``rubric show``
(every user-facing word goes through phbs/i18n.py in both languages)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.i18n import t


def show(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("form", ["riskesdas-2013", "jateng-rt-16-hunian", "jateng-rt-16"])
def test_forms_show_speaks_one_language(form: str) -> None:
    """The form's own Indonesian texts hold no English "(classes)"; the class colours are
    named in the language shown."""
    indonesian = show("forms", "show", form)
    english = show("--lang", "en", "forms", "show", form)
    assert "classes)" not in indonesian
    assert "(merah)" in indonesian
    assert "(hijau)" in indonesian
    assert "(red)" in english
    assert "(green)" in english
    for colour in ("(merah)", "(kuning)", "(hijau)", "(biru)"):
        assert colour not in english


def test_rubric_show_survey_line_has_one_bracket() -> None:
    """ "survei: % rumah tangga ber-PHBS (apa adanya)", not "(survei) (apa adanya)"."""
    indonesian = show("rubric", "show", "lomba-desa-ber-phbs")
    english = show("--lang", "en", "rubric", "show", "lomba-desa-ber-phbs")
    assert "survei: % rumah tangga ber-PHBS (apa adanya)" in indonesian
    assert "survey: % households practising PHBS (as is)" in english
    assert ") (" not in "".join(line for line in indonesian.splitlines() if "survei:" in line)
    assert ") (" not in "".join(line for line in english.splitlines() if "survey:" in line)


def test_english_nouns_agree_with_their_number() -> None:
    """One warning, one note, one problem, one degree of freedom; 0 and 2 take the plural.
    Indonesian nouns do not change."""
    assert t("rank.issues.summary", "en", errors=0, warnings=1, infos=1) == (
        "Ranking issues: 0 errors, 1 warning, 1 note"
    )
    assert t("rank.issues.summary", "en", errors=2, warnings=0, infos=3).endswith(
        "2 errors, 0 warnings, 3 notes"
    )
    assert t("rank.issues.summary", "id", errors=1, warnings=1, infos=1) == (
        "Masalah peringkat: 1 galat, 1 peringatan, 1 info"
    )
    assert t("forms.check.problems", "en", path="f.yaml", count=1) == "f.yaml: 1 problem"
    assert t("forms.check.problems", "en", path="f.yaml", count="2") == "f.yaml: 2 problems"
    params = {"phi": "1.2", "count": 3, "stat": "3.6", "critical": "6.0", "df": 1}
    text = t("report.funnel.dispersion.ok", "en", **params)
    assert "χ² with 1 degree of freedom" in text
    assert "over 3 villages" in text


def test_uncertainty_header_in_each_language() -> None:
    """The English header says "% PHBS (CI)" as the other English headers do."""
    assert t("unc.col.ci", "id") == "% ber-PHBS (IK)"
    assert t("unc.col.ci", "en") == "% PHBS (CI)"
