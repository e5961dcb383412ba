"""A Ctrl-C that lands in a callback which cannot raise (Dask's garbage-collection hook) is remembered
and raised at the engine's next step, and Python prints no "Exception ignored" traceback for it. Run in
a process of its own: pytest replaces Python's hook for such errors with its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import gc, sys
    from metrics.pipeline.quiet import remembered_interrupts

    def callback(phase, info):
        if phase == "start":
            if sys.argv[1] == "ctrl-c":
                interrupts(2, None)  # the SIGINT handler, run as the signal runs it, inside the callback
            else:
                raise ValueError("a bug in a callback")

    with remembered_interrupts() as interrupts:
        gc.callbacks.append(callback)
        gc.collect()
        gc.callbacks.remove(callback)
        try:
            interrupts.check()
        except KeyboardInterrupt:
            print("interrupted")
    """
)


def _run(kind: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, kind], capture_output=True, text=True, timeout=60, check=True
    )


def test_a_remembered_ctrl_c_in_a_gc_callback_prints_no_traceback() -> None:
    result = _run("ctrl-c")
    assert result.stdout.strip() == "interrupted"
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_another_error_in_such_a_callback_is_still_reported() -> None:
    result = _run("bug")
    assert "a bug in a callback" in result.stderr and not result.stdout.strip()
