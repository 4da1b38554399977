"""What one job of the local page reads and how (:class:`JobSpec`): the uploaded files and
the page's choices, each as the command line's option of the same meaning, and how they
become the reading settings, the mapping and the contest's files.

Pure Python: nothing of the web stack is imported here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from phbs.contest.assessment import UncertaintyOptions
from phbs.errors import SettingsError
from phbs.forms.model import NaPolicy
from phbs.i18n import Lang
from phbs.ingest.file_maps import FileMaps
from phbs.ingest.mapping import load_map
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.outputs import CsvFormat
from phbs.regions import village_option
from phbs.reports.panel import MinutesDetails
from phbs.scoring.household import AreaLevel
from phbs.web import UPLOADS
from phbs.web.weights import AHP_RUBRIC

#: The form read when none is chosen (``phbs score``'s default ``--form``).
DEFAULT_FORM = "kemenkes-rt-10"


@dataclass(frozen=True)
class JobSpec:
    """What one job reads and how: the uploaded files (inside ``folder``) and the choices of
    the page, each as the command line's option of the same meaning.

    ``form``: a bundled form's name or an uploaded form file; left at the default, an
    uploaded mapping's form is used (as ``--form`` left out). ``rubric``: a bundled rubric's
    name or an uploaded rubric file (``--rubric``). ``village`` is ``--desa KODE``,
    ``not_collected`` ``--not-collected``, ``keep_rejected`` ``--keep-rejected``,
    ``na_policy`` ``--na-policy``, ``id_per_desa`` ``--id-per-desa``, ``csv_format``
    ``--csv-excel``; ``title`` and ``target`` are ``phbs report``'s ``--title`` and
    ``--target``; ``method``, ``rank_incomplete``, ``uncertainty`` (``--bootstrap``,
    ``--seed`` …) and ``minutes`` (``--place``, ``--date``, ``--chair``, ``--judge`` …) its
    contest options; ``baseline`` … ``code_changes`` its earlier round (``--baseline``,
    ``--label``, ``--code-changes``)."""

    folder: Path
    survey: tuple[Path, ...]
    form: str | Path = DEFAULT_FORM
    level: str = AreaLevel.DESA.value
    mapping: Path | None = None
    villages: Path | None = None
    answers: str = AnswerScheme.AUTO.value
    blank: str = BlankMeaning.AUTO.value
    sheet: str | None = None
    rubric: str | Path | None = None
    judges: Path | None = None
    attributes: Path | None = None
    overrides: Path | None = None
    include_names: bool = False
    lang: Lang = "id"
    #: ``--households-sheet-rows``: households listed in the workbook (``None``: all).
    households_sheet_rows: int | None = None
    id_per_desa: bool = False
    csv_format: CsvFormat = CsvFormat.MACHINE
    village: str | None = None
    not_collected: tuple[str, ...] = ()
    keep_rejected: bool = False
    na_policy: str | None = None
    title: str | None = None
    target: float | None = None
    method: str | None = None
    rank_incomplete: bool = False
    uncertainty: UncertaintyOptions = field(default_factory=UncertaintyOptions)
    minutes: MinutesDetails = field(default_factory=MinutesDetails)
    #: ``--baseline LABEL=FILE``: the earlier round's files and label, this round's label
    #: (``--label``) and the code-change file (``--code-changes``).
    baseline: tuple[Path, ...] = ()
    baseline_label: str | None = None
    label: str | None = None
    code_changes: Path | None = None
    #: ``--map BERKAS=PETA.yaml`` for each of the earlier round's files (instead of
    #: ``mapping``, which then reads this round's files only).
    baseline_mapping: Path | None = None
    #: ``phbs rubric ahp MATRIKS [--force] --write-into RUBRIK``: the judges' pairwise
    #: comparison matrix whose weights the rubric is ranked with.
    ahp: Path | None = None
    ahp_force: bool = False
    #: ``--ci-method`` and ``--confidence``: the villages' intervals.
    ci_method: str = "wilson"
    confidence: float = 0.95

    def asks_contest(self) -> bool:
        """Whether a choice needs a rubric, as ``phbs report`` refuses it without
        ``--rubric``: a contest file or an analysis of the rank's sureness. (The minutes'
        details, the method and ``--rank-incomplete`` are read only with a rubric.) An AHP
        matrix is written into a rubric, so it needs one too."""
        files = (self.judges, self.attributes, self.overrides)
        return any(p is not None for p in (*files, self.ahp)) or self.uncertainty.asked


def choice(kind: type[enum.Enum], value: str, name: str) -> str:
    """``value`` if it is one of ``kind``'s values, else the command line's refusal."""
    known = [str(k.value) for k in kind]
    if value not in known:
        listed = ", ".join(known)
        raise SettingsError(
            f"{name} '{value}' tidak dikenal; pilih salah satu dari {listed}",
            f"{name} '{value}' is unknown; choose one of {listed}",
        )
    return value


def reading(spec: JobSpec) -> tuple[str | Path, ReadSettings, FileMaps | None]:
    """The form, reading choices and mapping of the job (``phbs score``'s reading options;
    ``--desa`` answers a mapping's village question, as on the command line)."""
    settings = ReadSettings(
        answers=AnswerScheme(choice(AnswerScheme, spec.answers, "answers")),
        blank=BlankMeaning(choice(BlankMeaning, spec.blank, "blank")),
        not_collected=frozenset(spec.not_collected),
        keep_rejected=spec.keep_rejected,
        village=village_option(spec.village) if spec.village is not None else None,
    )
    if spec.mapping is None:
        return spec.form, settings, None
    maps = FileMaps(load_map(spec.mapping, village=spec.village is not None))
    if isinstance(spec.form, Path):  # an uploaded form, as --form FILE
        return spec.form, settings, maps
    given = None if spec.form == DEFAULT_FORM else spec.form
    return maps.form_for(given, DEFAULT_FORM), settings, maps


def na_policy(spec: JobSpec) -> str | None:
    """``--na-policy`` of the job, checked (``None``: the form's)."""
    if spec.na_policy is None:
        return None
    return choice(NaPolicy, spec.na_policy, "na_policy")


def inputs(spec: JobSpec) -> list[Path]:
    """Every file the job reads: the survey files, then the others uploaded."""
    given = [
        spec.villages,
        spec.mapping,
        spec.judges,
        spec.attributes,
        spec.overrides,
        *(p for p in (spec.form, spec.rubric) if isinstance(p, Path)),
        *spec.baseline,
        spec.baseline_mapping,
        spec.code_changes,
        spec.ahp,
    ]
    return [*spec.survey, *(p for p in given if p is not None)]


def upload_names(spec: JobSpec) -> dict[Path, str]:
    """Each file's name in the outputs: its path in the uploads (``2/survei.csv`` for a
    second ``survei.csv``), distinct, never the server's folder."""
    names = {spec.folder / AHP_RUBRIC: AHP_RUBRIC} if spec.ahp is not None else {}
    for path in inputs(spec):
        for inside in (spec.folder / UPLOADS, spec.folder):
            if path.is_relative_to(inside):
                names[path] = path.relative_to(inside).as_posix()
                break
    return names
