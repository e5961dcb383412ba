"""The sample corpus states only the seed article's figures, and the fixture claims point into its text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, need
from report_store_fixture import EXAMPLE_CLAIMS, EXAMPLE_DOCUMENTS, read_jsonl

from metrics.records import GRAINS, QUALIFIERS, STATUSES
from metrics.store.database import open_store

SEED = "000_a1d53f081b74f1bf"
NUMBER_WORDS = r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"


def numbers_in(text: str) -> set[str]:
    digits = set(re.findall(r"\d+(?:\.\d+)?", text))
    words = {w.lower() for w in re.findall(NUMBER_WORDS, text, flags=re.IGNORECASE)}
    return digits | words


def test_every_example_item_carries_its_source_and_date() -> None:
    for item in read_jsonl(EXAMPLE_DOCUMENTS):
        assert set(item) == {"id", "published", "title", "source", "text"}
        assert item["source"] == "Pakistan Point News / Sputnik"
        assert item["published"] == "2019-12-10"


def test_every_number_in_the_examples_is_one_the_seed_article_states() -> None:
    seed = need(SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    stated = numbers_in(seed)
    for item in read_jsonl(EXAMPLE_DOCUMENTS):
        invented = numbers_in(item["text"] + " " + item["title"]) - stated
        assert not invented, f"{item['id']} states {invented}, which the seed does not"


def test_the_examples_folder_readme_adds_no_figures() -> None:
    readme = (EXAMPLE_DOCUMENTS.parent / "README.md").read_text(encoding="utf-8")
    assert not numbers_in(readme)


def test_fixture_claims_point_at_their_text_and_match_the_seed_claims() -> None:
    texts = {item["id"]: item["text"] for item in read_jsonl(EXAMPLE_DOCUMENTS)}
    claims = read_jsonl(EXAMPLE_CLAIMS)
    for claim in claims:
        assert texts[claim["doc_id"]][claim["start"] : claim["end"]] == claim["surface"]
        assert claim["surface"] in claim["quote"]
        assert claim["qualifier"] in QUALIFIERS and claim["status"] in STATUSES and claim["grain"] in GRAINS
        assert claim["entities"][:2] == [claim["subject"], claim["counterpart"]]
    expected = [json.loads(line) for line in need(SEEDS / f"{SEED}.expected.jsonl").read_text().splitlines()]
    wanted = {(e["value"], e["unit"], e["qualifier"], e["status"]) for e in expected}
    assert {(c["value"], c["unit"], c["qualifier"], c["status"]) for c in claims} == wanted
    for claim in claims:
        (match,) = [e for e in expected if e["value"] == claim["value"]]
        assert sorted(match["entities"]) == sorted(claim["entities"])
        if "period_end" in match:
            assert (match.get("period_start"), match["period_end"]) == (
                claim["period_start"],
                claim["period_end"],
            )
        else:
            assert match["period_start_min"] <= claim["period_start"]
            assert claim["period_end"] <= match["period_end_max"]
            assert claim["grain"] == "undated"


def test_make_reports_ingests_the_examples_folder_and_draws_every_report(tmp_path: Path) -> None:
    """`make reports` run for real, on a copy of examples/ and reports/ (so build/ here is left alone)
    with this checkout's Makefile and installed command: the store holds exactly the example
    documents, and there is one chart per report definition and the index."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for folder in ("examples", "reports"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    db = tmp_path / "m.duckdb"
    command = ["make", "-s", "-C", str(tmp_path), "-f", str(ROOT / "Makefile"), "-o", "install"]
    command += ["-o", ".venv/.installed", "reports", f"BIN={Path(sys.executable).parent}", f"DB={db}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    stored = set(open_store(db).query("SELECT id FROM documents")["id"])
    assert stored == {item["id"] for item in read_jsonl(EXAMPLE_DOCUMENTS)}
    drawn = {path.stem for path in (tmp_path / "build" / "reports").glob("*.png")}
    defined = {path.stem.split("_", 1)[1] for path in (ROOT / "reports").glob("*.toml")}
    assert drawn == defined and (tmp_path / "build" / "reports" / "index.html").exists()
