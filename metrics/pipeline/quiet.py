"""Keeping worker processes quiet and tied to their parent: Ctrl-C is the parent's to handle (one
line), and a worker whose parent has gone exits instead of waiting on a pipe nobody reads.

A terminal sends Ctrl-C (SIGINT) to every process of the foreground group, workers included; each
would print its own KeyboardInterrupt traceback. Processes started while SIGINT is ignored keep
ignoring it (Python installs its handler only over the default), so the engines start their
workers inside `sigint_ignored` and the parent alone hears Ctrl-C.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def quiet_logs() -> Iterator[None]:
    """Dask's and its libraries' log records held back for the block: the engine reports one line."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # the parent is gone (killed): nothing will read our results
        time.sleep(PARENT_POLL_SECONDS)


def worker_start(parent: int) -> None:
    """A pool worker's initializer: ignore Ctrl-C (the parent stops the pool) and exit soon after the
    parent dies, however it died (SIGKILL included), so no orphan holds memory or the caller's pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
