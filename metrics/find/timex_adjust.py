"""What the words around a time expression change about the period its pattern resolved: the tense of
its clause (a month or weekday without a year, a quarter or half that is expected), the fiscal
calendar the article states or its government keeps ("fiscal 1987", "last fiscal year", "the second
quarter of fiscal 1994", "Q3 FY24"). timex.scan calls `in_context` for the kinds in ADJUSTED.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import add_months, shift_years
from metrics.find import timex_tense
from metrics.find.fiscal import StoryCountry, calendar_for, fiscal_year, relative_fiscal_year
from metrics.find.timex_part_of_year import part_of
from metrics.find.timex_ranges import Found
from metrics.find.timex_words import M, contract_words, part_words
from metrics.lexicon import _toml, alternation
from metrics.records import Period

_SINCE = lazy_re.compile(r"\bsince\s$", re.IGNORECASE)
_TENSED = frozenset({"bare_month", "part_month"})
"""Kinds without a year whose year the tense of their clause decides. A month and day keeps the
nearest year: tried with the tense of its clause on Reuters, about half of the changes were wrong
(payable and meeting dates after a past verb), so it is not done."""


_PARTS_OF_YEARS = frozenset({"quarter_year", "half_year"})
_UNDATED_PARTS = frozenset({"quarter_year", "half_year", "q_year", "first_months_bare", "month_quarter"})
"""Parts of a year whose last group is the year: without it, the tense of the clause may move them."""


REPORTING_DAYS = 45
"""How long after a quarter or half closes its results are still expected: 'expects third-quarter
earnings of' in October is the quarter just ended, in March 'the second half' is this year's."""


def _part_in_tense(text: str, item: Found, reference: date) -> Found:
    """'expects earnings to grow in the second half', 'first-quarter profit is expected to': a quarter,
    half or first months without a year in a clause about the future is the coming one, not the last
    one that ended, unless that one closed lately (its results still due) or much more lately than
    the coming one begins. A part of the year a future event is to happen in ("sales will rise 5 pct
    in the fourth quarter") is the coming one whenever the last closed more than REPORTING_DAYS ago:
    what happens in it has not happened, whereas "expects fourth-quarter results" may still be due."""
    start, end, kind, period, relation = item
    if period is None or period.end is None or period.start is None:
        return item
    since_end = (reference - period.end).days
    if since_end <= REPORTING_DAYS:
        return item  # under way, or just closed and still to be reported ("expects third-quarter results")
    in_time = _IN_BEFORE.search(text, max(0, start - 12), start) is not None
    if not in_time and (shift_years(period.start, 1) - reference).days > 2 * since_end:
        return item  # in March 'fourth-quarter results' are mostly the ones still due, not the next
    before = text[timex_tense.clause_bounds(text, start)[0] : start]
    future = timex_tense.speaks_of_future(text, start) or _expects().search(before)
    if not (future or _FUTURE_AFTER.match(text, end)):
        return item
    if _ENDED_AFTER.match(text, end):
        return item  # "a loss in its third quarter ended Feb. 28", "the second quarter's 12 cents": over
    shifted = Period(shift_years(period.start, 1), shift_years(period.end, 1), period.grain)
    return start, end, kind, shifted, relation


_IN_BEFORE = lazy_re.compile(r"\b(?:in|during)\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
"""'in the fourth quarter', 'during the second half': when something happens, not whose results."""


@cache
def _expects() -> re.Pattern[str]:
    """Words of expectation before a quarter or half (time_words.toml [future_cues] part_expecting)."""
    words = _toml("time_words.toml")["future_cues"]["part_expecting"]
    return re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)


_ENDED_AFTER = lazy_re.compile(r"\s+(?:ended|ending|to|through)\b|'s\b", re.IGNORECASE)
_FUTURE_AFTER = lazy_re.compile(r"[\w\s-]{0,30}?\b(?:is|are)\s+(?:expected|forecast|projected|seen|likely)\b")
"""'Second-half earnings are expected to rise': the cue after a premodifying period."""


def _fiscal_part(text: str, item: Found, country: StoryCountry | None, reference: date | None) -> Found:
    """'the second quarter of fiscal 1987', 'Q3 FY24', 'the first half of fiscal 2025': that quarter or
    half of the fiscal year by the calendar 'fiscal 1987' would be read by (the resolver gave the
    calendar year's)."""
    start, end, kind, period, relation = item
    if period is None or period.start is None or period.end is None:
        return item
    context = text[timex_tense.sentence_start(text, start) : start]
    year = fiscal_year(period.start.year, context, text, start, country, reference)
    if year.start is None:
        return item
    return start, end, kind, part_of(year.start, period, 6 if kind == "half_year" else 3), relation


def _fiscal(text: str, item: Found, country: StoryCountry | None, reference: date | None) -> Found:
    """'fiscal 2020' by the calendar the article states, its government's or its company's (fiscal.py)."""
    start, end, kind, period, relation = item
    if period is None or period.grain != "year" or period.start is None:
        return item
    context = text[timex_tense.sentence_start(text, start) : start]
    return (
        start,
        end,
        kind,
        fiscal_year(period.start.year, context, text, start, country, reference),
        relation,
    )


_FISCAL_BEFORE = lazy_re.compile(r"\bfiscal[\s-]+$", re.IGNORECASE)


def _bare_fiscal_part(text: str, item: Found, reference: date, country: StoryCountry | None) -> Found | None:
    """'its fiscal second quarter', 'the fiscal first half' (no year) of a company whose fiscal year is
    known (fiscal.calendar_for): the latest such part that has ended by publication; in a clause about
    the future, the one under way or next, unless the latest ended within REPORTING_DAYS (its results
    still due). None when the year is not known: the calendar's part is read then."""
    start, end, kind, period, relation = item
    if period is None or period.start is None or not _FISCAL_BEFORE.search(text, max(0, start - 10), start):
        return None
    context = text[timex_tense.sentence_start(text, start) : start]
    calendar = calendar_for(context, text, start, country, reference)
    if calendar is None or calendar.first_month == 1:
        return None
    months = 6 if kind == "half_year" else 3
    index = (period.start.month - 1) // months  # the part the words name: 'second quarter' -> 1
    parts = []
    for year in range(reference.year - 2, reference.year + 3):
        first_day = calendar.year(year).start
        if first_day is not None:
            first = add_months(first_day, months * index)
            parts.append(Period(first, add_months(first, months) - timedelta(days=1), "span"))
    parts.sort(key=lambda p: p.start or reference)
    ended = [p for p in parts if p.end is not None and p.end <= reference]
    latest = ended[-1]
    before = text[timex_tense.clause_bounds(text, start)[0] : start]
    future = (
        timex_tense.speaks_of_future(text, start)
        or _expects().search(before)
        or _FUTURE_AFTER.match(text, end)
    )
    if future and latest.end is not None and (reference - latest.end).days > REPORTING_DAYS:
        latest = next(p for p in parts if p.end is not None and p.end > reference)
    grain = period.grain if latest.start is not None and latest.start.month % 3 == 1 else "span"
    return start, end, kind, Period(latest.start, latest.end, grain), relation


def _in_tense(text: str, item: Found, reference: date | None) -> Found:
    """A month without a year: the coming one when its clause has a future cue before it ("is due
    in May", "postponed until June"), else the latest not after publication (news reports what has
    happened); "since March" runs from it to publication."""
    start, end, kind, period, relation = item
    if reference is None or period is None or period.start is None:
        return item
    if _SINCE.search(text, max(0, start - 6), start):  # "since March": from its first day to now
        month = timex_tense.month(period.start.month, reference, "since")
        return start, end, kind, Period(month.start, reference, "span"), "since"
    when = "future" if _delivery_after().match(text, end) else timex_tense.month_tense(text, start)
    return start, end, kind, timex_tense.month(period.start.month, reference, when), relation


@cache
def _delivery_after() -> re.Pattern[str]:
    """After a month, the second month of a delivery window and the delivery ("bought wheat for late
    June/early July shipment"): a delivery is to come, whatever the tense of the purchase."""
    return re.compile(
        rf"[ \t]*+/[ \t]*+(?:(?:{part_words()})[ \t-]++)?(?:{M})\b"
        rf"[ \t]++(?:{contract_words()})\b",
        re.IGNORECASE,
    )


def _weekday_in_tense(text: str, item: Found, reference: date | None) -> Found:
    """A weekday: the latest on or before publication, the coming one when its clause speaks of the
    future ("will pay a dividend of 10 cts on Tuesday"), as the time tagger reads it."""
    start, end, kind, period, relation = item
    if reference is None or period is None:
        return item
    words = text[start:end].lower().split()
    which = words[0] if len(words) > 1 else ""
    future = timex_tense.speaks_of_future(text, start)
    return start, end, kind, timex_tense.weekday(words[-1], reference, future, which), relation


ANNUAL_REPORTING_DAYS = 120
"""How long after a (fiscal) year closes a past-tense 'full-year' figure is still of that year: annual
results come out within about four months; later in the year the words no longer tell which year."""


@cache
def _forecast_cue() -> re.Pattern[str]:
    """The cues of a forecast (words.toml [status] forecast: "will", "expects", "estimated", "outlook")."""
    cues = _toml("words.toml")["status"]["forecast"]
    return re.compile(rf"(?<![\w'])(?:{alternation(cues)})(?![\w'])", re.IGNORECASE)


_LOOKS_BACK = lazy_re.compile(r"\bwould\s+have\b|\bhad\s+(?:been|\w+ed)\b", re.IGNORECASE)
"""'its loss for the full year would have been 9.88 dlrs': what a past year would have shown."""


def _full_year(text: str, item: Found, reference: date | None, country: StoryCountry | None) -> Found:
    """'expects full-year profit', 'full-year net income would fall': in a sentence with a cue of a forecast
    (words.toml [status]) the (fiscal) year that holds publication, by the calendar 'this fiscal year' is
    read with; 'full-year sales rose': the one that closed last, if it closed within ANNUAL_REPORTING_DAYS.
    Otherwise undated: an outlook given while last year's results are still due (REPORTING_DAYS), or a
    past figure told months after its year closed, may be of either year."""
    start, end, kind, _period, relation = item
    if reference is None:
        return item
    first = timex_tense.sentence_start(text, start)
    context = text[first:start]
    current = relative_fiscal_year("this", reference, context, text, start, country)
    last = relative_fiscal_year("last", reference, context, text, start, country)
    if last.end is None:
        return start, end, kind, None, relation
    since_last = (reference - last.end).days
    sentence = text[first : timex_tense.sentence_end(text, end)]
    future = _forecast_cue().search(sentence) is not None and not _LOOKS_BACK.search(sentence)
    if future:
        period = current if since_last > REPORTING_DAYS else None
    else:
        period = last if since_last <= ANNUAL_REPORTING_DAYS else None
    return start, end, kind, period, relation


ADJUSTED = frozenset(
    {
        *_TENSED,
        "weekday",
        "fiscal",
        "q_fiscal",
        "relative_fiscal",
        "full_year",
        *_PARTS_OF_YEARS,
        *_UNDATED_PARTS,
    }
)
"""The kinds whose period `in_context` may change."""
UNDATED_PARTS = _UNDATED_PARTS


def in_context(
    text: str,
    item: Found,
    surface: str,
    year_written: bool,
    reference: date | None,
    country: StoryCountry | None = None,
) -> Found:
    """The expression `item` (timex.scan's tuple) with its period as the words around it read it;
    `country` tells the story's country when a company's fiscal year needs it. At the ends of the
    calendar (published in year 1 or 9999) a period that would leave it keeps the resolver's."""
    try:
        return _in_context(text, item, surface, year_written, reference, country)
    except (ValueError, OverflowError):  # "the last fiscal year" of a story dated 0001-01-05
        return item


def _in_context(
    text: str,
    item: Found,
    surface: str,
    year_written: bool,
    reference: date | None,
    country: StoryCountry | None,
) -> Found:
    kind = item[2]
    if kind in _TENSED:
        return _in_tense(text, item, reference)
    if kind == "weekday":
        return _weekday_in_tense(text, item, reference)
    if kind == "fiscal":
        return _fiscal(text, item, country, reference)
    if kind == "q_fiscal" or (kind in _PARTS_OF_YEARS and "fiscal" in surface.lower()):
        return _fiscal_part(text, item, country, reference)
    if kind in _PARTS_OF_YEARS and not year_written and reference is not None:
        fiscal = _bare_fiscal_part(text, item, reference, country)
        if fiscal is not None:
            return fiscal
    if kind in _UNDATED_PARTS and not year_written and reference is not None:
        return _part_in_tense(text, item, reference)
    if kind == "full_year":
        return _full_year(text, item, reference, country)
    if kind == "relative_fiscal" and reference is not None:
        context = text[timex_tense.sentence_start(text, item[0]) : item[0]]
        which = text[item[0] : item[1]].split()[0]
        period = relative_fiscal_year(which, reference, context, text, item[0], country)
        return (*item[:3], period, item[4])
    return item
