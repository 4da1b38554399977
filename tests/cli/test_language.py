"""The command line speaks one language at a time: ``--lang`` before or after the command,
``PHBS_LANG``, help and click's own words in that language, numbers written as it writes them
(phbs/cli/language.py, phbs/cli/translated.py)."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from phbs.cli.language import speaking
from phbs.cli.root import cli
from phbs.cli.translated import Argument, Option
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.i18n import CLICK_TEXTS, METAVARS

#: English words click writes on its own, and placeholders named after click's types: none
#: may be left in Indonesian help or messages.
ENGLISH = (
    "Usage",
    "Options",
    "Commands",
    "Show this message",
    "Show the version",
    "Error:",
    "Try '",
    "default",
    "required",
    "No such",
    "Missing",
    "Invalid value",
    "is not",
    "Got unexpected",
    "Did you mean",
    "FILE",
    "PATH",
    "TEXT",
    "INTEGER",
    "FLOAT",
    "DIRECTORY",
    "COMMAND",
)
#: Indonesian words of phbs's help and click's words in Indonesian: none in English help.
INDONESIAN = (
    "Pemakaian",
    "Opsi:",
    "Perintah:",
    "bawaan",
    "wajib",
    "Tampilkan",
    "Coba '",
    "Galat",
    "BERKAS",
    "NAMA",
    "KODE",
    "LEMBAR",
    "PERSEN",
    " yang ",
    " untuk ",
    " dengan ",
)


def walk(
    command: click.Command, ctx: click.Context, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from walk(sub, click.Context(sub, parent=ctx, info_name=name), (*path, name))


COMMANDS = [path for path, _ in walk(cli, click.Context(cli, info_name="phbs"))]


def run(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, args, prog_name="phbs")


def unwanted(text: str, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if word in text]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "phbs")
def test_help_speaks_one_language(path: tuple[str, ...]) -> None:
    """Every command's help, click's words included, is Indonesian by default and English
    with --lang en (after the command, before it, or from PHBS_LANG)."""
    indonesian = run([*path, "--help"])
    assert indonesian.exit_code == 0, indonesian.output
    assert indonesian.output.startswith(f"Pemakaian: {' '.join(['phbs', *path])} [OPSI]")
    assert unwanted(indonesian.output, ENGLISH) == []
    assert "Tampilkan bantuan ini lalu keluar." in indonesian.output
    for english in (
        run([*path, "--help", "--lang", "en"]),
        run(["--lang", "en", *path, "--help"]),
        run([*path, "--help"], env={"PHBS_LANG": "en"}),
    ):
        assert english.exit_code == 0, english.output
        assert english.output.startswith(f"Usage: {' '.join(['phbs', *path])} [OPTIONS]")
        assert "Options:" in english.output
        assert "Show this message and exit." in english.output
        assert unwanted(english.output, INDONESIAN) == []


def test_lang_before_the_command_is_accepted_with_help() -> None:
    """`phbs --lang en --help` (refused before: the group had no --lang) and the group's
    commands listed in English."""
    result = run(["--lang", "en", "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: phbs [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.output
    assert "Score household surveys" in result.output
    assert run(["--lang", "en", "--version"]).output.startswith("phbs, version ")
    assert run(["--version"]).output.startswith("phbs, versi ")


@pytest.fixture
def clean_csv(tmp_path: Path) -> Path:
    sample = sample_data().survey_files[0]
    lines = sample.read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path / "survei.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["score", "{f}"], None, "id"),
        (["score", "{f}", "--lang", "en"], None, "en"),
        (["--lang", "en", "score", "{f}"], None, "en"),
        (["score", "{f}"], {"PHBS_LANG": "en"}, "en"),
        (["score", "{f}"], {"PHBS_LANG": " EN "}, "en"),
        # The option after the command wins over the one before it, which wins over PHBS_LANG.
        (["--lang", "en", "score", "{f}", "--lang", "id"], None, "id"),
        (["--lang", "id", "score", "{f}", "--lang", "en"], None, "en"),
        (["--lang", "id", "score", "{f}"], {"PHBS_LANG": "en"}, "id"),
        (["score", "{f}", "--lang", "en"], {"PHBS_LANG": "id"}, "en"),
        # An unknown PHBS_LANG does not matter when --lang settles the language.
        (["score", "{f}", "--lang", "en"], {"PHBS_LANG": "fr"}, "en"),
        (["forms", "--lang", "en", "list"], None, "en"),
        (["--lang", "en", "forms", "list", "--lang", "id"], None, "id"),
    ],
)
def test_lang_before_after_and_from_the_environment(
    clean_csv: Path, args: list[str], env: dict[str, str] | None, lang: str
) -> None:
    result = run([a.replace("{f}", str(clean_csv)) for a in args], env)
    assert result.exit_code == 0, result.output
    said = {
        "id": ("baris dibaca", "Formulir bawaan"),
        "en": ("rows read", "Bundled forms"),
    }
    other = "en" if lang == "id" else "id"
    assert any(word in result.output for word in said[lang]), result.output
    assert not any(word in result.output for word in said[other]), result.output


def test_an_unknown_phbs_lang_is_a_clear_message() -> None:
    """PHBS_LANG=fr: exit 2, a line in each language, no traceback."""
    result = run(["forms", "list"], env={"PHBS_LANG": "fr"})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Galat: PHBS_LANG=fr: bahasa harus id atau en",
        "Error: PHBS_LANG=fr: the language must be id or en",
    ]


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (
            ["score", "{f}", "--bogus"],
            ["Opsi", "'--bogus'", "tidak ada"],
            ["No such option", "'--bogus'"],
        ),
        (["score"], ["Kurang argumen 'BERKAS...'."], ["Missing argument 'FILES...'."]),
        (
            ["score", "{f}", "--by", "pulau"],
            ["Nilai tidak sah untuk '--by': 'pulau' bukan salah satu dari 'dusun'"],
            ["Invalid value for '--by': 'pulau' is not one of 'dusun'"],
        ),
        (
            ["rank", "--seed", "x"],
            ["'--seed': 'x' bukan bilangan bulat yang sah."],
            ["'--seed': 'x' is not a valid integer."],
        ),
        (
            ["score", "{f}", "--confidence", "1,5"],
            ["'--confidence': 1,5 di luar rentang 0,5<=x<=0,999."],
            ["'--confidence': 1.5 is not in the range 0.5<=x<=0.999."],
        ),
        (
            ["forms", "print", "kemenkes-rt-10"],
            ["Kurang opsi '-o' / '--output'."],
            ["Missing option '-o' / '--output'."],
        ),
        (["rubrik"], ["Perintah 'rubrik' tidak ada.", "'rubric'"], ["No such command 'rubrik'."]),
    ],
)
def test_click_errors_speak_the_run_language(
    clean_csv: Path, args: list[str], indonesian: list[str], english: list[str]
) -> None:
    """Click's own usage errors: the usage line, the hint and the message in Indonesian by
    default, in English with --lang en; exit 2, no traceback."""
    argv = [a.replace("{f}", str(clean_csv)) for a in args]
    said = run(argv)
    assert said.exit_code == 2
    assert said.stderr.startswith("Pemakaian: phbs")
    assert "untuk bantuan." in said.stderr
    assert "\nGalat: " in said.stderr
    for words in indonesian:
        assert words in said.stderr, said.stderr
    assert unwanted(said.stderr, ENGLISH) == []
    told = run([*argv, "--lang", "en"] if args != ["rubrik"] else ["--lang", "en", *argv])
    assert told.exit_code == 2
    assert told.stderr.startswith("Usage: phbs")
    assert "for help." in told.stderr
    assert "\nError: " in told.stderr
    for words in english:
        assert words in told.stderr, told.stderr
    assert "Traceback" not in said.output + told.output


def test_phbs_errors_speak_the_run_language(tmp_path: Path) -> None:
    """A missing survey file (phbs's own message, exit 2) in either language."""
    missing = str(tmp_path / "tidak-ada.csv")
    said = run(["score", missing])
    assert said.exit_code == 2
    assert said.stderr.startswith("Galat: ")
    told = run(["--lang", "en", "score", missing])
    assert told.exit_code == 2
    assert told.stderr.startswith("Error: ")
    assert said.stderr != told.stderr


def test_decimal_comma_is_accepted_as_typed() -> None:
    """`--confidence 0,9` is 0.9, as an Indonesian would type it."""
    sample = sample_data()
    files = [str(f) for f in sample.survey_files]
    comma = run(["score", *files, "--confidence", "0,9"])
    point = run(["score", *files, "--confidence", "0.9"])
    assert comma.exit_code == point.exit_code == 0, comma.output
    assert "IK 90%" in comma.output
    assert comma.output == point.output


def total_row(output: str, word: str) -> list[str]:
    (line,) = [row for row in output.splitlines() if row.startswith(word + " ")]
    return line.split()


def test_demo_console_numbers_follow_the_language(tmp_path: Path) -> None:
    """Indonesian writes 3.011 and 41,3; English 3,011 and 41.3. The total row's percentage is
    worked out here from the counts it prints: ber-PHBS / (ber-PHBS + tidak) × 100."""
    indonesian = run(["demo", "--out", str(tmp_path / "id")])
    english = run(["demo", "--out", str(tmp_path / "en"), "--lang", "en"])
    assert indonesian.exit_code == english.exit_code == 0
    for result, word, thousands, decimal in (
        (indonesian, "Jumlah", ".", ","),
        (english, "Total", ",", "."),
    ):
        surveyed, ber, tidak, _incomplete, percent, interval = total_row(result.output, word)[1:7]
        counts = [int(n.replace(thousands, "")) for n in (surveyed, ber, tidak)]
        assert surveyed == f"{counts[0]:,}".replace(",", thousands)
        assert counts[0] > 999  # so the thousands separator is shown
        expected = f"{counts[1] / (counts[1] + counts[2]) * 100:.1f}".replace(".", decimal)
        assert percent == expected
        assert re.fullmatch(rf"\d+\{decimal}\d–\d+\{decimal}\d", interval)
        # The ranking's totals (two decimals, thousands separated) and % of maximum.
        first = next(r for r in result.output.splitlines() if r.strip().startswith("1  63."))
        assert re.search(rf"  \d\{thousands}\d{{3}}\{decimal}\d\d  +\d\d\{decimal}\d+  ", first)
    assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in indonesian.output
    assert "3,019 rows read = 3,011 scored + 8 set aside" in english.output


@pytest.fixture
def contest_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sample, contest = sample_data(), contest_sample()
    for path in [
        *sample.survey_files,
        sample.villages_file,
        contest.judges_file,
        contest.attributes_file,
        contest.overrides_file,
    ]:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


RANK = [
    "rank",
    "--survey",
    "survei-puskesmas-batulicin.csv",
    "survei-puskesmas-kusan-hilir.csv",
    "--villages",
    "desa-tanah-bumbu.csv",
    "--judges",
    "juri-lomba.csv",
    "--attributes",
    "atribut-desa.csv",
    "--overrides",
    "koreksi.csv",
    "--bootstrap",
    "50",
    "--weight-sensitivity",
    "50",
    "--shrink",
]

#: Identifiers and English words the Indonesian console must not print: severities, methods,
#: settings, tie-breaker keys, interval and prior methods.
IDENTIFIERS = (
    "warning",
    "error",
    "weighted_sum",
    "mean ",
    "subtotal:",
    "ukuran:",
    "kriteria:",
    "na_policy",
    "exclude",
    "wilson",
    "marginal-ml",
    "dukungan_kebijakan:",
)


def test_rank_console_speaks_indonesian_in_words_and_numbers(contest_folder: Path) -> None:
    """The settings line, the groups, judges' agreement (Kendall's W) and the uncertainty
    notes in words and with decimal commas; in English with decimal points."""
    said = run(RANK)
    assert said.exit_code in (0, 1), said.output
    out = said.stdout
    assert unwanted(out, IDENTIFIERS) == []
    assert "Metode: jumlah tertimbang · nilai juri: rata-rata" in out
    assert "penentu seri: subtotal Keluaran, subtotal Proses" in out
    assert re.search(r"W = 0,\d\d \(χ² = \d+,\d\d, db = \d+, p = 0,\d{3}; 3 juri", out)
    assert "Total nilai juri: W = " in out
    assert re.search(
        r"ditarik ke μ = \d\d,\d\d % dengan κ = α \+ β = \d+,\d "
        r"\(prior Beta\(\d+,\d\d; \d+,\d\d\), bernilai \d+,\d rumah",
        out,
    )
    assert "IK = interval kepercayaan 95% (skor Wilson" in out
    told = run([*RANK, "--lang", "en"])
    text = told.stdout
    assert "Method: weighted sum · judges' scores: mean" in text
    assert re.search(r"W = 0\.\d\d \(χ² = \d+\.\d\d, df = \d+, p = 0\.\d{3}; 3 judges", text)
    assert re.search(
        r"pulled toward μ = \d\d\.\d\d% with κ = α \+ β = \d+\.\d "
        r"\(prior Beta\(\d+\.\d\d, \d+\.\d\d\), worth \d+\.\d households",
        text,
    )


def test_validate_and_score_name_severities_in_indonesian() -> None:
    """galat / peringatan / info (a loan word in KBBI, as the reports say it), never the
    English severities."""
    files = [str(f) for f in sample_data().survey_files]
    for args in (["validate", *files], ["score", *files]):
        out = run(args).stdout
        assert re.search(r"Masalah data: \d+ galat, \d+ peringatan, \d+ info", out)
        assert re.search(r"\d+  peringatan  jawaban-kosong  ", run(["validate", *files]).stdout)
        assert unwanted(out, ("warning", "error", "na_policy", "exclude", "wilson")) == []


def test_every_parameter_is_translated() -> None:
    """Every parameter of every command is phbs's Option or Argument, with help in both
    languages (options) and a placeholder the catalogue knows."""
    for path, command in walk(cli, click.Context(cli, info_name="phbs")):
        ctx = click.Context(command, info_name=path[-1] if path else "phbs")
        for param in command.get_params(ctx):
            where = f"phbs {' '.join(path)} {param.name}"
            if isinstance(param, Argument):
                assert param.metavar_id in METAVARS, where
                continue
            assert isinstance(param, Option), where
            if param.hidden:
                continue
            assert param.help_key is not None, where
            assert param.help, where
            if param.metavar_id is not None:
                assert param.metavar_id in METAVARS, where
            else:
                assert param.is_flag or isinstance(param.type, click.Choice), where


#: Click's messages phbs never shows a user: a mistake in a program's own declarations, a
#: repr, an editor or a shell completion, and the path kinds click names when the program
#: loads (the Indonesian messages that use them leave them out).
NOT_SHOWN = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "Choice({choices})",
    "d",
    "file",
    "directory",
    "path",
}


def click_messages() -> set[str]:
    """Every message the installed click passes to ``_`` or ``ngettext``, read from its
    source (a new click version's new messages show up here)."""
    found: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                count = {"_": 1, "ngettext": 2}.get(node.func.id, 0)
                for arg in node.args[:count]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def test_every_message_of_click_has_indonesian() -> None:
    messages = click_messages()
    assert len(messages) > 50
    assert sorted(messages - NOT_SHOWN - set(CLICK_TEXTS)) == []


def test_click_and_gettext_are_left_alone_outside_a_run() -> None:
    """Importing phbs changes nothing in click; a run swaps click's ``_`` only while it runs,
    and only for its own context: another thread meanwhile gets click's English."""
    probe = (
        "import gettext, click.core, phbs, phbs.cli.root; "
        "print(click.core._ is gettext.gettext, gettext.textdomain())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["True", "messages"], done.stderr
    from click import core

    def words() -> Callable[[str], str]:
        found: Callable[[str], str] = vars(core)["_"]
        return found

    assert run(["--help"]).exit_code == 0
    assert words() is gettext.gettext
    seen: list[str] = []
    with speaking("id"):
        here = words()("Usage:")
        other = threading.Thread(target=lambda: seen.append(words()("Usage:")))
        other.start()
        other.join()
    assert (here, seen) == ("Pemakaian:", ["Usage:"])
    assert words() is gettext.gettext
