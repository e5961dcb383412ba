"""A headline that names a period dates the figures of its topic that have no time of their own: wire
headlines in capitals, results headlines with their abbreviations, and the checks that keep the
headline's period off figures with periods of their own."""

from __future__ import annotations

from datetime import date

from metrics.find.timex_headline import headline_period, written_out
from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document
from metrics.records import Period


def _claims(text: str, title: str, published: date) -> dict[str, tuple[date | None, date | None, str]]:
    document = make_document(text, doc_id="h", published=published, title=title)
    return {
        c.surface: (c.period_start, c.period_end, c.period_source) for c in claims_from_document(document)
    }


def test_a_capitalised_month_headline_dates_the_figures_of_its_topic() -> None:
    text = "LONDON, May 6 - Bookings of machine tools climbed 4.5 pct to 310 mln stg, the association said."
    claims = _claims(text, "BRITISH APRIL MACHINE TOOL ORDERS CLIMB", date(1987, 5, 6))
    assert claims["4.5 pct"] == (date(1987, 4, 1), date(1987, 4, 30), "context")
    assert claims["310 mln stg"] == (date(1987, 4, 1), date(1987, 4, 30), "context")


def test_a_results_headline_dates_the_prose_of_the_story() -> None:
    text = "DENVER, April 20 - Shr 14 cts vs ten cts\nThe firm said its net income rose to 3.1 mln dlrs."
    claims = _claims(text, "ROCKY WIDGETS INC <RWI> 1ST QTR NET", date(1987, 4, 20))
    assert claims == {"3.1 mln dlrs": (date(1987, 1, 1), date(1987, 3, 31), "context")}


def test_a_comparison_base_and_a_figure_with_its_own_period_keep_none() -> None:
    text = (
        "DENVER, April 20 - The firm said profit rose to 3.1 mln dlrs from 2.4 mln dlrs. "
        "Net includes gains of 200,000 dlrs for the year."
    )
    claims = _claims(text, "ROCKY WIDGETS INC <RWI> 1ST QTR NET", date(1987, 4, 20))
    assert claims["3.1 mln dlrs"][2] == "context"
    assert claims["2.4 mln dlrs"][2] == "none"
    assert claims["200,000 dlrs"][2] == "none"


def test_a_count_of_its_own_noun_is_not_the_headline_topic() -> None:
    text = "DENVER, April 20 - Higher provisions will cover six troubled loans, the bank said."
    claims = _claims(text, "ROCKY BANK <RBK> 1ST QTR LOSS", date(1987, 4, 20))
    assert claims["six"][2] == "none"


def test_results_headlines_are_read_with_their_abbreviations() -> None:
    assert written_out("ACME <AC> 3RD QTR NET") == "acme <ac> 3rd quarter net"
    assert headline_period("ACME <AC> 4TH QTR NET", date(1987, 3, 2)) == Period(
        date(1986, 10, 1), date(1986, 12, 31), "quarter"
    )
    assert headline_period("ACME <AC> 2ND QTR NOV 30 NET", date(1987, 1, 8)) == Period(
        date(1986, 9, 1), date(1986, 11, 30), "span"
    )
    assert headline_period("ACME <AC> NINE MTHS LOSS", date(1987, 10, 21)) == Period(
        date(1987, 1, 1), date(1987, 9, 30), "span"
    )
    assert headline_period("ACME <AC> YEAR NET", date(1987, 2, 11)) == Period(
        date(1986, 1, 1), date(1986, 12, 31), "year"
    )


def test_a_results_period_long_closed_is_a_fiscal_one_and_gives_none() -> None:
    assert headline_period("ACME <AC> 3RD QTR NET", date(1987, 3, 2)) is None
    assert headline_period("ACME <AC> YEAR NET", date(1987, 8, 2)) is None
    assert headline_period("ACME SEES BETTER SECOND QUARTER", date(1987, 3, 2)) is None


def test_may_as_a_modal_is_no_month_of_a_headline() -> None:
    assert headline_period("OIL FIRMS MAY RAISE PRICES", date(1987, 6, 2)) is None
    assert headline_period("JAPAN OCTOBER/DECEMBER OUTPUT UP", date(1987, 3, 2)) == Period(
        date(1986, 10, 1), date(1986, 12, 31), "span"
    )


def test_a_headline_since_a_year_names_no_period() -> None:
    assert headline_period("FACTORY JOBS AT LOWEST SINCE 1979", date(1987, 3, 2)) is None


def test_an_undated_story_keeps_its_own_undated_times_off_the_headline() -> None:
    document = make_document(
        "Widget exports reached $4bn in June, and next year's exports should reach $5bn.",
        doc_id="u",
        title="Widget exports soar in 2003",
    )
    sources = {c.surface: c.period_source for c in claims_from_document(document)}
    assert sources == {"$4bn": "none", "$5bn": "none"}


def test_in_quarter_under_a_quarter_headline_is_the_headlines_quarter() -> None:
    text = "DENVER, April 20 - Note: net includes gains of 300,000 dlrs in quarter and 900,000 dlrs in year."
    claims = _claims(text, "ROCKY WIDGETS INC <RWI> 1ST QTR NET", date(1987, 4, 20))
    assert claims["300,000 dlrs"] == (date(1987, 1, 1), date(1987, 3, 31), "context")
    assert claims["900,000 dlrs"][2] == "none"
