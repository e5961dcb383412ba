"""News tense for expressions without a year or week: a weekday, month, season or weekend named in
a news report is the latest one not after publication (the report tells what happened), unless its
sentence speaks of the future ("will meet on Monday", "is due in December"): then the coming one.
The future cue words are in time_words.toml.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import WEEKDAYS, month_end, nearest_year, previous_weekday
from metrics.lexicon import _toml, alternation
from metrics.records import Period

_SENTENCE_END = lazy_re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n")


@cache
def _future() -> re.Pattern[str]:
    """A future cue word, or a verb of expectation with an object and "to" after it ("expects inflation
    to peak": up to four words of object, each taken whole, so the search stays linear)."""
    cues = _toml("time_words.toml")["future_cues"]
    expecting = alternation(cues["expecting_verbs"])
    return re.compile(
        rf"(?<!\w)(?:{alternation(cues['words'])})(?!\w)"
        rf"|(?<!\w)(?:{expecting})[ \t]++(?:[\w'-]++[ \t]++){{1,4}}?to(?!\w)",
        re.IGNORECASE,
    )


def sentence_start(text: str, start: int) -> int:
    """Where the sentence that holds `start` begins (looking back at most 300 characters)."""
    left = max(0, start - 300)
    # up to the character at `start` included: a sentence end right before it looks ahead at that letter
    ends = [m for m in _SENTENCE_END.finditer(text, left, min(len(text), start + 1)) if m.end() <= start]
    return ends[-1].end() if ends else left


def sentence_end(text: str, end: int) -> int:
    """Where the sentence that holds `end` ends (its full stop included; at most 300 characters on)."""
    right = min(len(text), end + 300)
    found = _SENTENCE_END.search(text, end, right)
    return found.start() + 1 if found else right


_CLAUSE_BREAK = lazy_re.compile(r"[,;:]|\b(?:said|says|and|but)\b", re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    """The clause before `start`: up to 60 characters of its sentence, from the last clause break."""
    first = sentence_start(text, start)
    before = text[max(first, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def speaks_of_future(text: str, start: int) -> bool:
    """Whether the clause before `start` has a future cue ("will meet on") and its sentence does not
    look back from a past ("had been scheduled to expire Friday")."""
    if _future().search(_clause_before(text, start)) is None:
        return False
    return _HAD.search(text, sentence_start(text, start), start) is None


_HAD = lazy_re.compile(r"\bhad\b", re.IGNORECASE)


_BREAK = lazy_re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n|[,;:]|\b(?:[Ss]aid|[Ss]ays|[Aa]nd|[Bb]ut)\b")
"""A sentence end or a clause break."""


def clause_bounds(text: str, start: int) -> tuple[int, int]:
    """Where the clause that holds `start` begins and ends: at the sentence ends and clause breaks
    on either side (at most 200 characters a side)."""
    left, right = max(0, start - 200), min(len(text), start + 200)
    before = None
    for found in _BREAK.finditer(text, left, min(len(text), start + 1)):  # the letter at start looked at
        if found.end() <= start:
            before = found
    following = _BREAK.search(text, start, right)
    return (before.end() if before else left), (following.start() if following else right)


def clause_around(text: str, start: int) -> str:
    first, last = clause_bounds(text, start)
    return text[first:last]


def future_in(clause: str) -> bool:
    return _future().search(clause) is not None


_DEADLINE = lazy_re.compile(r"\bby\s+(?:early\s+|late\s+|mid-|the\s+end\s+of\s+)?$", re.IGNORECASE)
_PERFECT = lazy_re.compile(r"\b(?:had|has|have)\b", re.IGNORECASE)


def month_tense(text: str, start: int) -> str:
    """'future' when the clause before a month without a year has a future cue ("is due in May") or
    the month is a deadline ("to finish by August") in a sentence that does not look back ("by March,
    prices had doubled"); 'done' when the clause before it tells a change as over ("exports rose 5 pct
    in"); else 'past'."""
    first, _last = clause_bounds(text, start)
    if future_in(text[first:start]):
        return "future"
    if _DEADLINE.search(text, max(first, start - 20), start):
        stop = _SENTENCE_END.search(text, start, min(len(text), start + 300))
        sentence = text[sentence_start(text, start) : stop.start() if stop else start + 300]
        sentence = _RELATIVE_CLAUSE.sub(",", sentence)
        if not _PERFECT.search(sentence):
            return "future"
    if _done().search(text, first, start):
        return "done"
    return "past"


@cache
def _done() -> re.Pattern[str]:
    """A verb that tells a change as over (time_words.toml [past_cues]: "rose", "fell", "totalled")."""
    verbs = _toml("time_words.toml")["past_cues"]["verbs"]
    return re.compile(rf"(?<![\w'-])(?:{alternation(verbs)})(?![\w'-])", re.IGNORECASE)


_RELATIVE_CLAUSE = lazy_re.compile(r",\s*(?:which|who)\b[^,]*,", re.IGNORECASE)
"""', which had been expected,': an aside about something else, not the tense of the deadline."""


def weekday(name: str, reference: date, future: bool, which: str = "") -> Period:
    """The weekday on or before the reference, or on or after it when the sentence is future;
    'last Monday' is strictly before the reference, 'next Monday' strictly after."""
    index = WEEKDAYS.index(name.lower())
    day = previous_weekday(reference, index)
    if which == "last":  # 'last Thursday' is past whatever the clause says ("was due to expire")
        past = day - timedelta(days=7) if day == reference else day
        return Period(past, past, "day")
    if which == "next" or (future and day < reference):
        day += timedelta(days=7)
    return Period(day, day, "day")


def month(number: int, reference: date, when: str) -> Period:
    """A month without a year: the coming one in a future clause, the latest not after the
    reference in a past one ('since': always that one), else the nearest. The month right after the
    reference's is the coming one in a past clause too: eleven months back, news writes 'last
    November', not 'in November'. And the month right before the reference's is that one in a future
    clause too: its figures are still to come ("is expected to show a fall in February", in March),
    and eleven months ahead news writes 'next February'. Unless the clause tells a change in it as over
    ('done': "exports rose 5 pct in December", published in November): then it is last year's."""
    following = number == reference.month % 12 + 1 and when not in ("since", "done")
    just_ended = number == (reference.month - 2) % 12 + 1
    if not when:
        year = nearest_year(number, 15, reference)
    elif (when == "future" and not just_ended) or following:
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
