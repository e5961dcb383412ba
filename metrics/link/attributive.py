"""Months written as modifiers of a noun ("the February trade surplus", "the bureau's January survey", "a 2
pct December rise", "April orders fell"): a time expression the finder leaves alone, since a bare month name
is often no period of any figure. Read only after a word, a genitive or a figure, or opening a sentence, and
before a lower-case noun, they frame the figures after them in their clause and are the period "the same
month of 1986" refers back to. A month before a contract word ("the June futures") is a delivery, not a
period."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.calendar import month_number
from metrics.find import timex_tense
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, lexicon
from metrics.link.keywords import vocabularies
from metrics.records import TimeMention

_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAMES = frozenset(name.lower() for name in _FULL_MONTHS.split("|"))
_ATTRIBUTIVE = lazy_re.compile(rf"\b({_FULL_MONTHS})[ \t]+([a-z][a-z-]+)\b")
_BEFORE = lazy_re.compile(r"(?:\b[A-Za-z]+|\w['’]s|%)[ \t]+$")
"""What may stand before a month used as a modifier: a word, a genitive or a figure's percent sign."""
_OPENING = lazy_re.compile(r"(?:^|[.!?][\"'’”]?[ \t]+|\n[ \t]*|[ \t]-[ \t]+)$")
"""Or nothing: the month opens a sentence, a line or the text after a dateline ("April orders fell")."""
_AMBIGUOUS = frozenset({"may", "march"})
_WORDS = lazy_re.compile(r"[A-Za-z-]+")
METRIC_REACH = 3
"""Words after an opening month, a singular noun first, among which a metric word must stand ("January
business inventories"; "June mark eased" is a market's contract)."""
CONTRACT_REACH = 40
"""Characters after an opening month read for a contract word ("June share price index futures")."""
_PLURAL = lazy_re.compile(r"[a-z]{2,}[^su]s$")
"""'May sales', 'March exports': an opening 'May' or 'March' is a month only before a plural noun ('May
be', 'March on' are a modal and a verb)."""


_NOT_NOUNS = frozenset(
    {"to", "through", "and", "or", "of", "in", "on", "at", "for", "from", "by", "quarter", "half", "year"}
)
"""Words after a month that make it no modifier of a period's figures: a range ("the October to December
quarter") or a quarter, half or year named by its last month ("the September quarter")."""


@cache
def _opening_verbs() -> frozenset[str]:
    return frozenset(_toml("time_words.toml")["opening_month_verbs"]["words"])


def _opens_noun_phrase(text: str, found: re.Match[str]) -> bool:
    """A month opening a sentence, a line or the text after a dateline modifies the noun after it ("April
    orders fell", "January output was") when that noun is a plural or a metric word follows within three
    words, and not when the word after it is a verb or a contract word follows soon ("June rose to 85.25",
    "June share price index futures", "April crude closed"): then the month is a contract's."""
    start, noun = found.start(1), found.group(2)
    if _OPENING.search(text, max(0, start - 4), start) is None:
        return False
    if noun in _opening_verbs() or noun.endswith("ed"):
        return False
    following = {word.lower() for word in _WORDS.findall(text, found.end(), found.end() + CONTRACT_REACH)}
    if following & _contract_words():
        return False
    if _PLURAL.match(noun):
        return True  # "April orders", "February bankruptcies"
    if found.group(1).lower() in _AMBIGUOUS:
        return False
    words = list(_WORDS.finditer(text, found.start(2), found.start(2) + CONTRACT_REACH))[:METRIC_REACH]
    if not words:
        return False
    phrase = text[found.start(2) : words[-1].end()]
    return bool(vocabularies().metrics.hits(phrase, Tokens(phrase)).items)


@cache
def _contract_words() -> frozenset[str]:
    return frozenset(word.lower() for word in _toml("time_words.toml")["contract_words"]["words"])


def attributive_months(
    text: str, tokens: Tokens, published: date | None, taken: list[tuple[int, int]]
) -> list[TimeMention]:
    """The months used as modifiers in `text`, outside the spans of time expressions already found, each
    the latest such month not after publication (the coming one when its clause speaks of the future)."""
    if published is None:
        return []
    out = []
    for at in tokens.starts(_NAMES):
        found = _ATTRIBUTIVE.match(text, at)
        if found is None:
            continue
        start, end = found.span(1)
        noun = found.group(2)
        if noun in _contract_words() or noun in _NOT_NOUNS or noun in lexicon().number_words:
            continue  # "began May nine": a day written out
        if any(a < end and start < b for a, b in taken):
            continue
        if not _BEFORE.search(text, max(0, start - 30), start) and not _opens_noun_phrase(text, found):
            continue
        first, _last = timex_tense.clause_bounds(text, start)
        when = "future" if timex_tense.future_in(text[first:start]) else "past"
        period = timex_tense.month(month_number(text[start:end]), published, when)
        out.append(TimeMention(start, end, text[start:end], period, "in"))
    return out
