"""`metrics` timed as a user runs it: a whole `metrics extract` process over the first articles of the
corpus (start-up, reading, JSON output included), and the CPU the command needs to start.

CPU time is read from the children's resource usage, so other load on a shared machine does not
inflate it the way it inflates wall time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.tools import Timing

PROCESS_ARTICLES = 5000
STARTUP_RUNS = 5
ONE_LINE = "WASHINGTON, Dec 10 - Exports rose 5% to $2.3 billion in 2019, officials said.\n"


@dataclass(frozen=True)
class Startup:
    command: str
    cpu: float
    """Median CPU seconds (user + system) of one run."""
    wall: float


def metrics_command() -> str:
    """The `metrics` console script installed beside this Python."""
    return str(Path(sys.executable).with_name("metrics"))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(CPU s, wall s) of one run of argv, its output thrown away."""
    cpu, wall = _child_cpu(), time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return _child_cpu() - cpu, time.perf_counter() - wall


def _installed_environment() -> dict[str, str]:
    """The environment without PYTHONDONTWRITEBYTECODE, as an installed package runs: Python keeps
    each module's bytecode in __pycache__ (a wheel install writes it, an editable one the first run).
    Where a shell sets the variable, as some containers do, every module is compiled at each start."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def startup_costs(runs: int = STARTUP_RUNS) -> list[Startup]:
    """`metrics --help` and `metrics extract` on a one-line file: median CPU and wall of `runs` runs,
    after an untimed run that writes the bytecode cache."""
    env = _installed_environment()
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.txt"
        one.write_text(ONE_LINE, encoding="utf-8")
        commands = {"metrics --help": ["--help"], "metrics extract (one line)": ["extract", str(one)]}
        found = []
        for label, args in commands.items():
            _timed([metrics_command(), *args], env)
            samples = sorted(_timed([metrics_command(), *args], env) for _ in range(runs))
            cpu, wall = samples[len(samples) // 2]
            found.append(Startup(label, cpu, wall))
    return found


def whole_process(corpus: Path, articles: int = PROCESS_ARTICLES) -> Timing:
    """One `metrics extract` process over the first `articles` lines of the corpus."""
    words = taken = 0
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        with corpus.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as target:
            for line in source:
                if taken == articles:
                    break
                words += len(json.loads(line).get("text", "").split())
                target.write(line)
                taken += 1
        cpu, wall = _timed([metrics_command(), "extract", str(subset)], _installed_environment())
    return Timing("metrics extract process", f"first {taken:,}", taken, words, wall, cpu)


def startup_lines(found: list[Startup], aim: float, runs: int = STARTUP_RUNS) -> list[str]:
    lines = [
        f"Start-up (median of {runs} runs, bytecode cached as installed; aim: under {aim:.1f} s of CPU each):"
    ]
    for s in found:
        verdict = "meets" if s.cpu < aim else "misses"
        lines.append(f"  {s.command:<30} CPU {s.cpu:6.3f} s   wall {s.wall:6.3f} s   {verdict} the aim")
    return lines
