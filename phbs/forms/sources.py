"""Which rules of a form name no source (``phbs forms check``).

Every rule a form states carries a one-line source (``source``, or at form level
``na_policy_source``, ``outcome_source``, ``setting_source``): the regulation or guide wording
it follows, or ``ASUMSI: <reason>`` where public sources are silent (docs/aturan.md §4.4). The
walk below finds every such field of the loaded form, so a rule added to the form model later
with its own ``source`` is covered without a change here.

>>> from phbs.forms.loading import load_form
>>> unsourced_rules(load_form("kemenkes-rt-10").form)
[]
>>> form = load_form("sekolah-8").form
>>> unsourced_rules(form.model_copy(update={"outcome_source": None}))
['outcome_source']
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel


def is_source_field(name: str) -> bool:
    """Whether a model field named ``name`` holds a rule's source.

    >>> is_source_field("source"), is_source_field("na_policy_source"), is_source_field("sources")
    (True, True, False)
    """
    return name == "source" or name.endswith("_source")


def unsourced_rules(model: BaseModel) -> list[str]:
    """The YAML path of each source field of ``model`` (and the models in it) left empty."""
    return [path for path, value in source_fields(model) if not (value or "").strip()]


def source_fields(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """``(YAML path, value)`` of every source field in ``model``, depth first."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if is_source_field(name) and (value is None or isinstance(value, str)):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from source_fields(value, path + ".")
        elif isinstance(value, list | tuple):
            for position, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from source_fields(item, f"{path}.{position}.")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from source_fields(item, f"{path}.{key}.")
