"""What a figure measures, in the controlled vocabulary: its canonical `metric` (or "other"), the
`measure` phrase as the text writes it, and the `item` it is of (crude oil, wheat, shares).

The linker finds the metric word of a figure's clause; this step names it canonically. A word table
(metrics/data/vocabulary.toml) maps every synonym to one indicator, and an indicator admits only some
units: "5 pct" can be inflation, "5 mln dlrs" cannot, so a figure whose unit the word does not admit
falls back to its counted noun or to "other" rather than to a wrong name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from metrics.lexicon import (
    OTHER,
    Indicator,
    _csv,
    keyword_pattern,
    lexicon,
    metric_vocabulary,
    singular,
    squash,
)
from metrics.records import Quantity

MAX_MODIFIERS = 3
"""Words before a metric word that still belong to its phrase ("net new lending")."""
MAX_COMPLEMENT = 3
"""Words of an 'of'/'by' complement after it ("lending by building societies")."""
ITEM_WINDOW = 60
"""Characters either side of a figure within which an item word names what it is of."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP_EXTRA = frozenset({"said", "says", "rose", "fell", "was", "were", "up", "down", "total", "totalled"})


@dataclass(frozen=True, slots=True)
class Measure:
    metric: str
    measure: str | None
    item: str | None


def unit_class(unit: str) -> str:
    """The unit class of a claim unit: ISO codes are money, '%' and points percent, and so on."""
    head = unit.partition(" per ")[0]
    if len(head) == 3 and head.isupper():
        return "money"
    if unit in ("%", "percentage point", "basis point"):
        return "percent"
    if unit in ("count", "number"):
        return unit
    if unit == "point":
        return "index"
    return "measure"


@dataclass(frozen=True)
class _Names:
    exact: dict[str, Indicator]
    prefixes: tuple[tuple[str, Indicator], ...]
    phrases: re.Pattern[str]
    items: dict[str, str]
    item_pattern: re.Pattern[str]


@cache
def _names() -> _Names:
    exact: dict[str, Indicator] = {}
    prefixes: list[tuple[str, Indicator]] = []
    lex = lexicon()
    for indicator in metric_vocabulary():
        exact.setdefault(indicator.name, indicator)
        for synonym in indicator.synonyms:
            if synonym.endswith("*"):
                prefixes.append((synonym[:-1], indicator))
            else:
                exact.setdefault(synonym, indicator)
    for indicator in metric_vocabulary():  # "employee" (a counted noun made singular) is "employees"
        for synonym in indicator.synonyms:
            if not synonym.endswith("*"):
                exact.setdefault(singular(synonym, lex), indicator)
    prefixes.sort(key=lambda pair: -len(pair[0]))
    words = [s for i in metric_vocabulary() for s in (i.name, *i.synonyms)]
    phrases = re.compile(rf"\b(?:{keyword_pattern(words)})\b", re.IGNORECASE)
    items = {}
    for row in _csv("items.csv"):  # the aliases are the words written; "lead" is no alias of lead metal
        for alias in row["aliases"].split("|"):
            items[squash(alias)] = row["name"]
    item_pattern = re.compile(rf"\b(?:{keyword_pattern(items)})\b", re.IGNORECASE)
    return _Names(exact, tuple(prefixes), phrases, items, item_pattern)


def indicator_of(name: str | None) -> Indicator | None:
    """The indicator a raw metric name means: a synonym, a prefix synonym, or its last words."""
    if not name:
        return None
    names = _names()
    key = squash(name)
    words = key.split()
    for i in range(len(words)):  # "quarterly net profit" -> "net profit" -> "profit"
        tail = " ".join(words[i:])
        if tail in names.exact:
            return names.exact[tail]
        for prefix, indicator in names.prefixes:
            if tail.startswith(prefix) and " " not in tail[len(prefix) :]:
                return indicator
    return names.exact.get(singular(key, lexicon()))


def _admits(indicator: Indicator, unit: str) -> bool:
    """Whether a figure in `unit` can be of the indicator; a bare number ("Net 232,000 vs 814,000" in a
    results table) has lost its unit, not its metric, so every indicator admits it."""
    cls = unit_class(unit)
    return cls in indicator.units or cls == "number"


def _phrase(text: str, start: int, end: int, floor: int, ceiling: int) -> str:
    """The metric word at [start, end) with its modifiers before and an of/by complement after."""
    stop = lexicon().noun_stop | _STOP_EXTRA
    left = start
    for _ in range(MAX_MODIFIERS):
        before = text[floor:left].rstrip()
        match = re.search(r"([A-Za-z][A-Za-z-]*)$", before)
        if not match or match.group(1).lower() in stop:
            break
        opening = not before[: match.start(1)].strip(" \"'“(")
        if match.group(1)[0].isupper() and not opening:
            break  # a name ("Ford"), not a modifier, unless it opens the sentence
        left = floor + match.start(1)
    right = end
    tail = re.match(r"\s+(?:of|by)\s+", text[end:ceiling])
    if tail:
        stretch = end + tail.end()
        for taken, word in enumerate(_WORD.finditer(text, stretch, ceiling)):
            if word.start() != stretch or word.group().lower() in stop or taken == MAX_COMPLEMENT:
                break
            right = stretch = word.end()
            space = re.match(r"\s+", text[stretch:ceiling])
            stretch += space.end() if space else 0
    return " ".join(text[left:right].split())


def _nearest_phrase(
    text: str, indicator: Indicator, quantity: Quantity, clause: tuple[int, int]
) -> tuple[int, int] | None:
    """The written synonym of `indicator` nearest the figure in its clause, before it preferred."""
    best: tuple[int, int, int] | None = None
    for match in _names().phrases.finditer(text, clause[0], clause[1]):
        if quantity.start <= match.start() < quantity.noun_end:
            continue
        if indicator_of(match.group()) is not indicator:
            continue
        distance = _distance(quantity, match.start(), match.end())
        if best is None or distance < best[0]:
            best = (distance, match.start(), match.end())
    return (best[1], best[2]) if best else None


def _distance(quantity: Quantity, start: int, end: int) -> int:
    """How far a word is from the figure; words after it count double (the metric word leads in news)."""
    return quantity.start - end if end <= quantity.start else 2 * (start - quantity.end)


def _item(text: str, quantity: Quantity, clause: tuple[int, int], measure: str | None) -> str | None:
    """The thing a figure is of: in its measure phrase, its 'of X' complement, else nearest in the clause."""
    names = _names()
    if measure:
        found = names.item_pattern.search(measure)
        if found:
            return names.items.get(squash(found.group()))
    low, high = max(clause[0], quantity.start - ITEM_WINDOW), min(clause[1], quantity.noun_end + ITEM_WINDOW)
    best: tuple[int, str] | None = None
    for match in names.item_pattern.finditer(text, low, high):
        if match.group()[0].isupper() and match.start() > 0 and text[match.start() - 1] not in " \n(\"'":
            continue
        distance = abs(match.start() - quantity.start)
        name = names.items.get(squash(match.group()))
        if name and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


_CLAUSE_BREAK = re.compile(r";|\s(?:but|while|whereas|although)\s|,\s+(?:who|which|where|whose)\s")


def clause_of(text: str, sentence: tuple[int, int], quantity: Quantity) -> tuple[int, int]:
    """The stretch of the sentence between the clause breaks (';', 'but', 'while'...) around the figure."""
    start, end = sentence
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.end() <= quantity.start:
            start = match.end()
        elif match.start() >= quantity.noun_end:
            end = match.start()
            break
    return start, end


def classify(raw: str, quantity: Quantity, text: str, clause: tuple[int, int]) -> Measure:
    """The canonical metric, measure phrase and item of one linked figure.

    `raw` is the linker's metric word (a keyword's name, a counted noun, or a unit fallback such as
    "percentage"); `clause` bounds the text the figure's own words come from."""
    indicator = None
    measure = None
    if quantity.unit == "count" and quantity.noun:
        measure = " ".join(quantity.noun.split())
        indicator = indicator_of(raw) or indicator_of(measure)
    else:
        indicator = indicator_of(raw)
    if indicator is not None and not _admits(indicator, quantity.unit):
        indicator = None
    if indicator is None and measure is None:
        indicator = _clause_indicator(text, quantity, clause)
    if indicator is None and unit_class(quantity.unit) == "money":
        item = _item(text, quantity, clause, None)
        if item is not None or " per " in quantity.unit:  # "light crude lost $2 to $43.25": a price
            price = indicator_of("price")
            return Measure(
                price.name if price else OTHER, measure or _written(raw, text, quantity, clause), item
            )
    if indicator is None:
        return Measure(OTHER, measure or _written(raw, text, quantity, clause), None)
    indicator = _narrowed(indicator, text, clause)
    if measure is None:
        span = _nearest_phrase(text, indicator, quantity, clause)
        measure = _phrase(text, span[0], span[1], clause[0], clause[1]) if span else raw
    item = _item(text, quantity, clause, measure) if indicator.item else None
    return Measure(indicator.name, measure, item)


def _narrowed(indicator: Indicator, text: str, clause: tuple[int, int]) -> Indicator:
    """A generic metric made specific by a word of its clause ("current account ... a surplus of")."""
    if not indicator.narrowed:
        return indicator
    lowered = " ".join(text[clause[0] : clause[1]].lower().split())
    for word, metric in indicator.narrowed:
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return next((i for i in metric_vocabulary() if i.name == metric), indicator)
    return indicator


def _clause_indicator(text: str, quantity: Quantity, clause: tuple[int, int]) -> Indicator | None:
    """The nearest metric phrase of the clause whose indicator admits the figure's unit, words before
    the figure preferred to words after it (the linker found none it could use)."""
    best: tuple[int, Indicator] | None = None
    for match in _names().phrases.finditer(text, clause[0], clause[1]):
        if quantity.start <= match.start() < quantity.noun_end:
            continue
        indicator = indicator_of(match.group())
        if indicator is None or not _admits(indicator, quantity.unit):
            continue
        distance = _distance(quantity, match.start(), match.end())
        if best is None or distance < best[0]:
            best = (distance, indicator)
    return best[1] if best else None


def _written(raw: str, text: str, quantity: Quantity, clause: tuple[int, int]) -> str | None:
    """For an `other` figure: its raw metric word when the text holds it, else nothing."""
    if raw and re.search(rf"\b{re.escape(raw)}\b", text[clause[0] : clause[1]], re.IGNORECASE):
        return raw
    return None
