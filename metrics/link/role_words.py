"""The cue words of roles (metrics/data/roles.toml), the patterns of the reference words among them
("the company", "the two countries", "it") and the cue patterns roles.py reads around an actor, compiled
once."""

from __future__ import annotations

import re
from functools import cache

from metrics.find.tokens import first_words
from metrics.lexicon import _csv, _toml, alternation, lexicon


@cache
def role_words() -> dict[str, dict[str, list[str]]]:
    """metrics/data/roles.toml: the cue words of sources, places, partners and references."""
    return _toml("roles.toml")


@cache
def reference_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(role_words()['references'][kind])})\b", re.IGNORECASE)


@cache
def all_references() -> re.Pattern[str]:
    """Every kind of reference word of roles.toml in one pattern, each kind a named group."""
    groups = "|".join(
        rf"(?P<{kind}>{alternation(role_words()['references'][kind])})" for kind in _NAMED_REFERENCES
    )
    return re.compile(rf"\b(?:{groups})\b", re.IGNORECASE)


_NAMED_REFERENCES = ("company", "country", "region", "organisation", "pair", "pair_country", "pair_person")


@cache
def reference_first_words() -> frozenset[str]:
    """The first words of the phrases `all_references` matches ("the", "both"): a match begins at
    one of them."""
    words, _prefixes = first_words(
        phrase for kind in _NAMED_REFERENCES for phrase in role_words()["references"][kind]
    )
    return words


@cache
def role_patterns() -> dict[str, re.Pattern[str]]:
    """The cue patterns roles.py reads around an actor (agents, partners, sources, places ...), by name."""
    words = role_words()
    currencies = [w for w in lexicon().currency_words if w.isalpha() or " " in w] + ["dlrs", "dlr", "$"]
    return {
        "agent": re.compile(
            rf"\b(?:{alternation(words['agents']['words'])})\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE
        ),
        "always_partner": re.compile(
            rf"\b(?:{alternation(words['partners']['always'])})\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE
        ),
        "partner": re.compile(
            rf"\b(?:{alternation(words['partners']['words'])})\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE
        ),
        "object": re.compile(
            rf"\b(?:{alternation(words['objects']['words'])})\s+(?:and\s+[a-z]+\s+)?(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "source_after": re.compile(
            rf"^(?:'s?)?\s*(?:\w+\s+){{0,2}}(?:{alternation(words['sources']['after'])})\b", re.IGNORECASE
        ),
        "report_noun": re.compile(
            rf"^(?:'s|’s)?\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternation(words['sources']['nouns'])})\b",
            re.IGNORECASE,
        ),
        "officer": re.compile(rf"\b(?:{alternation(officers())})\s+(?:of|at)\s+(?:the\s+)?$", re.IGNORECASE),
        "reporting": re.compile(rf"\b(?:{alternation(words['sources']['before'])})\b", re.IGNORECASE),
        "source_before": re.compile(
            rf"\b(?:{alternation(words['sources']['before'])})\s+(?:the\s+|an?\s+)?$", re.IGNORECASE
        ),
        "place": re.compile(
            rf"\b(?:{alternation(words['places']['words'])})\s+(?:\w+\s+)?(?:in|at|off|near)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "place_noun": re.compile(
            rf"(?<!\s)\s+(?:{alternation(words['places']['nouns'])})(?:\s+of\b|\s*[,.;:)]|$)", re.IGNORECASE
        ),
        "distance": re.compile(
            rf"(?<!\s)\s+(?:(?:{alternation(words['places']['directions'])})\s+of|away\s+from)\b",
            re.IGNORECASE,
        ),
        "currency": re.compile(rf"\s*+(?:{alternation(currencies)})(?!\w)", re.IGNORECASE),
        "inside_name": re.compile(r"[A-Z][a-z]+\s+of\s+(?:the\s+)?$"),
        "self_report": re.compile(
            rf"^(?:'s?)?\s*(?:\w+\s+){{0,2}}(?:{alternation(words['sources']['after'])})\s+(?:that\s+)?"
            r"(?:it|its|it's|they|their|he|she)\b",
            re.IGNORECASE,
        ),
        # possessive blanks: a run of blanks is read once (the \s*\s+ of an earlier form was cubic on it)
        "clause_end": re.compile(r"\s*+(?:[.,;:)(]|$)|\s++(?:in|on|at|from|to)\s"),
        "between": re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE),
        "possessive": re.compile(r"(?:'s|’s|')(?!\w)"),
    }


@cache
def commodity_words() -> re.Pattern[str]:
    """A commodity word up to two lower-case words after a name ("US light crude", "Brent crude"): a
    benchmark's market price, which no country issues."""
    words = [alias for row in _csv("items.csv") for alias in row["aliases"].split("|") if alias]
    return re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternation(words)})\b", re.IGNORECASE)


def officers() -> list[str]:
    return list(_toml("companies.toml")["officers"]["words"])
