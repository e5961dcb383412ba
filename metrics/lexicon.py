"""The data tables of metrics/data, loaded once and compiled into the patterns the finders use."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from metrics import lazy_re


def _data(name: str) -> Any:
    return resources.files("metrics").joinpath("data", name)


@cache
def _toml(name: str) -> dict[str, Any]:
    """A table of metrics/data, parsed once per process (a dozen modules read words.toml). The dict is
    shared: a caller that changes what it reads copies it first."""
    with _data(name).open("rb") as handle:
        return tomllib.load(handle)


def _csv(name: str) -> list[dict[str, str]]:
    with _data(name).open("r", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def alternation_parts(words: Iterable[str]) -> list[tuple[str, str]]:
    """(word, regex) of literal words in alternation order: longest first so the longest phrase wins."""
    return [(word, re.escape(word).replace(r"\ ", r"\s+")) for word in sorted(set(words), key=_longest_first)]


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest phrase wins."""
    return "|".join(regex for _word, regex in alternation_parts(words))


def folded_alternation(words: Iterable[str]) -> str:
    """`alternation(words)` for a pattern with IGNORECASE, its alternatives grouped by first character
    ("k(?:ilometres|g)|d(?:egrees\\s+celsius|...)"). With IGNORECASE the regex engine enters every
    alternative at a position to learn that none begins there (2 us a figure for 200 units); grouped,
    it tries one character per group. At a position at most one group can match (first characters
    differ after case folding), and each group keeps the words' order, so the match is the same.
    Words beginning with a non-ASCII letter (folded in ways lower() does not mirror) or with a space,
    or an empty word, leave the alternation as it is."""
    parts = alternation_parts(words)
    if any(
        not word or word[0].isspace() or (word[0].isalpha() and not word[0].isascii()) for word, _ in parts
    ):
        return "|".join(regex for _word, regex in parts)
    groups: dict[str, list[str]] = {}
    for word, _regex in parts:
        groups.setdefault(word[0].lower(), []).append(re.escape(word[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def first_char_guarded(first: str, regex: str, flags: int = 0) -> re.Pattern[str]:
    """`regex` compiled behind a lookahead for the characters every match begins with
    ("(?=[acfv])(?:...)"): searched over a whole text, the engine then tests one character class at
    each offset instead of entering each alternative (2-3x faster for the sentence ends and the
    comparison cues of a document). `first` must hold every character a match can begin with, so the
    matches are the same (tests/link/test_guarded_patterns.py compares them without the guard)."""
    return lazy_re.compile(f"(?=[{first}])(?:{regex})", flags)


def first_chars(words: Iterable[str]) -> str:
    """The first characters of words, escaped for a character class (`first_char_guarded`)."""
    return "".join(sorted({re.escape(word[0]) for word in words if word}))


def last_match(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last of a pattern's matches (`finditer`), or None: the nearest one before a point."""
    found = None
    for found in matches:  # noqa: B007 (the last one is wanted)
        pass
    return found


def keyword_parts(words: Iterable[str]) -> list[tuple[str, str]]:
    """(word, regex) in alternation order, longest first; a trailing '*' in a word matches any ending."""
    parts = []
    for word in sorted(set(words), key=_longest_first):
        if word.endswith("*"):
            parts.append((word, re.escape(word[:-1]).replace(r"\ ", r"\s+") + r"[a-z]*"))
        else:
            parts.append((word, re.escape(word).replace(r"\ ", r"\s+")))
    return parts


def keyword_pattern(words: Iterable[str]) -> str:
    """Like alternation, but a trailing '*' in a word matches any word ending."""
    return "|".join(regex for _word, regex in keyword_parts(words))


def squash(phrase: str) -> str:
    """Lower-case with runs of whitespace as one space: the key form of every table."""
    return " ".join(phrase.lower().split())


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    start: date
    end: date | None


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word table the extractor reads, with lookups keyed by `squash`ed phrases. Compared and
    hashed by identity (eq=False), so what is compiled from a lexicon can be cached keyed by it; build a
    variant with `dataclasses.replace(lexicon(), units={...})` and pass it to `Extractor`."""

    scales: dict[str, float]
    attached_scales: dict[str, float]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    subunits: dict[str, tuple[str, float]]
    percent: dict[str, str]
    units: dict[str, str]
    vague: dict[str, tuple[float, float]]
    fractions: dict[str, float]
    durations: frozenset[str]
    """Units of time ("year", "month"): a duration inside a time expression is part of it, no claim."""
    number_words: dict[str, float]
    qualifiers: dict[str, str]
    forecast_cues: tuple[str, ...]
    target_cues: tuple[str, ...]
    noun_stop: frozenset[str]
    generic_heads: frozenset[str]
    """Metric nouns that take their meaning from an of-complement ("the value of exports")."""
    not_counts: frozenset[str]
    repetition_nouns: frozenset[str]
    one_blockers: frozenset[str]
    name_words: frozenset[str]
    metric_keywords: dict[str, str]
    event_keywords: dict[str, str]
    change_keywords: dict[str, str]
    """Verbs of change -> the metric they name when the clause names no other (metrics.toml [changes])."""
    reporting_verbs: tuple[str, ...]
    possibility_modals: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    """Words that start a new clause ("but", "while"; words.toml [clause_breaks])."""
    noun_metrics: dict[str, str]
    qualified_nouns: dict[str, tuple[str, frozenset[str]]]
    irregular_plurals: dict[str, str]
    countries: dict[str, str]
    """alias, name or demonym (as written, case-sensitive) -> canonical country name"""
    leaders: tuple[Leader, ...]


@cache
def lexicon() -> Lexicon:
    """The packaged tables (read once per process)."""
    units = _toml("units.toml")
    words = _toml("words.toml")
    metrics = _toml("metrics.toml")
    countries: dict[str, str] = {}
    for row in _csv("countries.csv"):
        for alias in [row["name"], *row["aliases"].split("|"), *row["demonyms"].split("|")]:
            if alias:
                countries[alias] = row["name"]
    leaders = tuple(
        Leader(
            name=row["name"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
            country=row["country"],
            office=row["office"],
            start=date.fromisoformat(row["start"]),
            end=date.fromisoformat(row["end"]) if row["end"] else None,
        )
        for row in _csv("leaders.csv")
    )
    return Lexicon(
        scales={squash(k): float(v) for k, v in units["scales"].items()},
        attached_scales={k.lower(): float(v) for k, v in units["attached_scales"].items()},
        currency_prefixes=dict(units["currency_prefixes"]),
        currency_words={squash(k): v for k, v in units["currency_words"].items()},
        subunits={squash(k): (v[0], float(v[1])) for k, v in units["subunits"].items()},
        percent={squash(k): v for k, v in units["percent"].items()},
        units={squash(k): v for k, v in units["units"].items()},
        vague={squash(k): (float(v[0]), float(v[1])) for k, v in units["vague"].items()},
        fractions={squash(k): float(v) for k, v in units["fractions"].items()},
        durations=frozenset(units["durations"]["units"]),
        number_words={squash(k): float(v) for k, v in words["number_words"].items()},
        qualifiers={squash(k): v for k, v in words["qualifiers"].items()},
        forecast_cues=tuple(squash(c) for c in words["status"]["forecast"]),
        target_cues=tuple(squash(c) for c in words["status"]["target"]),
        noun_stop=frozenset(words["noun_stop"]["words"]),
        generic_heads=frozenset(words["generic_heads"]["words"]),
        not_counts=frozenset(words["not_counts"]["words"]),
        repetition_nouns=frozenset(words["repetition_nouns"]["words"]),
        one_blockers=frozenset(words["one_blockers"]["words"]),
        name_words=frozenset(words["name_words"]["words"]),
        metric_keywords={squash(k): v for k, v in metrics["keywords"].items()},
        event_keywords={squash(k): v for k, v in metrics["events"].items()},
        change_keywords={squash(k): v for k, v in metrics["changes"].items()},
        reporting_verbs=tuple(words["status"]["reporting"]),
        possibility_modals=tuple(words["status"]["possibility"]),
        clause_breaks=tuple(squash(word) for word in words["clause_breaks"]["words"]),
        noun_metrics={squash(k): v for k, v in metrics["nouns"].items()},
        qualified_nouns={
            topic: (spec["prefix"], frozenset(spec["nouns"]))
            for topic, spec in metrics["qualified_nouns"].items()
        },
        irregular_plurals=dict(words["irregular_plurals"]),
        countries=countries,
        leaders=leaders,
    )


def singular(phrase: str, lex: Lexicon) -> str:
    """The phrase with its last word made singular: 'European countries' -> 'european country'."""
    words = phrase.lower().split()
    if not words:
        return phrase
    last = words[-1]
    if last in lex.irregular_plurals:
        last = lex.irregular_plurals[last]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes", "zes")):
        last = last[:-2]
    elif last.endswith("uses") and len(last) >= 5 and last[-5] not in "aeiouc":
        last = last[:-2]  # buses, viruses, bonuses (but houses, causes, excuses)
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


KINDS = ("level", "flow", "count")
"""A metric is a level at a time, a flow over a period, or a count of events or things."""
UNIT_CLASSES = ("money", "percent", "count", "measure", "number", "index")
OTHER = "other"
"""The metric of a figure whose measure names nothing in the vocabulary."""


@dataclass(frozen=True, slots=True)
class Indicator:
    """One canonical metric of the controlled vocabulary (metrics/data/vocabulary.toml)."""

    name: str
    kind: str
    units: tuple[str, ...]
    synonyms: tuple[str, ...]
    item: bool = False
    """Figures of it are usually of a named thing (crude oil, wheat, a company's shares)."""
    parties: bool = False
    """Figures of it have a partner, target or counterparty (exports to, sanctions on, a stake in)."""
    symmetric: bool = False
    """Its two parties have no order: trade between X and Y is trade between Y and X, as is a meeting."""
    narrowed: tuple[tuple[str, str], ...] = ()
    """(word, metric): a word of the same clause that makes a figure of this generic metric another one."""


@cache
def metric_vocabulary() -> tuple[Indicator, ...]:
    """The canonical metrics, in the data file's order; a malformed entry is a bug in the data file."""
    table = _toml("vocabulary.toml")
    out = []
    for name, spec in table.items():
        indicator = Indicator(
            name=name,
            kind=spec["kind"],
            units=tuple(spec["units"]),
            synonyms=tuple(squash(s) for s in spec["synonyms"]),
            item=bool(spec.get("item", False)),
            parties=bool(spec.get("parties", False)),
            symmetric=bool(spec.get("symmetric", False)),
            narrowed=tuple((squash(word), metric) for word, metric in spec.get("narrowed", {}).items()),
        )
        if indicator.kind not in KINDS or not set(indicator.units) <= set(UNIT_CLASSES):
            raise ValueError(f"vocabulary.toml: {name!r} has an unknown kind or unit class")
        if indicator.symmetric and not indicator.parties:
            raise ValueError(f"vocabulary.toml: {name!r} is symmetric but has no parties")
        out.append(indicator)
    known = {indicator.name for indicator in out}
    if any(metric not in known for indicator in out for _word, metric in indicator.narrowed):
        raise ValueError("vocabulary.toml: a 'narrowed' entry names a metric that is not in the file")
    return tuple(out)
