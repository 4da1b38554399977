"""The mapping proposals of one ``phbs web`` server: ``phbs map`` in the page.

A proposal is made by the same library calls as ``phbs map FILE -o peta.yaml``
(:func:`~phbs.ingest.propose.propose`, :func:`~phbs.ingest.map_text.map_text`) for one
uploaded file, in a private folder under the server's temp root, found again by its random
id only. Its file and its ``peta.yaml`` stay there for the next job that uses them. The questions
answered on the page (:mod:`phbs.web.answers`) are written into that mapping as
``phbs map FILE --map peta.yaml -o peta.yaml`` writes a partly answered one.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from phbs.errors import PhbsError
from phbs.forms.loading import load_form
from phbs.i18n import Lang, t
from phbs.ingest.map_text import map_said, map_text, reason, score_command
from phbs.ingest.mapping import QUESTION, checked_map, load_map
from phbs.ingest.proposal import Proposal
from phbs.ingest.propose import propose
from phbs.version import __version__
from phbs.web import UPLOADS
from phbs.web.answers import NotAChoice, Question, answered, questions
from phbs.web.decided import decisions, field_label
from phbs.web.worker import shown

#: The one name a proposed mapping is written and downloaded under.
MAP_NAME = "peta.yaml"
#: The comments of a mapping that ask a person something start with this word.
ASKED = "TANYA:"


@dataclass(frozen=True)
class Matched:
    """One field of the form with the file's column proposed for it, and why."""

    field: str
    header: str
    why: str


@dataclass(frozen=True)
class MapView:
    """What the page says of a proposal: ``phbs map``'s lines, the columns matched, the
    answer spellings read as each answer, the columns left unread, the fields not found
    and the questions the mapping asks (its ``TANYA`` comments)."""

    said: list[str]
    matched: list[Matched]
    answers: list[tuple[str, list[str]]]
    unread: list[str]
    not_found: list[str]
    asked: list[str]
    questions: list[Question] = field(default_factory=list)
    #: Whether some question can only be answered in the downloaded file.
    elsewhere: bool = False
    #: What the mapping decides besides columns and spellings, in plain lines.
    decided: list[str] = field(default_factory=list)
    #: The form's name of each field the page names (code → label).
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Proposed:
    """One proposal: its folder, the uploaded file, and the mapping or the one error line."""

    id: str
    folder: Path
    file: Path
    lang: Lang
    view: MapView | None = None
    error: str = ""
    proposal: Proposal | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def mapping(self) -> Path:
        """The proposed ``peta.yaml`` (written only when the proposal was made)."""
        return self.folder / MAP_NAME


def map_view(proposal: Proposal, text: str, file: str, lang: Lang) -> MapView:
    """The proposal in words, as ``phbs map`` says it and its mapping writes it."""
    matched = [Matched(c.field or "", c.header, reason(c.why, lang)) for c in proposal.mapped()]
    matched += [Matched(code, header, "") for code, header in proposal.denominators.items()]
    states = ("ya", "tidak", "tidak_berlaku", "kosong")
    answers = []
    for state in states:
        spelled = [*proposal.given_answers.get(state, []), *proposal.answers.get(state, [])]
        if spelled:
            answers.append((state, spelled))
    if proposal.unknown_answers:
        answers.append((QUESTION, list(proposal.unknown_answers)))
    unread = [c.header for c in proposal.columns if c.field is None]
    asked = [line.strip().removeprefix("#").strip() for line in text.splitlines()]
    offered = questions(proposal, lang)
    # The page asks in its own words: phbs map's pointer to TANYA in the file is not said.
    said = map_said(proposal, file, MAP_NAME, lang)
    open_line = t("map.questions", lang, count=proposal.questions, path=MAP_NAME)
    said = [
        t("web.map.questions", lang, count=proposal.questions) if line == open_line else line
        for line in said
    ]
    codes = [m.field for m in matched] + list(proposal.missing)
    return MapView(
        said=said,
        matched=matched,
        answers=answers,
        unread=[] if proposal.sheet_asked else unread,
        not_found=[] if proposal.sheet_asked else list(proposal.missing),
        asked=[line for line in asked if line.startswith(ASKED)],
        questions=offered,
        # A file of answers' unknown questions are one question of phbs map's count.
        elsewhere=proposal.questions
        > len({q.kind if q.kind == "question" else q.name for q in offered}),
        decided=decisions(proposal, lang),
        labels={code: field_label(proposal.form, code, lang) for code in codes},
    )


def make_proposal(proposed: Proposed, form_name: str) -> None:
    """Propose a mapping for the uploaded file as ``phbs map FILE -o peta.yaml`` does, and
    keep it; a file that cannot be read leaves the command line's one line instead."""
    lang, name = proposed.lang, proposed.file.name
    try:
        found = propose(proposed.file, load_form(form_name).form)
        found.file = name  # named as uploaded, as the command line names it as given
        text = map_text(found, score_command(name, MAP_NAME), lang)
        proposed.mapping.write_text(text, encoding="utf-8")
        proposed.view = map_view(found, text, name, lang)
        proposed.proposal = found
    except PhbsError as error:
        message = shown(error.message(lang), proposed.folder)
        proposed.error = f"{t('cli.error', lang)}: {message}"
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        proposed.error = t("web.internal", lang, error=type(error).__name__, version=__version__)


def answer(proposed: Proposed, given: Mapping[str, str]) -> str:
    """Write the answers ``given`` on the page (question name → choice) into the proposal's
    mapping and propose the rest again, as ``phbs map FILE --map peta.yaml`` does; the
    mapping is checked as ``phbs score --map`` loads it. The one line that refuses the
    answers, if any ("" when written): then the mapping is left as it was."""
    found, lang = proposed.proposal, proposed.lang
    if found is None or proposed.view is None:
        return ""
    again = proposed.folder / "baru"
    again.mkdir(exist_ok=True)
    candidate = again / MAP_NAME
    try:
        current = load_map(proposed.mapping, questions=True).map
        data = answered(current, proposed.view.questions, given)
        start = checked_map(data, candidate)
        form = found.form
        found = propose(proposed.file, form, start=start)
        found.file = proposed.file.name
        text = map_text(found, score_command(found.file, MAP_NAME), lang)
        candidate.write_text(text, encoding="utf-8")
        load_map(candidate, questions=True).map.applied_to(form, candidate)
    except NotAChoice as refused:
        question = refused.question
        typed = "web.map.not_a_village" if question.kind == "village" else "web.map.not_an_area"
        key = typed if question.typed else "web.map.not_a_choice"
        return t(key, lang, value=refused.value, question=question.asked)
    except PhbsError as error:
        candidate.unlink(missing_ok=True)
        return f"{t('cli.error', lang)}: {shown(error.message(lang), again)}"
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        candidate.unlink(missing_ok=True)
        return t("web.internal", lang, error=type(error).__name__, version=__version__)
    os.replace(candidate, proposed.mapping)
    proposed.proposal, proposed.view = found, map_view(found, text, found.file, lang)
    return ""


@dataclass
class Maps:
    """The server's proposals, each in a folder under ``root``."""

    root: Path
    _maps: dict[str, Proposed] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def folder(self) -> tuple[str, Path]:
        """A fresh random id and its private folder (with its uploads folder)."""
        map_id = secrets.token_urlsafe(18)
        folder = self.root / map_id
        (folder / UPLOADS).mkdir(mode=0o700, parents=True)
        return map_id, folder

    def add(self, proposed: Proposed) -> None:
        with self._lock:
            self._maps[proposed.id] = proposed

    def get(self, map_id: str) -> Proposed | None:
        with self._lock:
            return self._maps.get(map_id)
