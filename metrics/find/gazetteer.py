"""Entity mentions: countries (names, aliases, demonyms, seats of government), organisations (OPEC,
IMF; a central bank or ministry is its country), news outlets (so they are known not to be actors)
and leaders, with canonical names from metrics/data/countries.csv, organisations.csv and leaders.csv."""

from __future__ import annotations

from functools import cache

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
    return found


def is_known(name: str) -> bool:
    """Whether `name` is a country, organisation, outlet or leader the gazetteer knows (as written)."""
    return name in _entity_index()[1]
