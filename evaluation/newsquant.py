"""NewsQuant (CQE, EMNLP 2023) dev half: value and value+unit precision, recall and F1 of our claims.

The rules are the benchmark's published ones, as the acceptance check applies them: a value counts
when it is within 1% of the gold one (a gold range "a-b" by its ends), each gold quantity takes the
first unused claim that fits, and every claim left over is a false positive.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from metrics.errors import InputError
from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document

DEV_FILE = Path("newsquant") / "NewsQuant.dev.json"
CQE_VALUE_F1 = 0.920
CQE_UNIT_F1 = 0.856

ClaimDict = Mapping[str, Any]
GoldQuantity = Mapping[str, Any]
_GOLD_RANGE = re.compile(r"(-?[\d.]+(?:e[+-]?\d+)?)-(-?[\d.]+(?:e[+-]?\d+)?)")


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the ratios made from them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class SentenceOutcome:
    """One sentence scored with units: the gold quantities missed and the claims left unmatched."""

    doc_id: str
    text: str
    gold: Sequence[GoldQuantity]
    claims: Sequence[ClaimDict]
    missed: list[GoldQuantity] = field(default_factory=list)
    spurious: list[ClaimDict] = field(default_factory=list)


@dataclass(frozen=True)
class NewsQuantResult:
    sentences: int
    quantities: int
    value: Counts
    value_unit: Counts
    outcomes: list[SentenceOutcome]


@dataclass(frozen=True)
class UnitRules:
    """The benchmark's unit table (evaluation/data/newsquant_units.toml)."""

    currencies: dict[str, str]
    spellings: dict[str, str]
    dimensionless: frozenset[str]
    count_units: frozenset[str]
    percent_units: frozenset[str]


@cache
def unit_rules() -> UnitRules:
    raw = tomllib.loads((Path(__file__).parent / "data" / "newsquant_units.toml").read_text("utf-8"))
    return UnitRules(
        currencies=dict(raw["currencies"]),
        spellings=dict(raw["spellings"]),
        dimensionless=frozenset(raw["dimensionless"]),
        count_units=frozenset(raw["count_units"]),
        percent_units=frozenset(raw["percent_units"]),
    )


def load_dev(peers: Path) -> list[dict[str, Any]]:
    """The dev sentences, in file order (sentence i is scored as document `nq-i`)."""
    path = peers / DEV_FILE
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read NewsQuant: {error.strerror or error}", path=str(path)) from None
    except json.JSONDecodeError as error:
        raise InputError(f"NewsQuant is not valid JSON ({error.msg})", path=str(path)) from None
    if not isinstance(items, list):
        raise InputError("NewsQuant should be a JSON list of sentences", path=str(path))
    for index, item in enumerate(items):
        problem = sentence_problem(item)
        if problem:
            raise InputError(f"sentence {index}: {problem}", path=str(path))
    return items


def sentence_problem(item: object) -> str | None:
    """What is wrong with one NewsQuant sentence record, or None."""
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return "expected an object with a 'text' string"
    quantities = item.get("quantities")
    if not isinstance(quantities, list) or not all(isinstance(q, dict) for q in quantities):
        return "expected 'quantities' to be a list of objects"
    for quantity in quantities:
        try:
            gold_bounds(quantity.get("value"))
        except ValueError:
            return f"gold value {quantity.get('value')!r} is not a number or a range"
    return None


def gold_bounds(raw: object) -> tuple[float, float]:
    """A gold value as (low, high): "12.5" -> (12.5, 12.5), "1,000-2,000" -> (1000, 2000)."""
    compact = str(raw).replace(",", "").replace(" ", "")
    pair = _GOLD_RANGE.fullmatch(compact)
    if pair:
        return float(pair[1]), float(pair[2])
    single = float(compact)
    return single, single


def near(ours: object, gold: float) -> bool:
    """Within 1% of the larger magnitude (or equal); anything that is not a number is never near."""
    try:
        mine = float(ours)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    gap = abs(mine - gold)
    return gap < 1e-9 or gap <= 0.01 * max(abs(mine), abs(gold))


def value_matches(gold: GoldQuantity, claim: ClaimDict) -> bool:
    low, high = gold_bounds(gold["value"])
    if low == high:
        return near(claim.get("value"), low) or (near(claim.get("low"), low) and claim.get("high") is None)
    both_ends = near(claim.get("low"), low) and near(claim.get("high"), high)
    return both_ends or near(claim.get("value"), low) or near(claim.get("value"), high)


def fold_unit(unit: str, rules: UnitRules) -> str:
    """Lower-case, spell abbreviations out, and drop a plural -s ("miles" -> "mile", not "gas")."""
    folded = unit.strip().lower()
    folded = rules.spellings.get(folded, folded)
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


def unit_matches(gold: GoldQuantity, claim: ClaimDict, rules: UnitRules | None = None) -> bool:
    rules = rules or unit_rules()
    wanted = str(gold.get("normalized_unit") or "").strip().lower()
    ours = str(claim.get("unit") or "")
    if wanted in rules.currencies:
        return ours.upper() == rules.currencies[wanted]
    if wanted == "percentage":
        return ours in rules.percent_units
    ours_folded, wanted_folded = fold_unit(ours, rules), fold_unit(wanted, rules)
    if wanted in rules.dimensionless:
        return ours.lower() in rules.count_units or ours_folded == wanted_folded
    if ours_folded == wanted_folded or ours_folded.split()[-1:] == wanted_folded.split()[-1:]:
        return True
    # A counted thing: unit "count" with the counted noun in the metric ("sanctions" -> "sanctions_used").
    metric = str(claim.get("metric") or "").lower()
    return ours.lower() == "count" and wanted_folded.split()[-1] in metric


def match_sentence(
    gold: Iterable[GoldQuantity], claims: Iterable[ClaimDict], with_unit: bool
) -> tuple[list[GoldQuantity], list[ClaimDict], int]:
    """Greedy matching in order: (gold missed, claims left over, number matched)."""
    unused = list(claims)
    missed: list[GoldQuantity] = []
    matched = 0
    for quantity in gold:
        for index, claim in enumerate(unused):
            if value_matches(quantity, claim) and (not with_unit or unit_matches(quantity, claim)):
                del unused[index]
                matched += 1
                break
        else:
            missed.append(quantity)
    return missed, unused, matched


def doc_id(index: int) -> str:
    return f"nq-{index}"


def score(items: list[dict[str, Any]], claims: Iterable[ClaimDict], with_unit: bool) -> Counts:
    """Counts over all sentences; claims are grouped by their `doc_id` (sentence i is `nq-i`)."""
    by_doc: dict[str, list[ClaimDict]] = {}
    for claim in claims:
        by_doc.setdefault(str(claim.get("doc_id")), []).append(claim)
    tp = fp = fn = 0
    for index, item in enumerate(items):
        missed, spurious, matched = match_sentence(
            item["quantities"], by_doc.get(doc_id(index), []), with_unit
        )
        tp, fp, fn = tp + matched, fp + len(spurious), fn + len(missed)
    return Counts(tp, fp, fn)


def extract_claims(text: str, identifier: str) -> list[dict[str, Any]]:
    """Our claims for one sentence as JSON-ready records, exactly what `metrics extract` prints."""
    return [claim.to_dict() for claim in claims_from_document(make_document(text, doc_id=identifier))]


def evaluate_newsquant(
    peers: Path, extract: Callable[[str, str], list[dict[str, Any]]] = extract_claims
) -> NewsQuantResult:
    items = load_dev(peers)
    claims: list[dict[str, Any]] = []
    outcomes: list[SentenceOutcome] = []
    for index, item in enumerate(items):
        mine = extract(item["text"], doc_id(index))
        claims.extend(mine)
        missed, spurious, _ = match_sentence(item["quantities"], mine, with_unit=True)
        if missed or spurious:
            outcomes.append(
                SentenceOutcome(doc_id(index), item["text"], item["quantities"], mine, missed, spurious)
            )
    return NewsQuantResult(
        sentences=len(items),
        quantities=sum(len(item["quantities"]) for item in items),
        value=score(items, claims, with_unit=False),
        value_unit=score(items, claims, with_unit=True),
        outcomes=outcomes,
    )


def describe_gold(quantity: GoldQuantity) -> str:
    return f"{quantity.get('value')} {quantity.get('unit')} (normalised: {quantity.get('normalized_unit')})"


def describe_claim(claim: ClaimDict) -> str:
    span = f"[{claim.get('start')}:{claim.get('end')}] {claim.get('surface')!r}"
    numbers = f"value={claim.get('value')} low={claim.get('low')} high={claim.get('high')}"
    return f"{span} {numbers} unit={claim.get('unit')!r} metric={claim.get('metric')!r}"


def failure_report(result: NewsQuantResult) -> str:
    """Every sentence with a value+unit miss or a spurious claim: text, expected, got."""
    blocks = []
    for outcome in result.outcomes:
        lines = [f"== {outcome.doc_id}: {outcome.text}"]
        lines += [f"  expected: {describe_gold(q)}" for q in outcome.gold] or ["  expected: (nothing)"]
        lines += [f"  got:      {describe_claim(c)}" for c in outcome.claims] or ["  got:      (nothing)"]
        lines += [f"  MISSED:   {describe_gold(q)}" for q in outcome.missed]
        lines += [f"  SPURIOUS: {describe_claim(c)}" for c in outcome.spurious]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
