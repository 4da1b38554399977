"""phbs: household PHBS survey scoring for Indonesian health offices.

Read survey files, validate them, score households and summarise villages and areas::

    import phbs

    survey = phbs.read_survey(["survei.csv"], form="kemenkes-rt-10")
    result = phbs.score(survey)
    report = phbs.summarise(result, by="desa")
    for area in report.areas:
        print(area.kode, area.nama, area.persen_ber_phbs)
"""

from phbs.errors import FormError, InputFileError, OutputError, PhbsError, SettingsError
from phbs.forms import Form, LoadedForm, NaPolicy, bundled_forms, load_form
from phbs.ingest.validate import IdScope, SetAsideRow, SourceFile, Survey, read_survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.issues import Issue, Severity
from phbs.results import (
    AreaReport,
    AreaSummary,
    HouseholdResult,
    IndicatorCoverage,
    ScoreResult,
    score,
    summarise,
)
from phbs.scoring import AreaLevel, Status

__version__ = "0.1.0"

__all__ = [
    "AreaLevel",
    "AreaReport",
    "AreaSummary",
    "Form",
    "FormError",
    "HouseholdResult",
    "IdScope",
    "IndicatorCoverage",
    "InputFileError",
    "Issue",
    "LoadedForm",
    "NaPolicy",
    "OutputError",
    "PhbsError",
    "ScoreResult",
    "SetAsideRow",
    "SettingsError",
    "Severity",
    "SourceFile",
    "Status",
    "Survey",
    "VillageTotals",
    "__version__",
    "bundled_forms",
    "load_form",
    "read_survey",
    "read_villages",
    "score",
    "summarise",
]
