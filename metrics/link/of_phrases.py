"""What the words right after a figure say it measures, read before any metric word of its clause: a
share of a market ("15 pct of the U.S. fan market"), a distance from a place ("40 km north of the
capital"), a stake in a named company ("bought 30 pct of Acme's unit") and the coupon a bond pays ("a
eurobond paying 8 pct"). A metric word elsewhere in the sentence ("their demand for ...", "a tender
offer ...") is about another phrase; these words are about the figure itself. The word lists are data
(metrics.toml [of_phrases])."""

from __future__ import annotations

import re
from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml, lexicon
from metrics.link.heads import attributive_head, governing_hit, unit_class
from metrics.link.keywords import Hit, Located
from metrics.records import Quantity

Found = tuple[str, tuple[int, int]]
"""A canonical metric and the span of the phrase that names it."""

_OWNER = r"(?:(?:the|its|their|his|her|this|that)[ \t]+|[A-Z][\w.&'’-]*['’]s?[ \t]+)?"


@cache
def _table() -> dict[str, list[str]]:
    return dict(_toml("metrics.toml")["of_phrases"])


def _words(key: str) -> str:
    return "|".join(re.escape(word) for word in sorted(_table()[key], key=len, reverse=True))


@cache
def _market() -> re.Pattern[str]:
    return re.compile(
        rf"[ \t]++of[ \t]+{_OWNER}((?:[\w.-]+[ \t]+){{0,3}}?)markets?\b"
        rf"(?![ \t]+(?:{_words('not_market')})\b|['’])",
        re.IGNORECASE,
    )


@cache
def _distance() -> re.Pattern[str]:
    direction = rf"(?:due[ \t]+)?(?:{_words('directions')})[ \t]+(?:of|from)"
    return re.compile(rf"[ \t]++(?:{direction}|(?:{_words('away')}))\b", re.IGNORECASE)


@cache
def _coupon_verb() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_words('coupon_verbs')})[ \t]+(?:an?[ \t]+)?(?:annual[ \t]+)?$", re.IGNORECASE)


_STAKE_OF = lazy_re.compile(
    r"[ \t]++of[ \t]+(?:(?:the|its|their|his|her)[ \t]+)?([\w.&'’-]+(?:[ \t]+[\w.&'’-]+){0,3})"
)
_WORD = lazy_re.compile(r"[\w.&'’-]+")


def of_phrase(text: str, hits: Located[Hit], quantity: Quantity, clause: tuple[int, int]) -> Found | None:
    """The metric the words after a figure name, and where they are written, or None."""
    cls = unit_class(quantity.unit)
    if cls == "percent":
        return (
            _market_share(text, quantity, clause)
            or _coupon(text, hits, quantity, clause)
            or _stake(text, hits, quantity, clause)
            or _share_taken(text, hits, quantity, clause)
        )
    if cls == "measure" and quantity.unit in _table()["length_units"]:
        found = _distance().match(text, quantity.noun_end, clause[1])
        if found:
            return "distance", (quantity.start, found.end())
    return None


def _market_share(text: str, quantity: Quantity, clause: tuple[int, int]) -> Found | None:
    found = _market().match(text, quantity.noun_end, clause[1])
    if found is None:
        return None
    stop = lexicon().noun_stop
    if any(word.lower() in stop or word.lower() == "open" for word in found.group(1).split()):
        return None  # "of its shares on the open market": the shares, not a market's
    return "market share", (quantity.start, found.end())


def _coupon(text: str, hits: Located[Hit], quantity: Quantity, clause: tuple[int, int]) -> Found | None:
    verb = _coupon_verb().search(text, max(clause[0], quantity.start - 30), quantity.start)
    if verb is None:
        return None
    if not any(hit.name in _table()["coupon_of"] for hit in hits.within(*clause)):
        return None  # "the account pays 5 pct": no bond's coupon
    return "coupon", (verb.start(), quantity.noun_end)


def _stake(text: str, hits: Located[Hit], quantity: Quantity, clause: tuple[int, int]) -> Found | None:
    found = _STAKE_OF.match(text, quantity.noun_end, clause[1])
    if found is None:
        return None
    stop = lexicon().noun_stop
    words, end = [], found.start(1)
    for word in _WORD.finditer(text, found.start(1), found.end()):
        if word.group().lower() in stop:
            break
        words.append(word.group().lower().rstrip(".").removesuffix("'s").removesuffix("’s"))
        end = word.end()
    if not words:
        return None
    named = text[found.start(1)].isupper()  # "of Acme's unit", "of Hexal": a company's name
    if not named and not set(words) & set(_table()["company_nouns"]):
        return None
    if hits.within(quantity.noun_end, end):
        return None  # "30 pct of Brazil's coffee exports": a share of a metric, not of a company
    verb = governing_hit(text, hits, quantity, clause, None)
    if verb is None or verb.name not in _table()["stake_verbs"]:
        return None
    return "stake", (verb.start, end)


def names_coupon(metric: str, text: str, hits: Located[Hit], quantity: Quantity, end: int) -> bool:
    """Whether a percent of a security is its coupon, written as the modifier of its name ("a 9-1/4 pct
    eurobond", "a 6 pct 1997 issue")."""
    if metric not in _table()["coupon_of"] or metric == "coupon" or unit_class(quantity.unit) != "percent":
        return False
    return attributive_head(text, hits, quantity, end) is not None


_OBJECT = lazy_re.compile(r"[ \t]++(?:an?|the)[ \t]+(?:[a-z-]+[ \t]+)?$")


@cache
def _change_noun() -> re.Pattern[str]:
    return re.compile(rf"[ \t]++(?:{_words('change_nouns')})\b", re.IGNORECASE)


def not_results(text: str, hits: list[Hit], quantity: Quantity) -> list[Hit]:
    """The hits before a figure without a verb of result whose object is the figure's change ("That
    meant a 6.2 pct rise": no metric of "meant"; the rise is of what the sentence before measured)."""
    if not hits or not _change_noun().match(text, quantity.noun_end):
        return hits
    last = hits[-1]
    if text[last.start : last.end].lower() not in _table()["result_verbs"]:
        return hits
    if not _OBJECT.fullmatch(text, last.end, quantity.start):
        return hits
    return hits[:-1]


_SHARE_OF = lazy_re.compile(
    r"[ \t]++off?[ \t]+(?:(?:the|its|their)[ \t]+)?(?:[\w.&-]+['’]s[ \t]+)?(?:[a-z-]+[ \t]+){0,2}"
)
"""'of the firm's market ', 'off its ': between a share taken and the metric word it is of."""


@cache
def _taking_verb() -> re.Pattern[str]:
    verbs = _words("taking_verbs")
    return re.compile(rf"\b(?:{verbs})[ \t]+(?:(?:off|out|up|about|nearly|some)[ \t]+)?$", re.IGNORECASE)


def _share_taken(text: str, hits: Located[Hit], quantity: Quantity, clause: tuple[int, int]) -> Found | None:
    """'would wipe 5 pct off the value', 'knocked 3 pct of the firm's market value': a verb that takes a
    share of something measures that thing, not the subject's metric word ("the tax would wipe")."""
    if not _taking_verb().search(text, max(clause[0], quantity.start - 30), quantity.start):
        return None
    for hit in hits.within(quantity.noun_end, min(clause[1], quantity.noun_end + 50)):
        if _SHARE_OF.fullmatch(text, quantity.noun_end, hit.start):
            return hit.name, (quantity.start, hit.end)
        break
    return None
