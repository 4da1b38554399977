"""Scoring: household outcomes (``household``), per-area totals (``totals``, with its kernels in
``counting`` and a survey's batches in ``batches``), scored surveys (``results``), village and
area measures (``summary``, the IKS in ``iks``), scoring files as a stream (``streaming``,
``spool``), intervals (``intervals``), the funnel plot (``funnel``) and plausibility checks
(``plausibility``). Rules: docs/aturan.md §3–§5."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)
