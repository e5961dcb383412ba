"""Companies that their context names: an apposition ("Corvan, the Danish shipping company,"), a place-based
adjective ("Paris-based Tolvane") or a country's genitive ("Sweden's Volvant"). Each adds to the mentions
companies.py has found by legal form, kind word or descriptor."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from metrics import lazy_re
from metrics.find.company_words import CompanyTables, company_name
from metrics.find.gazetteer import is_known, kind_of
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import _csv, _toml, alternation, lexicon
from metrics.records import EntityMention

_POSSESSED = lazy_re.compile(
    r"(?<![\w.-])(?P<owner>[A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?)(?:'s|’s)[ \t]+"
    r"(?P<name>[A-Z][a-z][\w&-]+(?:[ \t]+[A-Z][\w&-]+){0,2})(?![\w'’&-])"
)
"""A name after a country's genitive ("Germany's Vandrel"), a company of that country when it is no title."""
_PART_OF_NAME = lazy_re.compile(r"[A-Z][\w&'-]*[ \t]+(?:for|and)[ \t]+$")
"""What makes a run the tail of a longer name ("the Center for Auto Safety, a watchdog group")."""


def _appositions(text: str, tables: CompanyTables, tokens: Tokens) -> Iterator[re.Match[str]]:
    """The matches of `tables.appositive`, looked for only on lines holding one of its words of company
    (its words are joined by blanks, so no match spans a line break)."""
    for start, end in tokens.lines_with(tables.appositive_words):
        yield from tables.appositive.finditer(text, start, end)


def add_appositives(
    text: str, found: dict[int, EntityMention], tables: CompanyTables, tokens: Tokens
) -> None:
    """Add "Corvan, the Danish shipping company," and "Pellam, a Kestel packaging unit.": a name
    that an apposition describes as a company, unless it is a known name, a country or a sentence word."""
    for match in _appositions(text, tables, tokens):
        words = match.group("name").split()
        name = company_name(words, tables)
        if (
            name is None
            or name in lexicon().countries
            or is_known(name)
            or words[0] in tables.not_possessed
            or name.split()[-1].lower() in tables.bodies
            or _PART_OF_NAME.search(text, max(0, match.start() - 40), match.start())
            or tables.bodies_before.search(text, max(0, match.start() - 12), match.start())
            or match.group().split()[-2].lower() in tables.bodies
            or any(m.start <= match.start("name") < m.end for m in found.values())
        ):
            continue
        start = text.find(name.split()[0], match.start("name"))
        end = start + len(name)
        found[start] = EntityMention(start, end, text[start:end], name, "company")


_BASED = lazy_re.compile(
    r"(?<![\w.-])(?P<place>[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)-based[ \t]+"
    r"(?P<name>[A-Z][\w&'-]+(?:[ \t]+(?:[A-Z][\w&'-]+|of|and|&)){0,3})(?![\w'’&-])"
)
"""A place-based name ("Paris-based Tolvane", "Hong Kong-based Marlow Holdings"): the name is a company
of that place, and the place is no actor of its own."""


def add_place_based(text: str, found: dict[int, EntityMention], tables: CompanyTables) -> None:
    """Add "Paris-based Tolvane" as the company Tolvane, its span from the place on (as "Swedish mining
    group Norrmalm" is), unless the name is known, opens with a word of government, or ends in a body."""
    if "-based " not in text:
        return
    for match in _BASED.finditer(text):
        words = match.group("name").split()
        while words and words[-1] in ("of", "and", "&"):
            words = words[:-1]
        name = company_name(words, tables, genitive=True)
        if (
            name is None
            or name.isupper()  # "Kuala Lumpur-based ATPC" is as often a body's acronym as a company's
            or not _is_place(match.group("place"))
            or is_known(name)
            or name in lexicon().countries
            or name.split()[0] in tables.not_possessed
            or any(word.lower() in tables.bodies for word in name.split())
            or any(m.start <= match.start("name") < m.end for m in found.values())
        ):
            continue
        start = match.start("place")
        end = text.find(name, match.start("name")) + len(name)
        found[start] = EntityMention(start, end, text[start:end], name, "company")


def _is_place(name: str) -> bool:
    """A country (its name, capital or demonym), a province or state, or a dateline's city: what a
    "-based" adjective names ("Narrowly-based M1" names none)."""
    return name in lexicon().countries or kind_of(name) == "region" or name.upper() in _dateline_places()


@cache
def _dateline_places() -> frozenset[str]:
    return frozenset(row["place"].upper() for row in _csv("dateline_places.csv"))


@cache
def _owned_figure() -> re.Pattern[str]:
    nouns = alternation(_toml("companies.toml")["owned_figures"]["nouns"])
    return re.compile(rf"(?:'s|’s)[ \t]+(?:[a-z][\w-]*[ \t]+){{0,2}}?(?:{nouns})\b")


_OWNER_NAME = lazy_re.compile(
    r"(?<![\w.&'’-])(?:[A-Z][a-z][\w&-]*(?:[ \t]+[A-Z][a-z][\w&-]*){0,2}|(?<!\b[Tt]he )[A-Z][A-Z&]{1,4})$"
)
"""A genitive's owner: up to three capitalised words ("Volvant Group"), or an acronym ("BMW", "AT&T")
not after "the" (a firm is seldom "the IBM"; "the CEO's shares" and "the SEC's" are no firms)."""


def add_owners_of_figures(
    text: str, found: dict[int, EntityMention], tables: CompanyTables, tokens: Tokens
) -> None:
    """Add "Tarvik's revenue", "Volvant's quarterly deliveries", "shares of Lumora", "sales at Verlund": the
    name in a genitive before a word of a company's figures, or after "shares of" or "sales at"
    (companies.toml [owned_figures]), unless
    it is a known name (a country, an organisation, a leader), a sentence word, a month or a weekday."""
    named = [_bare(m.name) for m in found.values()]
    # an acronym's genitive ("BMW's sales") only where no company was found otherwise: an article that
    # names its firms by legal form writes their acronyms as short forms ("American Motors Corp (AMC)")
    acronyms = not any(m.kind == "company" for m in found.values())
    owners = []
    if "'s " in text or "’s " in text:
        for figure in _owned_figure().finditer(text):
            owner = _OWNER_NAME.search(text, max(0, figure.start() - 40), figure.start())
            if owner is not None and (acronyms or not owner.group().isupper()):
                owners.append((owner.start(), owner.end(), owner.group()))
    pattern, first_words, not_owners = _figure_of()
    # tried only where one of its first words stands, not searched over the whole text
    for match in matches_at(pattern, text, tokens.starts(first_words)):  # "Shares of Lumora fell"
        name, end = match.group("name"), match.end("name")
        countries = lexicon().countries
        if name in not_owners or any(part in countries for part in name.split("-")):
            continue
        if (text.startswith(".", end) and len(name.split()[-1]) <= 3) or _GOES_ON.match(text, end):
            continue  # "shares of St. Jude", "Pay 'n Pak", "Del E. Webb": the name goes on
        if _short_form_of_another(text, name, match.start("name"), named):
            continue
        owners.append((match.start("name"), end, name))
    for start, end, name in owners:
        first = name.split()[0]
        if any(_words_within(_bare(name), other) for other in named) or _is_place(name) or _streetlike(name):
            continue  # "Carbide's stock" after Union Carbide Corp: its short form, read as such later
        if (
            first in tables.not_names
            or first in tables.not_possessed
            or name in lexicon().countries
            or is_known(name)
            or (is_known(first) and not _national_firm(name))
            or any(m.start <= start < m.end for m in found.values())
        ):
            continue
        found[start] = EntityMention(start, end, name, name, "company")


_GOES_ON = lazy_re.compile(r"[ \t]+(?:'|[A-Z]\.)")
_CAPITAL_AFTER = lazy_re.compile(r"[ \t]+[A-Z]")


def _introduces(text: str, other: str, name: str) -> bool:
    """Whether the article gives `name` in brackets or between commas right after the name `other`."""
    at = text.find(other)
    after = text[at + len(other) :]
    return at >= 0 and re.match(rf"[^()\n]{{0,30}}?(?:\({name}\)|, {name},)", after) is not None


def _short_form_of_another(text: str, name: str, start: int, named: list[list[str]]) -> bool:
    """Whether the name after "shares of" or "sales at" is another company's way of being written: an
    acronym that begins a longer name ("EFX Banca"), that the article gives in brackets or between
    commas right after a company it has found ("<Norgate Trading Corp>, NTC,"), or that spells a found
    name's initials; or a name of more words whose first the article has written alone before
    ("Verlund ... Earnings at Verlund Capital": a unit of Verlund, which must not become a short form
    of its unit)."""
    if name.isupper():
        return (
            _CAPITAL_AFTER.match(text, start + len(name)) is not None
            or any(_introduces(text, " ".join(other), name) for other in named)
            or any(name == "".join(word[0] for word in other if word[:1].isupper()) for other in named)
        )
    first = name.split()[0]
    return " " in name and re.search(rf"\b{re.escape(first)}\b(?![ \t]+[A-Z])", text[:start]) is not None


@cache
def _not_firm_words() -> frozenset[str]:
    return frozenset(_toml("companies.toml")["national_firms"]["not_firm_words"])


def _national_firm(name: str) -> bool:
    """'Saudi Aramco', 'China Mobile': a country's word and more capitals, none of a government's."""
    words = name.split()
    return (
        len(words) > 1
        and not is_known(" ".join(words[:2]))
        and not any(w in _not_firm_words() for w in words)
    )


@cache
def _figure_of() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The pattern of "shares of Lumora" and "sales at Verlund", the (lower-case) words its matches begin
    with, and the names it never gives."""
    table = _toml("companies.toml")["owned_figures"]
    words, at_words = table["before_of"], table["before_at"]
    name = r"(?P<name>[A-Z][a-z][\w&-]*(?:[ \t]+[A-Z][a-z][\w&-]*){0,2}|[A-Z]{2,5}(?![\w&-]))\b"
    pattern = re.compile(
        rf"\b(?:(?i:{alternation(words)})[ \t]+(?:of|in)|(?i:{alternation(at_words)})[ \t]+at)[ \t]+{name}"
    )
    first_words = frozenset(word.split()[0].lower() for word in [*words, *at_words])
    return pattern, first_words, frozenset(table["not_owners"])


@cache
def _result_verbs() -> tuple[
    frozenset[str], re.Pattern[str], frozenset[str], re.Pattern[str], frozenset[str]
]:
    """Verbs of results (and of telling), what may follow them, sentence openers, and what may follow a
    verb of telling (an owned figure's noun, no bare figure: "said 5 pct" is anyone's)."""
    table = _toml("companies.toml")
    nouns = alternation([*table["owned_figures"]["nouns"], "loss", "losses", "net loss"])
    between = alternation(table["result_verbs"]["between"])
    # a figure: a digit or a currency before one ("$5 billion", "R$20 billion", "SEK 12bn", "Rs 500 crore")
    units = _toml("units.toml")
    currencies = alternation([*lexicon().currency_prefixes, *units["currency_codes_before"]["codes"]])
    figure = rf"[\d$€£¥₹₩]|(?:{currencies})[ \t]?\d"
    after = re.compile(rf"[ \t]++(?:(?:{between})[ \t]++){{0,3}}(?:{figure}|(?:{nouns})\b)")
    # "said its global sales", "said retail sales"; not "Traders said the buffer stock" (an article)
    modifiers = rf"(?:(?!(?:the|a|an|this|that|these|those)\b)[a-z][a-z-]*+[ \t]++){{0,{TOLD_MODIFIERS}}}"
    told = re.compile(rf"[ \t]++(?:(?:{between})[ \t]++){{0,3}}{modifiers}(?:{nouns})\b")
    openers = frozenset(_toml("words.toml")["sentence_openers"]["words"])
    telling = frozenset(table["result_verbs"]["told"])
    return frozenset(table["result_verbs"]["verbs"]) | telling, after, openers, told, telling


def _a_person(text: str, name: str) -> bool:
    """Whether the article writes a one-word name as a person's surname: after a first name or a title."""
    return re.search(rf"(?:\b[A-Z][a-z]+\.?|\b[A-Z]\.)[ \t]+{re.escape(name)}\b", text) is not None


_TOKEN = lazy_re.compile(r"\w+")
_ITS = lazy_re.compile(r"[ \t]++(?:its|it)\b")
TOLD_MODIFIERS = 2
"""Lower-case words that may stand between a verb of telling and its figure's noun ("said retail sales")."""
_SUBJECT_NAME = lazy_re.compile(r"(?<![\w.&'’-])[A-Z][a-z][\w&]*(?:[ \t]+[A-Z][a-z][\w&]*){0,2}$")


def add_subjects_of_results(
    text: str, found: dict[int, EntityMention], tables: CompanyTables, tokens: Tokens
) -> None:
    """Add "Tesla delivered 386,810 vehicles", "Nvidia reported revenue of": a name right before a verb
    of results and a figure (companies.toml [result_verbs]), with the exceptions of a genitive owner,
    in an article where no company was found otherwise (one that names its firms by legal form names
    them so; a run of capitals before "reported" there was as often a short form, a unit or a source)."""
    if any(m.kind == "company" for m in found.values()):
        return
    verbs, after, openers, told, telling_verbs = _result_verbs()
    for at in tokens.starts(verbs):
        verb = _TOKEN.match(text, at)
        end = verb.end() if verb else at
        telling = text[at:end] in telling_verbs
        if not text[at:end].islower() or not (told if telling else after).match(text, end):
            continue
        owner = _SUBJECT_NAME.search(text, max(0, at - 40), at - 1) if text[at - 1 : at] == " " else None
        if owner is None:
            continue
        name = owner.group()
        own = _ITS.match(text, end) is not None  # "Volvo Cars said its sales": a person says "his", "her"
        if telling and ((" " in name and not own) or name in tables.designators or _a_person(text, name)):
            continue  # "Siemens said profit rose"; not "Andy Jassy said sales", nor "Jassy" after it
        first = name.split()[0]
        if (
            first in tables.not_names
            or first in openers
            or any(word in tables.not_possessed for word in name.split())  # a month: "Only February"
            or name in lexicon().countries
            or is_known(name)
            or is_known(first)
            or _is_place(name)
            or _streetlike(name)
            or any(m.start <= owner.start() < m.end for m in found.values())
        ):
            continue
        found[owner.start()] = EntityMention(owner.start(), owner.end(), name, name, "company")


def _streetlike(name: str) -> bool:
    return name.split()[-1] in _street_words()


@cache
def _street_words() -> frozenset[str]:
    return frozenset(_toml("companies.toml")["owned_figures"]["places"])


def _bare(name: str) -> list[str]:
    """A name's words without a genitive ("Oshman's Sporting Goods" -> Oshman, Sporting, Goods)."""
    return [word.removesuffix("'s").removesuffix("’s") for word in name.split()]


def _words_within(words: list[str], other: list[str]) -> bool:
    """Whether `words` run within `other` ("Carbide" within "Union Carbide", "Santa Fe" within "Santa
    Fe Southern Pacific") or `other` within `words` ("Earlier Santa Fe")."""
    short, long = (words, other) if len(words) <= len(other) else (other, words)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def add_possessed(text: str, found: dict[int, EntityMention], tables: CompanyTables) -> None:
    """Add "Sweden's Volvant": a name after a country's genitive that is no title, month or known name
    and that the article writes again, or that a story of companies (two found already) writes once (a
    one-off capitalised word there is as often a person's in other news)."""
    if "'s " not in text and "’s " not in text:
        return
    countries = lexicon().countries
    business = sum(m.kind == "company" for m in found.values()) >= 2
    for match in _genitives(text):
        name, first = match.group("name"), match.group("name").split()[0]
        if (
            match.group("owner") not in countries
            or first in tables.not_possessed
            or first in tables.not_names
            or is_known(first)
            or is_known(name)
            or any(m.start <= match.start("name") < m.end for m in found.values())
            or (text.count(name) < 2 and not business)
            or tables.market_nouns.match(text, match.end())
        ):
            continue
        found[match.start()] = EntityMention(match.start(), match.end(), match.group(), name, "company")


_OWNER_BEFORE = lazy_re.compile(r"(?<![\w.-])[A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?$")


def _genitives(text: str) -> list[re.Match[str]]:
    """_POSSESSED's matches, tried only where a genitive is written (a pattern over the whole text cost
    more than the rest of the company finder's reading of it)."""
    out = []
    for mark in ("'s ", "’s "):
        at = text.find(mark)
        while at >= 0:
            owner = _OWNER_BEFORE.search(text, max(0, at - 30), at)
            found = _POSSESSED.match(text, owner.start()) if owner else None
            if found:
                out.append(found)
            at = text.find(mark, at + 3)
    return sorted(out, key=lambda m: m.start())
