"""What a figure measures when metric words stand in one phrase: the phrase's head noun, unless it is
a generic one that takes its meaning from its of-complement. The project's own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.link.extract import claims_from_document
from metrics.records import Document


def _metric(text: str) -> str:
    (claim, *_) = claims_from_document(Document(id="t", text=text, published=date(2024, 5, 2)))
    return claim.metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("New orders for manufactured goods rose 1.4 pct in March.", "orders"),
        ("Purchases of foreign bonds by local insurers reached 3.1 billion dlrs in April.", "purchases"),
        ("Imports for domestic consumption fell to 80,000 tonnes in March.", "imports"),
        ("The value of exports rose to 4.2 billion dlrs in March.", "exports"),
        ("The level of reserves stood at 12 billion dlrs in April.", "reserves"),
        ("The duty on crude imports rose to 4 dlrs a barrel in May.", "receipts"),
        ("Minimum reserve requirements on deposits rose to 31 billion marks in May.", "reserves"),
        ("Caldoria's return on assets fell to 0.7 pct in 1990.", "yield"),
    ],
)
def test_the_head_of_a_phrase_is_what_it_measures(text: str, metric: str) -> None:
    assert _metric(text) == metric


def test_an_on_after_a_figure_starts_another_phrase() -> None:
    text = "Acme earned 9 mln dlrs or 2.10 dlrs per share on sales of 400 mln dlrs."
    claims = claims_from_document(Document(id="t", text=text, published=date(2024, 5, 2)))
    assert {c.surface: c.metric for c in claims}["400 mln dlrs"] == "sales"
