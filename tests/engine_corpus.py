"""A small generated corpus for the engine tests (the project's own sentences), and a store snapshot
that two engines must agree on exactly."""

from __future__ import annotations

import json
from pathlib import Path

from metrics.link.extract import claims_from_document
from metrics.records import Claim, Document
from metrics.store.database import open_store

PLACES = ["Japan", "Russia", "Brazil", "Canada", "India", "Kenya", "Norway"]
GOODS = ["steel", "wheat", "copper", "timber", "coffee"]


def article(number: int) -> dict[str, object]:
    """One short wire story with money, a percentage, a count and years, varied by `number`."""
    place = PLACES[number % len(PLACES)]
    goods = GOODS[number % len(GOODS)]
    year = 2010 + number % 12
    text = (
        f"PORT TOWN, March {1 + number % 27} - Exports of {goods} to {place} rose to "
        f"${2 + number % 9} billion in {year}, up {3 + number % 7} percent from {year - 1}. "
        f"The ministry expects them to reach ${5 + number % 11} billion in {year + 2}. "
        f"About {40 + number} ships carried the cargo, officials said."
    )
    return {
        "id": f"story-{number:03d}",
        "date": f"{year}-03-{1 + number % 27:02d}",
        "title": f"{goods} to {place}",
        "text": text,
    }


def exits_on_coffee(document: Document) -> list[Claim]:
    """An extractor with a bug that calls sys.exit on the coffee stories (a module-level function, so
    worker processes can import it)."""
    if "coffee" in document.text:
        raise SystemExit(3)
    return claims_from_document(document)


def write_corpus(folder: Path, articles: int = 48) -> list[str]:
    """Two JSONL feeds (one with a bad line and an id repeated with new text) and two text files."""
    folder.mkdir(parents=True, exist_ok=True)
    first = [json.dumps(article(n)) for n in range(articles // 2)]
    first.insert(7, "{this line is not JSON")
    second = [json.dumps(article(n)) for n in range(articles // 2, articles)]
    changed = article(3)
    changed["text"] = str(changed["text"]).replace("billion", "million")
    second.append(json.dumps(changed))  # story-003 again, later, with new figures: the later one wins
    (folder / "feed-a.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    (folder / "feed-b.jsonl").write_text("\n".join(second) + "\n", encoding="utf-8")
    notes = folder / "notes"
    notes.mkdir(exist_ok=True)
    (notes / "harbour.txt").write_text(
        "HARBOUR CITY, June 3, 2020 - The port handled 12 million tonnes of grain in 2019.\n",
        encoding="utf-8",
    )
    (notes / "mill.md").write_text(
        "# Mill output\n\nMILLTOWN, May 5, 2021 - The mill cut 300,000 logs in 2020, 8% more than in 2019.\n",
        encoding="utf-8",
    )
    return [str(folder / "feed-a.jsonl"), str(folder / "feed-b.jsonl"), str(notes)]


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every stored document (but its ingest time) and every claim, in a fixed order."""
    store = open_store(db)
    documents = store.query("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id")
    claims = store.query("SELECT * FROM claims ORDER BY claim_id")
    return (
        [tuple(row) for row in documents.astype(str).itertuples(index=False)],
        [tuple(row) for row in claims.astype(str).itertuples(index=False)],
    )
