"""Property tests of extraction: any text, any publication date, no exception and well-formed claims.

The default profile keeps the run short; set METRICS_HYPOTHESIS_PROFILE=thorough for a longer search.
"""

from __future__ import annotations

import math
import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.link.extract import claim_id, claims_from_document, claims_from_text
from metrics.records import GRAINS, QUALIFIERS, STATUSES, Document

settings.register_profile(
    "fast", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile(os.environ.get("METRICS_HYPOTHESIS_PROFILE", "fast"))

SENTENCES = [
    "Trade between Canada and Mexico fell to $20 billion from a peak of $30 billion in 2014.",
    "It is expected to reach $27 billion in 2020.",
    "Washington has used sanctions 77 times since 2011.",
    "Merkel and Macron have met six times under Trump.",
    "Output was 1.2 mln tonnes in 1986/87, up from 900,000 tonnes a year earlier.",
    "The plant will hire between 20 and 30 workers by 2021.",
    "Investment of 20-30 billion dollars is planned for the first eight months of 1988.",
    "The Group of Seven met at 9:30 a.m. on December 10.",
    "Inflation was 12.5 pct last May, and the goal is 2%.",
    "Russian firms paid US$1.5 billion, or €1.3 billion, to American banks last year.",
    "They held eleven phone conversations; it happened 37 times.",
]
NUMBER_TOKENS = st.one_of(
    st.integers(min_value=0, max_value=10**45).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(
        ["1e308", "9" * 60, "1,250.5", ".5", "0.000", "20-30", "1986/87", "3-1/2", "7 1/2", "555-0142", "747"]
    ),
)
AFFIXES = st.sampled_from(
    ["", "$", "US$", "£", "€", "¥", "RM", "-", "(", "about ", "over ", "between ", "some ", "nearly "]
)
SUFFIXES = st.sampled_from(
    [
        "",
        "m",
        "bn",
        "b",
        " million",
        " bln dlrs",
        " trillion yen",
        "%",
        " pct",
        " percentage points",
        " billion Dollars",
        " times",
        " tonnes of wheat",
        " and 30",
        " to 40 billion",
        " stg",
        " roubles",
        ")",
    ]
)
TIME_WORDS = st.sampled_from(
    [
        "in 2014",
        "since 2011",
        "from 2014 to 2019",
        "by 2021",
        "last year",
        "this year",
        "a year earlier",
        "last May",
        "on December 10",
        "under Trump",
        "fiscal 1988",
        "the first half of",
        "Q3",
        "in the 1990s",
    ]
)
QUANTITY = st.builds(lambda a, n, s: a + n + s, AFFIXES, NUMBER_TOKENS, SUFFIXES)
PIECES = st.one_of(st.text(max_size=40), QUANTITY, TIME_WORDS, st.sampled_from(SENTENCES))
MIXED_TEXT = st.lists(PIECES, max_size=12).flatmap(
    lambda parts: st.sampled_from([" ", "", ". ", "\n", ", "]).map(lambda sep: sep.join(parts))
)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _check(text: str, published: date | None) -> None:
    document = Document(id="prop", text=text, published=published)
    claims = claims_from_document(document)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.surface
        assert claim.surface
        for number in (claim.value, claim.low, claim.high):
            assert number is None or math.isfinite(number)
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high
        assert claim.qualifier in QUALIFIERS
        assert claim.status in STATUSES
        assert claim.grain in GRAINS
        if claim.period_start is not None and claim.period_end is not None:
            assert claim.period_start <= claim.period_end
        assert claim.quote.strip("…") in text  # a long sentence is quoted as a window marked "…"
    again = claims_from_document(document)
    assert [c.claim_id for c in again] == [c.claim_id for c in claims]
    assert len({c.claim_id for c in claims}) == len(claims)


@PROFILE
@given(text=st.text(max_size=300), published=PUBLISHED)
def test_any_unicode_text(text: str, published: date | None) -> None:
    _check(text, published)


@PROFILE
@given(text=MIXED_TEXT, published=PUBLISHED)
def test_numbers_times_and_sentences_mixed(text: str, published: date | None) -> None:
    _check(text, published)


@PROFILE
@given(quantity=QUANTITY, time=TIME_WORDS, published=PUBLISHED)
def test_a_quantity_and_a_time_in_a_sentence(quantity: str, time: str, published: date | None) -> None:
    _check(f"Exports to Russia reached {quantity} {time}, the ministry said.", published)


def test_claim_id_is_fixed_by_document_offsets_and_metric() -> None:
    """Stores key claims by claim_id: the same inputs must give the same id in every run and process."""
    assert claim_id("doc-1", 14, 24, "trade") == "4da294b3781c012700ab"
    assert claim_id("doc-1", 14, 24, "exports") != claim_id("doc-1", 14, 24, "trade")
    assert claim_id("doc-2", 14, 24, "trade") != claim_id("doc-1", 14, 24, "trade")
    first = claims_from_text("Trade reached $5 billion in 2018.", published=date(2019, 1, 2), doc_id="doc-1")
    assert [c.claim_id for c in first] == [claim_id("doc-1", 14, 24, "trade")]
