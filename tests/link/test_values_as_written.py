"""Values are the numbers as written, in base units: a store queried for `value = 4100000000` finds
"4.1 billion", which floating-point multiplication alone would leave at 4099999999.9999995."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document


def _values(text: str) -> dict[str, tuple[float | None, float | None, float | None]]:
    document = make_document(text, doc_id="t", published=date(2024, 5, 2))
    return {c.surface: (c.value, c.low, c.high) for c in claims_from_document(document)}


def test_a_scaled_decimal_is_exactly_the_written_number() -> None:
    values = _values("Brenmoor Foods said revenue rose to 4.1 billion euros and costs to 2.35 billion euros.")
    assert values["4.1 billion euros"] == (4_100_000_000.0, None, None)
    assert values["2.35 billion euros"] == (2_350_000_000.0, None, None)


def test_the_ends_of_a_scaled_range_are_exact_too() -> None:
    values = _values("Brenmoor Foods expects sales of 4.1-4.3 bln dlrs this year.")
    assert values["4.1-4.3 bln dlrs"] == (4_200_000_000.0, 4_100_000_000.0, 4_300_000_000.0)


def test_small_values_keep_their_digits() -> None:
    values = _values("The dividend was raised to 0.0725 dlrs a share.")
    assert values["0.0725 dlrs"][0] == 0.0725
