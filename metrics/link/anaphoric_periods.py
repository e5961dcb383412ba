"""'Revenue rose 8% to $4.1 billion in the quarter': a period noun with no word of its own ("the quarter",
"the month", "the period") points back to the period of its length the headline names, else to the one
the article named last, a comparison's passed over ("Acme reported third-quarter results. ... in the
quarter" is the third quarter). The nouns and the prepositions before them are time_words.toml
[anaphoric_periods]; "the year" is not read (see there)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, add_months
from metrics.lexicon import _toml, alternation
from metrics.link.periods import headline_period
from metrics.link.scope import Figure, Scope
from metrics.records import Period, TimeMention

MAX_GAP = 60
"""Characters between a figure and the phrase after it, at most ("rose 8% to $4.1 billion in the quarter")."""


@cache
def _table() -> tuple[re.Pattern[str], dict[str, int]]:
    table = _toml("time_words.toml")["anaphoric_periods"]
    nouns = {noun: int(months) for noun, months in table["nouns"].items()}
    pattern = re.compile(
        rf"(?<!\w)(?:{alternation(table['prepositions'])})[ \t]++the[ \t]++({alternation(nouns)})(?!\w)"
        r"(?![ \t]*+(?:-|to\b|ended\b|ending\b|ago\b|earlier\b|before\b|after\b|of\b|through\b|just\b|that\b"
        r"|in\b|when\b|which\b|up\b|until\b|from\b|since\b|between\b|covered\b|under\b|rates?\b|'s|’s"
        r"|an?\b|one\b|last\b|this\b|previous\b|prior\b|year\b"
        rf"|\d|(?:{MONTH_PATTERN})\b))",
        re.IGNORECASE,
    )
    return pattern, nouns


def _lasts(period: Period, months: int) -> bool:
    """Whether a period is one of `months` months (0: any period longer than a day)."""
    if period.start is None or period.end is None:
        return False
    if months == 0:
        return period.end > period.start
    expected = add_months(period.start, months) - timedelta(days=1)
    return abs((period.end - expected).days) <= 3


_COMPARED = lazy_re.compile(
    r"\b(?:from|against|versus|vs\.?|compared[ \t]++(?:with|to)|than)\b[^.;\n]{0,40}$", re.IGNORECASE
)
"""Before a time, the words that make it a comparison's ("up from 39.4 mln dlrs in the third quarter"):
not the period the article goes on about."""


def _named_before(text: str, times: list[TimeMention], at: int, months: int) -> Period | None:
    """The period of `months` months named last before `at`, a comparison's passed over."""
    earlier = times[: bisect_left([t.start for t in times], at)]
    for mention in reversed(earlier):
        if _lasts(mention.period, months) and not _COMPARED.search(
            text, max(0, mention.start - 50), mention.start
        ):
            return mention.period
    return None


def the_period_named_before(scope: Scope, figure: Figure) -> None:
    """A figure no time governs, with "in the quarter" (a period noun of the table) right after it or
    opening its clause, takes the period of that length named last before it in the article."""
    if figure.period_source != "none" or not scope.run.times:
        return
    text, quantity = scope.doc.text, figure.quantity
    pattern, nouns = _table()
    found = None
    after = pattern.search(text, quantity.noun_end, min(scope.end, quantity.noun_end + MAX_GAP))
    between = [t for t in scope.times if quantity.noun_end <= t.start < (after.start() if after else 0)]
    if after is not None and not between:
        found = after
    else:
        before = pattern.match(text, scope.start + _lead(text, scope.start))
        if before is not None and before.end() <= quantity.start:
            found = before
    if found is None:
        return
    months = nouns[found.group(1).lower()]
    headline = headline_period(scope.doc)  # the story's own period ("TRADE DEFICIT ... IN 4TH QTR") first
    period = headline if headline is not None and _lasts(headline, months) else None
    period = period or _named_before(text, scope.run.times, found.start(), months)
    if period is not None:
        figure.period, figure.period_text, figure.period_source = period, found.group(), "context"


_LEAD = lazy_re.compile(r"[ \t\"'“]*+(?:(?:And|But|So)[ \t]++)?")


def _lead(text: str, start: int) -> int:
    found = _LEAD.match(text, start)
    return found.end() - start if found else 0
