from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import SHARED, need
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.newsquant import (
    Counts,
    evaluate_newsquant,
    failure_report,
    gold_bounds,
    score,
    unit_matches,
    value_matches,
)
from metrics.errors import InputError

# Our own sentences and gold quantities, shaped like NewsQuant's.
ITEMS: list[dict[str, Any]] = [
    {
        "text": "Grain exports rose 12 percent to $4.5 billion.",
        "quantities": [
            {"value": "12", "unit": "percent", "normalized_unit": "percentage", "change": "up"},
            {"value": "4500000000", "unit": "$", "normalized_unit": "dollar", "change": "="},
        ],
    },
    {
        "text": "The ferry carried between 300 and 350 passengers across 12 km.",
        "quantities": [
            {"value": "300-350", "unit": "passengers", "normalized_unit": "passenger", "change": "="},
            {"value": "12", "unit": "km", "normalized_unit": "kilometre", "change": "="},
        ],
    },
    {"text": "Nothing was counted here.", "quantities": []},
    {
        "text": "Two mayors met 5 times and spent 40 cents each.",
        "quantities": [
            {"value": "2", "unit": "mayors", "normalized_unit": "-", "change": "="},
            {"value": "5", "unit": "times", "normalized_unit": "time", "change": "="},
            {"value": "40", "unit": "cents", "normalized_unit": "cent", "change": "="},
        ],
    },
]


def claim(doc: int, value: float | None, unit: str = "count", **more: Any) -> dict[str, Any]:
    record = {
        "doc_id": f"nq-{doc}",
        "value": value,
        "low": None,
        "high": None,
        "unit": unit,
        "metric": "other",
    }
    record.update(more)
    return record


CLAIMS = [
    claim(0, 12.0, "%"),
    claim(0, 4.5e9, "USD"),
    claim(0, 1987.0),  # spurious
    claim(1, 300.0, "count", low=300.0, high=350.0, metric="passengers"),
    claim(1, 12000.0, "metre"),  # wrong value: 12 km given in metres
    claim(3, 2.0),
    claim(3, 5.0, "count", metric="times_met"),
    claim(3, 0.4, "USD"),  # NewsQuant keeps cents as written: 40
    claim(7, 1.0),  # no such sentence: ignored
]


def load_official() -> ModuleType:
    """The acceptance check's own scorer, imported from ../shared/checks (skips when absent)."""
    path = need(SHARED / "checks" / "newsquant.py")
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("official_newsquant", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


@pytest.mark.parametrize("with_unit", [False, True], ids=["value", "value+unit"])
def test_our_scorer_agrees_with_the_acceptance_check(with_unit: bool) -> None:
    official = load_official()
    assert score(ITEMS, CLAIMS, with_unit) == Counts(*official.score(ITEMS, CLAIMS, with_unit))


VALUES = st.sampled_from([None, 0.0, 2.0, 5.0, 12.0, 12.1, 12.2, 300.0, 350.0, 40.0, 0.4, 4.5e9, 4.6e9])
UNITS = st.sampled_from(["count", "", "%", "USD", "EUR", "metre", "kilometre", "km", "passengers", "times"])
METRICS = st.sampled_from(["other", "times_met", "passengers", "trade"])


@st.composite
def random_claims(draw: st.DrawFn) -> list[dict[str, Any]]:
    result = []
    for _ in range(draw(st.integers(0, 12))):
        result.append(
            claim(
                draw(st.integers(0, len(ITEMS))),
                draw(VALUES),
                draw(UNITS),
                low=draw(VALUES),
                high=draw(VALUES),
                metric=draw(METRICS),
            )
        )
    return result


@settings(max_examples=300, deadline=None)
@given(claims=random_claims(), with_unit=st.booleans())
def test_agreement_holds_for_any_claims(claims: list[dict[str, Any]], with_unit: bool) -> None:
    official = load_official()
    assert score(ITEMS, claims, with_unit) == Counts(*official.score(ITEMS, claims, with_unit))


def test_counts_on_the_synthetic_case() -> None:
    value = score(ITEMS, CLAIMS, with_unit=False)
    assert (value.tp, value.fp, value.fn) == (5, 3, 2)
    unit = score(ITEMS, CLAIMS, with_unit=True)
    assert (unit.tp, unit.fp, unit.fn) == (5, 3, 2)
    assert round(unit.precision, 3) == 0.625 and round(unit.recall, 3) == 0.714


def test_value_rules() -> None:
    assert gold_bounds("1,000-2,000") == (1000.0, 2000.0)
    assert gold_bounds("-3.5") == (-3.5, -3.5)
    gold = {"value": "100"}
    assert value_matches(gold, {"value": 100.9}) and not value_matches(gold, {"value": 101.2})
    assert value_matches(gold, {"value": None, "low": 100.0, "high": None})
    ranged = {"value": "10-20"}
    assert value_matches(ranged, {"value": 15.0, "low": 10.0, "high": 20.0})
    assert value_matches(ranged, {"value": 20.0})
    assert not value_matches(ranged, {"value": 15.0})


def test_unit_rules() -> None:
    def fits(normalized: str, unit: str, metric: str = "other") -> bool:
        return unit_matches({"normalized_unit": normalized}, {"unit": unit, "metric": metric})

    assert fits("dollar", "USD") and not fits("dollar", "EUR")
    assert fits("percentage", "%") and not fits("percentage", "count")
    assert fits("-", "count") and fits("people", "")
    assert fits("kilometre", "km") and fits("mile per hour", "mph") and fits("yard", "yards")
    assert fits("job cut", "count", metric="job_cuts") and not fits("job cut", "count")


def test_evaluation_reports_each_failing_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "newsquant"
    folder.mkdir()
    (folder / "NewsQuant.dev.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    by_text = {item["text"]: i for i, item in enumerate(ITEMS)}

    def fake_extract(text: str, identifier: str) -> list[dict[str, Any]]:
        return [c for c in CLAIMS if c["doc_id"] == identifier and by_text[text] >= 0]

    result = evaluate_newsquant(tmp_path, extract=fake_extract)
    assert result.sentences == 4 and result.quantities == 7
    assert result.value_unit == score(ITEMS, CLAIMS, with_unit=True)
    report = failure_report(result)
    assert "nq-0" in report and "SPURIOUS" in report and "1987" in report
    assert "MISSED:   40 cents" in report and "nq-2" not in report


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ({"sentences": []}, "JSON list of sentences"),
        ([{"text": 5, "quantities": []}], "sentence 0: expected an object with a 'text' string"),
        ([{"text": "A.", "quantities": [{"value": "lots"}]}], "sentence 0: gold value 'lots'"),
    ],
)
def test_malformed_newsquant_is_one_input_error(tmp_path: Path, content: object, problem: str) -> None:
    (tmp_path / "newsquant").mkdir()
    (tmp_path / "newsquant" / "NewsQuant.dev.json").write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        evaluate_newsquant(tmp_path, extract=lambda text, identifier: [])
