"""The % rumah tangga sehat of a form whose classes count indicators, as the reports show it:
its label names the healthy classes (``% rumah tangga sehat (PHBS baik)``), docs/aturan.md
§5.1."""

from __future__ import annotations

from collections.abc import Sequence

from phbs.forms.model import Form
from phbs.i18n import Lang, t
from phbs.scoring.household import percent
from phbs.scoring.summary import AreaSummary


def healthy_classes(form: Form, lang: Lang) -> str:
    """The names of the form's healthy classes joined by ``+`` (empty without any).

    >>> from phbs.forms.loading import load_form
    >>> healthy_classes(load_form("jateng-rt-16").form, "id")
    'Sehat Utama + Sehat Paripurna'
    """
    if form.classes is None:
        return ""
    names = [c.name_en if lang == "en" else c.name for c in form.classes.classes if c.healthy]
    return " + ".join(names)


def healthy_label(form: Form, lang: Lang) -> str:
    """The column label of the % rumah tangga sehat, naming the healthy classes.

    >>> from phbs.forms.loading import load_form
    >>> healthy_label(load_form("riskesdas-2013").form, "en")
    '% healthy households (Good PHBS)'
    """
    return t("report.col.persen_rumah_tangga_sehat", lang, classes=healthy_classes(form, lang))


def with_healthy(areas: Sequence[AreaSummary]) -> bool:
    """Whether the areas carry the % rumah tangga sehat (their form has such classes)."""
    return any(a.rumah_tangga_berkelas is not None for a in areas)


def total_healthy(areas: Sequence[AreaSummary]) -> tuple[int, int, float | None]:
    """Households in a healthy class, households with a class and the % over ``areas``,
    summed from the counts (docs/aturan.md §5.5)."""
    sehat = sum(a.rumah_tangga_sehat or 0 for a in areas)
    berkelas = sum(a.rumah_tangga_berkelas or 0 for a in areas)
    return sehat, berkelas, percent(sehat, berkelas)
