"""The seed article must yield exactly its expected claims (held as ../shared/seeds/README.md says)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import SEEDS, need

from metrics.read.documents import read_documents

SEED = "000_a1d53f081b74f1bf"
KEYWORD = {
    "trade": "trade",
    "sanctions": "sanction",
    "sanctioned individuals": "individual",
    "sanctioned companies": "compan",
    "meetings": "meet",
    "summits": "summit",
    "phone conversations": "phone",
}


def _expected() -> list[dict]:
    path = need(SEEDS / f"{SEED}.expected.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _claims() -> tuple[str, list]:
    path = need(SEEDS / f"{SEED}.txt")
    (document,) = read_documents([str(path)])
    from metrics.link.extract import claims_from_document

    return document.text, claims_from_document(document)


def _holds(expected: dict, claim, text: str) -> bool:
    begin = text.find(expected["quote"])
    if not (begin >= 0 and begin <= claim.start and claim.end <= begin + len(expected["quote"])):
        return False
    period_ok = True
    if "period_start_min" in expected:
        lowest, highest = (
            date.fromisoformat(expected["period_start_min"]),
            date.fromisoformat(expected["period_end_max"]),
        )
        period_ok = (claim.period_start is None or claim.period_start >= lowest) and (
            claim.period_end is None or claim.period_end <= highest
        )
    else:
        wanted_start = expected["period_start"] and date.fromisoformat(expected["period_start"])
        period_ok = claim.period_end == date.fromisoformat(expected["period_end"]) and (
            wanted_start is None or claim.period_start == wanted_start
        )
    return (
        period_ok
        and KEYWORD[expected["metric"]] in claim.metric
        and set(expected["entities"]) <= set(claim.entities)
        and claim.value == pytest.approx(expected["value"])
        and (claim.unit, claim.qualifier, claim.status)
        == (expected["unit"], expected["qualifier"], expected["status"])
    )


def test_publication_date_comes_from_the_dateline() -> None:
    (document,) = read_documents([str(need(SEEDS / f"{SEED}.txt"))])
    assert document.published == date(2019, 12, 10)


@pytest.mark.parametrize("index", range(10), ids=lambda i: f"expected-{i}")
def test_each_expected_claim_is_found(index: int) -> None:
    expected = _expected()
    if index >= len(expected):
        pytest.skip("fewer expected claims")
    text, claims = _claims()
    found = [c for c in claims if _holds(expected[index], c, text)]
    if expected[index].get("optional"):
        return
    assert found, f"no claim holds for {expected[index]['quote']!r}"


def test_nothing_else_is_claimed_and_the_undated_low_is_not_2014() -> None:
    expected = _expected()
    text, claims = _claims()
    unmatched = [c for c in claims if not any(_holds(e, c, text) for e in expected)]
    assert unmatched == []
    (low,) = [c for c in claims if c.value == 20e9]
    assert low.grain == "undated" and low.period_start is not None and low.period_start.year == 2015


def test_offsets_point_at_the_surface_text() -> None:
    text, claims = _claims()
    assert claims and all(text[c.start : c.end] == c.surface for c in claims)
