"""A part of a year named with the year it is part of, written as a second expression: "the first half of
the fiscal year ending in March", "the second quarter of the year to June 30, 1988". The finders read "the
first half of" alone (the calendar's half) and the year after it alone (twelve months to its end); joined,
the part is taken of those twelve months, as "the first half of fiscal 1988" is of that fiscal year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from metrics import lazy_re
from metrics.calendar import add_months
from metrics.find.timex_ranges import Found
from metrics.records import Period

PARTS = {"half_year": 6, "quarter_year": 3}
"""The kinds of a part of a year, and how many months each part is."""

_OF = lazy_re.compile(r"\s*+(?:(?:the|its|their)\s++)?", re.IGNORECASE)
"""What stands between "the first half of" and the year it is part of."""


def _twelve_months(period: Period | None) -> bool:
    """Whether a period is twelve whole months (a first day to the last day a year on)."""
    if period is None or period.start is None or period.end is None or period.start.day != 1:
        return False
    return period.end == add_months(period.start, 12) - timedelta(days=1)


def part_of(year_start: date, part: Period, months: int) -> Period:
    """The part of the year from `year_start` that `part` is of its calendar year (the second quarter,
    the first half: `months` long); a quarter's grain if it is a calendar quarter, else a span."""
    assert part.start is not None
    index = (part.start.month - 1) // months  # the part the words name: 'second quarter' -> 1
    first = add_months(year_start, months * index)
    last = add_months(first, months) - timedelta(days=1)
    return Period(first, last, part.grain if first.month % 3 == 1 else "span")


def join_parts_of_years(text: str, found: list[Found]) -> list[Found]:
    """Each part of a year whose words end in "of" and run straight on into a year of twelve whole
    months: one expression over both, the part taken of that year (`found` sorted by start). Not a year
    written as a number: the part's own pattern reads "the first half of 1987", and one it left alone
    is a modifier ("the first half of the 1987 fiscal year started on April 1")."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        year = item[3]
        if previous is None or previous[2] not in PARTS or item[2] == "year" or not _twelve_months(year):
            out.append(item)
            continue
        start, end, kind, part, relation = previous
        gap = _OF.match(text, end)
        joined = gap is not None and gap.end() == item[0] and text[start:end].rstrip().lower().endswith("of")
        if not joined or part is None or part.start is None or year is None or year.start is None:
            out.append(item)
            continue
        out[-1] = (start, item[1], kind, part_of(year.start, part, PARTS[kind]), relation)
    return out
