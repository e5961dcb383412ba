"""Entity mentions: countries (names, aliases, demonyms, seats of government), organisations (OPEC,
IMF; a central bank or ministry is its country), news outlets (so they are known not to be actors)
and leaders, with canonical names from metrics/data/countries.csv, organisations.csv and leaders.csv."""

from __future__ import annotations

import re
from functools import cache

from metrics.find.tokens import Tokens, first_words, matches_at
from metrics.lexicon import _csv, alternation, lexicon
from metrics.records import EntityMention


@cache
def _entity_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str]], frozenset[str]]:
    lex = lexicon()
    names: dict[str, tuple[str, str]] = {alias: (name, "country") for alias, name in lex.countries.items()}
    for row in _csv("organisations.csv"):
        entry = (row["country"], "country") if row["kind"] == "country" else (row["name"], row["kind"])
        for alias in (row["name"], *row["aliases"].split("|")):
            if alias:
                names.setdefault(alias, entry)
    for leader in lex.leaders:
        for alias in (leader.name, *leader.aliases):
            names[alias] = (leader.name, "person")
    # Case-sensitive: "US" is the country, "us" is a pronoun. Aliases ending in "." end the word themselves.
    # A code glued to a currency sign is part of the currency ("US$5 million"), not a mention.
    pattern = re.compile(rf"(?<![\w.])(?:{alternation(names)})(?:(?<=\.)|(?![\w]))(?![$£€¥])")
    return pattern, names, first_words(names)[0]


def find_entities(text: str, tokens: Tokens | None = None) -> list[EntityMention]:
    """Entity mentions in `text`, in order."""
    pattern, names, triggers = _entity_index()
    found = []
    for match in matches_at(pattern, text, (tokens or Tokens(text)).starts(triggers)):
        surface = match.group()
        name, kind = names.get(surface) or names.get(" ".join(surface.split()), ("", ""))
        if name:
            found.append(EntityMention(match.start(), match.end(), surface, name, kind))
    return found


def is_known(name: str) -> bool:
    """Whether `name` is a country, organisation, outlet or leader the gazetteer knows (as written)."""
    return name in _entity_index()[1]
