"""News tense for expressions without a year or week: a weekday, month, season or weekend named in
a news report is the latest one not after publication (the report tells what happened), unless its
sentence speaks of the future ("will meet on Monday", "is due in December"): then the coming one.
The future cue words are in time_words.toml.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics.calendar import WEEKDAYS, month_end, nearest_year, previous_weekday, safe_date
from metrics.lexicon import _toml, alternation
from metrics.records import Period

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n")


@cache
def _future() -> re.Pattern[str]:
    words = _toml("time_words.toml")["future_cues"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)


def sentence_start(text: str, start: int) -> int:
    """Where the sentence that holds `start` begins (looking back at most 300 characters)."""
    left = max(0, start - 300)
    ends = list(_SENTENCE_END.finditer(text, left, start))
    return ends[-1].end() if ends else left


_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:said|says|and|but)\b", re.IGNORECASE)


@cache
def _past() -> re.Pattern[str]:
    words = _toml("time_words.toml")["past_cues"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)}|[a-z]{{3,}}ed)(?!\w)", re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    """The clause before `start`: up to 60 characters of its sentence, from the last clause break."""
    first = sentence_start(text, start)
    before = text[max(first, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def speaks_of_future(text: str, start: int) -> bool:
    """Whether the clause before `start` has a future cue ("will meet on")."""
    return _future().search(_clause_before(text, start)) is not None


def clause_around(text: str, start: int) -> str:
    """The clause that holds `start`: its sentence cut at the clause breaks on either side."""
    first = sentence_start(text, start)
    after = _SENTENCE_END.search(text, start, min(len(text), start + 300))
    last = after.start() if after else min(len(text), start + 300)
    before = list(_CLAUSE_BREAK.finditer(text, first, start))
    following = _CLAUSE_BREAK.search(text, start, last)
    return text[before[-1].end() if before else first : following.start() if following else last]


def tense(text: str, start: int) -> str:
    """'future' when the clause of `start` has a future cue ("is expected to open in October"),
    'past' when it has a past-tense verb ("In June alone exports fell"), else '' (no cue)."""
    clause = clause_around(text, start)
    if _future().search(clause):
        return "future"
    return "past" if _past().search(clause) else ""


def weekday(name: str, reference: date, future: bool, which: str = "") -> Period:
    """The weekday on or before the reference, or on or after it when the sentence is future;
    'last Monday' is strictly before the reference, 'next Monday' strictly after."""
    index = WEEKDAYS.index(name.lower())
    day = previous_weekday(reference, index)
    if which == "last" and day == reference:
        day -= timedelta(days=7)
    elif which == "next" or (future and day < reference):
        day += timedelta(days=7)
    return Period(day, day, "day")


def month(number: int, reference: date, when: str) -> Period:
    """A month without a year: the coming one in a future clause, the latest not after the
    reference in a past one, else the nearest."""
    if not when:
        year = nearest_year(number, 15, reference)
    elif when == "future":
        year = reference.year if number >= reference.month else reference.year + 1
    else:
        year = reference.year if number <= reference.month else reference.year - 1
    return Period(date(year, number, 1), month_end(year, number), "month")


def weekend(reference: date, future: bool) -> Period:
    """'the weekend': the latest begun by the reference, or the coming one."""
    saturday = previous_weekday(reference, 5)
    if future and saturday + timedelta(days=1) < reference:
        saturday += timedelta(days=7)
    return Period(saturday, saturday + timedelta(days=1), "span")


def day_of_month(month_number: int, day: int, reference: date, when: str) -> Period | None:
    """A month and day without a year: the coming one in a future clause, the latest not after the
    reference in a past one, else the nearest (a date with its day named is as often a deadline)."""
    if not when:
        year = nearest_year(month_number, day, reference)
        found = safe_date(year, month_number, day)
        return Period(found, found, "day") if found else None
    future = when == "future"
    years = (reference.year - 1, reference.year, reference.year + 1)
    for year in years if future else reversed(years):
        found = safe_date(year, month_number, day)
        if found is not None and ((future and found >= reference) or (not future and found <= reference)):
            return Period(found, found, "day")
    return None
