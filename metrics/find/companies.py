"""Company mentions: a run of capitalised words before a legal-form designator ("Ford Motor Co") or
ending in a word of company kind ("Delta Air Lines"), a name or ticker in angle brackets as wire
copy writes them ("<Corvan Corp>", "Texaco Inc <TX>"), and the article's later short forms of a name
found so ("Ford", "Texaco"); company_context.py adds the names an apposition, a place-based adjective or
a country's genitive gives. The word tables are in metrics/data/companies.toml (company_words.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from metrics import lazy_re
from metrics.find.company_context import (
    add_appositives,
    add_owners_of_figures,
    add_place_based,
    add_possessed,
    add_subjects_of_results,
)
from metrics.find.company_words import INITIAL, TICKER, CompanyTables, company_name, company_tables
from metrics.find.gazetteer import is_known
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import lexicon
from metrics.records import EntityMention

_DEMONYM_LEAD = lazy_re.compile(r"(?<![\w.])([A-Z][A-Za-z.]*)(?:'s|’s)?[ \t]+(?:[a-z-]+[ \t]+){0,4}$")
"""A capitalised word (a demonym or a country's genitive) up to four words before a descriptor
("Swedish mining and metals group", "Japan's biggest steel company")."""
_POSSESSIVE_LEAD = lazy_re.compile(r"(?<![\w.])([A-Z][A-Za-z. ]*?)(?:'s|’s)[ \t]+$")
"""A country's genitive right before a company ("Sweden's Volvant"): the company's nationality."""
_PARENTHESISED = lazy_re.compile(r"(?:[ \t]+[A-Z][\w.]*)?[ \t]*\(([A-Z][\w&'-]{1,30})\)")
"""A short name in brackets right after a company's name (a legal form may stand between)."""


def _short_forms(name: str, tables: CompanyTables) -> set[str]:
    """Later ways of writing a company: its first word, and its first two ("Ford", "Delta Air"); after
    opening initials or a title, the word they qualify ("J K Marlow Associates" -> "Marlow")."""
    words = name.split()
    forms = {name}
    while len(words) > 1 and INITIAL.fullmatch(words[0]):
        words = words[1:]
        forms.add(" ".join(words))
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


def short_forms(name: str) -> set[str]:
    """The ways an article may write a company again after naming it `name` (a headline's "SEARS")."""
    return _short_forms(name, company_tables())


def _initials(name: str) -> str:
    """The acronym of a name's capitalised words ("British Petroleum" -> "BP")."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _lead_start(text: str, start: int, tables: CompanyTables) -> int:
    """Where a company's span starts when a word of nationality qualifies it: "Sweden's Volvant", "Swedish
    mining and metals group Norrmalm", "its US affiliate Pellam Labs" (the country is no actor of its own)."""
    countries = lexicon().countries
    possessive = _POSSESSIVE_LEAD.search(text, max(0, start - 30), start)
    if possessive and possessive.group(1) in countries:
        return possessive.start(1)
    lead = _DEMONYM_LEAD.search(text, max(0, start - 50), start)
    if lead and lead.group(1) in countries:
        last = text[lead.start() : start].split()[-1].lower()
        if any(last.endswith(noun) for noun in tables.descriptors):
            return lead.start(1)
    return start


def _split_designated(words: list[str], tables: CompanyTables) -> list[list[str]]:
    """A run that holds two legal names joined ("Texaco Inc and Acme Co") is two companies."""
    parts: list[list[str]] = [[]]
    for i, word in enumerate(words):
        parts[-1].append(word)
        joined = i + 1 < len(words) - 1 and words[i + 1] in ("and", "&", "or", "vs", "v.")
        if word.rstrip(",") in tables.designators and (word.endswith(",") or joined) and i < len(words) - 1:
            parts.append([])
    return [p for p in parts if p]


def _named(text: str, tokens: Tokens, tables: CompanyTables) -> Iterator[re.Match[str]]:
    """The matches of `tables.named` in `text`, left to right, looked for only on the lines that hold
    one of its end words or a ticker's "<". The pattern joins words by blanks alone, so no match spans
    a line break and each line's matches are the whole text's there; scanning every capital of the
    text with the four alternatives took most of the companies' time."""
    for start, end in tokens.lines_with(tables.named_ends, also="<"):
        yield from tables.named.finditer(text, start, end)


def find_companies(text: str, tokens: Tokens | None = None) -> list[EntityMention]:
    """Company mentions in `text`, in order; each keeps its surface and canonical (first-given) name.
    `tokens`: the text's words when the caller has them."""
    tables = company_tables()
    tokens = tokens or Tokens(text)
    found: dict[int, EntityMention] = {}
    tickers: dict[int, str] = {}
    """Where each ticker in angle brackets starts, and the ticker (a later short form of its name)."""
    for match in tables.bracketed.finditer(text):
        inner = match.group("inner").strip()
        if TICKER.fullmatch(match.group()):
            tickers[match.start()] = inner  # a ticker: the name before it is found below
            continue
        name = company_name(inner.split(), tables)
        if name:
            found[match.start()] = EntityMention(match.start(), match.end(), match.group(), name, "company")
    brackets = [(m.start, m.end) for m in found.values()]
    for match in _named(text, tokens, tables):
        if any(start <= match.start() < end for start, end in brackets):
            continue
        if match.group("end"):
            runs = _split_designated([*match.group("name").split(), match.group("end")], tables)
        else:
            runs = [(match.group("alone") or match.group("tick") or match.group("body")).split()]
            joined = " ".join(runs[0])
            if " and " in joined and any(
                is_known(part.removeprefix("The ")) for part in joined.split(" and ")
            ):
                continue  # "the International Monetary Fund and World Bank": known names, no company
        at = match.start()
        for words in runs:
            at = text.find(words[0], at)
            run_end = text.find(words[-1], at) + len(words[-1]) if len(runs) > 1 else match.end()
            name = company_name(words, tables, genitive=bool(match.group("tick")))
            lone_kind = len(name.split()) == 1 and name in tables.kind_words if name else False
            if name is None or (lone_kind and match.group("end") is None):
                continue
            offset = text.find(name.split()[0], at)
            if match.group("body"):  # an organisation by its last word, unless the gazetteer knows it
                if not is_known(name) and len(name.split()) > 1:
                    found[offset] = EntityMention(offset, run_end, text[offset:run_end], name, "organisation")
                continue
            start = _lead_start(text, offset, tables)
            found[start] = EntityMention(start, run_end, text[start:run_end], name, "company")
            at = run_end
    for match in matches_at(tables.described, text, tokens.starts(tables.described_words)):
        if any(m.start <= match.start("name") < m.end for m in found.values()):
            continue
        words = match.group("name").split()
        if words[-1][-2:] in ("'s", "’s") and " ".join(words)[:-2] in lexicon().countries:
            continue  # "the president of Colombia's coffee body": a country's genitive
        genitive = bool(match.group("officer")) and text.startswith(("'s", "’s"), match.end() - 2)
        name = company_name(words, tables, genitive=genitive)  # "director of Vexa's trading arm" is Vexa
        if name is None or name in lexicon().countries or is_known(name) or words[0] in tables.not_possessed:
            continue
        # the span takes a demonym opening the description, so "Swedish" is not an actor of its own
        start = _lead_start(text, match.start("name"), tables)
        found[start] = EntityMention(start, match.end(), text[start : match.end()], name, "company")
    add_appositives(text, found, tables, tokens)
    add_place_based(text, found, tables)
    add_possessed(text, found, tables)
    add_owners_of_figures(text, found, tables, tokens)
    add_subjects_of_results(text, found, tables, tokens)
    mentions = sorted(found.values(), key=lambda m: m.start)
    return _with_short_forms(text, mentions, tables, tickers)


_BEFORETICKER = lazy_re.compile(r"(?<![ \t])(?:'s|’s)?[ \t]*+(?=<)")
"""Between a name and its ticker; matched right after the name (the lookbehind keeps a search over a long
run of blanks linear: it starts only where the run does)."""


def _canonical(mentions: list[EntityMention], tables: CompanyTables) -> list[EntityMention]:
    """Each company by the name the article first gives it: a later run that is the start of an earlier
    name ("Harlow Tools" after "Harlow Tools and Chemical Corp") or opens with its acronym
    ("BP Group" after "British Petroleum Co") is that company."""
    given: list[str] = []
    out = []
    for mention in mentions:
        words = mention.name.split()
        if mention.surface.rstrip(">").split()[-1] in tables.designators:
            given.append(mention.name)  # a legal name is itself ("Acme Inc" after "Acme Canada Inc")
            out.append(mention)
            continue
        earlier = next(
            (
                name
                for name in given
                if name.split()[: len(words)] == words
                or (words[0].isupper() and len(words[0]) > 1 and words[0] == _initials(name))
                or (mention.kind == "organisation" and name.split()[-len(words) :] == words)
            ),
            None,
        )
        if earlier is not None and earlier != mention.name:
            mention = EntityMention(mention.start, mention.end, mention.surface, earlier, mention.kind)
        elif earlier is None:
            given.append(mention.name)
        out.append(mention)
    return out


def _with_short_forms(
    text: str, mentions: list[EntityMention], tables: CompanyTables, tickers: dict[int, str]
) -> list[EntityMention]:
    """Add the later mentions of each company by a short form of its first-given name, its ticker
    ("Grocers General Corp <GGL>" ... "GGL's board") or its acronym ("British Petroleum" ... "BP")."""
    mentions = _canonical(mentions, tables)
    countries = lexicon().countries
    forms: dict[str, str] = {}
    for mention in mentions:
        for form in _short_forms(mention.name, tables):
            forms.setdefault(form, mention.name)
        alias = _PARENTHESISED.match(text, mention.end)  # "Continental Freight Corp (Confreight)"
        if alias and alias.group(1) not in countries:
            forms.setdefault(alias.group(1), mention.name)
        gap = _BEFORETICKER.match(text, mention.end)
        ticker = tickers.get(gap.end()) if gap else None
        if ticker and len(ticker.split()[0]) > 1:
            forms.setdefault(ticker.split()[0], mention.name)
        acronym = _initials(mention.name)
        if 1 < len(acronym) <= 5 and acronym not in countries and acronym not in tables.designators:
            forms.setdefault(acronym, mention.name)
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
