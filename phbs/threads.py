"""Work handed to a second thread: the next file segment is read and parsed while this one is
validated (5 % faster on two cores at a million households, benchmarks/bench_devices.py);
and one malloc arena for all threads (about 14 MB less at a million households).

numpy releases the interpreter lock while it works on arrays, so on two cores the reading
and the validating of a large survey overlap. Nothing else changes: items keep their
order, at most ``depth`` of them wait between the threads (memory stays bounded), and an
error raised on the worker is raised again on the caller's thread, where the work would have
raised it without the worker (after every item before it).
"""

from __future__ import annotations

import ctypes
import queue
import sys
import threading
import warnings
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

_T = TypeVar("_T")
# glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8
# How long a blocked hand-over waits before it looks again whether the other side stopped.
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class _Failure:
    error: BaseException


_END = object()


def _wait_for(room: threading.Semaphore, stop: threading.Event) -> bool:
    """Take a place in ``room`` unless ``stop`` is set first; return whether it was taken."""
    while not stop.is_set():
        if room.acquire(timeout=_POLL_SECONDS):
            return not stop.is_set()
    return False


def read_ahead(items: Iterable[_T], depth: int = 1) -> Generator[_T]:
    """The items of ``items``, produced on a worker thread at most ``depth`` items ahead.

    The worker starts an item only when fewer than ``depth`` wait for the caller, so
    besides the item the caller holds, at most ``depth`` exist (one being made counts).
    When the caller stops early (an error, or closing this iterator), the worker stops
    after its current item and closes ``items``.

    >>> list(read_ahead(iter(range(5))))
    [0, 1, 2, 3, 4]
    >>> def failing():
    ...     yield 1
    ...     raise ValueError("rusak")
    >>> seen = []
    >>> try:
    ...     for item in read_ahead(failing()):
    ...         seen.append(item)
    ... except ValueError as error:
    ...     print(seen, error)
    [1] rusak
    """
    handed: queue.SimpleQueue[object] = queue.SimpleQueue()
    room = threading.Semaphore(max(depth, 1))
    stop = threading.Event()

    def produce() -> None:
        iterator = iter(items)
        try:
            while _wait_for(room, stop):
                try:
                    item = next(iterator)
                except StopIteration:
                    handed.put(_END)
                    return
                handed.put(item)
        except BaseException as error:  # raised again on the caller's thread
            handed.put(_Failure(error))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=produce, name="phbs-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = handed.get()
            room.release()
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        room.release()
        worker.join()


def limit_malloc_arenas(arenas: int = 1) -> bool:
    """Ask glibc to serve every thread from ``arenas`` malloc arenas; return whether it did.

    Call it before any worker thread starts. The worker threads allocate and free large
    temporary arrays; with an arena per thread, freed memory stays resident in each of
    them, about 20 MB more at five million households. The ``phbs`` command calls this;
    elsewhere (not Linux, not glibc) it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The C library Python itself runs on, found without ctypes.util.find_library
        # (which starts /sbin/ldconfig, a few milliseconds on every command).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))


class _InlineSink(Generic[_T]):
    """Version 0.1's ``SinkThread``, without the thread: each item goes to ``sink`` when it
    is handed on (bench_devices.py measured no gain from a second thread for the counting)."""

    def __init__(self, sink: Callable[[_T], object], depth: int = 1) -> None:
        del depth  # nothing waits
        self._sink = sink

    def put(self, item: _T) -> None:
        """Hand ``item`` to the sink now."""
        self._sink(item)

    def close(self) -> None:
        """Nothing waits: every item is done when :meth:`put` returns."""

    def __enter__(self) -> _InlineSink[_T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if not TYPE_CHECKING:  # version 0.1's SinkThread, kept for a release with a warning

    def __getattr__(name: str) -> Any:
        if name != "SinkThread":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        warnings.warn(
            "phbs.threads.SinkThread dihapus: serahkan tiap item langsung ke fungsinya "
            "(removed: hand each item to its function directly; bench_devices.py measured no "
            "gain from the thread); yang lama dihapus pada rilis berikutnya (the old name is "
            "removed in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return _InlineSink
