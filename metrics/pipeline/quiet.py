"""Keeping worker processes quiet and tied to their parent: Ctrl-C is the parent's to handle (one
line), and a worker whose parent has gone exits instead of waiting on a pipe nobody reads.

A terminal sends Ctrl-C (SIGINT) to every process of the foreground group, workers included; each
would print its own KeyboardInterrupt traceback. Processes started while SIGINT is ignored keep
ignoring it (Python installs its handler only over the default), so the engines start their
workers inside `sigint_ignored` and the parent alone hears Ctrl-C.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PARENT_POLL_SECONDS = 0.5
QUIET_LOGGERS = ("distributed", "tornado", "asyncio")
"""Loggers that would print multi-line tracebacks to a user's terminal while a run stops or fails."""


@contextmanager
def sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this block (in the main thread; elsewhere nothing changes), restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


QUIET_WORKERS = {"DASK_LOGGING__DISTRIBUTED": "critical"}
"""Dask's configuration, as the environment a LocalCluster's worker processes inherit, that keeps
their log lines (cancelled tasks after Ctrl-C, say) off the user's terminal."""


@contextmanager
def quiet_children() -> Iterator[None]:
    """Processes started in this block inherit QUIET_WORKERS; the environment is restored after."""
    saved = {name: os.environ.get(name) for name in QUIET_WORKERS}
    os.environ.update(QUIET_WORKERS)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class Interrupts:
    """A SIGINT handler that raises KeyboardInterrupt and remembers that it did: a library callback
    that swallows exceptions (Dask's garbage-collection hook prints "Exception ignored" and goes on)
    cannot lose a Ctrl-C, because `check` raises it again at the engine's next step."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, signum: int, frame: object) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt


@contextmanager
def remembered_interrupts() -> Iterator[Interrupts]:
    """`Interrupts` as the SIGINT handler for the block (main thread only), the previous one restored."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts
        return
    previous = signal.signal(signal.SIGINT, interrupts)
    previous_hook = sys.unraisablehook

    def unraisable(report: Any) -> None:
        """A remembered Ctrl-C raised inside a callback that cannot raise (Dask's garbage-collection
        hook) is no error to print: `check` raises it at the next step. Python printed it with a
        traceback ("Exception ignored in ... _gc_callback"), once in a fresh-clone CI run."""
        if isinstance(report.exc_value, KeyboardInterrupt) and interrupts.seen:
            return
        previous_hook(report)

    sys.unraisablehook = unraisable
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook


@contextmanager
def quiet_logs() -> Iterator[None]:
    """Dask's and its libraries' log records held back from here on: the engine reports one line.
    The levels are not restored on leaving: Dask's event-loop thread goes on logging (a task it could
    not gather after Ctrl-C, say) after the engine has returned, until the process ends.

    Distributed is imported first: its import sets its loggers' levels from its configuration (INFO),
    which would undo a level set before it (a "Couldn't gather keys" ERROR then reached the terminal
    after Ctrl-C)."""
    with contextlib.suppress(ImportError):
        import distributed  # noqa: F401
    known = list(logging.root.manager.loggerDict)  # children with a level of their own too
    for name in [*QUIET_LOGGERS, *(n for n in known if n.split(".")[0] in QUIET_LOGGERS)]:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    yield


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # the parent is gone (killed): nothing will read our results
        time.sleep(PARENT_POLL_SECONDS)


def _exit_at_once() -> None:
    """The last exit handler: leave without the interpreter's teardown (streams flushed first)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def worker_start(parent: int) -> None:
    """A pool worker's initializer: ignore Ctrl-C (the parent stops the pool) and exit soon after the
    parent dies, however it died (SIGKILL included), so no orphan holds memory or the caller's pipe.

    A worker that is told to stop has sent every result and holds no file, so it skips the
    interpreter's teardown: freeing the extractor's tables took 0.18-0.25 s per worker, and the
    parent waits for its workers to exit at the end of every run (0.02 s without)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    atexit.register(_exit_at_once)  # registered after multiprocessing's own, so it runs first
