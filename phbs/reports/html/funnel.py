"""The funnel plot of the HTML page, as SVG geometry computed in Python (docs/aturan.md §5.7).

Villages are points at (households assessed, % ber-PHBS); the 95 % and 99.8 % control
limits of :func:`phbs.funnel_plot` are polylines around the overall rate. Villages outside
the 99.8 % limits are labelled on the chart and listed below it in plain language, so the
colour of a point is never the only thing that says where it lies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from phbs.i18n import Lang, fmt_int, t
from phbs.reports.funnel_text import dispersion_text, funnel_caption
from phbs.reports.html.view import fmt_pct
from phbs.scoring.funnel import FunnelData

#: Point colours by position: inside, outside 95 % only, outside 99.8 %.
POINT_COLOURS = {"dalam": "#4a7ab7", "95": "#e69f00", "99.8": "#c0392b"}


@dataclass(frozen=True)
class FunnelPointView:
    """One village as a circle, with its tooltip and (outside 99.8 %) its label."""

    x: float
    y: float
    kode: str
    colour: str
    posisi: str
    tooltip: str
    label: str
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class FunnelChart:
    """Everything the template draws for the funnel plot."""

    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    legend_x: int
    legend_y: int
    mean_y: float
    mean_text: str
    curves: list[tuple[str, str]]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    points: list[FunnelPointView]
    outside: list[str]
    outside_95: str
    intro: str
    caption: str = ""
    dispersion: str = ""
    none: str = ""
    outside_title: str = ""
    limit95: str = ""
    limit998: str = ""


def _nice_max(value: float) -> float:
    """The axis end: ``value`` rounded up to a round number (quarters stay readable).

    >>> _nice_max(395), _nice_max(1), _nice_max(2100), _nice_max(610)
    (400.0, 1.0, 2500.0, 800.0)
    """
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.6, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _spread_labels(points: list[FunnelPointView]) -> list[FunnelPointView]:
    """Move labels that would overlap another label up or down, a line at a time."""
    placed: list[tuple[float, float, float]] = []
    moved = {}
    for i in sorted((i for i, p in enumerate(points) if p.label), key=lambda i: points[i].y):
        p = points[i]
        width = 6.6 * len(p.label)
        x0 = p.label_x - width if p.anchor == "end" else p.label_x
        y = p.label_y
        for step in (0, 13, -13, 26, -26, 39, -39):
            if all(
                abs(y + step - py) >= 13 or x0 + width <= px0 or x0 >= px1
                for px0, px1, py in placed
            ):
                y += step
                break
        placed.append((x0, x0 + width, y))
        moved[i] = replace(p, label_y=round(y, 1))
    return [moved.get(i, p) for i, p in enumerate(points)]


def _side(posisi: str, lang: Lang) -> str:
    return t("report.funnel.above" if posisi.startswith("di_atas") else "report.funnel.below", lang)


def funnel_chart(
    funnel: FunnelData, lang: Lang = "id", *, narrow: bool = False
) -> FunnelChart | None:
    """Lay out the funnel plot (``None`` when no village has a complete household).

    The wide layout (904 units) has its legend right of the plot; the narrow one (356
    units, for phones) has a smaller plot and the legend under it, so its 11 px text
    stays legible on a screen 340 px wide.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    >>> chart = funnel_chart(phbs.funnel_plot(report))
    >>> len(chart.points), len(chart.curves)
    (15, 4)
    """
    if not funnel.titik:
        return None
    if narrow:
        left, top, plot_width, plot_height, right, bottom = 58, 18, 286, 240, 12, 52
        legend_x, legend_y, legend_height = 16, top + plot_height + bottom + 8, 118
    else:
        left, top, plot_width, plot_height, right, bottom = 64, 18, 640, 330, 200, 52
        legend_x, legend_y, legend_height = left + plot_width + 16, top + 8, 0
    x_max = _nice_max(max(p.n for p in funnel.titik))

    def sx(n: float) -> float:
        return round(left + plot_width * min(n, x_max) / x_max, 1)

    def sy(percent: float) -> float:
        return round(top + plot_height * (1 - min(max(percent, 0.0), 100.0) / 100), 1)

    curves = []
    for key, style in (("95", "limit95"), ("99.8", "limit998")):
        lower, upper = funnel.batas[key]
        for values in (lower, upper):
            line = " ".join(
                f"{sx(n)},{sy(v)}"
                for n, v in zip(funnel.kurva_n, values, strict=True)
                if n <= x_max
            )
            curves.append((style, line))
    points = []
    outside = []
    also_95 = []
    rate = fmt_pct(funnel.rata_rata, lang)
    for p in funnel.titik:
        far = p.posisi.endswith("99.8")
        colour = POINT_COLOURS["99.8" if far else "95" if p.posisi != "dalam" else "dalam"]
        where = t(f"report.funnel.pos.{p.posisi}", lang)
        tooltip = (
            f"{p.nama} ({p.kode}): {fmt_pct(p.persen, lang)} · "
            f"{fmt_int(p.ber_phbs, lang)} / {fmt_int(p.n, lang)} · {where}"
        )
        x, y = sx(p.n), sy(p.persen)
        # Labels go to the left of points near the right edge, so they stay on the chart
        # (and off the legend beside it).
        room = left + plot_width + (right if narrow else 0) - x - 8
        anchor = (
            "end" if x > left + plot_width * 0.8 or room < 6.6 * len(p.nama or p.kode) else "start"
        )
        label_x = x - 8 if anchor == "end" else x + 8
        points.append(
            FunnelPointView(
                x=x,
                y=y,
                kode=p.kode,
                colour=colour,
                posisi=p.posisi,
                tooltip=tooltip,
                label=p.nama or p.kode if far else "",
                label_x=label_x,
                label_y=y + 4,
                anchor=anchor,
            )
        )
        if far:
            low, high = funnel.limits_at(p.n)
            outside.append(
                t(
                    "report.funnel.item",
                    lang,
                    name=p.nama or p.kode,
                    code=p.kode,
                    percent=fmt_pct(p.persen, lang),
                    count=fmt_int(p.n, lang),
                    side=_side(p.posisi, lang),
                    low=fmt_pct(low, lang),
                    high=fmt_pct(high, lang),
                )
            )
        elif p.posisi != "dalam":
            also_95.append(p.nama or p.kode)
    points = _spread_labels(points)
    x_ticks = [(sx(x_max * i / 4), fmt_int(round(x_max * i / 4), lang)) for i in range(5)]
    y_ticks = [(sy(v), fmt_pct(v, lang, 0)) for v in (0, 25, 50, 75, 100)]
    return FunnelChart(
        width=left + plot_width + right,
        height=top + plot_height + bottom + legend_height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        legend_x=legend_x,
        legend_y=legend_y,
        mean_y=sy(funnel.rata_rata),
        mean_text=t("report.funnel.mean", lang, rate=rate),
        curves=curves,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        points=points,
        outside=outside,
        outside_95=t("report.funnel.also95", lang, names=", ".join(also_95)) if also_95 else "",
        intro=t("report.funnel.intro", lang, rate=rate),
        caption=funnel_caption(funnel, lang),
        dispersion=dispersion_text(funnel, lang),
        outside_title=t(
            "report.funnel.outside.adjusted" if funnel.adjusted else "report.funnel.outside", lang
        ),
        none=t("report.funnel.none.adjusted" if funnel.adjusted else "report.funnel.none", lang),
        limit95=t("report.funnel.limit95" + (".adjusted" if funnel.adjusted else ""), lang),
        limit998=t("report.funnel.limit998" + (".adjusted" if funnel.adjusted else ""), lang),
    )
