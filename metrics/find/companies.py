"""Company mentions: a run of capitalised words before a legal-form designator ("Ford Motor Co") or
ending in a word of company kind ("Delta Air Lines"), a name or ticker in angle brackets as wire
copy writes them ("<Corvan Corp>", "Texaco Inc <TX>"), and the article's later short forms of a name
found so ("Ford", "Texaco"). The word tables are in metrics/data/companies.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from metrics.calendar import MONTHS, WEEKDAYS
from metrics.find.gazetteer import is_known
from metrics.lexicon import _toml, alternation, lexicon
from metrics.records import EntityMention

_NAME_WORD = r"(?:[A-Z][A-Za-z'&.-]*|[A-Z]\.|&|of|and|de|du|des|la|le|der|van|von|y|\d+)"
_DEMONYM_LEAD = re.compile(r"(?<![\w.])([A-Z][A-Za-z.]*)(?:'s|’s)?[ \t]+(?:[a-z-]+[ \t]+){0,4}$")
"""A capitalised word (a demonym or a country's genitive) up to four words before a descriptor
("Swedish mining and metals group", "Japan's biggest steel company")."""
_POSSESSIVE_LEAD = re.compile(r"(?<![\w.])([A-Z][A-Za-z. ]*?)(?:'s|’s)[ \t]+$")
"""A country's genitive right before a company ("Korea's Hyundai"): the company's nationality."""
_POSSESSED = re.compile(
    r"(?<![\w.-])(?P<owner>[A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?)(?:'s|’s)[ \t]+"
    r"(?P<name>[A-Z][a-z][\w&-]+(?:[ \t]+[A-Z][\w&-]+){0,2})(?![\w'’&-])"
)
"""A name after a country's genitive ("Germany's Vandrel"), a company of that country when it is no title."""
_TICKER = re.compile(r"<[A-Z][A-Z0-9.]{0,6}(?:[ \t][A-Z]{1,3})?>")
"""A ticker as wire copy writes it after a name: "<TX>", "<GECL.L>", "<BLDS ST>"."""
_OF_NAME = r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w&'-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w&'-]*){0,3}"
"""What an organisation's name may go on with ("Chicago Board of Trade", "Federation of Banks")."""
_TITLE = re.compile(r"[A-Z][a-z]{1,3}\.")
"""An abbreviated title before a name ("Dr.", "Ing."): no word of the company's name."""
_INITIAL = re.compile(r"(?:[A-Z]\.?)+|[A-Z][a-z]{0,2}\.")
"""A word of initials or an abbreviated title opening a company name ("E.F.", "I", "Dr.")."""
_PARENTHESISED = re.compile(r"(?:[ \t]+[A-Z][\w.]*)?[ \t]*\(([A-Z][\w&'-]{1,30})\)")
"""A short name in brackets right after a company's name (a legal form may stand between)."""
_DESCRIBING = r"(?:(?!(?:the|a|an|of|for|at|in|on|with|by|from|to|behind|and)\b)[\w-]+[ \t]+)"
"""A word of an apposition before its noun of company ("the Swiss mining company"), no function word."""
_PART_OF_NAME = re.compile(r"[A-Z][\w&'-]*[ \t]+(?:for|and)[ \t]+$")
"""What makes a run the tail of a longer name ("the Center for Auto Safety, a watchdog group")."""
MAX_NAME_WORDS = 6
"""Words of a company name at most, designator excluded."""


@dataclass(frozen=True)
class _Tables:
    named: re.Pattern[str]
    """A run of name words ending in a designator or a kind word."""
    bracketed: re.Pattern[str]
    described: re.Pattern[str]
    """A descriptor noun and the name after it ("mining group Norrmalm")."""
    designators: frozenset[str]
    kind_words: frozenset[str]
    not_names: frozenset[str]
    descriptors: tuple[str, ...]
    not_possessed: frozenset[str]
    market_nouns: re.Pattern[str]
    """A word after a name that makes it an index or a market ("France's Cac index"), no company."""
    appositive: re.Pattern[str]
    """A name, a comma and an apposition that ends in a word of company ("Corvan, the mining company,")."""
    bodies: frozenset[str]
    """Last words of a body that is no company even when an apposition calls it a group ("Institute"),
    and words that make a group no company ("an industry group"), lower-cased."""
    bodies_before: re.Pattern[str]
    """A preposition of place before a name: "the Valmont Service in Austin, a division of" is the
    Service's apposition, not Austin's."""


@cache
def _tables() -> _Tables:
    table = _toml("companies.toml")
    designators = frozenset(table["designators"]["words"])
    kinds = frozenset(table["kind_words"]["words"])
    words = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}"
    # a legal form ends the longest run before it ("Harlow Tools and Chemical Corp"); else the
    # run ends at a kind word or before a ticker, found by the shortest run that reaches one
    lazy = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}?"
    named = re.compile(
        rf"(?<![\w<])(?P<name>{words})[ \t]*,?[ \t]+(?P<end>{alternation(designators)})(?![\w])"
        rf"|(?<![\w<])(?P<alone>{lazy}[ \t]+(?:{alternation(kinds)}))(?![\w])"
        rf"|(?<![\w<])(?P<body>{lazy}[ \t]+(?:{alternation(table['organisation_words']['words'])})"
        rf"(?:{_OF_NAME})?)(?![\w])"
        rf"|(?<![\w<])(?P<tick>{lazy})(?=(?:'s|’s)?[ \t]*{_TICKER.pattern})"
    )
    bracketed = re.compile(r"<(?P<inner>[A-Z][^<>\n]{1,60})>")
    nouns = alternation(table["descriptors"]["words"])
    officers = alternation(table["officers"]["words"])
    described = re.compile(
        rf"\b(?:{nouns}|(?P<officer>{officers})[ \t]+(?:of|at))[ \t]+"
        rf"(?P<name>[A-Z][\w&'-]+(?:[ \t]+[A-Z][\w&'-]+){{0,3}})(?![\w])"
    )
    return _Tables(
        named,
        bracketed,
        described,
        designators,
        kinds,
        frozenset(table["not_names"]["words"]),
        tuple(table["descriptors"]["words"]),
        frozenset(table["not_possessed"]["words"])
        | {m.capitalize() for m in MONTHS}
        | {d.capitalize() for d in WEEKDAYS},
        re.compile(rf"(?<!\s)\s+(?:{alternation(table['market_nouns']['words'])})\b", re.IGNORECASE),
        re.compile(
            r"(?<![\w&'.-])(?P<name>[A-Z][\w&'.-]*(?:[ \t]+(?:[A-Z][\w&'.-]*|and|of|&)){0,3}),[ \t]+"
            # "X, the group, said" opens a new subject; "X, the man behind the Kestel group" is a person
            rf"(?:the[ \t]+{_DESCRIBING}{{1,5}}?|an?[ \t]+{_DESCRIBING}{{0,5}}?)"
            rf"(?:{alternation(table['appositives']['words'])})"
            r"(?=[ \t]*[,.;:)]|[ \t]+(?:that|which|based|of|in|with|owned)\b)"
        ),
        frozenset(w.lower() for w in (*table["appositives"]["bodies"], *table["appositives"]["groups"])),
        re.compile(r"\b(?:in|at|near)[ \t]+$"),
    )


def _trim(words: list[str], tables: _Tables) -> list[str]:
    """Drop the sentence words a run of capitals picked up before the name ("Shares of", "The") and a
    country's genitive that gives the company's nationality ("Israel's Teva Pharmaceuticals"), and a
    country that qualifies a word of relation ("its U.K. Subsidiary Norrel Ltd" is Norrel)."""
    countries = lexicon().countries
    titled = False
    while words and (
        words[0] in tables.not_names
        or words[0] in ("of", "and", "&")
        or words[0].islower()
        or (len(words) > 1 and _TITLE.fullmatch(words[0]))
        or (titled and len(words) > 1 and _INITIAL.fullmatch(words[0]))
        or (len(words) > 2 and words[0] in countries and words[1] in tables.not_names)
    ):
        titled = titled or bool(_TITLE.fullmatch(words[0])) or words[0] in ("Dr", "Mr", "Sir")
        words = words[1:]  # "Dr. Ing. H.C.F. Porsche": a founder's title and initials, the name is Porsche
    for size in (1, 2, 3):
        head = " ".join(words[:size])
        if len(words) > size and head[-2:] in ("'s", "’s") and head[:-2] in countries:
            words = words[size:]
            if words[0] in tables.not_possessed:
                return []  # "Malaysia's Central Bank" is the country's, no company
            break
    while words and words[-1] in ("of", "and", "&", "de"):
        words = words[:-1]
    if words and all(w in countries for w in words):
        return []  # "British" or "Japan" alone is a country, not a company
    return words


def _name(words: list[str], tables: _Tables, genitive: bool = False) -> str | None:
    """The company's name from a run of words; `genitive`: the run ends in one ("Velmora's <VLMA ST>"),
    which is no part of the name (but "McDonald's" found otherwise keeps its 's)."""
    words = [w.rstrip(",") for w in words]
    if genitive and words and words[-1][-2:] in ("'s", "’s"):
        words[-1] = words[-1][:-2]
    while words and words[-1] in tables.designators:
        words = words[:-1]
    words = _trim(words, tables)
    return " ".join(words) if words else None


def _short_forms(name: str, tables: _Tables) -> set[str]:
    """Later ways of writing a company: its first word, and its first two ("Ford", "Delta Air"); after
    opening initials or a title, the word they qualify ("J K Marlow Associates" -> "Marlow")."""
    words = name.split()
    forms = {name}
    while len(words) > 1 and _INITIAL.fullmatch(words[0]):
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
    return _short_forms(name, _tables())


def _initials(name: str) -> str:
    """The acronym of a name's capitalised words ("British Petroleum" -> "BP")."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _lead_start(text: str, start: int, tables: _Tables) -> int:
    """Where a company's span starts when a word of nationality qualifies it: "Korea's Hyundai", "Swedish
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


def _split_designated(words: list[str], tables: _Tables) -> list[list[str]]:
    """A run that holds two legal names joined ("Texaco Inc and Acme Co") is two companies."""
    parts: list[list[str]] = [[]]
    for i, word in enumerate(words):
        parts[-1].append(word)
        joined = i + 1 < len(words) - 1 and words[i + 1] in ("and", "&", "or", "vs", "v.")
        if word.rstrip(",") in tables.designators and (word.endswith(",") or joined) and i < len(words) - 1:
            parts.append([])
    return [p for p in parts if p]


def find_companies(text: str) -> list[EntityMention]:
    """Company mentions in `text`, in order; each keeps its surface and canonical (first-given) name."""
    tables = _tables()
    found: dict[int, EntityMention] = {}
    tickers: dict[int, str] = {}
    """Where each ticker in angle brackets starts, and the ticker (a later short form of its name)."""
    for match in tables.bracketed.finditer(text):
        inner = match.group("inner").strip()
        if _TICKER.fullmatch(match.group()):
            tickers[match.start()] = inner  # a ticker: the name before it is found below
            continue
        name = _name(inner.split(), tables)
        if name:
            found[match.start()] = EntityMention(match.start(), match.end(), match.group(), name, "company")
    brackets = [(m.start, m.end) for m in found.values()]
    for match in tables.named.finditer(text):
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
            name = _name(words, tables, genitive=bool(match.group("tick")))
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
    for match in tables.described.finditer(text):
        if any(m.start <= match.start("name") < m.end for m in found.values()):
            continue
        words = match.group("name").split()
        if words[-1][-2:] in ("'s", "’s") and " ".join(words)[:-2] in lexicon().countries:
            continue  # "the president of Colombia's coffee body": a country's genitive
        genitive = bool(match.group("officer")) and text.startswith(("'s", "’s"), match.end() - 2)
        name = _name(words, tables, genitive=genitive)  # "director of Vexa's trading arm" is Vexa
        if name is None or name in lexicon().countries or is_known(name) or words[0] in tables.not_possessed:
            continue
        # the span takes a demonym opening the description, so "Swedish" is not an actor of its own
        start = _lead_start(text, match.start("name"), tables)
        found[start] = EntityMention(start, match.end(), text[start : match.end()], name, "company")
    _appositive(text, found, tables)
    _possessed(text, found, tables)
    mentions = sorted(found.values(), key=lambda m: m.start)
    return _with_short_forms(text, mentions, tables, tickers)


def _appositive(text: str, found: dict[int, EntityMention], tables: _Tables) -> None:
    """Add "Corvan, the Swiss mining company," and "Pellam, a specialised Kestel moulding unit.": a name
    that an apposition describes as a company, unless it is a known name, a country or a sentence word."""
    for match in tables.appositive.finditer(text):
        words = match.group("name").split()
        name = _name(words, tables)
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


def _possessed(text: str, found: dict[int, EntityMention], tables: _Tables) -> None:
    """Add "Korea's Hyundai": a name after a country's genitive that is no title, month or known name
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


_OWNER_BEFORE = re.compile(r"(?<![\w.-])[A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?$")


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


_BEFORE_TICKER = re.compile(r"(?:'s|’s)?[ \t]*+(?=<)")


def _canonical(mentions: list[EntityMention], tables: _Tables) -> list[EntityMention]:
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
    text: str, mentions: list[EntityMention], tables: _Tables, tickers: dict[int, str]
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
        gap = _BEFORE_TICKER.match(text, mention.end)
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
