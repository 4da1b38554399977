"""Scoring: household outcomes (``household``), per-area totals (``totals``), results and
summaries (``results``), scoring files as a stream (``streaming``, ``spool``), intervals
(``intervals``), the funnel plot (``funnel``) and plausibility checks (``plausibility``).
Rules: docs/aturan.md §3–§5."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)
