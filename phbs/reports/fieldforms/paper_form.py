"""The printable paper form: the kader's grid on A4, with the definitions on the back.

One sheet per ``households`` rows (about ten households, one per row; indicators as numbered
columns), then a back page with each indicator's operational definition: the question, who it
applies to and whether ``-`` (tidak berlaku) may be written. The cells take the spellings the
readers accept: ``Y``/``T``/``-`` (docs/aturan.md §2.1). Rendered from
``reports/formulir-kertas.html.j2`` with jinja2 (autoescape on, StrictUndefined).

>>> from phbs.forms.loading import load_form
>>> html = render_paper_form(load_form("kemenkes-rt-10").form)
>>> html.count('class="grid"'), "Definisi operasional" in html
(1, True)
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from phbs.forms.classes import class_span
from phbs.forms.fields import group_name
from phbs.forms.model import Form
from phbs.outputs import atomic_text
from phbs.regions import region_table
from phbs.resources import resource_dir

TEMPLATE = "formulir-kertas.html.j2"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("reports")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _class_lines(form: Form) -> list[str]:
    """The form's classes as the legend states them: ``PHBS baik: 6–10 dari 10; …``."""
    if form.classes is None:
        return []
    scheme = form.classes
    return [f"{k.name}: {class_span(scheme, i, 'id')}" for i, k in enumerate(scheme.classes)]


def render_paper_form(
    form: Form, *, households: int = 10, sheets: int = 1, kabupaten: str | None = None
) -> str:
    """The paper form as a standalone HTML page (print it to A4 landscape)."""
    region = region_table().name(kabupaten) if kabupaten else None
    groups: list[dict[str, object]] = []
    for indicator in form.indicators:
        key = group_name(indicator.group)
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "label": indicator.group or "", "span": 0})
        groups[-1]["span"] = int(str(groups[-1]["span"])) + 1
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            form=form,
            rows=range(1, households + 1),
            sheets=range(1, sheets + 1),
            groups=groups,
            kabupaten=kabupaten,
            region=region,
            has_groups=any(i.group for i in form.indicators),
            classes=_class_lines(form),
        )
    )


def write_paper_form(
    form: Form,
    path: str | Path,
    *,
    households: int = 10,
    sheets: int = 1,
    kabupaten: str | None = None,
) -> Path:
    """Write :func:`render_paper_form` to ``path`` atomically."""
    html = render_paper_form(form, households=households, sheets=sheets, kabupaten=kabupaten)
    with atomic_text(path) as handle:
        handle.write(html)
    return Path(path)
