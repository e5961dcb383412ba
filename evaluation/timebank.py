"""TimeBank (TimeML news documents, as TempEval-3 released them): how well `metrics times` finds and
normalises time expressions, by TempEval-3's measures for task A.

- strict: a prediction with exactly the gold span; relaxed: one that overlaps it (each gold and
  each prediction used once, gold in document order, the first unused overlapping prediction);
- type and value accuracy over the relaxed matches; value F1 is the relaxed F1 counting only the
  matches whose value is right.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from metrics.find.time_expressions import find_time_expressions
from metrics.read.documents import read_documents

FOLDER = Path("timebank")
HEIDELTIME = {"strict": 0.813, "relaxed": 0.903, "value": 0.776, "type": 0.821}
"""HeidelTime on TempEval-3's platinum test set (a different set: a yardstick, not a comparison)."""


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimebankResult:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    typed: int = 0
    valued: int = 0
    errors: list[str] = field(default_factory=list)

    def f1(self, hits: int) -> float:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def line(self, label: str, hits: int) -> str:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return f"  {label:<9} P {precision:.3f} R {recall:.3f} F1 {self.f1(hits):.3f}"


def read_timeml(path: Path) -> tuple[str, str | None, list[Gold]]:
    """The plain text of <TEXT> (tags dropped), the creation date (<DCT>) and the gold TIMEX3s."""
    root = ElementTree.parse(path).getroot()
    creation = root.find("DCT/TIMEX3")
    published = (creation.get("value") or "")[:10] if creation is not None else ""
    pieces: list[str] = []
    spans: list[tuple[int, int, str, str]] = []

    def visit(element: ElementTree.Element, offset: int) -> int:
        start = offset
        if element.text:
            pieces.append(element.text)
            offset += len(element.text)
        for child in element:
            offset = visit(child, offset)
            if child.tail:
                pieces.append(child.tail)
                offset += len(child.tail)
        if element.tag == "TIMEX3":
            spans.append((start, offset, element.get("type") or "", element.get("value") or ""))
        return offset

    body = root.find("TEXT")
    if body is not None:
        visit(body, 0)
    text = "".join(pieces)
    gold = [Gold(start, end, text[start:end], kind, value) for start, end, kind, value in spans]
    return text, published or None, gold


def _pairs(
    gold: Sequence[Gold], predicted: Sequence[dict[str, Any]], strict: bool
) -> list[tuple[Gold, dict]]:
    used: set[int] = set()
    pairs = []
    for item in gold:
        for index, guess in enumerate(predicted):
            if index in used:
                continue
            same = guess["start"] == item.start and guess["end"] == item.end
            if same or (not strict and guess["start"] < item.end and item.start < guess["end"]):
                used.add(index)
                pairs.append((item, guess))
                break
    return pairs


def predict(documents: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Our expressions per document, read the way `metrics times` reads a JSON Lines file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "timebank.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
        out: dict[str, list[dict[str, Any]]] = {}
        for document in read_documents([str(path)]):
            found = find_time_expressions(document.text, document.published)
            out[document.id] = [expression.to_dict(document.id) for expression in found]
    return out


def evaluate_timebank(peers: Path) -> TimebankResult:
    files = sorted((peers / FOLDER).glob("*.tml"))
    result = TimebankResult(documents=len(files))
    golds: dict[str, list[Gold]] = {}
    documents = []
    for path in files:
        text, published, gold = read_timeml(path)
        golds[path.stem] = gold
        documents.append({"id": path.stem, "text": text, "published": published})
    predicted = predict(documents) if documents else {}
    for doc_id, gold in golds.items():
        ours = sorted(predicted.get(doc_id, []), key=lambda p: (p["start"], p["end"]))
        result.gold += len(gold)
        result.predicted += len(ours)
        result.strict += len(_pairs(gold, ours, strict=True))
        for item, guess in _pairs(gold, ours, strict=False):
            result.relaxed += 1
            result.typed += guess.get("type") == item.type
            if guess.get("value") == item.value:
                result.valued += 1
            else:
                result.errors.append(
                    f"{doc_id}: {item.text!r} gold {item.type} {item.value} | ours {guess.get('type')} "
                    f"{guess.get('value')} {guess['text']!r}"
                )
    return result


def timebank_block(result: TimebankResult) -> list[str]:
    if not result.documents:
        return ["TimeBank: not run (no timebank/ folder among the peers' data)"]
    matched = result.relaxed or 1
    return [
        f"TimeBank: {result.documents} documents, {result.gold} gold TIMEX3, {result.predicted} predicted"
        " (TempEval-3 task A measures)",
        result.line("strict", result.strict),
        result.line("relaxed", result.relaxed),
        result.line("value", result.valued),
        result.line("type", result.typed),
        f"  type accuracy {result.typed / matched:.3f}, value accuracy {result.valued / matched:.3f}"
        f"; HeidelTime on TempEval-3 platinum: strict {HEIDELTIME['strict']:.3f}, relaxed"
        f" {HEIDELTIME['relaxed']:.3f}, value {HEIDELTIME['value']:.3f} (aim: relaxed 0.92, value 0.85)",
    ]


def failure_report(result: TimebankResult) -> str:
    return "".join(line + "\n" for line in result.errors)
