"""The time patterns split by first character find exactly what one alternation of them finds."""

from __future__ import annotations

import re

import pytest

from metrics.find import timex, timex_periods
from metrics.find.first_chars import first_chars
from metrics.find.split_alternation import SplitAlternation
from metrics.find.tokens import Tokens, matches_at

SENTENCES = [
    "Output rose 3% in the 3rd quarter of 2019 and 12 months ago it fell.",
    "From 1990 to 1995 the plant ran at 2,000 tonnes a day; in the 1980s it was idle.",
    "Shops shut from 4 to 22 May and reopen at 9:30 a.m. on 1 June 2021.",
    "Sales in 2019-20 were flat; in 2017 Q2 and H1 2018 they grew, and 1066 AD is old.",
    "Two years ago, on Tuesday, the 2nd week of March, prices fell 5 days hence.",
    "The rate was 4/21/2020 then 2016-11 and 3/2015; in the '60s it was 10%.",
]


def _single(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in parts), re.IGNORECASE)


def _spans(matches: object) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", SENTENCES)
def test_split_matches_equal_one_alternation(text: str) -> None:
    tokens = Tokens(text)
    starts = tokens.starts(timex._triggers(), prefixes=("fy",), digits=True)
    whole = _single([("under", r"\bunder\s+nobody\b"), *timex._PARTS])
    parts = [("under", r"\bunder\s+nobody\b"), *timex._PARTS]
    ours = SplitAlternation(parts, timex._DIGIT_FIRST, timex._DIGIT_ONLY)
    assert _spans(ours.matches(text, starts)) == _spans(matches_at(whole, text, starts))
    period_parts = [*timex_periods.PARTS, timex_periods.decade_pattern()]
    period_starts = timex_periods.period_starts(text, tokens)
    assert _spans(timex_periods.period_master().matches(text, period_starts)) == _spans(
        matches_at(_single(period_parts), text, period_starts)
    )
    assert _spans(ours.matches(text, starts))  # each sentence holds time expressions


def test_digit_half_leaves_out_word_only_kinds() -> None:
    split = timex._master()
    assert "(?P<year>" in split.digit.pattern and "(?P<year>" not in split.word.pattern
    assert "(?P<weekday>" in split.word.pattern and "(?P<weekday>" not in split.digit.pattern


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"\b(?:on\s+|last\s+)?monday", set("olm")),  # an optional opening, then what follows it
        (r"(?:the\s+)?(?:first|1st)\s+half", set("tf1")),
        (r"(?=q)q[1-4]|h[12]", set("qh")),  # a lookahead consumes nothing
        (r"\d{4}s", set("0123456789")),
        (r"mid-?(?:year|month)", {"m"}),
    ],
)
def test_first_chars_reads_what_a_match_can_begin_with(pattern: str, chars: set[str]) -> None:
    assert first_chars(pattern, re.IGNORECASE) == chars


@pytest.mark.parametrize("pattern", [r"\w+ago", r"[^x]year", r".?since", r"(?:past)?", r"\u212aelvin"])
def test_first_chars_is_any_where_it_cannot_bound_the_start(pattern: str) -> None:
    assert first_chars(pattern, re.IGNORECASE) is None  # a Kelvin sign folds onto an ASCII k


def test_the_letter_halves_match_as_the_word_half_at_every_start() -> None:
    text = " ".join(SENTENCES) + " Since mid-1990 under nobody; \u017fince 2001, \u212aM since May."
    split = timex._master()
    for start in Tokens(text).starts(timex._triggers(), prefixes=("fy",)):
        ours = next(split.matches(text, [start]), None)
        want = split.word.match(text, start)
        assert (ours and (ours.span(), ours.lastgroup)) == (
            want and want.end() > start and (want.span(), want.lastgroup)
        )
