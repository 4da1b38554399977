"""Reading survey files: one reader per source, header matching, validation.

``read_survey`` is the entry point; see :mod:`phbs.ingest.validate`.
"""

from phbs.ingest.raw_table import RawTable
from phbs.ingest.readers import open_table
from phbs.ingest.survey import SetAsideRow, SourceFile, Survey
from phbs.ingest.validate import read_survey

__all__ = ["RawTable", "SetAsideRow", "SourceFile", "Survey", "open_table", "read_survey"]
