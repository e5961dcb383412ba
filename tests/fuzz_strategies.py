"""Hypothesis strategies for fuzzing: documents mixing real corpus sentences (read from ../shared at
test time, never copied here), random Unicode and number-like tokens."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache

from conftest import CORPUS, need
from hypothesis import strategies as st

SENTENCES_PER_CORPUS = 3000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

NUMBER_WORDS = [
    "1e100", "1E+308", "1e-400", "NaN", "inf", "-0", "0.0", "31 February 2019", "Feb 30", "30/02/2019",
    "2019-02-31", "1st", "1/2", "3-4", "between 5 and 6", "from $5 billion to $6 billion", "up 5 pct",
    "one hundred thousand", "a dozen", "half", "9,999,999,999,999", "$", "£", "€", "%", "bln", "mln",
    "billion", "trillion", "tonnes", "dlrs", "in 1987", "in the year 0", "by 2030", "Q4 2019", "FY2019/20",
    "$3\u200d0 billion", "\u200b", "\u00ad", "\ufeff", "٢٠١٩", "۱۲ pct", "３０ mln", "१५%", "10^400 dlrs",
    "2 ** 16", "x^", "^5", "\ud83d",
]  # fmt: skip


@cache
def corpus_sentences() -> tuple[str, ...]:
    """Sentences from the first articles of each corpus file (the test skips when ../shared is absent)."""
    found: list[str] = []
    for name in ("reuters21578.jsonl", "bbc_news.jsonl"):
        with need(CORPUS / name).open(encoding="utf-8") as stream:
            for line in stream:
                text = json.loads(line).get("text") or ""
                found.extend(s for s in _SENTENCE_END.split(text) if len(s) > 20)
                if len(found) >= SENTENCES_PER_CORPUS * (1 + name.startswith("bbc")):
                    break
    return tuple(found)


number_like = st.one_of(
    st.sampled_from(NUMBER_WORDS),
    st.integers().map(str),
    st.floats().map(repr),
    st.from_regex(
        r"[-+$£€]?\d{1,400}(?:[.,]\d{1,60}){0,3}(?: ?(?:bln|mln|billion|pct|%|tonnes|dlrs))?", fullmatch=True
    ),
)
random_text = st.text(max_size=60)
joiner = st.sampled_from([" ", "\n", "", ". ", "\n\n", ", "])


@st.composite
def document_text(draw: st.DrawFn) -> str:
    """A mixture: real sentences, random Unicode (surrogates and NULs included) and number-like tokens."""
    sentence = st.sampled_from(corpus_sentences())
    parts = draw(st.lists(st.one_of(sentence, sentence, random_text, number_like), min_size=1, max_size=8))
    glue = draw(joiner)
    return glue.join(parts)


published_dates = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
