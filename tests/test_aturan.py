"""docs/aturan.md is the reference for every rule: its numbered sections are what the code,
the forms, the docs and the tests cite (``docs/aturan.md §5.3``), and each section is cited."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ATURAN = "docs/aturan.md"
#: ``## 5. Desa dan wilayah`` or ``### 5.3 Dipantau dan besar sampel``.
HEADING = re.compile(r"^#{2,3} (\d+(?:\.\d+)?)\.? (.+)$", re.MULTILINE)
#: ``§5``, ``§5.3``, and a range ``§5.1–§5.3`` (en dash or hyphen).
SECTION = re.compile(r"§(\d+(?:\.\d+)?)(?:\s*[–-]\s*§(\d+(?:\.\d+)?))?")
#: A citation by name, ``docs/aturan.md, *Membaca berkas*``: the heading's first words.
BY_NAME = re.compile(r"aturan\.md\)?,?\s+\*?([A-Z][a-z]+(?:\s+[a-z]+){0,3})")
#: Sections that are prose only, with the reason; none so far.
EXEMPT: dict[str, str] = {}


@cache
def tracked_files() -> tuple[str, ...]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return tuple(name for name in listed.split("\0") if name)


@cache
def text(name: str) -> str | None:
    """A tracked file's text, or None for a binary (or missing) file."""
    try:
        return (ROOT / name).read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError):
        return None


@cache
def sections() -> dict[str, str]:
    """Number → title of every numbered heading of docs/aturan.md, in order."""
    found = HEADING.findall(text(ATURAN) or "")
    return dict(found)


def expand(first: str, last: str | None) -> list[str]:
    """``§5.1–§5.3`` → 5.1, 5.2, 5.3 (the numbers between, as the document has them)."""
    if last is None:
        return [first]
    numbers = list(sections())
    if first not in numbers or last not in numbers:
        return [first, last]
    return numbers[numbers.index(first) : numbers.index(last) + 1]


def citations() -> list[tuple[str, int, str]]:
    """Every section number cited, as (file, line, number): each § on a line that names
    aturan.md, and each § anywhere in docs/aturan.md itself (its own cross-references)."""
    cited = []
    for name in tracked_files():
        body = text(name)
        if body is None or "aturan.md" not in body or name == "tests/test_aturan.py":
            continue
        for number, line in enumerate(body.splitlines(), 1):
            if name != ATURAN and "aturan.md" not in line:
                continue
            for match in SECTION.finditer(line):
                cited += [(name, number, n) for n in expand(match[1], match[2])]
    return cited


def test_sections_are_numbered_in_order() -> None:
    """Top-level sections 1, 2, 3, … and subsections N.1, N.2, … under their section."""
    numbers = list(sections())
    assert len(numbers) >= 10
    top = 0
    sub = 0
    for number in numbers:
        if "." in number:
            parent, child = number.split(".")
            assert int(parent) == top, number
            assert int(child) == sub + 1, number
            sub += 1
        else:
            assert int(number) == top + 1, number
            top, sub = top + 1, 0


def test_nothing_cites_the_team_notes() -> None:
    """The rules live in docs/aturan.md and the design in docs/architecture.md: no tracked file
    cites the notes outside the repository they came from."""
    notes = ("DOMAIN" + ".md", "DESIGN" + ".md")
    named = [n for n in tracked_files() if any(note in (text(n) or "") for note in notes)]
    assert named == []


def test_every_section_ends_with_its_source() -> None:
    """Each section with text of its own (a section's intro before its first subsection too)
    ends with a paragraph that starts ``Sumber:``: the public source of its rules, or
    *ketentuan phbs*."""
    body = text(ATURAN) or ""
    parts = re.split(r"^(#{2,3} .+)$", body, flags=re.MULTILINE)
    missing = []
    for heading, section in zip(parts[1::2], parts[2::2], strict=True):
        paragraphs = [p for p in re.split(r"\n\s*\n", section) if p.strip()]
        if paragraphs and not paragraphs[-1].lstrip().startswith("Sumber:"):
            missing.append(heading)
    assert len(parts) > 2 * len(sections())
    assert missing == []


def test_every_citation_names_a_section() -> None:
    """Each ``aturan.md §N`` (or ``§N.M``, or a range) names a heading of docs/aturan.md."""
    known = sections()
    found = citations()
    assert len(found) > 300
    wrong = [f"{name}:{line}: §{n}" for name, line, n in found if n not in known]
    assert wrong == []


def test_citations_by_name_match_a_heading() -> None:
    """``docs/aturan.md, *Membaca berkas*`` still names a heading of docs/aturan.md."""
    titles = list(sections().values())
    wrong = []
    for name in tracked_files():
        body = text(name)
        if body is None or name == "tests/test_aturan.py":
            continue
        for match in BY_NAME.finditer(body):
            cited = " ".join(match[1].split())
            if not any(title.startswith(cited) for title in titles):
                wrong.append(f"{name}: {cited!r}")
    assert wrong == []


@pytest.mark.parametrize("number", list(sections()))
def test_every_section_is_cited_by_code_or_tests(number: str) -> None:
    """Each rule has code or a test pointing at it: a section is cited from phbs/ or tests/
    (a top-level section also through any of its subsections)."""
    if number in EXEMPT:
        pytest.skip(EXEMPT[number])
    cited = {n for name, _, n in citations() if name.startswith(("phbs/", "tests/"))}
    cited |= {n.split(".")[0] for n in cited}
    assert number in cited, f"docs/aturan.md §{number} {sections()[number]} is cited nowhere"


def rule_table() -> list[tuple[str, str]]:
    """``(section, code cell)`` of each row of docs/architecture.md's rules-to-code table."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    part = page.split("## Where each rule lives", 1)[1]
    return [
        (found.group(1), found.group(2))
        for found in re.finditer(r"^\| §(\d+(?:\.\d+)?) [^|]*\| ([^|]*) \|", part, re.MULTILINE)
    ]


def test_architecture_names_the_code_of_every_rule() -> None:
    """docs/architecture.md: the code of any rule of docs/aturan.md is one hop away. Every
    section without subsections has a row; each path in it exists and each name given in
    parentheses is in that file."""
    numbers = list(sections())
    leaves = {n for n in numbers if not any(m.startswith(n + ".") for m in numbers)}
    rows = rule_table()
    assert leaves <= {number for number, _ in rows}
    for number, cell in rows:
        for path, names in re.findall(r"`([\w./*-]+)`(?: \(([^)]*)\))?", cell):
            if "/" not in path:
                continue
            matches = list(ROOT.glob(path))
            assert matches, f"§{number}: {path}"
            if matches[0].is_file():
                source = matches[0].read_text(encoding="utf-8", errors="replace")
                for name in re.findall(r"`(\w+)`", names or ""):
                    assert name in source, f"§{number}: {name} not in {path}"
