"""make eval's dev-set figures are the acceptance checker's figures for what `metrics extract` prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SHARED, need
from store_fixture import BIN

from evaluation import devset


def test_the_dev_block_agrees_with_the_checker_run_on_the_cli_output(tmp_path: Path) -> None:
    checker = need(SHARED / "checks" / "dated_claims.py")
    need(SHARED / "dev")
    lines = devset.devset_block(SHARED, tmp_path)
    cli_predictions = tmp_path / "cli_pred.jsonl"
    with cli_predictions.open("w", encoding="utf-8") as out:
        subprocess.run(
            [str(BIN / "metrics"), "extract", str(tmp_path / "dev_input.jsonl")], stdout=out, check=True
        )
    scored = subprocess.run(
        [sys.executable, str(checker), str(cli_predictions)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    f1 = next(line for line in scored if line.startswith("claims F1"))
    assert any(line.strip().startswith(f1) for line in lines)
    assert any("entities set-equal" in line for line in lines)


def test_a_figure_is_judged_against_its_aim() -> None:
    assert "below the aim of 0.90" in devset._mark("claims F1 0.757 P 0.7 R 0.7 (tp 1 fp 1 fn 1)")
    assert "ok the aim of 0.85" in devset._mark("recall on anchored gold claims 0.900 (9/10)")
    assert devset._mark("recall on unanchored gold claims 0.5 (1/2)").strip().startswith("recall")
