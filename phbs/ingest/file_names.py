"""The name a file is called by in everything said and written of it: the path as given
(what the user typed on the command line), or a name the caller chose for it.

The local page saves each upload in a private folder; it names the files as they were
uploaded (``survei.csv``, ``2/survei.csv`` for a second upload of that name) with
:func:`named_files` around the job, so no output shows the server's folder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType

_NAMES: ContextVar[Mapping[str, str]] = ContextVar("phbs_file_names", default=MappingProxyType({}))


def file_name(path: str | Path) -> str:
    """The name ``path`` is called by: the one chosen with :func:`named_files`, else the
    path as given.

    >>> with named_files({Path("/tmp/x/masukan/survei.csv"): "survei.csv"}):
    ...     file_name(Path("/tmp/x/masukan/survei.csv")), file_name("lain.csv")
    ('survei.csv', 'lain.csv')
    """
    return _NAMES.get().get(str(path), str(path))


@contextmanager
def named_files(names: Mapping[Path, str]) -> Iterator[None]:
    """Within the block (on this thread), each path of ``names`` is called by its name."""
    token = _NAMES.set(MappingProxyType({str(path): name for path, name in names.items()}))
    try:
        yield
    finally:
        _NAMES.reset(token)
