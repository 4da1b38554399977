"""The funnel plot's method in words, for the HTML chart and the workbook (docs/aturan.md §5.7):
which limits were drawn and what the dispersion test found."""

from __future__ import annotations

import math

from phbs.i18n import Lang, fmt_decimal, fmt_percent, t
from phbs.scoring.funnel import FunnelData


def funnel_method(funnel: FunnelData, lang: Lang = "id") -> str:
    """The limits' method by name: exact binomial, normal approximation or random effects."""
    key = "adjusted" if funnel.adjusted else funnel.metode
    return t(f"funnel.method.{key}", lang)


def funnel_caption(funnel: FunnelData, lang: Lang = "id") -> str:
    """How the lines were drawn and when a village is outside them."""
    if funnel.adjusted:
        tau = fmt_decimal(math.sqrt(funnel.tau2) * 100, lang, 1)
        return t("report.funnel.caption.adjusted", lang, tau=tau)
    return t("report.funnel.caption" + (".normal" if funnel.metode == "normal" else ""), lang)


def dispersion_text(funnel: FunnelData, lang: Lang = "id") -> str:
    """What the dispersion test found ('' with a single village).

    >>> from phbs.scoring.funnel import FunnelData
    >>> dispersion_text(FunnelData(100.0, "exact", [], []))
    ''
    """
    test = funnel.dispersi
    if test is None:
        if funnel.rata_rata in (0.0, 100.0) and len(funnel.titik) > 1:
            return t(
                "report.funnel.dispersion.none", lang, rate=fmt_percent(funnel.rata_rata, lang)
            )
        return ""
    key = "over" if test.overdispersed else "ok"
    return t(
        f"report.funnel.dispersion.{key}",
        lang,
        phi=fmt_decimal(test.phi, lang, 2),
        count=test.villages,
        stat=fmt_decimal(test.statistic, lang, 1),
        critical=fmt_decimal(test.critical, lang, 1),
        df=test.villages - 1,
        tau=fmt_decimal(math.sqrt(funnel.tau2) * 100, lang, 1),
    )
