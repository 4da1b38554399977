"""Where the page offers what a command-line message asks for.

The page shows a failed job's message as the command line prints it (``Galat: …``), so
that both say the same; a message that asks for an option (``--blank missing``) is followed
by a line naming the control of this page that sets it, or the part of the page that does
its work (the area of village names is asked by **Usulkan peta**).
"""

from __future__ import annotations

import re

from phbs.i18n import Lang, t

#: Command-line words, and the page's control for each: (section, control) catalogue keys.
_CONTROLS: dict[str, tuple[str | None, str]] = {
    "--answers": ("web.reading", "web.answers"),
    "--blank": ("web.reading", "web.blank"),
    "--sheet": ("web.reading", "web.sheet"),
    "--id-per-desa": ("web.reading", "web.id_per_desa"),
    "--form": (None, "web.form"),
    "--villages": (None, "web.villages"),
    "--map": (None, "web.mapping"),
    "--desa": ("web.reading", "web.village"),
    "--not-collected": ("web.reading", "web.not_collected"),
    "--na-policy": ("web.reading", "web.na_policy"),
    "--keep-rejected": ("web.reading", "web.keep_rejected"),
    "--title": ("web.report", "web.title_field"),
    "--target": ("web.report", "web.target"),
    "--ci-method": ("web.report", "web.ci_method"),
    "--csv-excel": (None, "web.csv_excel"),
    "--confidence": ("web.report", "web.confidence"),
    "--rubric": ("web.contest", "web.rubric"),
    "--judges": ("web.contest", "web.judges"),
    "--attributes": ("web.contest", "web.attributes"),
    "--overrides": ("web.contest", "web.overrides"),
    "--method": ("web.contest", "web.method"),
    "--rank-incomplete": ("web.contest", "web.rank_incomplete"),
    "--bootstrap": ("web.contest", "web.bootstrap"),
    "--seed": ("web.contest", "web.seed"),
    "--shrink": ("web.contest", "web.shrink"),
    "--weight-sensitivity": ("web.contest", "web.weights"),
    "--resample-judges": ("web.contest", "web.resample_judges"),
    "--force": ("web.contest", "web.ahp_force"),
    "--baseline": ("web.rounds", "web.rounds.files"),
    "--label": ("web.rounds", "web.rounds.current"),
    "--code-changes": ("web.rounds", "web.rounds.code_changes"),
}
#: Words answered on this page by a proposed mapping (the area of village names, a file's own
#: column titles).
_MAPPING = ("--kabupaten", "--kecamatan", "phbs map")
_WORD = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|phbs map)(?![\w-])")


def option_hints(message: str, lang: Lang) -> list[str]:
    """For each command-line word in ``message`` (once each, in order), where this page
    offers it.

    >>> option_hints("Pilih dengan --blank missing atau --blank na.", "id")
    ['Di halaman ini: --blank adalah Cara membaca → Arti sel kosong.']
    >>> option_hints("beri --kabupaten KODE", "en")[0].startswith("On this page: --kabupaten")
    True
    """
    hints: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(message):
        if word in seen:
            continue
        seen.add(word)
        if word in _CONTROLS:
            section, control = _CONTROLS[word]
            place = t(control, lang)
            if section is not None:
                place = f"{t(section, lang)} → {place}"
            hints.append(t("web.hint.control", lang, option=word, place=place))
        elif word in _MAPPING:
            hints.append(t("web.hint.mapping", lang, option=word, place=t("web.map.title", lang)))
    return hints
