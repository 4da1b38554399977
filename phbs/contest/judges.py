"""The judges' scores file of the village contest, docs/aturan.md §7.3.

Two layouts, CSV or spreadsheet (read with :func:`~phbs.ingest.readers.open_table`, so row
numbers are the ones a user sees):

* long — one score per row: ``kode_desa, kriteria, juri, nilai[, catatan]``;
* wide — one row per village and judge, one column per criterion: ``kode_desa, juri,
  <criterion>…[, catatan]``.

A score is a number 0–100, or an option letter when the rubric gives the criterion options.
Every problem is an issue record, never an exception: a blank or unreadable score, a score
out of range, an unknown criterion, a duplicate. A judge who scored a criterion for some
villages but not for another is reported too; the criterion is then aggregated over the
other judges. Cross-file checks (villages that are not in the contest) are made when ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from phbs.contest.rubric import (
    Criterion,
    JudgeOption,
    JudgeSource,
    Rubric,
    fold_value,
    parse_number,
)
from phbs.errors import UnusableFileError
from phbs.ingest.columns import fold_header
from phbs.ingest.readers import open_table
from phbs.ingest.understand import require_columns
from phbs.issues import Issue, make_issue
from phbs.regions import VillageCode

ALIASES: dict[str, set[str]] = {
    "kode_desa": {"kode desa", "kode", "kode wilayah", "kode desa kelurahan", "village code"},
    "nama_desa": {"nama desa", "desa", "kelurahan", "nama", "village", "village name"},
    "juri": {"juri", "nama juri", "penilai", "tim penilai", "judge"},
    "kriteria": {"kriteria", "butir", "kode kriteria", "criterion"},
    "nilai": {"nilai", "skor", "nilai juri", "score"},
    "catatan": {"catatan", "keterangan", "note", "notes"},
}


def locate_columns(
    header: list[str], fields: list[str], aliases: dict[str, set[str]] | None = None
) -> dict[str, int]:
    """Position of each field in ``header`` (first match by code or alias).

    >>> locate_columns(["Kode Desa", "Juri", "Nilai"], ["kode_desa", "juri", "nilai"])
    {'kode_desa': 0, 'juri': 1, 'nilai': 2}
    """
    spellings = ALIASES if aliases is None else aliases
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = fold_header(title)
        for name in fields:
            if key == fold_header(name) or key in spellings.get(name, set()):
                positions.setdefault(name, index)
    return positions


@dataclass(frozen=True)
class JudgeScore:
    """One judge's score for one criterion of one village."""

    value: float
    text: str
    row: int
    note: str = ""


@dataclass(frozen=True)
class JudgeScores:
    """Every score read: ``scores[kode_desa][criterion][judge]``, with the file's issues.

    ``judges`` and ``villages`` keep the order of first appearance; ``names`` holds the
    village names the file gives, if any.
    """

    scores: dict[str, dict[str, dict[str, JudgeScore]]]
    judges: list[str]
    villages: list[str]
    names: dict[str, str]
    layout: Literal["long", "wide"]
    issues: list[Issue] = field(default_factory=list)
    source: str = ""
    sha256: str = ""
    #: ``refused[kode_desa][criterion][judge]``: a value given but refused (not an option,
    #: not a number 0–100); the criterion is then aggregated over the other judges.
    refused: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


@dataclass
class _Reader:
    """State while reading one judges' file."""

    rubric: Rubric
    name: str
    scores: dict[str, dict[str, dict[str, JudgeScore]]] = field(default_factory=dict)
    judges: dict[str, str] = field(default_factory=dict)
    villages: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # (village, criterion, judge) already reported blank or unreadable
    reported: set[tuple[str, str, str]] = field(default_factory=set)
    # judges who scored (or tried to score) each criterion
    panel: dict[str, set[str]] = field(default_factory=dict)
    refused: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def issue(
        self, code: str, row: int | None, *, column: str = "", value: str = "", **params: object
    ) -> None:
        self.issues.append(
            make_issue(code, file=self.name, row=row, column=column, value=value, **params)
        )

    def village(self, raw: str, row: int, raw_name: str) -> str | None:
        code = VillageCode.parse(raw)
        if code is None:
            self.issue("kode-desa-salah", row, column="kode_desa", value=raw)
            return None
        if code.dotted not in self.scores:
            self.scores[code.dotted] = {}
            self.villages.append(code.dotted)
        if raw_name.strip():
            self.names.setdefault(code.dotted, raw_name.strip())
        return code.dotted

    def judge(self, raw: str, row: int) -> str | None:
        spelled = " ".join(raw.split())
        if not spelled:
            self.issue("juri-kosong", row, column="juri")
            return None
        return self.judges.setdefault(fold_value(spelled), spelled)

    def record(
        self, kode: str, item: Criterion, judge: str, text: str, row: int, note: str
    ) -> None:
        self.panel.setdefault(item.id, set()).add(judge)
        existing = self.scores[kode].get(item.id, {}).get(judge)
        key = (kode, item.id, judge)
        if existing is not None or key in self.reported:
            first = existing.row if existing is not None else "?"
            self.issue(
                "nilai-juri-ganda",
                row,
                column=item.id,
                value=text,
                kode=kode,
                judge=judge,
                first_row=first,
            )
            return
        value = self._value(item, text, row, kode, judge)
        if value is None:
            self.reported.add(key)
            if text.strip():
                self.refused.setdefault(kode, {}).setdefault(item.id, {})[judge] = text.strip()
            return
        self.scores[kode].setdefault(item.id, {})[judge] = JudgeScore(
            value, text.strip(), row, note
        )

    def _value(self, item: Criterion, text: str, row: int, kode: str, judge: str) -> float | None:
        raw = text.strip()
        if not raw:
            self.issue("nilai-juri-kosong", row, column=item.id, kode=kode, judge=judge)
            return None
        assert isinstance(item.source, JudgeSource)
        options = item.source.options
        if options is not None:
            score, expected, expected_en = _option(options, raw)
            if score is not None:
                return score
            self.issue(
                "nilai-juri-salah",
                row,
                column=item.id,
                value=raw,
                expected=expected,
                expected_en=expected_en,
            )
            return None
        number = parse_number(raw)
        if number is None:
            self.issue(
                "nilai-juri-salah",
                row,
                column=item.id,
                value=raw,
                expected="angka 0–100",
                expected_en="a number 0–100",
            )
            return None
        if not 0 <= number <= 100:
            self.issue("nilai-di-luar-rentang", row, column=item.id, value=raw)
            return None
        return number

    def criterion(self, raw: str) -> tuple[Criterion | None, str, str]:
        """The criterion a header or cell names, else why not (Indonesian, English)."""
        key = fold_header(raw)
        for _, item in self.rubric.criteria():
            if key in {fold_header(item.id), fold_header(item.name), fold_header(item.name_en)}:
                if isinstance(item.source, JudgeSource):
                    return item, "", ""
                kind = item.source.type
                return (
                    None,
                    f"bukan kriteria yang dinilai juri (sumbernya {kind})",
                    f"is not scored by judges (its source is {kind})",
                )
        rubric_id = self.rubric.id
        return None, f"tidak ada di rubrik {rubric_id}", f"is not in rubric {rubric_id}"


_LETTER_AND_TEXT = re.compile(r"^\(?([a-z])\s*[.)]\s*(.+)$", re.IGNORECASE)


def _option(options: dict[str, JudgeOption], raw: str) -> tuple[float | None, str, str]:
    """The score of an option written as its letter (``b``, ``b.``, ``(b)``) or as the
    rubric prints it (``b. Desa dan kecamatan``, the text matching that option's, case and
    spaces aside), else why not (Indonesian, English) for a ``nilai-juri-salah`` issue.

    >>> from phbs.contest.rubric import JudgeOption
    >>> options = {"a": JudgeOption(score=90, text="Desa dan kecamatan", text_en="Village"),
    ...            "b": JudgeOption(score=70, text="Desa", text_en="Village only")}
    >>> _option(options, "A. desa  DAN kecamatan")[0], _option(options, "(b)")[0]
    (90.0, 70.0)
    >>> _option(options, "a. Desa")[2]
    "option a, whose text is 'Village' (the text 'Desa' is option b's)"
    """
    folded = fold_value(raw)
    letter = folded.strip("().")
    if letter in options:
        return options[letter].score, "", ""
    listed = ", ".join(f"{k} ({o.text})" for k, o in options.items())
    listed_en = ", ".join(f"{k} ({o.text_en})" for k, o in options.items())
    match = _LETTER_AND_TEXT.match(" ".join(raw.split()))
    if match and match.group(1).lower() in options:
        letter, written = match.group(1).lower(), match.group(2).strip(" .")
        text = fold_value(written)
        option = options[letter]
        if text in (fold_value(option.text), fold_value(option.text_en)):
            return option.score, "", ""
        owners = [
            k for k, o in options.items() if text in (fold_value(o.text), fold_value(o.text_en))
        ]
        if owners:
            return (
                None,
                f"pilihan {letter}, yang teksnya '{option.text}' (teks '{written}' milik "
                f"pilihan {owners[0]})",
                f"option {letter}, whose text is '{option.text_en}' (the text '{written}' is "
                f"option {owners[0]}'s)",
            )
        return (
            None,
            f"pilihan {letter}, yang teksnya '{option.text}'; pilihannya: {listed}",
            f"option {letter}, whose text is '{option.text_en}'; the options: {listed_en}",
        )
    if parse_number(raw) is not None:
        return (
            None,
            f"huruf pilihan: tulis hurufnya, bukan angka — {listed}",
            f"an option letter: write the letter, not a number — {listed_en}",
        )
    return None, f"salah satu pilihan {listed}", f"one of the options {listed_en}"


def read_judges(path: str | Path, rubric: Rubric, *, sheet: str | None = None) -> JudgeScores:
    """Read a judges' scores file (long or wide layout) against ``rubric``.

    >>> from phbs.resources import data_path
    >>> from phbs.contest.rubric_loading import load_rubric
    >>> rubric = load_rubric("lomba-desa-ber-phbs").rubric
    >>> scores = read_judges(data_path("contoh", "juri-lomba.csv"), rubric)
    >>> scores.layout, len(scores.judges), len(scores.villages)
    ('long', 3, 14)
    """
    table = open_table(path, sheet=sheet)
    reader = _Reader(rubric, table.name)
    positions = locate_columns(table.header, list(ALIASES))
    layout: Literal["long", "wide"] = "long" if "kriteria" in positions else "wide"
    required = ["kode_desa", "juri"] + (["kriteria", "nilai"] if layout == "long" else [])
    missing = [name for name in required if name not in positions]
    require_columns(table, missing, ALIASES, what=("berkas nilai juri", "judges' file"))
    columns: dict[int, Criterion] = {}
    if layout == "wide":
        known = set(positions.values())
        for index, title in enumerate(table.header):
            if index in known or not title.strip():
                continue
            item, why, why_en = reader.criterion(title)
            if item is None:
                reader.issue(
                    "kriteria-tidak-dikenal",
                    table.header_row,
                    column=title,
                    value=title,
                    reason=why,
                    reason_en=why_en,
                )
            else:
                columns[index] = item
    if layout == "wide" and not columns:
        raise UnusableFileError(
            f"{table.name}: berkas nilai juri tanpa kolom kriteria (bentuk lebar) atau tanpa "
            "kolom 'kriteria' dan 'nilai' (bentuk panjang); lihat phbs rubric show untuk "
            "nama kriteria",
            f"{table.name}: judges' file without criterion columns (wide layout) or without "
            "'kriteria' and 'nilai' columns (long layout); see phbs rubric show for the "
            "criterion names",
        )

    def cell(cells: list[str], name: str) -> str:
        index = positions.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        kode = reader.village(cell(cells, "kode_desa"), row, cell(cells, "nama_desa"))
        if kode is None:
            continue
        judge = reader.judge(cell(cells, "juri"), row)
        if judge is None:
            continue
        note = cell(cells, "catatan").strip()
        if layout == "wide":
            for index, item in columns.items():
                text = cells[index] if index < len(cells) else ""
                reader.record(kode, item, judge, text, row, note)
            continue
        raw_criterion = cell(cells, "kriteria")
        item, why, why_en = reader.criterion(raw_criterion)
        if item is None:
            reader.issue(
                "kriteria-tidak-dikenal",
                row,
                column="kriteria",
                value=raw_criterion.strip(),
                reason=why,
                reason_en=why_en,
            )
            continue
        reader.record(kode, item, judge, cell(cells, "nilai"), row, note)
    _report_absent(reader)
    return _result(reader, layout, table.sha256)


def _report_absent(reader: _Reader) -> None:
    """A judge on a criterion's panel who has no row at all for a village and criterion."""
    order = {judge: i for i, judge in enumerate(reader.judges.values())}
    for kode in reader.villages:
        for item in reader.rubric.judged():
            panel = reader.panel.get(item.id, set())
            given = reader.scores[kode].get(item.id, {})
            for judge in sorted(panel, key=order.__getitem__):
                if judge not in given and (kode, item.id, judge) not in reader.reported:
                    reader.issue("nilai-juri-kosong", None, column=item.id, kode=kode, judge=judge)


def _result(reader: _Reader, layout: Literal["long", "wide"], sha256: str) -> JudgeScores:
    return JudgeScores(
        scores=reader.scores,
        judges=list(reader.judges.values()),
        villages=reader.villages,
        names=reader.names,
        layout=layout,
        issues=reader.issues,
        source=reader.name,
        sha256=sha256,
        refused=reader.refused,
    )
