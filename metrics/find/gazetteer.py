"""Entity mentions: countries (names, aliases, demonyms, seats of government), organisations (OPEC,
IMF; a central bank or ministry is its country), provinces and states, news outlets and sources (rating
agencies, forums: so they are known not to be actors) and leaders, with canonical names from
metrics/data/countries.csv, organisations.csv, regions.csv and leaders.csv."""

from __future__ import annotations

import re
from functools import cache

from metrics import lazy_re
from metrics.find.tokens import Tokens
from metrics.find.word_alternation import WordAlternation
from metrics.lexicon import _csv, alternation_parts, lexicon
from metrics.records import EntityMention


@cache
def _entity_index() -> tuple[WordAlternation, dict[str, tuple[str, str]]]:
    lex = lexicon()
    names: dict[str, tuple[str, str]] = {alias: (name, "country") for alias, name in lex.countries.items()}
    for row in _csv("organisations.csv"):
        entry = (row["country"], "country") if row["kind"] == "country" else (row["name"], row["kind"])
        for alias in (row["name"], *row["aliases"].split("|")):
            if alias:
                names.setdefault(alias, entry)
    for row in _csv("regions.csv"):  # a province or state; a country of the same name stays the country
        for alias in (row["name"], *row["aliases"].split("|")):
            if alias:
                names.setdefault(alias, (row["name"], "region"))
    for leader in lex.leaders:
        for alias in (leader.name, *leader.aliases):
            names[alias] = (leader.name, "person")
    # Case-sensitive: "US" is the country, "us" is a pronoun. Aliases ending in "." end the word themselves.
    # A code glued to a currency sign is part of the currency ("US$5 million"), not a mention.
    pattern = WordAlternation(
        alternation_parts(names), r"(?:(?<=\.)|(?![\w]))(?![$£€¥])", 0, r"(?<![\w.])", wildcards=False
    )
    return pattern, names


def find_entities(text: str, tokens: Tokens | None = None) -> list[EntityMention]:
    """Entity mentions in `text`, in order (found once per Tokens of the text: linker and cast ask)."""
    tokens = tokens or Tokens(text)
    if tokens.text is not text:
        return _find_entities(text, tokens)
    return list(tokens.once("entities", lambda: _find_entities(text, tokens)))


def _find_entities(text: str, tokens: Tokens) -> list[EntityMention]:
    pattern, names = _entity_index()
    found = []
    for match in pattern.matches(text, tokens):
        surface = match.group()
        name, kind = names.get(surface) or names.get(" ".join(surface.split()), ("", ""))
        if name:
            found.append(EntityMention(match.start(), match.end(), surface, name, kind))
    lower, lower_names = _lower_index()
    for match in lower.matches(text, tokens):
        if not any(m.start < match.end() and match.start() < m.end for m in found):
            name = lower_names[" ".join(match.group().split())]
            found.append(EntityMention(match.start(), match.end(), match.group(), name, "organisation"))
    return sorted(found, key=lambda m: m.start)


_NUMBERED = lazy_re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b", re.IGNORECASE
)
"""A name with a number ("Group of Seven") is no name when lower-cased ("a group of seven banks")."""


@cache
def _lower_index() -> tuple[WordAlternation, dict[str, str]]:
    """Organisations' names of two words or more as a text writes them in lower case ("the world bank",
    "the farm credit system"): still the body, where a lower-case single word ("the fund") is not."""
    names: dict[str, str] = {}
    for row in _csv("organisations.csv"):
        if row["kind"] != "organisation":
            continue
        for alias in (row["name"], *row["aliases"].split("|")):
            words = alias.removeprefix("the ").split()
            if len(words) > 1 and alias.isascii() and alias != alias.lower() and not _NUMBERED.search(alias):
                names.setdefault(alias.lower(), row["name"])
    pattern = WordAlternation(alternation_parts(names), r"(?![\w])", 0, r"(?<![\w.])", wildcards=False)
    return pattern, names


def is_known(name: str) -> bool:
    """Whether `name` is a country, organisation, outlet or leader the gazetteer knows (as written); a
    province or state is not asked about ("Texas and Pacific Railway" is still a company's name)."""
    entry = _entity_index()[1].get(name)
    return entry is not None and entry[1] != "region"


def kind_of(name: str) -> str | None:
    """The gazetteer's kind of `name` as written ('country', 'organisation', 'outlet', 'source' ...)."""
    entry = _entity_index()[1].get(name)
    return entry[1] if entry else None
