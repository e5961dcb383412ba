"""Two dates joined by a range word are one period: "Oct. 2 to October 22", "between May 3 and June 1",
"from March 1 to today". The finders find each date; this joins them, both days included."""

from __future__ import annotations

import re

from metrics import lazy_re
from metrics.find.timex_words import WEEKDAY_OR_SHORT
from metrics.records import Period

POINTS = frozenset(
    {"iso_date", "day_month_year", "month_day_year", "month_day", "day_month", "weekday_the_day", "us_date"}
    | {"month_year", "month_of_year", "month_slash_year", "month_comma_year", "year", "this_day"}
)
"""Dates and named months or years that two of make a range: "Oct. 2 to October 22"."""
_JOIN = lazy_re.compile(
    rf"\s*(-|–|to|till|until|through|thru|and)\s*(?:(?:{WEEKDAY_OR_SHORT})[a-z]*\.?,?\s*)?", re.IGNORECASE
)
_OPEN = lazy_re.compile(r"\b(from|between)\s+$", re.IGNORECASE)

Found = tuple[int, int, str, "Period | None", str]


def join_ranges(text: str, found: list[Found]) -> list[Found]:
    """Two dates joined by 'to', 'until', '-' (or 'and' after 'between') are one range, both days in."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        if previous is None or previous[2] not in POINTS or item[2] not in POINTS:
            out.append(item)
            continue
        first, last = previous[3], item[3]
        joint = _JOIN.fullmatch(text, previous[1], item[0])
        opening = _OPEN.search(text, max(0, previous[0] - 9), previous[0])
        if joint is None or first is None or last is None or first.start is None or last.end is None:
            out.append(item)
            continue
        if joint.group(1).lower() == "and" and not (opening and opening.group(1).lower() == "between"):
            out.append(item)
            continue
        if last.end < first.start:
            out.append(item)
            continue
        start = opening.start() if opening else previous[0]
        out[-1] = (start, item[1], "date_range", Period(first.start, last.end, "span"), "span")
    return out
