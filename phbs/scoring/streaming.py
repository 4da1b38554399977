"""Scoring survey files in one pass, with memory bounded by the areas, not the households.

:func:`score_files` validates the files (:func:`phbs.read_survey` with a sink), scores each
batch of households as it comes and keeps only per-area counts (:mod:`phbs.scoring.totals`).
What it returns works wherever a :class:`~phbs.scoring.results.ScoreResult` is summarised or
reported: :func:`phbs.summarise`, :func:`phbs.scoring.plausibility.plausibility_issues`, the CSV and
JSON writers and :func:`phbs.write_report` — the results are the same, to the byte (see
``tests/scoring/test_streaming_score.py``). Households are not kept: ask for them to be written as
they are scored (``households_csv``) or spooled to a temporary file for a report
(``keep_households``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from phbs.errors import SettingsError
from phbs.forms.loading import LoadedForm, load_form
from phbs.forms.model import NaPolicy
from phbs.ingest.file_maps import FileMaps, MapsGiven
from phbs.ingest.file_names import file_name
from phbs.ingest.inputs import distinct_files
from phbs.ingest.settings import ReadSettings
from phbs.ingest.survey import HouseholdBatch, IdScope, Survey
from phbs.ingest.validate import read_survey
from phbs.scoring.household import HouseholdOutcomes
from phbs.scoring.recap import recap_totals
from phbs.scoring.results import HouseholdResult, ScoreResult, batch_households, score
from phbs.scoring.spool import HouseholdSpool
from phbs.scoring.totals import AreaTotals, TotalsBuilder


class HouseholdWriter(Protocol):
    """Takes each batch of households as it is scored (for example
    :class:`phbs.reports.households.HouseholdsCsv`, which writes them as CSV rows)."""

    def write(
        self, batch: HouseholdBatch, outcomes: HouseholdOutcomes, file_names: Sequence[str]
    ) -> None:
        """Take one batch; ``file_names[batch.file_index]`` names its file."""
        ...


@dataclass
class StreamedScore:
    """A survey scored batch by batch: its rows set aside and issues, per-area counts, and
    (when kept) its households in a spool on disk."""

    survey: Survey
    totals: AreaTotals
    spool: HouseholdSpool | None = field(default=None, repr=False)

    @property
    def na_policy(self) -> NaPolicy:
        """The setting that produced these outcomes."""
        return self.totals.na_policy

    def households(self) -> Iterator[HouseholdResult]:
        """The scored households in input order (needs ``keep_households=True``)."""
        if self.spool is None:
            raise ValueError(
                "households were not kept: score with keep_households=True to list them"
            )
        files = [f.name for f in self.survey.files]
        form = self.survey.form.form
        for batch, outcomes in self.spool.batches():
            yield from batch_households(batch, outcomes, files, form)

    def close(self) -> None:
        """Remove the spooled households, if any."""
        if self.spool is not None:
            self.spool.close()


def score_files(
    paths: Sequence[str | Path],
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    na_policy: NaPolicy | str | None = None,
    settings: ReadSettings | None = None,
    progress: Callable[[int], None] | None = None,
    households_csv: HouseholdWriter | None = None,
    keep_households: bool = False,
    mapping: MapsGiven | FileMaps | None = None,
) -> StreamedScore:
    """Read, validate and score survey files in one pass (memory follows the areas).

    ``households_csv`` (from :func:`phbs.reports.households.households_csv`) receives each
    household row as it is scored; ``keep_households`` spools them to a temporary file so
    :meth:`StreamedScore.households` can list them (close the result to remove it).
    ``mapping`` is as for :func:`~phbs.ingest.validate.read_survey`.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> files = sample_data().survey_files
    >>> streamed = score_files(files)
    >>> in_memory = phbs.score(phbs.read_survey(files))
    >>> phbs.summarise(streamed) == phbs.summarise(in_memory)
    True
    """
    loaded = form if isinstance(form, LoadedForm) else load_form(form)
    if settings is not None:
        loaded = loaded.without(settings.not_collected)
    builder = TotalsBuilder(loaded.form, na_policy)
    spool = HouseholdSpool() if keep_households else None
    # A file named twice is read once: batches number the files kept (phbs.ingest.inputs).
    files = distinct_files(paths)
    names = [file_name(path) for path in files.paths]

    def sink(batch: HouseholdBatch) -> None:
        outcomes = builder.add(batch)
        if households_csv is not None:
            households_csv.write(batch, outcomes, names)
        if spool is not None:
            spool.add(batch, outcomes)

    try:
        # Batches are counted (and written) as they come: a second thread for this showed
        # no gain (benchmarks/bench_devices.py), unlike reading ahead.
        survey = read_survey(
            files,
            loaded,
            sheet=sheet,
            id_scope=id_scope,
            settings=settings,
            progress=progress,
            sink=sink,
            mapping=mapping,
        )
        if survey.recap_villages is not None:  # village recaps: counts, no households
            return score_recap(survey, na_policy, households_csv, spool)
    except BaseException:
        if spool is not None:
            spool.close()
        raise
    return StreamedScore(survey=survey, totals=builder.totals(), spool=spool)


def score_recap(
    survey: Survey,
    na_policy: NaPolicy | str | None = None,
    households_csv: HouseholdWriter | None = None,
    spool: HouseholdSpool | None = None,
) -> StreamedScore:
    """Village recaps as read (:func:`~phbs.ingest.validate.read_survey`) scored: their
    counts, no households (docs/aturan.md §6.7). Households cannot be written, nor the
    household outcomes counted under another ``na_policy``."""
    form = survey.form.form
    if households_csv is not None:
        raise SettingsError(
            "rekap desa tidak berisi rumah tangga: --households tidak dapat ditulis",
            "a village recap holds no households: --households cannot be written",
        )
    if na_policy is not None and NaPolicy(na_policy) is not form.na_policy:
        raise SettingsError(
            "status rumah tangga rekap desa sudah dihitung pembuatnya: --na-policy tidak "
            "dapat mengubahnya",
            "a village recap's household outcomes were counted by its maker: --na-policy "
            "cannot change them",
        )
    villages = survey.recap_villages or []
    return StreamedScore(survey=survey, totals=recap_totals(form, villages), spool=spool)


def score_survey(
    paths: Sequence[str | Path],
    form: str | Path | LoadedForm,
    *,
    in_memory: bool,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    na_policy: NaPolicy | str | None = None,
    settings: ReadSettings | None = None,
    progress: Callable[[int], None] | None = None,
    mapping: MapsGiven | FileMaps | None = None,
) -> ScoreResult | StreamedScore:
    """The survey of a report (``phbs report``, the local page): read and scored in one
    pass with its households spooled (:func:`score_files`), or, ``in_memory``, read whole
    and scored (:func:`~phbs.scoring.results.score`) because the rank bootstrap resamples
    the households themselves. A village recap (docs/aturan.md §6.7) has no households:
    its counts are resampled instead, and it is scored as :func:`score_recap` scores it.
    Close a :class:`StreamedScore` to remove its spool.

    >>> from phbs.demo.data import sample_data
    >>> files = sample_data().survey_files
    >>> kept = score_survey(files, "kemenkes-rt-10", in_memory=True)
    >>> streamed = score_survey(files, "kemenkes-rt-10", in_memory=False)
    >>> import phbs
    >>> phbs.summarise(kept) == phbs.summarise(streamed)
    True
    >>> streamed.close()
    """
    if not in_memory:
        return score_files(
            paths,
            form,
            sheet=sheet,
            id_scope=id_scope,
            na_policy=na_policy,
            settings=settings,
            progress=progress,
            keep_households=True,
            mapping=mapping,
        )
    survey = read_survey(
        paths,
        form,
        sheet=sheet,
        id_scope=id_scope,
        settings=settings,
        progress=progress,
        mapping=mapping,
    )
    if survey.recap_villages is not None:
        return score_recap(survey, na_policy, spool=HouseholdSpool())
    return score(survey, na_policy)
