"""Read one round from its files (docs/aturan.md §5.8): a ``phbs score -o rekap.json`` summary,
or survey files (household rows, a village recap, a mapped export) scored as ``phbs score``
scores them, keeping each household's outcome for the transitions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from phbs.errors import SettingsError
from phbs.forms.loading import LoadedForm
from phbs.ingest.file_maps import FileMaps
from phbs.ingest.publishable import check_publishable
from phbs.ingest.settings import ReadSettings
from phbs.ingest.survey import IdScope
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue
from phbs.scoring.household import AreaLevel
from phbs.scoring.streaming import score_files
from phbs.scoring.summary import summarise
from phbs.trends.households import batch_outcomes
from phbs.trends.rounds import Round, round_from_score, totals_source
from phbs.trends.summary_json import read_round_json


def read_round(
    label: str,
    files: Sequence[str | Path],
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    villages: VillageTotals | None = None,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    settings: ReadSettings | None = None,
    mapping: FileMaps | None = None,
    progress: Callable[[int], None] | None = None,
    na_policy: str | None = None,
) -> tuple[Round, list[Issue]]:
    """One round and the issues found reading it (those of ``phbs score``'s list).

    A single ``.json`` file is the village summary of an earlier ``phbs score -o``; its form,
    ``na_policy`` and denominator are those it was scored with. Other files are read and
    scored with ``form``, the reading settings and ``na_policy`` (default: the form's), and
    their households kept for pairing.
    """
    paths = [Path(f) for f in files]
    jsons = [p for p in paths if p.suffix.lower() == ".json"]
    if jsons:
        if len(paths) > 1:
            raise SettingsError(
                f"putaran {label}: rekap JSON dibaca sendiri, tanpa berkas lain "
                f"({', '.join(p.name for p in paths)})",
                f"round {label}: a JSON summary is read on its own, without other files "
                f"({', '.join(p.name for p in paths)})",
            )
        return read_round_json(label, jsons[0]), []
    result = score_files(
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
    try:
        check_publishable(result.survey)
        report = summarise(result, by=AreaLevel.DESA, villages=villages)
        outcomes = None
        if result.survey.recap_villages is None and result.spool is not None:
            outcomes = batch_outcomes(result.spool.batches())
    finally:
        result.close()
    issues = [*result.survey.issues, *report.masalah]
    rnd = round_from_score(
        label,
        report,
        [str(p) for p in paths],
        outcomes,
        form=result.survey.form.form,
        totals_source=totals_source(villages),
    )
    return rnd, issues


def read_named_round(
    label: str,
    files: Sequence[str | Path],
    form: str | Path | LoadedForm,
    *,
    villages: VillageTotals | None = None,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    settings: ReadSettings | None = None,
    mapping: FileMaps | None = None,
    progress: Callable[[int], None] | None = None,
    na_policy: str | None = None,
) -> tuple[Round, list[Issue]]:
    """:func:`read_round` of one round among other files: only the mappings and the
    villages given for its own ``files`` (``--map FILE=PETA``, ``--desa FILE=KODE``). Read
    it within :func:`round_named` so that an error names the round."""
    from phbs.ingest.one_village import only_files

    paths = [Path(f) for f in files]
    mine = {p.expanduser().resolve() for p in paths}
    if mapping is not None:
        mapping = FileMaps(mapping.default, tuple(m for m in mapping.per_file if m[0] in mine))
    return read_round(
        label,
        paths,
        form,
        villages=villages,
        sheet=sheet,
        id_scope=id_scope,
        settings=only_files(settings or ReadSettings(), paths),
        mapping=mapping,
        progress=progress,
        na_policy=na_policy,
    )


@contextmanager
def round_named(label: str, named: tuple[str, str] | None = None) -> Iterator[None]:
    """Within the block, an error that stops the reading names the round (``named``: in
    Indonesian and English; default ``putaran LABEL``): the same file name may be in
    several rounds."""
    from phbs.errors import PhbsError

    try:
        yield
    except PhbsError as error:
        where_id, where_en = named or (f"putaran {label}", f"round {label}")
        error.message_id = f"{where_id}: {error.message_id}"
        error.message_en = f"{where_en}: {error.message_en}"
        raise
