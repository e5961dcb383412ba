"""Time mentions: years, months, days, quarters, halves, fiscal years, spans, relative expressions and
leaders' terms, each resolved to a Period against the publication date.

The expressions are found by the project's own patterns (one compiled alternation, one pass);
dateparser's search reads "$20" as a date and fills missing days with today's, so it is not used here.
Each pattern kind has a small resolver (timex_dates, timex_first, timex_relative, timex_parts), looked
up in one dispatch table; timex_adjust reads the words around an expression (tense, fiscal calendars)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTHS, WEEKDAYS
from metrics.find import timex_dates, timex_first, timex_parts, timex_relative
from metrics.find.fiscal import StoryCountry
from metrics.find.split_alternation import SplitAlternation
from metrics.find.timex_adjust import ADJUSTED, UNDATED_PARTS, in_context
from metrics.find.timex_part_of_year import join_parts_of_years
from metrics.find.timex_periods import DATED, period_master, period_starts
from metrics.find.timex_ranges import join_ranges
from metrics.find.timex_relative import Resolver
from metrics.find.timex_words import (
    ANY_YEAR,
    ORD,
    WEEKDAY,
    WHICH,
    YEAR,
    M,
    bare_month,
    contract_words,
    count_words,
    counts,
    day_offsets,
    number,
    part_words,
)
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, alternation, lexicon
from metrics.records import Period, TimeMention

_NUM = number()
_NOT_A_DAY = r"(?:pct|percent|per\b|%|mln|million|billion|bln|dlrs|tonnes)"
"""Words after a number that make it a figure, not the day a window ends ("the year to March 10 pct")."""
_RESULTS = alternation(
    [*_toml("companies.toml")["owned_figures"]["nouns"], "results", "net", "loss", "output"]
)
"""Words after a bare 'H1' that make it a half of a company's year ("H1 revenue"); "during H2" is none."""
_NOT_ENDED = rf"(?!\s+(?:ended|ending)\s+(?:on\s+)?(?:\d{{1,2}}\s+)?(?:{M})\b)"
"""Not a quarter or half the day it closes follows: "the second quarter ended March 31" is the window
of the three months to that day (a company's own quarter), not the calendar's second quarter."""
FULL_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
"""'January-March', 'October/December' name a span without a period word only with the months written
out: 'May/Sep' and 'Oct/Dec' are mostly the delivery months of a commodity quote."""

# Named alternatives, most specific first. Each name has a resolver in RESOLVERS.
_PARTS = [
    (
        "since_month_year",
        rf"\bsince\s+(?:the\s+start\s+of\s+|early\s+|late\s+|mid-?)?({M})\.?,?\s+(?:of\s+)?({YEAR})\b",
    ),
    ("since_year", rf"\bsince\s+(?:the\s+start\s+of\s+|early\s+|late\s+|mid-?)?({YEAR})\b(?![-/]\d)"),
    (
        "year_span",
        rf"\b(?:from|between)\s+(?:A\.D\.\s+|AD\s+)?({ANY_YEAR})\s+(?:to|and|until|through|till)\s+({ANY_YEAR})\b",
    ),
    (
        "month_span",
        rf"\b({M})\.?\s*(?:(?:-|–|/|to|through)\s*({M})\.?(?:\s+({YEAR}))?\s+(?:period|quarter|months?)\b"
        rf"|(?<=[a-z]{{3}})(?<!Sept)(?:-|–|/)\s*({FULL_MONTH})\b(?:,?\s+({YEAR})\b)?)",
    ),
    (
        "month_quarter",
        rf"\b({FULL_MONTH}|Sept|Dec)\.?[\s-]quarter\b(?:\s+(?:of\s+)?{WHICH}\s+year\b|\s+of\s+({YEAR})\b)?",
    ),
    ("to_date", r"\b(?:(last|previous|prior)\s+(?=year))?(year|month|quarter)[- ]to[- ]date\b"),
    (
        "year_dash",
        rf"(?<![\d$£€,.])({YEAR})\s?[-–/]\s?(\d{{4}}|\d{{2}})\b(?![-/]\d|\s+(?:mln|billion|million))",
    ),
    ("iso_date", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    ("day_month_year", rf"(?<![\d.,])\b(\d{{1,2}}){ORD}?\s+(?:of\s+)?({M})\.?,?\s+({YEAR})\b"),
    # "July 1, 1987", "effective July One, 1987" (a day in words only before its year)
    ("month_day_year", rf"\b({M})\.?\s+(\d{{1,2}}|(?:{count_words()})\b){ORD}?,?\s+({YEAR})\b"),
    (
        "first_months",
        rf"\b(?:the\s+)?first\s+({_NUM})\s+months\s+of\s+(?:(?:fiscal\s+)?({YEAR})|(?:the|this)\s+(year))\b",
    ),
    ("year_part_of", rf"\b({YEAR})\s+(first|second|third|fourth|1st|2nd|3rd|4th)[\s-](quarter|half)\b"),
    # "the first 20 days of June", "the first two weeks of 2025": from the first day of the month or year
    # to the last day counted (trade figures to date)
    (
        "first_days",
        rf"\b(?:the\s+)?first\s+({_NUM})\s+(days|weeks)\s+of\s+(?:({M})\b(?:\.(?=,?\s+\d))?(?:,?\s+({YEAR})\b)?"
        rf"|(?:the|this)\s+(month|year)\b(?!\s+(?:starting|beginning|ending|ended|to|through|that|which)\b)"
        rf"|({YEAR})\b)",
    ),
    ("first_months_bare", rf"\b(?:the\s+)?first\s+({_NUM})\s+months\b(?!\s+of\b)"),
    (
        "quarter_year",
        rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?!ly){_NOT_ENDED}(?:\s+of)?"
        rf"(?:\s+(?:fiscal\s+)?({YEAR}))?",
    ),
    ("q_fiscal", r"\bQ([1-4])\s*[-/]?\s*FY\s*'?(\d{4}|\d{2})\b"),
    # "Q3", "Q3 2025", "Q3'25", and the analysts' "3Q25", "3Q 2025", "4Q" (a capital Q after the digit)
    (
        "q_year",
        rf"\b(?:Q([1-4])|([1-4])(?-i:Q))(?:(?:\s*[-/]?\s*|['’])({YEAR}|(?<=[Q'’])\d{{2}}))?\b",
    ),
    (
        "half_year",
        rf"\b(?:(first|second|last(?=\s+half\s+of\s+(?:fiscal\s+)?{YEAR}\b))[\s-]half|(?-i:H)([12])\b(?:(?<=['’]s\sH[12])|(?=[\s-]+(?:{_RESULTS})\b))){_NOT_ENDED}(?:\s+of)?"
        rf"(?:\s+(?:fiscal\s+)?({YEAR}))?",
    ),
    ("two_quarters", rf"\b(first|last)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?({YEAR})\b"),
    ("fiscal", rf"\b(?:fiscal|financial|FY)\s*(?:year\s+)?({YEAR}|\d{{2}})\b(?:\s?[-/]\s?(\d{{2,4}})\b)?"),
    ("month_day", rf"\b({M})\.?\s+(\d{{1,2}}){ORD}?\b(?!\s*,?\s*\d)(?![:.]\d)"),
    ("day_month", rf"(?<![\d.,])\b(\d{{1,2}}){ORD}?\s+(?:of\s+)?({M})\b\.?(?!\s*,?\s*\d{{4}})"),
    ("month_year", rf"\b({M})\.?,?\s+(?:of\s+)?({YEAR})\b"),
    ("relative_month", rf"\b(last|this|next)\s+({M})\b"),
    # "mid-March", "end-June", "late November": that month (of the year its clause's tense says), as
    # "in March" is; a day or year after it is read by month_day or month_year
    (
        "part_month",
        rf"\b({part_words()})(?:\s++|\s*+-\s*+)({M})\b(?!\.?,?\s*\d)(?!\s+(?i:{contract_words()})\b)",
    ),
    ("decade", r"\b(?:the\s+)?(1[89]\d|20\d)0s\b"),
    ("ad_year", r"\b(?:A\.D\.|AD|B\.C\.|BC)\s+(\d{3,4})\b|\b(\d{3,4})\s+(?:A\.D\.|AD|B\.C\.|BC)\b"),
    ("year", rf"(?<![\d$£€.,])({YEAR})(?!\d|,\d|\.\d|\s?%)"),
    ("ago", rf"\b({_NUM}|a|an)\s+(year|quarter|month|week|day)s?(?:\s+or\s+so)?\s+(?:ago|earlier|before)\b"),
    # "from 4.0 pct the month before": the one before the period in context (the linker counts it from the
    # sentence's own period); not "the month before the election", a time before an event
    (
        "unit_before",
        r"(?<=\bthe\s)(month|quarter|week)\s+(?:before|earlier)\b"
        r"(?!\s+(?:(?:the|a|an|its|their|his|her|that|this|last|next)\b|[A-Z0-9]))",
    ),
    ("past_n", rf"\b(?:the\s+)?(?:past|last|previous)\s+({_NUM})\s+(year|month|week|day|quarter)s\b"),
    (
        "past_one",
        r"\b(?:the\s+(?:past|last|previous)|past)\s+(year|month|week|decade)\b(?!\s+(?:ago|earlier))",
    ),
    ("relative_year", r"\b(last|this|next|previous|current|coming)\s+year\b"),
    (
        "relative_fiscal",
        r"\b(last|this|next|previous|current|coming|past|prior)\s+(?:fiscal|financial)\s+year\b"
        # 'the current fiscal year ending June', 'starting April 1' is a window
        r"(?!\s+(?:to|through|ended|ending|starting|beginning)\s)",
    ),
    # "full-year profit", "for the full year": the (fiscal) year of the article's results or outlook
    # (timex_adjust reads which); not "a full year" (a length), nor the year a date or window names
    (
        "full_year",
        r"(?<!\ba\s)(?<!\d\s)(?<!\d-)\bfull[\s-]year\b"
        r"(?![\s-]+(?:ago|earlier|before|to|through|ended|ending|of)\b)(?!\s+(?:in\s+)?(?:fiscal\s+)?\d)",
    ),
    ("year_earlier", r"\b(?:a\s+)?year[- ](?:earlier|ago|before)\b|\byear-ago\b|\bprior\s+year\b"),
    ("relative_period", r"\b(last|this|next|previous|current|prior|preceding)\s+(month|week|quarter)\b"),
    ("this_day", rf"\b({alternation(day_offsets())})\b"),
    ("weekday", rf"\b(?:on\s+|last\s+|next\s+)?({WEEKDAY})\b"),
    (
        "window",
        rf"\b(?:the\s+)?(?:(current|present|coming|this)\s+)?(?:(?:fiscal|financial)\s+)?(?:({_NUM})\s+(month|week)s?|(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?=q|h))?(year|quarter|half|week)(?:[\s-]year)?)"
        rf"\s+(?:(?:that|which)\s+(?=ended|ending|starting|beginning))?(to|through|ended|ending|starting|beginning)(?:\s+(?:in|on))?\s+(?:the\s+end\s+of\s+|end-|end\s+(?={M}))?"
        rf"(?:(\d{{1,2}}){ORD}?\s+)?({M})\b(?:\.(?=\s+\d))?(?:\s+(\d{{1,2}}|{count_words()}){ORD}?\b(?![:.]\d|\s*{_NOT_A_DAY}))?"
        rf"(?:,?\s+({YEAR})\b)?",
    ),
    ("bare_month", bare_month()),
    (
        "time_of_day",
        r"\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\.?)?(?!\d)|\b\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)",
    ),
]


_DIGIT_FIRST = frozenset({"quarter_year", "q_year", "decade", "ad_year", "ago", "window"})
"""Kinds whose match may begin with a digit ("3rd quarter", "3Q25", "1990s", "1066 AD", "2 years ago")."""
_DIGIT_ONLY = frozenset(
    {"year_part_of", "year_dash", "iso_date", "day_month_year", "day_month", "year", "time_of_day"}
)
"""Kinds whose match always begins with a digit."""


@cache
def _master() -> SplitAlternation:
    leaders = alternation({alias for leader in lexicon().leaders for alias in (leader.name, *leader.aliases)})
    parts = list(_PARTS)
    parts.insert(
        0,
        (
            "under",
            rf"\bunder\s+(?:(?:President|Prime\s+Minister|Chancellor|former\s+President)\s+)?({leaders})\b",
        ),
    )
    return SplitAlternation(parts, _DIGIT_FIRST, _DIGIT_ONLY)


RESOLVERS: dict[str, Resolver] = {
    **timex_dates.RESOLVERS,
    **timex_first.RESOLVERS,
    **timex_relative.RESOLVERS,
    **timex_parts.RESOLVERS,
}
"""Pattern kind -> the resolver of its period and relation (in, since, until, span, under)."""


_INNER: dict[tuple[int, str], tuple[re.Pattern[str], tuple[int, ...]]] = {}
"""(id of a compiled pattern, alternative name) -> the pattern (kept so its id is never reused) and
the group numbers. Keyed by id: hashing a pattern of this size on every match cost more than it."""


def _inner_indexes(pattern: re.Pattern[str], name: str) -> tuple[int, ...]:
    """The group numbers inside one named alternative (up to the next named group)."""
    key = (id(pattern), name)
    found = _INNER.get(key)
    if found is None:
        names = frozenset(pattern.groupindex.values())
        index = pattern.groupindex[name] + 1
        out = []
        while index <= pattern.groups and index not in names:
            out.append(index)
            index += 1
        found = _INNER[key] = (pattern, tuple(out))
    return found[1]


def _groups(match: re.Match[str], name: str) -> list[str | None]:
    """The inner groups of one named alternative."""
    indexes = _inner_indexes(match.re, name)
    if not indexes:
        return []
    if len(indexes) == 1:
        return [match.group(indexes[0])]
    return list(match.group(*indexes))


def resolve(name: str, groups: list[str | None], reference: date | None) -> tuple[Period, str] | None:
    """The period an expression of kind `name` denotes, or None (unknown kind, or it needs a reference)."""
    resolver = RESOLVERS.get(name)
    resolved = resolver(groups, reference) if resolver else None
    if resolved is not None:
        period = resolved[0]
        if period.start is not None and period.end is not None and period.start > period.end:
            return None  # "since 2001" in a text of 2000: no period ends before it starts
    return resolved


@cache
def _triggers() -> frozenset[str]:
    """Words that can begin a time expression (a token starting with a digit always can)."""
    words = {m.lower() for m in MONTHS} | set(WEEKDAYS) | {"under"}
    words |= set(counts())
    words |= set(_toml("time_words.toml")["triggers"]["words"])
    words |= {phrase.split()[0] for phrase in day_offsets()}
    return frozenset(words)


def scan(
    text: str,
    reference: date | None,
    tokens: Tokens | None = None,
    join: bool = True,
    country: StoryCountry | None = None,
) -> list[tuple[int, int, str, Period | None, str]]:
    """Every time expression: (start, end, kind, period or None when unresolvable, relation).
    With join=False two dates a range word joins, or a part of a year and its year, stay two (as TIMEX3).
    `country` gives the story's country (its dateline's, say) when a company's fiscal year asks."""
    tokens = tokens or Tokens(text)
    periods = [
        _found(match, reference) for match in period_master().matches(text, period_starts(text, tokens))
    ]
    out = []
    starts = tokens.starts(_triggers(), prefixes=("fy",), digits=True)
    counted = _a_unit_back(text, tokens)
    if counted:
        starts = sorted(starts + counted)
    taken = iter(periods)
    block = next(taken, None)
    for match in _master().matches(text, starts):
        while block is not None and block[1] <= match.start():
            block = next(taken, None)
        if block is not None and block[0] < match.end():
            continue  # inside a longer period ("22 January" in "from 4 to 22 January")
        name = match.lastgroup or ""
        if name == "year" and not _is_year_in_context(text, match):
            continue
        item = _found(match, reference)
        if name in ADJUSTED:
            year_written = bool(_groups(match, name)[-1]) if name in UNDATED_PARTS else True
            item = in_context(text, item, match.group(), year_written, reference, country)
        out.append(item)
    found = sorted(out + periods)
    return join_parts_of_years(text, join_ranges(text, found)) if join else found


_A_UNIT_BEFORE = lazy_re.compile(r"\b[Aa]n?\s+(?:quarter|month|week|day)(?:\s+or\s+so)?\s+$", re.IGNORECASE)
_BACK_WORDS = frozenset({"ago", "earlier"})


def _a_unit_back(text: str, tokens: Tokens) -> list[int]:
    """Where 'a month ago', 'a week or so ago', 'a month earlier' begin. 'a' is too common a word to
    try the whole pattern at each one, so the few 'ago' and 'earlier' tokens are looked back from
    instead ('a year ago' begins at its 'year' trigger, as year_earlier). 'A month earlier' counts
    from publication here; the linker counts it from the month its sentence names ("in December, up
    from a month earlier": November; link/previous_period.py)."""
    found = []
    for at in tokens.starts(_BACK_WORDS):
        before = _A_UNIT_BEFORE.search(text, max(0, at - 24), at)
        if before is not None:
            found.append(before.start())
    return found


def _found(match: re.Match[str], reference: date | None) -> tuple[int, int, str, Period | None, str]:
    name = match.lastgroup or ""
    try:
        resolved = resolve(name, _groups(match, name), reference)
    except (ValueError, OverflowError):
        resolved = None  # a period before year 1 or after 9999 ("last year", published 0001-01-01)
    period, relation = resolved if resolved else (None, "in")
    return match.start(), match.end(), name, period, relation


_YEAR_UNIT_AFTER = lazy_re.compile(
    r"\s?(?:mln|billion|million|bln|bn|tonnes|dlrs|pct|percent|per cent|%|shares|barrels)\b"
)
_YEAR_AMOUNT_BEFORE = lazy_re.compile(
    r"(?:\$|£|€|¥|more than|less than|over|about|some|up to|nearly|almost)\s*$"
)


def _is_year_in_context(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless money, a unit or a scale is written against it."""
    after = text[match.end() : match.end() + 12].lower()
    if _YEAR_UNIT_AFTER.match(after):
        return False
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return not _YEAR_AMOUNT_BEFORE.search(before)


def find_time_mentions(text: str, reference: date | None) -> list[TimeMention]:
    """Time expressions that denote a period, resolved against `reference` (the publication date).
    Relative expressions ("last year") are left out when there is no reference."""
    mentions = []
    for start, end, name, period, relation in scan(text, reference):
        if period is None or name == "time_of_day":
            continue
        mentions.append(TimeMention(start, end, text[start:end], period, relation))
    return mentions


CALENDAR_KINDS = frozenset(
    {
        "iso_date",
        "day_month_year",
        "month_day_year",
        "month_day",
        "day_month",
        "month_year",
        "year",
        "year_span",
        "year_dash",
        "since_year",
        "since_month_year",
        "decade",
        "ad_year",
        "time_of_day",
        "fiscal",
        "relative_fiscal",
        "q_year",
        "q_fiscal",
        "year_part_of",
        "first_months_bare",
        "quarter_year",
        "half_year",
        "two_quarters",
        "first_months",
        "first_days",
        "full_year",
        "under",
        "weekday",
        "relative_month",
        "part_month",
        "decade_words",
        "date_range",
        "month_span",
        "month_quarter",
        "window",
        *DATED,
    }
)


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates, years and times of day: numbers inside them are not quantities."""
    return [
        (start, end) for start, end, name, _period, _relation in scan(text, None) if name in CALENDAR_KINDS
    ]
