"""A phrase alternation grouped by first word finds exactly what the whole alternation finds at the
same token starts, including wildcard phrases, overlapping phrases and words outside ASCII."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.find.tokens import Tokens, first_words, matches_at
from metrics.find.word_alternation import WordAlternation
from metrics.lexicon import keyword_parts
from metrics.link.keywords import vocabularies

PHRASES = [
    "oil",
    "oil price*",
    "crude oil",
    "crude oil output",
    "export*",
    "exports",
    "trade surplus",
    "trade",
    "u.s. imports",
    "café sales",
    "non-farm payrolls",
    "job*",
]
WORDS = [
    "oil",
    "Oil",
    "prices",
    "crude",
    "OUTPUT",
    "exports",
    "exporter",
    "trade",
    "surplus",
    "U.S.",
    "imports",
    "café",
    "Café",
    "sales",
    "non-farm",
    "payrolls",
    "jobs",
    "jobless",
    "the",
    "rose",
    "5",
]


def _whole(phrases: list[str]) -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    pattern = re.compile(f"(?:{'|'.join(r for _p, r in keyword_parts(phrases))})\\b", re.IGNORECASE)
    words, prefixes = first_words(phrases)
    return pattern, words, prefixes


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=8, unique=True),
    st.lists(st.sampled_from(WORDS), max_size=25),
    st.lists(st.sampled_from([" ", "  ", ", ", "\n", "-"]), min_size=25, max_size=25),
)
def test_grouped_matches_equal_the_whole_alternation(
    phrases: list[str], words: list[str], gaps: list[str]
) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    tokens = Tokens(text)
    pattern, triggers, prefixes = _whole(phrases)
    grouped = WordAlternation(keyword_parts(phrases), suffix=r"\b")
    assert grouped.words == triggers and grouped.prefixes == prefixes
    assert _spans(grouped.matches(text, tokens)) == _spans(
        matches_at(pattern, text, tokens.starts(triggers, prefixes))
    )


def test_the_first_phrase_in_order_wins_as_in_one_alternation() -> None:
    text = "Crude oil output rose while crude oil fell; oil prices and exporters of café sales."
    grouped = WordAlternation(keyword_parts(PHRASES), suffix=r"\b")
    found = [m.group() for m in grouped.matches(text, Tokens(text))]
    assert found == ["Crude oil output", "crude oil", "oil prices", "exporters", "café sales"]


def test_the_metric_vocabulary_finds_what_its_whole_pattern_finds() -> None:
    text = (
        "Exports of crude oil rose 5 pct while the trade deficit widened and industrial production fell; "
        "unemployment was 7 pct, consumer prices rose and the current account surplus shrank."
    )
    tokens = Tokens(text)
    metrics = vocabularies().metrics
    whole = matches_at(metrics.pattern, text, tokens.starts(metrics.words, metrics.prefixes))
    assert _spans(metrics.alternation.matches(text, tokens)) == _spans(whole)
    assert len(metrics.hits(text, tokens).items) >= 4


def test_entity_names_found_grouped_equal_the_whole_case_sensitive_pattern() -> None:
    from metrics.find.gazetteer import _entity_index, find_entities

    text = (
        "The U.S. and West Germany met OPEC in Vienna; us and them, the IMF said, and US$5 went to "
        "Côte d'Ivoire. Britain's Bank of England and the European Community agreed with Japan."
    )
    tokens = Tokens(text)
    pattern, _names = _entity_index()
    whole = matches_at(pattern.full, text, tokens.starts(pattern.words))
    assert _spans(pattern.matches(text, tokens)) == _spans(whole)
    first = find_entities(text, tokens)
    first.clear()  # a caller's list is its own: the mentions kept for the next stage are not touched
    again = find_entities(text, tokens)
    assert again == find_entities(text, Tokens(text)) and len(again) >= 5
