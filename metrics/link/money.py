"""The currency of a bare money word from the story's country: "crowns" of a Norwegian bank are NOK,
"dlrs" in a Toronto story CAD. The quantity finder reads a word by itself (units.toml gives "dlrs" USD
and leaves "crowns" a counted noun); this rule step looks the word's family up in
currencies_by_country.toml under the country of the figure's subject, else of the dateline, else of the
headline. A word the text qualifies ("U.S. dlrs", "Swedish crowns") is never changed."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from metrics import lazy_re
from metrics.find.gazetteer import find_entities
from metrics.lexicon import _csv, _toml
from metrics.link.document import LinkDocument
from metrics.link.scope import Figure, Scope
from metrics.read.dateline import dateline_end
from metrics.records import EntityMention, Quantity

_LAST_WORD = lazy_re.compile(r"([A-Za-z]+)\W*$")
_DATELINE_PLACE = lazy_re.compile(r"\s*([A-Z][A-Z .'&-]*[A-Z])\s*(?:,|\(|-|–)")


@dataclass(frozen=True)
class MoneyTable:
    family_of: dict[str, str]
    """bare word ("crowns") -> family ("crown")"""
    codes: dict[str, dict[str, str]]
    """family -> country -> ISO code"""
    defaults: dict[str, str]
    """family -> code when the country has none of its own (families without one stay unresolved)"""
    places: dict[str, str]
    """upper-case dateline place ("TORONTO") -> country"""
    after_scale: dict[str, str]
    """word -> family, for words that name money only after a scale word"""
    money_nouns: frozenset[str]


@cache
def money_table() -> MoneyTable:
    data = _toml("currencies_by_country.toml")
    family_of = {word: family for family, words in data["families"].items() for word in words}
    codes: dict[str, dict[str, str]] = {}
    defaults: dict[str, str] = {}
    for family in data["families"]:
        table = dict(data.get(family, {}))
        default = table.pop("default", None)
        if default:
            defaults[family] = default
        codes[family] = table
    places = {row["place"]: row["country"] for row in _csv("dateline_places.csv")}
    after_scale = {word: family for family, words in data["after_scale"].items() for word in words}
    money_nouns = frozenset(data["elided"]["money_nouns"])
    return MoneyTable(family_of, codes, defaults, places, after_scale, money_nouns)


def story_country(doc: LinkDocument) -> str | None:
    """The country a story is from: its dateline's place, a country the dateline names, or the first
    country of its headline."""
    return story_country_of(doc.text, doc.title, doc.lex.countries)


def story_country_of(text: str, title: str | None, countries: Mapping[str, str]) -> str | None:
    """story_country of a text and its headline; `countries`: country names and aliases -> country."""
    table = money_table()
    end = dateline_end(text)
    if end:
        head = text[:end]
        place = _DATELINE_PLACE.match(head, head.rfind("\n", 0, max(0, end - 1)) + 1)
        if place and place.group(1) in table.places:
            return table.places[place.group(1)]
        if place and place.group(1).title() in countries:
            return countries[place.group(1).title()]
        named = [e.name for e in find_entities(head) if e.kind == "country"]
        if named:
            return named[0]
    if title:
        named = [e.name for e in find_entities(title.title()) if e.kind == "country"]
        if named:
            return named[0]
    return None


def _bare_family(doc: LinkDocument, figure: Figure) -> str | None:
    """The family of the money word the figure is written with, when nothing qualifies it."""
    quantity = figure.quantity
    table = money_table()
    if quantity.unit == "count" and quantity.noun:
        word = quantity.noun.split()[0].lower()
        return table.family_of.get(word) or (table.after_scale.get(word) if quantity.scaled else None)
    match = _LAST_WORD.search(quantity.surface)
    if match is None:
        return None
    family = table.family_of.get(match.group(1).lower())
    if family is None or quantity.unit != table.defaults.get(family):
        return None  # "Canadian dlrs" is read as CAD already; "$" and codes are not bare words
    before = quantity.surface[: match.start()].split()
    if before and before[-1][:1].isupper() and not before[-1][:1].isdigit():
        return None  # "10 U.S. dlrs", "5 mln Hong Kong dlrs": qualified in the text
    return family


def money_of_the_story(scope: Scope, figure: Figure) -> None:
    """Give a bare money word the currency of the country its clause names first before it, else of the
    story's country."""
    doc = scope.doc
    family = _bare_family(doc, figure)
    if family is None:
        return
    table = money_table()
    quantity = figure.quantity
    clause_start = doc.clause_start(scope.start, quantity.start)
    # every mention, those inside a figure too: "200,000 U.S. dlrs ... from 52.2 mln dlrs" is in US dollars
    before = [m.name for m in doc.entities.within(clause_start, quantity.start) if m.kind == "country"]
    subject = before[0] if before else None  # the clause's first country is its subject's, as a rule
    if "country" not in doc.story:
        doc.story["country"] = story_country(doc)
    country = subject or doc.story["country"]
    code = table.codes[family].get(country or "", table.defaults.get(family))
    if code is None and country is None:
        code = _only_country_code(doc, family)
    if code is None or code == quantity.unit:
        return
    figure.quantity = replace(quantity, unit=code, noun=None)


def _only_country_code(doc: LinkDocument, family: str) -> str | None:
    """The currency of the family's one country the story names anywhere, when its dateline and headline
    name none and the family has no default ("3.2 billion crowns" in a story that names Sweden and no
    other crown's country: SEK; naming Sweden and Norway, none)."""
    key = f"only-country:{family}"
    if key not in doc.story:
        codes = money_table().codes[family]
        named = {m.name for m in doc.entities.items if m.kind == "country" and m.name in codes}
        doc.story[key] = codes[named.pop()] if len(named) == 1 else None
    return doc.story[key]


def outside_amounts(mentions: list[EntityMention], quantities: Sequence[Quantity]) -> list[EntityMention]:
    """The mentions that are not part of an amount of money: "40 mln Swiss francs" and "C$1.5 billion"
    name a currency, not an actor (the story's currency still reads them: LinkDocument keeps every
    mention); a name inside a count is its actor ("12 euro zone countries", "3,000 Ford workers")."""
    spans = sorted((q.start, q.end) for q in quantities if is_currency(q.unit))
    if not spans:
        return mentions
    starts = [start for start, _end in spans]
    kept = []
    for mention in mentions:
        i = bisect_right(starts, mention.start) - 1
        if i < 0 or mention.start >= spans[i][1]:
            kept.append(mention)
    return kept


def is_currency(unit: str) -> bool:
    """Whether a unit is a currency's code ("USD", "CHF")."""
    return len(unit) == 3 and unit.isupper()


def elided_money(scope: Scope, figure: Figure) -> None:
    """A scaled figure without a unit, or before a noun of money ("a 1.9 mln profit"), takes the currency
    of the nearest scaled figure with a unit before it in the sentence, when that one is money."""
    quantity = figure.quantity
    if not quantity.scaled:
        return
    if quantity.unit == "count":
        if not quantity.noun or quantity.noun.split()[0].lower() not in money_table().money_nouns:
            return
    elif quantity.unit != "number":
        return
    earlier = [q for q in scope.quantities[: figure.index] if q.scaled and q.unit not in ("number", "count")]
    if earlier and is_currency(earlier[-1].unit):
        figure.quantity = replace(quantity, unit=earlier[-1].unit, noun=None)
