"""Company mentions: a run of capitalised words before a legal-form designator ("Ford Motor Co") or
ending in a word of company kind ("Delta Air Lines"), a name or ticker in angle brackets as wire
copy writes them ("<Cirex Corp>", "Texaco Inc <TX>"), and the article's later short forms of a name
found so ("Ford", "Texaco"). The word tables are in metrics/data/companies.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from metrics.lexicon import _toml, alternation, lexicon
from metrics.records import EntityMention

_NAME_WORD = r"(?:[A-Z][A-Za-z'&.-]*|[A-Z]\.|&|of|and|de|du|des|la|le|der|van|von|y|\d+)"
_DEMONYM_LEAD = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?:[a-z-]+[ \t]+){0,2}$")
"""A capitalised word (a demonym) up to two words before a descriptor ("Swedish mining group")."""
_PARENTHESISED = re.compile(r"(?:[ \t]+[A-Z][\w.]*)?[ \t]*\(([A-Z][\w&'-]{1,30})\)")
"""A short name in brackets right after a company's name (a legal form may stand between)."""
MAX_NAME_WORDS = 6
"""Words of a company name at most, designator excluded."""


@dataclass(frozen=True)
class _Tables:
    named: re.Pattern[str]
    """A run of name words ending in a designator or a kind word."""
    bracketed: re.Pattern[str]
    described: re.Pattern[str]
    """A descriptor noun and the name after it ("mining group Boliden")."""
    designators: frozenset[str]
    kind_words: frozenset[str]
    not_names: frozenset[str]


@cache
def _tables() -> _Tables:
    table = _toml("companies.toml")
    designators = frozenset(table["designators"]["words"])
    kinds = frozenset(table["kind_words"]["words"])
    words = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}"
    # a legal form ends the longest run before it ("National Distillers and Chemical Corp"); else the
    # run ends at a kind word or before a ticker, found by the shortest run that reaches one
    lazy = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}?"
    named = re.compile(
        rf"(?<![\w<])(?P<name>{words})[ \t]*,?[ \t]+(?P<end>{alternation(designators)})(?![\w])"
        rf"|(?<![\w<])(?P<alone>{lazy}[ \t]+(?:{alternation(kinds)}))(?![\w])"
        rf"|(?<![\w<])(?P<tick>{lazy})(?=[ \t]*<[A-Z.]{{1,6}}>)"
    )
    bracketed = re.compile(r"<(?P<inner>[A-Z][^<>\n]{1,60})>")
    nouns = alternation(table["descriptors"]["words"])
    described = re.compile(
        rf"\b(?:{nouns})[ \t]+(?P<name>[A-Z][\w&'-]+(?:[ \t]+[A-Z][\w&'-]+){{0,3}})(?![\w])"
    )
    return _Tables(named, bracketed, described, designators, kinds, frozenset(table["not_names"]["words"]))


def _trim(words: list[str], tables: _Tables) -> list[str]:
    """Drop the sentence words a run of capitals picked up before the name ("Shares of", "The")."""
    countries = lexicon().countries
    while words and (words[0] in tables.not_names or words[0] in ("of", "and", "&") or words[0].islower()):
        words = words[1:]
    while words and words[-1] in ("of", "and", "&", "de"):
        words = words[:-1]
    if words and all(w in countries for w in words):
        return []  # "British" or "Japan" alone is a country, not a company
    return words


def _name(words: list[str], tables: _Tables) -> str | None:
    words = [w.rstrip(",") for w in words]
    while words and words[-1] in tables.designators:
        words = words[:-1]
    words = _trim(words, tables)
    return " ".join(words) if words else None


def _short_forms(name: str, tables: _Tables) -> set[str]:
    """Later ways of writing a company: its first word, and its first two ("Ford", "Delta Air")."""
    words = name.split()
    forms = {name}
    first = words[0]
    if (
        len(words) > 1
        and len(first) > 2
        and first not in tables.not_names
        and first not in lexicon().countries
    ):
        forms.add(first)
        if len(words) > 2:
            forms.add(" ".join(words[:2]))
    return forms


def find_companies(text: str) -> list[EntityMention]:
    """Company mentions in `text`, in order; each keeps its surface and canonical (first-given) name."""
    tables = _tables()
    found: dict[int, EntityMention] = {}
    for match in tables.bracketed.finditer(text):
        inner = match.group("inner").strip()
        if inner.isupper() and " " not in inner and len(inner) <= 6:
            continue  # a ticker: the name before it is found below
        name = _name(inner.split(), tables)
        if name:
            found[match.start()] = EntityMention(match.start(), match.end(), match.group(), name, "company")
    brackets = [(m.start, m.end) for m in found.values()]
    for match in tables.named.finditer(text):
        if any(start <= match.start() < end for start, end in brackets):
            continue
        if match.group("end"):
            words = [*match.group("name").split(), match.group("end")]
        else:
            words = (match.group("alone") or match.group("tick")).split()
        name = _name(words, tables)
        if name is None or (
            len(name.split()) == 1 and match.group("end") is None and name in tables.kind_words
        ):
            continue
        offset = match.start() + match.group().find(name.split()[0])
        found[offset] = EntityMention(offset, match.end(), text[offset : match.end()], name, "company")
    for match in tables.described.finditer(text):
        if any(m.start <= match.start("name") < m.end for m in found.values()):
            continue
        name = _name(match.group("name").split(), tables)
        if name is None or name in lexicon().countries:
            continue
        # the span takes a demonym opening the description, so "Swedish" is not an actor of its own
        lead = _DEMONYM_LEAD.search(text, max(0, match.start() - 40), match.start())
        start = match.start("name")
        if lead and lead.group(1) in lexicon().countries:
            start = lead.start(1)
        found[start] = EntityMention(start, match.end(), text[start : match.end()], name, "company")
    mentions = sorted(found.values(), key=lambda m: m.start)
    return _with_short_forms(text, mentions, tables)


def _with_short_forms(text: str, mentions: list[EntityMention], tables: _Tables) -> list[EntityMention]:
    """Add the later mentions of each company by a short form of its first-given name."""
    forms: dict[str, str] = {}
    for mention in mentions:
        for form in _short_forms(mention.name, tables):
            forms.setdefault(form, mention.name)
        alias = _PARENTHESISED.match(text, mention.end)  # "Consolidated Rail Corp (Conrail)"
        if alias and alias.group(1) not in lexicon().countries:
            forms.setdefault(alias.group(1), mention.name)
    if not forms:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    more: dict[int, EntityMention] = {}
    for form in sorted(forms, key=len, reverse=True):  # longest first: "Delta Air" before "Delta"
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            whole = (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "<")) and (
                end == len(text) or not text[end].isalnum()
            )
            if whole and at not in more and not any(s <= at < e for s, e in taken):
                more[at] = EntityMention(at, end, form, forms[form], "company")
                taken.append((at, end))
            at = text.find(form, end)
    return sorted([*mentions, *more.values()], key=lambda m: m.start)
