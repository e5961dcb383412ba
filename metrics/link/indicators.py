"""The controlled vocabulary as lookup tables: every synonym, prefix synonym and item alias of
metrics/data (vocabulary.toml, items.csv) to its canonical name, built once; `indicator_of` names a raw
metric word canonically and `admits` says whether a figure's unit can be of an indicator. The
classifier (measures.py) reads them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from metrics.lexicon import Indicator, _csv, _toml, lexicon, metric_vocabulary, singular, squash
from metrics.link.heads import unit_class
from metrics.link.keywords import Vocabulary


@dataclass(frozen=True)
class Names:
    exact: dict[str, Indicator]
    prefixes: tuple[tuple[str, Indicator], ...]
    by_name: dict[str, Indicator]
    phrases: Vocabulary
    """Every synonym -> its indicator's name, for token-anchored search of a document."""
    items: dict[str, str]
    item_words: Vocabulary


@cache
def tables() -> Names:
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
    phrases = Vocabulary.of({s: i.name for i in metric_vocabulary() for s in (i.name, *i.synonyms)})
    items = {}
    for row in _csv("items.csv"):  # the aliases are the words written; "lead" is no alias of lead metal
        for alias in row["aliases"].split("|"):
            items[squash(alias)] = row["name"]
    by_name = {indicator.name: indicator for indicator in metric_vocabulary()}
    return Names(exact, tuple(prefixes), by_name, phrases, items, Vocabulary.of(items))


@lru_cache(maxsize=4096)
def indicator_of(name: str | None) -> Indicator | None:
    """The indicator a raw metric name means: a synonym, a prefix synonym, or its last words."""
    if not name:
        return None
    names = tables()
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


def admits(indicator: Indicator, unit: str) -> bool:
    """Whether a figure in `unit` can be of the indicator; a bare number ("Net 232,000 vs 814,000" in a
    results table) has lost its unit, not its metric, so every indicator admits it but those whose
    figure is never written bare (metrics.toml [written_units]: a chance is "40 pct", never "40")."""
    cls = unit_class(unit)
    return cls in indicator.units or (cls == "number" and indicator.name not in _written_units())


@cache
def _written_units() -> frozenset[str]:
    return frozenset(_toml("metrics.toml")["written_units"]["metrics"])


def unit_indicator(unit: str) -> Indicator | None:
    """The indicator a figure's unit alone names, when its clause names none (metrics.toml
    [unit_metrics]: hectares and acres are an area, "27 years old" an age)."""
    name = _unit_metrics().get(unit)
    return tables().by_name.get(name) if name else None


@cache
def _unit_metrics() -> dict[str, str]:
    return dict(_toml("metrics.toml")["unit_metrics"])
