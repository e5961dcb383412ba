"""`metrics --help` and the cheap commands start without loading the heavy libraries: those are imported
by the commands that use them (issue 13). Checked by what is imported, not by a clock."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("matplotlib", "pandas", "pyarrow", "duckdb", "dask", "dateparser")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_command_group_loads_no_heavy_library() -> None:
    assert loaded_after("import metrics.cli.main").isdisjoint(HEAVY)


def test_import_metrics_loads_neither_the_extractor_nor_the_store() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, metrics; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "metrics.link.extract" not in loaded and "metrics.store.database" not in loaded
    assert set(m.split(".")[0] for m in loaded).isdisjoint(HEAVY)
