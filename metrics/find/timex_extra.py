"""Time expressions the extractor does not need but a time tagger must find: durations ("six months",
"a 20-year low", "the past two weeks"), references to the present, past or future ("now",
"currently", "recently"), seasons ("last fall"), parts of a day ("this morning"), sets ("every
month", "annually") and rolling windows ("the six months to February"). Each finder yields
(start, end, kind, TIMEX3 type, value or None, period or None); word tables are in time_words.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from typing import Any

from metrics import lazy_re
from metrics.calendar import MONTHS, WEEKDAYS, month_end, month_number, previous_weekday
from metrics.find import timex_tense
from metrics.find.timex3 import duration_value, period_value, units
from metrics.find.timex_words import WEEKDAY, YEAR, bare_month, counts
from metrics.lexicon import _toml, alternation, lexicon
from metrics.records import Period

Extra = tuple[int, int, str, str, "str | None", "Period | None"]


@cache
def _words(table: str) -> dict[str, Any]:
    return dict(_toml("time_words.toml")[table])


@cache
def _duration_pattern() -> re.Pattern[str]:
    numbers = {w for w in lexicon().number_words if " " not in w} | set(counts())
    words = alternation(numbers)
    number = rf"(?:(?<!/)\d{{1,3}}(?:\.\d+)?(?:\s+1/2|½)?|(?:{words})(?:[- ](?:{words}))?)"
    vague = r"(?:a\s+few|(?:a\s+)?couple\s+of|several|many|a|an|one|recent|some|few)"
    unit = "|".join(sorted(units(), key=len, reverse=True))
    return re.compile(
        rf"\b(?:the\s+)?(?:(?:past|last|next|first|previous|coming|latest|final|remaining|initial)\s+)?"
        rf"(?:(?:about|nearly|almost|over|more\s+than|less\s+than|up\s+to|at\s+least|some|around)\s+)?"
        rf"(?:{number}|{vague})[\s-]+(?:(?:more|additional|further|extra)\s+)?(?:{unit})s?\b(?:\s+and\s+a\s+half)?"
        rf"|\b(?:recent|coming)\s+(?:{unit})s\b",
        re.IGNORECASE,
    )


_NOT_DURATION_AFTER = lazy_re.compile(r"\s+(?:ago|earlier|before)\b", re.IGNORECASE)
"""'six months ago' is a date (timex.scan's); 'three days later' or 'two years after the launch'
is in TIMEX3 a duration, the word after it a signal."""


_AGE_AFTER = lazy_re.compile(r"[\s-]+old\b", re.IGNORECASE)
_OF_A_WHOLE = lazy_re.compile(r"\s+of\s+(?!\d|fiscal\b|the\s+(?:year|fiscal)\b)", re.IGNORECASE)
_ORDINAL_SECOND = lazy_re.compile(r"^(?:a|one)\s+second$", re.IGNORECASE)
_NOUN_AFTER = lazy_re.compile(r"\s+(?!(?:or|and|ago|later|earlier|before|after|to|of|in|at)\b)[a-z]{2,}")
_VAGUE_COUNT = lazy_re.compile(r"\b(?:several|few|many|couple)\b", re.IGNORECASE)
_RATE = lazy_re.compile(r"^(?:a|an|per)\s+(?:year|month|week|day|hour|quarter)$", re.IGNORECASE)
_AMOUNT_BEFORE = lazy_re.compile(r"\d[\d,.]*(?:\s*%|\s+(?:[a-z]+\s+){0,2}?[a-z]+)?\s+$", re.IGNORECASE)


@cache
def _bare_units_pattern() -> re.Pattern[str]:
    plural = r"(?:days|weeks|months|years|decades|centuries)"
    return re.compile(
        rf"\b(?:for|within|in|over|during)\s+({plural}(?:\s+or\s+{plural})?)\b(?!\s+(?:ago|earlier|old)\b)",
        re.IGNORECASE,
    )


_AHEAD = lazy_re.compile(r"\bthe\s+(days|weeks|months|years|quarters)\s+ahead\b", re.IGNORECASE)


def units_ahead(text: str) -> Iterator[Extra]:
    """'in the weeks ahead': a length of time to come of no stated count (TIMEX3 'PXW')."""
    for found in _AHEAD.finditer(text):
        value = duration_value("some " + found.group(1))
        yield found.start(), found.end(), "duration", "DURATION", value, None


def bare_units(text: str) -> Iterator[Extra]:
    """'for centuries', 'within weeks or months', 'for the first time in years': a length of time
    of no stated count (TIMEX3 'PXY')."""
    for found in _bare_units_pattern().finditer(text):
        value = duration_value("some " + found.group(1).split()[0])
        yield found.start(1), found.end(1), "duration", "DURATION", value, None


@cache
def _someday_before() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(_words('someday')['before'])})\s+$", re.IGNORECASE)


def _is_someday(text: str, start: int, surface: str) -> bool:
    """'will one day be': a time to come of no date (the table 'someday' in time_words.toml)."""
    if " ".join(surface.lower().split()) not in _words("someday")["phrases"]:
        return False
    return _someday_before().search(text, max(0, start - 16), start) is not None


def durations(text: str) -> Iterator[Extra]:
    """Lengths of time: never a claim's period ("for six months", "a 20-year low", "the nine months").
    Not an age ("52 years old", "a 136-year-old bank") nor a fraction ("three-quarters of its food");
    "a year" after an amount is a rate, a TIMEX3 SET ("$2 million a year", "four flights a week")."""
    for found in _duration_pattern().finditer(text):
        if _NOT_DURATION_AFTER.match(text, found.end()) or _AGE_AFTER.match(text, found.end()):
            continue
        surface = found.group()
        if (
            surface.lower().rstrip("s").endswith("quarter")
            and _OF_A_WHOLE.match(text, found.end())
            and not _VAGUE_COUNT.search(surface)
        ):
            continue  # 'three quarters of its food' is a fraction; 'several quarters of losses' a time
        if _ORDINAL_SECOND.match(surface) and _NOUN_AFTER.match(text, found.end()):
            continue  # 'a second group', 'a second time': the ordinal, not a length of time
        if _is_someday(text, found.start(), surface):
            yield found.start(), found.end(), "reference", "DATE", "FUTURE_REF", None
            continue
        if _RATE.match(surface) and _AMOUNT_BEFORE.search(text, max(0, found.start() - 40), found.start()):
            letter = units()[surface.split()[-1].lower()]
            yield found.start(), found.end(), "set", "SET", f"P1{letter}", None
            continue
        yield found.start(), found.end(), "duration", "DURATION", duration_value(surface), None


@cache
def _reference_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(_words('references'))})\b", re.IGNORECASE)


def references(text: str) -> Iterator[Extra]:
    """'now', 'currently', 'at present' (PRESENT_REF), 'recently' (PAST_REF), 'soon' (FUTURE_REF)."""
    table = {" ".join(k.lower().split()): str(v) for k, v in _words("references").items()}
    for found in _reference_pattern().finditer(text):
        value = table[" ".join(found.group().lower().split())]
        yield found.start(), found.end(), "reference", "DATE", value, None


@cache
def _season_pattern() -> re.Pattern[str]:
    seasons = "|".join(_words("seasons"))
    return re.compile(
        rf"\b(?:(this\s+past|this|last|next|early|late|the|mid-?)\s+)?({seasons})\b(?:\s+(?:of\s+)?({YEAR}))?",
        re.IGNORECASE,
    )


def seasons(text: str, ref: date | None) -> Iterator[Extra]:
    """'this summer' -> 1998-SU; 'last fall' -> the latest one before; 'winter 1994' -> 1994-WI."""
    table = _words("seasons")
    for found in _season_pattern().finditer(text):
        which, name, year_raw = found.group(1), found.group(2).lower(), found.group(3)
        if not which and not year_raw:
            continue  # a bare 'fall' or 'spring' is a verb as often as a season
        code, first_month = str(table[name][0]), int(table[name][1])
        if year_raw:
            year = int(year_raw)
        elif ref is None:
            yield found.start(), found.end(), "season", "DATE", f"XXXX-{code}", None
            continue
        else:
            word = " ".join((which or "").lower().rstrip("-").split())
            word = "the" if word == "this past" else word  # the latest begun, as a bare season
            year = ref.year
            if word == "last" or (word not in ("this", "next") and first_month > ref.month):
                year -= 1
            if word == "next":
                year += 1
        start = date(year - (1 if first_month == 12 else 0), first_month, 1)
        last_month = (first_month + 1) % 12 + 1
        end = month_end(start.year + (1 if first_month >= 11 else 0), last_month)
        yield found.start(), found.end(), "season", "DATE", f"{year}-{code}", Period(start, end, "span")


@cache
def _day_part_pattern() -> re.Pattern[str]:
    parts = "|".join(_words("day_parts"))
    return re.compile(
        rf"\b(?:(this|last|yesterday|tomorrow|{WEEKDAY}|early|late|mid-?|the)\s*)?({parts})\b", re.IGNORECASE
    )


def day_parts(text: str, ref: date | None) -> Iterator[Extra]:
    """'this morning', 'Saturday night', 'last night', 'tonight' -> the day and its part (TIME)."""
    table = _words("day_parts")
    for found in _day_part_pattern().finditer(text):
        which, part = (found.group(1) or "").lower().rstrip("-"), found.group(2).lower()
        if not which and part not in ("tonight", "overnight"):
            continue
        if found.group().lower() == "midnight":
            continue  # a clock time (timex_join), not the night
        code = table[part]
        if ref is None:
            yield found.start(), found.end(), "day_part", "TIME", f"XXXX-XX-XXT{code}", None
            continue
        day = ref
        if which in ("yesterday", "last"):
            day = ref - timedelta(days=1)
        elif which == "tomorrow":
            day = ref + timedelta(days=1)
        elif which in WEEKDAYS:
            day = previous_weekday(ref, WEEKDAYS.index(which))
        yield (
            found.start(),
            found.end(),
            "day_part",
            "TIME",
            f"{day.isoformat()}T{code}",
            Period(day, day, "day"),
        )


_EVERY = lazy_re.compile(
    rf"\b(?:each|every|per)\s+(year|month|week|day|quarter|hour|{WEEKDAY}|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)


@cache
def _weekly_pattern() -> re.Pattern[str]:
    parts = "|".join(_words("day_parts"))
    return re.compile(rf"\b({WEEKDAY})(?:s\b|\s+({parts})s\b)", re.IGNORECASE)


def weekly_value(weekday: str, part: str | None) -> str:
    """'Mondays' -> XXXX-WXX-1, 'Tuesday nights' -> XXXX-WXX-2TNI (a weekday in the plural recurs)."""
    code = str(_words("day_parts")[part.lower()]) if part else ""
    return f"XXXX-WXX-{WEEKDAYS.index(weekday.lower()) + 1}{'T' + code if code else ''}"


def sets(text: str) -> Iterator[Extra]:
    """'every month' (P1M), 'each Thursday' (XXXX-WXX-4), 'each July' (XXXX-07), 'annually',
    'on Mondays', 'Tuesday nights' (XXXX-WXX-2TNI)."""
    for found in _EVERY.finditer(text):
        word = found.group(1).lower()
        if word in WEEKDAYS:
            value = f"XXXX-WXX-{WEEKDAYS.index(word) + 1}"
        elif word in MONTHS:
            value = f"XXXX-{MONTHS[word]:02d}"
        else:
            letter = units()[word]
            value = f"PT1{letter[1:]}" if letter.startswith("T") else f"P1{letter}"
        yield found.start(), found.end(), "set", "SET", value, None
    for found in _weekly_pattern().finditer(text):
        yield found.start(), found.end(), "set", "SET", weekly_value(found.group(1), found.group(2)), None
    frequencies = {k: str(v) for k, v in _words("frequencies").items()}
    for found in re.finditer(rf"\b(?:{'|'.join(frequencies)})\b", text, re.IGNORECASE):
        yield found.start(), found.end(), "set", "SET", frequencies[found.group().lower()], None


_PART_OF_YEAR = lazy_re.compile(rf"\b(early|mid|late|end)[\s-]+(?:of\s+)?({YEAR})\b", re.IGNORECASE)


def windows(text: str, ref: date | None) -> Iterator[Extra]:
    """'early 2019', 'mid-2018', 'the end of 2017' ('the six months to February', 'year to date' and
    'the April-June period' are timex.scan's)."""
    for found in _PART_OF_YEAR.finditer(text):
        part, year = found.group(1).lower(), int(found.group(2))
        first_month, last_month = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12)}[part]
        period = Period(date(year, first_month, 1), month_end(year, last_month), "span")
        yield found.start(), found.end(), "part_of_year", "DATE", str(year), period


def _month_count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in counts():
        return counts()[word]
    return int(lexicon().number_words[word]) if word in lexicon().number_words else None


def months_anywhere(text: str, ref: date | None) -> Iterator[Extra]:
    """Month names without a preposition ("January sales"), which the extractor leaves alone."""
    for found in re.finditer(bare_month(anywhere=True), text):
        month = month_number(found.group().rstrip("."))
        if ref is None:
            yield found.start(), found.end(), "bare_month", "DATE", f"XXXX-{month:02d}", None
            continue
        when = timex_tense.month_tense(text, found.start())
        period = timex_tense.month(month, ref, when)
        yield found.start(), found.end(), "bare_month", "DATE", period_value(period), period


def extra_expressions(text: str, ref: date | None) -> list[Extra]:
    """Every expression these finders find, in text order (they may overlap one another)."""
    found = [
        *durations(text),
        *bare_units(text),
        *units_ahead(text),
        *references(text),
        *seasons(text, ref),
        *day_parts(text, ref),
        *sets(text),
        *windows(text, ref),
        *months_anywhere(text, ref),
    ]
    return sorted(found, key=lambda item: (item[0], -item[1]))
