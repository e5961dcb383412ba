"""The dated-claims dev set (../shared/dev): the whole claim record — value, unit, period, status, what
is measured and whose — scored by the dev set's own scorers, so `make eval` and the acceptance checks
cannot disagree.

The articles are extracted in-process (as `metrics extract` would) and the predictions written to
build/eval/dev_pred.jsonl; the scorers in ../shared/checks read them and this module prints their
summary lines. Nothing of the dev set is kept in the project.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from metrics.errors import InputError
from metrics.link.extract import claims_from_document
from metrics.read.documents import read_documents

SUMMARY_PREFIXES = ("claims F1", "status accuracy", "what accuracy", "recall on anchored", "recall on unanch")
AIMS = {"claims F1": 0.90, "status accuracy": 0.90, "what accuracy": 0.90, "recall on anchored": 0.85}
ENTITY_AIMS = "aims: set-equal 0.85, in role order 0.80"


def _checker(shared: Path, name: str) -> Path:
    return shared / "checks" / name


def available(shared: Path) -> bool:
    return (shared / "dev").is_dir() and _checker(shared, "dated_claims.py").exists()


def _run(script: Path, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise InputError(f"the dev set's scorer failed: {last}", path=str(script))
    return done.stdout.splitlines()


def predict(dev_input: Path, predictions: Path) -> int:
    """Extract every claim of the dev articles into a JSON Lines file; the number of claims written."""
    count = 0
    with predictions.open("w", encoding="utf-8") as out:
        for document in read_documents([str(dev_input)]):
            for claim in claims_from_document(document):
                out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
                count += 1
    return count


def _mark(line: str) -> str:
    for label, aim in AIMS.items():
        if line.startswith(label):
            figure = float(re.findall(r"\d+\.\d+", line)[0])
            return f"  {line}   ({'ok' if figure >= aim else 'below'} the aim of {aim:.2f})"
    return f"  {line}"


def devset_block(shared: Path, out: Path) -> list[str]:
    """The dev set's figures as `make eval` prints them."""
    out.mkdir(parents=True, exist_ok=True)
    dev_input, predictions = out / "dev_input.jsonl", out / "dev_pred.jsonl"
    _run(_checker(shared, "dated_claims.py"), "--make-input", str(dev_input))
    n = predict(dev_input, predictions)
    scored = _run(_checker(shared, "dated_claims.py"), str(predictions), "--show", "60")
    (out / "devset.failures.txt").write_text("\n".join(scored) + "\n", encoding="utf-8")
    summary = [line for prefix in SUMMARY_PREFIXES for line in scored if line.startswith(prefix)]
    entities = _run(_checker(shared, "dev_entities.py"), str(predictions), "--show", "60")
    (out / "dev_entities.failures.txt").write_text("\n".join(entities) + "\n", encoding="utf-8")
    return [
        f"Dated-claims dev set ({n} claims predicted on its articles; scored by ../shared/checks)",
        *[_mark(line) for line in summary],
        *[f"  {line}   ({ENTITY_AIMS})" for line in entities if line.startswith("entities set-equal")],
    ]
