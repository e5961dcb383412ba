"""Every claim says where its period came from; a headline's month dates the story's figures of what
the headline is about, and nothing else."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document
from metrics.records import PERIOD_SOURCES


def _claims(text: str, title: str | None) -> dict[str, tuple[date | None, str | None]]:
    document = make_document(text, doc_id="t", published=date(1987, 3, 3), title=title)
    return {c.surface: (c.period_start, c.period_source) for c in claims_from_document(document)}


def test_the_headline_dates_the_figures_it_is_about() -> None:
    text = (
        "NEW YORK, March 3 - Exports fell 2.1 pct to 190 billion dlrs. The firm has 40 plants. "
        "Sales were 3 mln dlrs."
    )
    claims = _claims(text, "EXPORTS FALL IN JANUARY 1987")
    assert claims["2.1 pct"] == (date(1987, 1, 1), "context")
    assert claims["190 billion dlrs"] == (date(1987, 1, 1), "context")
    assert claims["40"] == (date(1987, 3, 3), "publication")
    assert claims["3 mln dlrs"] == (None, "none")  # sales: not what the headline is about


def test_without_a_dated_headline_nothing_is_dated_from_context() -> None:
    text = "NEW YORK, March 3 - Exports fell 2.1 pct to 190 billion dlrs."
    for title in (None, "ORDERS FALL", "ORDERS FALL IN 1987 AND 1988"):
        assert _claims(text, title)["2.1 pct"] == (None, "none")


def test_every_claim_has_a_known_period_source() -> None:
    text = "NEW YORK, March 3 - Exports rose 5 pct in 1986. The bank has 12 branches. Sales were 3 mln dlrs."
    sources = {source for _start, source in _claims(text, None).values()}
    assert sources == {"sentence", "publication", "none"}
    assert sources <= set(PERIOD_SOURCES)
