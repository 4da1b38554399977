"""Which mapping reads which survey file (docs/aturan.md §6.5): one for every file, or one
per file, so files of different shapes (a KoBoToolbox export, a typed questionnaire) are
scored together, each read its own way, with one reconciliation per file.

>>> FileMaps.of(None).for_file("survei.csv") is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from phbs.errors import MapError
from phbs.ingest.mapping import LoadedMap, load_map

#: What :func:`~phbs.ingest.validate.read_survey` accepts as ``mapping``: one mapping (or its
#: path) for every file, or survey file → mapping.
MapsGiven = LoadedMap | str | Path | Mapping[str | Path, LoadedMap | str | Path]


def _key(path: str | Path) -> Path:
    return Path(path).expanduser().resolve()


@dataclass(frozen=True)
class FileMaps:
    """A mapping for every file (``default``), and mappings for some files by path."""

    default: LoadedMap | None = None
    per_file: tuple[tuple[Path, LoadedMap], ...] = ()

    @classmethod
    def of(cls, given: MapsGiven | FileMaps | None) -> FileMaps:
        """The mappings as given to ``read_survey``, loaded."""
        if isinstance(given, FileMaps):
            return given
        if given is None:
            return cls()
        if isinstance(given, Mapping):
            loaded = {
                _key(file): m if isinstance(m, LoadedMap) else load_map(m)
                for file, m in given.items()
            }
            return cls(None, tuple(loaded.items()))
        return cls(given if isinstance(given, LoadedMap) else load_map(given))

    def check_files(self, paths: list[Path]) -> None:
        """Refuse a mapping given for a file that is not read (a typo in ``FILE=PETA``)."""
        read = {_key(p) for p in paths}
        unread = [str(file) for file, _ in self.per_file if file not in read]
        if unread:
            raise MapError(
                f"Peta diberikan untuk berkas yang tidak dibaca: {', '.join(unread)} (sebut "
                "berkas itu juga sebagai berkas survei, atau periksa ejaannya)",
                f"A mapping is given for a file that is not read: {', '.join(unread)} (name "
                "that file as a survey file too, or check its spelling)",
            )

    def for_file(self, path: str | Path) -> LoadedMap | None:
        """The mapping ``path`` is read with, if any."""
        key = _key(path)
        for file, mapping in self.per_file:
            if file == key:
                return mapping
        return self.default

    @property
    def all(self) -> list[LoadedMap]:
        """Every mapping, each once."""
        found = [m for _, m in self.per_file]
        if self.default is not None:
            found.append(self.default)
        return list({m.path: m for m in found}.values())

    def common(self, key: str) -> str | None:
        """The value of ``form`` or ``id_scope`` the mappings agree on (None if none sets
        it); mappings that differ are refused: one survey is read with one form and one
        rule for household ids.
        """
        values = {getattr(m.map, key): m.path for m in self.all if getattr(m.map, key)}
        if len(values) > 1:
            listed = ", ".join(f"{path}: {value}" for value, path in values.items())
            raise MapError(
                f"Peta-peta berkas berbeda {key}-nya ({listed}); satu survei dibaca dengan satu "
                f"{key}",
                f"The mappings differ in {key} ({listed}); one survey is read with one {key}",
            )
        return next(iter(values), None)

    def form_for(self, given: str | None, default: str) -> str:
        """The form the survey is read with: ``given`` (a form chosen by the user) when
        there is one, else the form the mappings agree on, else ``default`` (a mapping made
        for another form than ``given`` is refused when it is applied).

        >>> FileMaps().form_for(None, "kemenkes-rt-10")
        'kemenkes-rt-10'
        """
        chosen = self.common("form")
        if given is not None:
            return given
        return chosen if chosen is not None else default
