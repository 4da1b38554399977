"""Work handed to a second thread: the next CSV segment is read while this one is
validated, and a validated batch is counted while the next one is validated.

numpy releases the interpreter lock while it works on arrays, so on two cores the reading,
validating and counting of a large survey overlap. Nothing else changes: items keep their
order, at most ``depth`` of them wait between the threads (memory stays bounded), and an
error raised on the worker is raised again on the caller's thread, where the work would have
raised it without the worker (after every item before it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import queue
import sys
import threading
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

_T = TypeVar("_T")
# glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8
# How long a blocked hand-over waits before it looks again whether the other side stopped.
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class _Failure:
    error: BaseException


_END = object()


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


def _wait_for(room: threading.Semaphore, stop: threading.Event) -> bool:
    """Take a place in ``room`` unless ``stop`` is set first; return whether it was taken."""
    while not stop.is_set():
        if room.acquire(timeout=_POLL_SECONDS):
            return not stop.is_set()
    return False


class SinkThread(Generic[_T]):
    """Hand items to ``sink`` on a worker thread, in order, at most ``depth`` waiting.

    Use it as a context manager: leaving the block normally waits until every item is done
    (and raises the sink's error, if any); leaving it with an error abandons what is still
    waiting.

    >>> done = []
    >>> with SinkThread(done.append) as worker:
    ...     for n in range(3):
    ...         worker.put(n)
    >>> done
    [0, 1, 2]
    """

    def __init__(self, sink: Callable[[_T], object], depth: int = 1) -> None:
        self._sink = sink
        self._handed: queue.Queue[object] = queue.Queue(maxsize=max(depth, 1))
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._consume, name="phbs-sink", daemon=True)
        self._worker.start()

    def _consume(self) -> None:
        while not self._stop.is_set():
            try:
                item = self._handed.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                continue
            if item is _END:
                return
            try:
                self._sink(item)  # type: ignore[arg-type]
            except BaseException as error:  # raised again on the caller's thread
                self._error = error
                return

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stop.set()
            raise error

    def put(self, item: _T) -> None:
        """Hand ``item`` on (waits while ``depth`` items wait); raises the sink's error if
        an earlier item failed."""
        while True:
            self._raise_error()
            if not self._worker.is_alive():
                raise RuntimeError("the sink thread has stopped")
            try:
                self._handed.put(item, timeout=_POLL_SECONDS)
            except queue.Full:
                continue
            return

    def close(self) -> None:
        """Wait until every item handed on is done; raise the sink's error, if any."""
        if self._worker.is_alive():
            self.put(_END)  # type: ignore[arg-type]
            self._worker.join()
        self._raise_error()

    def abandon(self) -> None:
        """Stop after the item in hand; items still waiting are dropped."""
        self._stop.set()
        self._worker.join()

    def __enter__(self) -> SinkThread[_T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()


def limit_malloc_arenas(arenas: int = 1) -> bool:
    """Ask glibc to serve every thread from ``arenas`` malloc arenas; return whether it did.

    Call it before any worker thread starts. The worker threads allocate and free large
    temporary arrays; with an arena per thread, freed memory stays resident in each of
    them, about 20 MB more at five million households. The ``phbs`` command calls this;
    elsewhere (not Linux, not glibc) it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))
