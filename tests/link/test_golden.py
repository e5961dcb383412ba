"""Golden cases: sentences written for this project and the claims `metrics extract` must return.

Each line of tests/golden/*.jsonl is one case: {"id", "text", "published", "expected", "absent"} and an
optional "xfail" reason for a known gap. An expected claim matches an output claim when every field it
gives is equal (floats approximately, `entities` as a set); each output claim answers one expectation.
An "absent" string must occur in the text, and no claim may overlap any occurrence of it.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from conftest import ROOT

from metrics.link.extract import claims_from_text

GOLDEN = ROOT / "tests" / "golden"
FLOAT_FIELDS = frozenset({"value", "low", "high"})


def _cases() -> list[Any]:
    params = []
    for path in sorted(GOLDEN.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(case, id=f"{path.stem}/{case['id']}", marks=marks))
            assert case.get("expected") or case.get("absent"), f"{path.name}:{number} asserts nothing"
    return params


def _field_matches(name: str, want: Any, got: Any) -> bool:
    if name in FLOAT_FIELDS and want is not None:
        return got is not None and math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-9)
    if name == "entities":
        return set(want) == set(got)
    return bool(want == got)


def matches(expected: dict[str, Any], claim: dict[str, Any]) -> bool:
    """Every field the expectation gives is equal in the claim."""
    return all(name in claim and _field_matches(name, want, claim[name]) for name, want in expected.items())


def unmatched(expected: list[dict[str, Any]], claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The expectations no claim answers; each claim answers at most one expectation."""
    free = list(claims)
    missing = []
    for want in expected:
        hit = next((claim for claim in free if matches(want, claim)), None)
        if hit is None:
            missing.append(want)
        else:
            free.remove(hit)
    return missing


def overlapping(text: str, surface: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims whose span overlaps an occurrence of `surface` in `text`."""
    spans = []
    at = text.find(surface)
    while at >= 0:
        spans.append((at, at + len(surface)))
        at = text.find(surface, at + 1)
    assert spans, f"absent surface {surface!r} does not occur in the case text"
    return [c for c in claims if any(c["start"] < end and start < c["end"] for start, end in spans)]


def _show(claims: list[dict[str, Any]]) -> str:
    keys = ("surface", "value", "low", "high", "unit", "qualifier", "status", "metric", "entities")
    more = ("period_start", "period_end", "grain")
    return "\n".join(
        "  " + ", ".join(f"{k}={c[k]!r}" for k in (*keys, *more) if c.get(k) is not None) for c in claims
    )


@pytest.mark.parametrize("case", _cases())
def test_golden(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    text = case["text"]
    claims = [c.to_dict() for c in claims_from_text(text, published=published, doc_id=case["id"])]
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["surface"]
    missing = unmatched(case.get("expected", []), claims)
    assert not missing, f"expected claims not found: {missing}\nclaims returned:\n{_show(claims)}"
    for surface in case.get("absent", []):
        wrong = overlapping(text, surface, claims)
        assert not wrong, f"{surface!r} must not be claimed; got:\n{_show(wrong)}"


def test_matcher_needs_every_given_field() -> None:
    claim = {"value": 20e9, "unit": "USD", "entities": ["Russia", "United States"], "period_start": None}
    assert matches({"value": 2e10, "entities": ["United States", "Russia"]}, claim)
    assert not matches({"value": 2e10, "unit": "EUR"}, claim)
    assert not matches({"period_start": "2014-01-01"}, claim)
    assert not matches({"metric": "trade"}, claim)
    assert unmatched([{"value": 1.0}, {"value": 1.0}], [{"value": 1.0}]) == [{"value": 1.0}]
