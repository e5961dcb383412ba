"""Whether a figure is actual, a forecast or a target (cue words in words.toml [status]).

A target cue earlier in the figure's clause ("plans to", "offered") or a target noun close to it ("the 35
dlr offer", "a trillion dlr budget", "an offering of up to") makes a target. A forecast cue earlier in the
clause makes a forecast, unless the figure's own period is already over at publication: an estimate of a
past period is actual. A figure introduced by "from", "compared with" or "against" is the observed base of
a comparison, so cues before that word do not reach it ("will fall to 10 pct from 20 pct at present").
Else a period that starts (or, for "by 2022", ends) after publication is a forecast, and so is the figure
of a year or quarter under way at publication ("2 pct growth this year"), unless the clause says it is a
running total ("so far") or reports it done ("rose", "was"), or speaks in the present, or the period is a
year written as a number (the year of accounts so far: "1987 net includes"). A modal verb right after the
figure ("15 mln tonnes will be wheat") is a forecast cue too. A figure restated in brackets ("$499
(£264)") shares the status and period of the one it restates."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml, alternation
from metrics.link import keywords as cue
from metrics.link.expectations import expected_before
from metrics.link.scope import Figure, Scope

PAST_GRAINS = ("year", "quarter", "month", "day", "span")
"""Grains of a period that can be over at publication (a window "as of" publication never is)."""


NEAR_BEFORE = 40
"""Characters before a figure within which a target noun makes it a target ("an offering of up to")."""


@cache
def _target_nouns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A target noun right after a figure (one word may stand between), and one anywhere in a stretch;
    not one that names an outcome with the word after it ("the budget deficit")."""
    status = _toml("words.toml")["status"]
    nouns = alternation(status["target_nouns"])
    outcome = rf"(?![ \t-]++(?:{alternation(status['target_noun_outcomes'])})\b)"  # "budget deficit"
    # matched right after a figure; (?<![ \t-]) keeps a search over a long blank run linear
    after = re.compile(rf"(?<![ \t-])[ \t-]++(?:[A-Za-z]++[ \t-]++)?(?:{nouns})\b{outcome}", re.IGNORECASE)
    before = re.compile(rf"\b(?:{nouns})\b{outcome}", re.IGNORECASE)
    return after, before


_LAST_WORD = lazy_re.compile(r"[A-Za-z]++$")
"""The target noun that ends a match of the noun after a figure."""


def _near_target_noun(scope: Scope, scope_start: int, figure: Figure) -> bool:
    after, before = _target_nouns()
    text, quantity = scope.doc.text, figure.quantity
    match = after.match(text, quantity.end)
    if match:
        noun = _LAST_WORD.search(text, match.start(), match.end())
        if noun is None or not cue.titled(text, noun.start(), noun.end()):
            return True
    found = before.finditer(text, max(scope_start, quantity.start - NEAR_BEFORE), quantity.start)
    return any(not cue.titled(text, *m.span()) for m in found)


@cache
def _forecast_after() -> re.Pattern[str]:
    """A modal verb right after the figure and its noun, which are its subject: 'X tonnes will be wheat'
    (not 'the 44 bln mark reform will be financed', whose subject is the reform)."""
    cues = alternation(_toml("words.toml")["status"]["forecast_after"])
    return re.compile(rf"[ \t]++(?-i:{cues})\b")


@cache
def _so_far() -> re.Pattern[str]:
    """Words that make a figure of a period under way a running one ("so far"), or a reported one."""
    status = _toml("words.toml")["status"]
    return re.compile(rf"\b(?:{alternation([*status['so_far'], *status['reported']])})\b", re.IGNORECASE)


_EXPLICIT_YEAR = lazy_re.compile(r"\d{4}")
_PART_OF_YEAR = lazy_re.compile(r"\b(?:quarter|half)\b", re.IGNORECASE)
UNFINISHED_GRAINS = ("year", "quarter")
"""Grains of a period that may be under way at publication, its full figure not yet known (a month under
way is mostly reported so far: "this month's auction yielded 7.3 pct")."""


@cache
def _status_words() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """Possessive before a figure; verbs that open a subjectless clause; a ceiling word before a figure; a
    negation (words.toml [status])."""
    status = _toml("words.toml")["status"]
    possessive = re.compile(rf"\bof[ \t]+(?:{alternation(status['possessives'])})[ \t]+$", re.IGNORECASE)
    ceiling = re.compile(rf"\b(?:{alternation(status['ceiling_words'])})[ \t]*$", re.IGNORECASE)
    negation = re.compile(rf"\b(?:{alternation(status['negations'])})\b", re.IGNORECASE)
    return possessive, frozenset(status["bare_verbs"]), ceiling, negation


@cache
def _estimate_noun() -> re.Pattern[str]:
    """A noun of estimate right before a figure ("a previous estimate of 3.7 pct")."""
    nouns = alternation(_toml("words.toml")["status"]["forecast_nouns"])
    return re.compile(rf"\b(?:{nouns})[ \t]+(?:of|at)[ \t]+(?:[a-z]+[ \t]+)?$", re.IGNORECASE)


_FIRST_WORD = lazy_re.compile(r"[ \t]*+,?[ \t]*+([a-z]+)\b")
_NOT_VERBS = frozenset({"nothing", "something", "anything", "everything", "during", "according", "including"})


def _subjectless(text: str, clause_start: int) -> bool:
    """Whether the clause that starts here opens with a verb, so shares the subject and modal verb of the
    clause before ("would reach 4 pct but fall to 3 pct", "would pay 20 dlrs while getting 4 dlrs")."""
    found = _FIRST_WORD.match(text, clause_start)
    if found is None:
        return False
    word = found.group(1)
    return word in _status_words()[1] or (word.endswith("ing") and len(word) > 5 and word not in _NOT_VERBS)


def _scope_start(scope: Scope, position: int) -> int:
    """Where the cues that reach `position` may start: its clause (with the clause before, when it has no
    subject of its own), after the last comparison word."""
    doc = scope.doc
    start = doc.clause_start(scope.start, position)
    while start > scope.start and _subjectless(doc.text, start):
        start = doc.clause_start(scope.start, start - 1)
    reporting = doc.reporting_ends
    i = bisect_left(reporting, position + 1) - 1
    if i >= 0 and start <= reporting[i] <= position:
        start = reporting[i]  # "which said it will buy shares, said it has 5 mln dlrs"
    return doc.comparison_start(start, position)


def _any_between(ends: list[int], start: int, end: int) -> bool:
    i = bisect_left(ends, start + 1)
    return i < len(ends) and ends[i] <= end


_GENITIVE = lazy_re.compile(r"\w['’]s?[ \t]+$")
"""A genitive right before a figure ("the company's 40 mln dlrs of debt"): what its owner has."""
LOOK_BEFORE = 20
"""Characters before a figure read for a possessive or a ceiling word."""


def _possessed(text: str, quantity_start: int) -> bool:
    """'of its 2.6 mln shares', '450 of their 900 stores': the whole a part is taken from is what the owner
    has now ("to close its 17 stores" is the plan's)."""
    return bool(_status_words()[0].search(text, max(0, quantity_start - LOOK_BEFORE), quantity_start))


def _ceiling(text: str, scope_start: int, quantity_start: int) -> bool:
    """'no fare will be priced higher than 300 dlrs': a comparative right before the figure and a negation
    earlier in its clause make a cap."""
    _possessive, _verbs, ceiling, negation = _status_words()
    if not ceiling.search(text, max(scope_start, quantity_start - LOOK_BEFORE), quantity_start):
        return False
    return bool(negation.search(text, scope_start, quantity_start))


def _unfinished(scope: Scope, figure: Figure, published: date) -> bool:
    """Whether the figure's own period is under way at publication and the clause does not say the figure
    is a running total ("so far this year")."""
    period = figure.period
    if period is None or period.grain not in UNFINISHED_GRAINS or period.start is None or period.end is None:
        return False
    if not period.start <= published < period.end:
        return False
    said = figure.period_text or ""
    if _EXPLICIT_YEAR.search(said) and not _PART_OF_YEAR.search(said):
        return False  # "1987 net includes": reports name the year of accounts they have so far
    if scope.doc.present(scope.sentence):
        return False  # "this year are up over 40 pct": a running figure
    clause_start = scope.doc.clause_start(scope.start, figure.quantity.start)
    clause_end = scope.doc.clause_end(figure.quantity.end)
    return not _so_far().search(scope.doc.text, clause_start, min(clause_end, scope.end))


def status_of(scope: Scope, figure: Figure) -> None:
    """Set the figure's status from the cues of its clause and its period."""
    doc, quantity, period = scope.doc, figure.quantity, figure.period
    scope_start = _scope_start(scope, quantity.start)
    published = doc.published
    own_time = scope.governing.get(quantity.start) is not None
    over = (
        own_time
        and period is not None
        and published is not None
        and period.grain in PAST_GRAINS
        and period.end is not None
        and period.end < published
    )
    estimate = _estimate_noun()
    forecast_cue = (
        doc.forecast_hits.any_within(scope_start, quantity.start)
        or bool(estimate.search(doc.text, max(scope_start, quantity.start - LOOK_BEFORE), quantity.start))
        or _any_between(doc.possibility_ends, scope_start, quantity.start)
    )
    if _possessed(doc.text, quantity.start):
        figure.status = "actual"  # "450 of its 1,200 trucks": what it has now
    elif doc.target_hits.any_within(scope_start, quantity.start) or _near_target_noun(
        scope, scope_start, figure
    ):
        figure.status = "target"
    elif forecast_cue and _ceiling(doc.text, scope_start, quantity.start):
        figure.status = "target"  # "no fare will cost more than 300 dlrs": a cap
    elif _GENITIVE.search(doc.text, max(0, quantity.start - 5), quantity.start):
        figure.status = "actual"  # "may downgrade GAF's 415 mln dlrs of debt": the debt is there now
    elif expected_before(doc.text, doc.clause_start(scope.start, quantity.start), quantity.start):
        figure.status = "forecast"  # "beating forecasts of 6.8%": made before the figure was known
    elif forecast_cue or _forecast_after().match(doc.text, quantity.noun_end):
        figure.status = "actual" if over else "forecast"
    elif period is None or published is None:
        figure.status = "actual"
    elif own_time and _unfinished(scope, figure, published):
        figure.status = "forecast"  # "growth of 2 pct this year", written in June
    elif period.start is not None and period.start > published and _takes_effect(scope, quantity.start):
        figure.status = "target"  # "cut its rate to 10.5 pct, effective tomorrow": set, not yet in force
    elif period.start is not None and period.start > published:
        figure.status = "forecast"
    elif period.start is None and period.end is not None and period.end > published:
        figure.status = "forecast"  # "by 2022", written in 2019
    else:
        figure.status = "actual"


def _takes_effect(scope: Scope, start: int) -> bool:
    """Whether the figure's own time is when it takes effect ("raise tolls 10.6 pct, effective Jan 1")."""
    mention = scope.governing.get(start)
    return mention is not None and cue.takes_effect(scope.doc.text, mention.start)


_RESTATED = lazy_re.compile(r"[ \t]*\((?:[^()]*[;,/][ \t]*)?")
"""'$499 (£264)', '570 rupees (£6.80; $13)': the bracketed figures restate the one before in other units."""
_NEXT_IN_BRACKET = lazy_re.compile(r"[ \t]*+[;,/][ \t]*+")
_OPEN_BRACKET = lazy_re.compile(r"\([^()]*$")


def restated_in_brackets(scope: Scope, figure: Figure) -> None:
    """A figure in brackets right after another restates it: same status and period."""
    before = scope.previous_figure
    if before is None or figure.index == 0:
        return
    left = scope.quantities[figure.index - 1]
    text = scope.doc.text
    if _RESTATED.fullmatch(text, left.end, figure.quantity.start) is None:
        in_bracket = _OPEN_BRACKET.search(text, max(scope.start, left.start - 30), left.start)
        if in_bracket is None or _NEXT_IN_BRACKET.fullmatch(text, left.end, figure.quantity.start) is None:
            return  # not the second restatement in one bracket ("(£6.80; $13)")
    figure.status, figure.period = before.status, before.period
    figure.period_text, figure.period_source = before.period_text, before.period_source
