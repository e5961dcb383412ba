"""The actors of one article: countries, organisations and leaders from the gazetteer, companies from
their legal forms, named as of the article's date (West Germany in 1987), and the article's main actor
(its headline's, else its lead's), to which "the company", "it" and elided subjects refer."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.find.companies import find_companies, short_forms
from metrics.find.gazetteer import find_entities, kind_of
from metrics.find.tokens import Tokens, matches_between
from metrics.lexicon import _csv, alternation, lexicon
from metrics.link.headline_names import whole_word, wire_name, with_headline_subject
from metrics.link.keywords import Located
from metrics.link.regions import PLACE, as_actors, governing
from metrics.link.role_words import all_references, reference_first_words, reference_pattern, role_words
from metrics.link.sentences import Sentences
from metrics.read.dateline import dateline_end
from metrics.records import Document, EntityMention

NOT_ACTORS = frozenset({"outlet", "source", PLACE})
"""Kinds of mention that are never a figure's actor: news outlets, rating agencies and forums report
figures, they own none; a province or state the article never names as a government is a place."""
NOT_MAIN = frozenset({"party"})
"""Kinds of actor that own the figures of their own sentence but never stand as the article's main actor
for a sentence that names none (a story about a party's campaign quotes the government's figures)."""


@cache
def _historical() -> dict[str, list[tuple[str, date]]]:
    """Current name -> (the name it had, until when): a 1987 article's Germany is West Germany."""
    table: dict[str, list[tuple[str, date]]] = {}
    for row in _csv("historical_names.csv"):
        table.setdefault(row["name"], []).append((row["historical"], date.fromisoformat(row["until"])))
    return table


def as_of(name: str, published: date | None) -> str:
    """The name of an entity as of the article's date."""
    if published is None:
        return name
    for historical, until in sorted(_historical().get(name, ()), key=lambda pair: pair[1]):
        if published < until:
            return historical
    return name


@cache
def _reporting() -> re.Pattern[str]:
    verbs = alternation(role_words()["sources"]["after"])
    # (?<![\s\w]): a match begins only where a run of blanks or of letters begins (linear if searched)
    return re.compile(rf"(?<![\s\w])[>)]?(?:'s?)?\s*+(?:\w++\s++){{0,2}}(?:{verbs})\b", re.IGNORECASE)


_ITS = lazy_re.compile(r"\b[Ii]ts\b")

_SELF = lazy_re.compile(
    r"(?<![\s\w])[>)]?\s*+(?:\w++\s++){0,2}\w++\s++(?:that\s+)?(?:it|its|it's|they|their)\b", re.IGNORECASE
)


_TIE = {"company": 1, "region": 2}
"""Of two mentions of the same span, the gazetteer's country or organisation wins, then a company, then
a province or state ("Texas" is Texas Sprinkler's short form in its story)."""


def _choose(mentions: list[EntityMention]) -> list[EntityMention]:
    """Overlapping mentions: the longest wins ("British Petroleum" over "British"); on a tie the
    gazetteer's organisation or country wins over a company found by its legal form (_TIE)."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), _TIE.get(m.kind, 0), m.start))
    kept: list[EntityMention] = []
    for mention in ranked:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _mentions(
    text: str, tokens: Tokens | None = None, entities: Sequence[EntityMention] | None = None
) -> list[EntityMention]:
    found = find_entities(text, tokens) if entities is None else list(entities)
    companies = [_as_known(m) for m in find_companies(text, tokens)]
    return _choose([*found, *companies])


def _as_known(mention: EntityMention) -> EntityMention:
    """A company found by its legal form that the gazetteer knows as a source or outlet is that ("Moody's
    Investors Service Inc" rates, it owns no figure)."""
    kind = kind_of(mention.name)
    return dataclasses.replace(mention, kind=kind) if kind in NOT_ACTORS else mention


class Cast:
    """The actors of one document, queried by offset range; build once per document."""

    def __init__(
        self,
        document: Document,
        tokens: Tokens | None = None,
        sentences: Sentences | None = None,
        entities: Sequence[EntityMention] | None = None,
    ) -> None:
        """`entities`: the gazetteer's mentions of the text when the caller has found them already
        (LinkDocument has), so they are not looked up twice."""
        self.text = document.text
        self.published = document.published
        self._tokens = tokens
        self._reference_starts: list[int] | None = None
        opening = dateline_end(self.text)
        everything = [m for m in _mentions(self.text, tokens, entities) if m.start >= opening]
        self.governments = governing(self.text, everything)
        """The provinces and states the article names as governments (each an actor of its own)."""
        everything = as_actors(self.text, everything, self.governments)
        self.outlets = [m for m in everything if m.kind in NOT_ACTORS]
        actors = [m for m in everything if m.kind not in NOT_ACTORS]
        self.mentions = Located(with_headline_subject(self.text, document.title, actors, opening))
        self.headline = self._headline(document.title)
        self.sentences = sentences or Sentences(self.text)
        self.last: tuple[str, ...] = ()
        """The roles of the figure linked last (for a sentence that goes on with "It ...")."""
        self.last_sentence = -2
        """The index of the sentence that figure was in."""
        self._references: dict[tuple[int, int], list[EntityMention]] = {}
        self._refer_spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        self._sentence_references: dict[tuple[int, int], list[EntityMention]] = {}
        self._main: dict[str | None, str | None] = {}
        self.memo: dict[tuple[str, int, int], object] = {}
        """What roles.py works out once per sentence or mention (a sentence's actors, a source)."""
        self.eligible: dict[tuple[int, int], list[EntityMention]] = {}
        """The mentions of each sentence that can own a figure (roles.py fills it, once per sentence)."""

    def sentence_before(self, position: int) -> tuple[int, int] | None:
        index = self.sentences.index(position)
        return self.sentences.span(index - 1) if index > 0 else None

    def name(self, mention: EntityMention) -> str:
        return as_of(mention.name, self.published)

    def _headline(self, title: str | None) -> list[EntityMention]:
        """The headline's actors, in headline order: its countries and organisations, and the article's
        companies that it names by any of their forms ("SEARS" is Sears Roebuck, "BP" British Petroleum).
        A company the text never names is left out (capitals make every run of words look like a name),
        except the one a wire results table opens with ("AM INTERNATIONAL INC <AM> 2ND QTR")."""
        if not title:
            return []
        found = self._known(title)
        if title.isupper():
            found += self._known(title.title())
        lowered = title.lower()
        for form, name in self._company_forms().items():
            at = whole_word(lowered, form)
            if at >= 0:
                end = at + len(form)
                found.append(EntityMention(at, end, title[at:end], name, "company"))
        kept = _choose(found)
        if not any(m.kind == "company" for m in kept) and title.isupper():
            opening = [m for m in find_companies(title) if m.start == 0 and m.kind == "company"]
            wire = wire_name(opening[0].name) if opening else None
            if wire:
                kept.insert(0, EntityMention(0, opening[0].end, opening[0].surface, wire, "company"))
        return kept

    def _known(self, title: str) -> list[EntityMention]:
        """The gazetteer's actors of a headline (a region only where the article has it govern)."""
        return [
            m
            for m in as_actors(title, find_entities(title), self.governments, headline=True)
            if m.kind not in NOT_ACTORS
        ]

    def _company_forms(self) -> dict[str, str]:
        """Every way the article writes each of its companies, lower-cased, to the company's name."""
        forms: dict[str, str] = {}
        names: set[str] = set()
        for mention in self.mentions.items:
            if mention.kind != "company":
                continue
            written = " ".join(mention.surface.strip("<>").split()).lower()
            forms.setdefault(written, mention.name)
            if mention.name not in names:  # each name's short forms once, not once per mention
                names.add(mention.name)
                for form in short_forms(mention.name):
                    forms.setdefault(form.lower(), mention.name)
        return {form: name for form, name in forms.items() if len(form) > 1}

    def _company_named(self, headline_name: str) -> EntityMention | None:
        """The article's company whose name holds the headline's name as whole words."""
        words = headline_name.lower().split()
        for mention in self.mentions.items:
            name = mention.name.lower().split()
            if mention.kind == "company" and any(
                name[i : i + len(words)] == words for i in range(len(name) - len(words) + 1)
            ):
                return mention
        return None

    def main(self, kind: str | None = None) -> str | None:
        """The article's main actor (of a kind: 'company', 'country' (or a body or region that acts as
        one) or 'economy' (a country only)): the headline's first, else the first of the article's
        opening sentence (worked out once per kind)."""
        if kind not in self._main:
            self._main[kind] = self._find_main(kind)
        return self._main[kind]

    def _find_main(self, kind: str | None) -> str | None:
        lead = [m for m in self.mentions.items[:4] if m.kind not in NOT_MAIN]
        lead = [m for m in lead if m.kind != "region"]  # a region is the main actor only by the headline
        pools = [self.headline, [m for m in lead if not self._reports_only(m)] or lead]
        for pool in pools:
            for mention in pool:
                if mention.kind in NOT_MAIN:
                    continue
                if mention.kind == "person":  # a leader stands for the country he leads
                    mention = self._leader_country(mention) or mention
                if (
                    kind is None
                    or mention.kind == kind
                    or (kind == "country" and mention.kind in ("organisation", "region"))
                    or (kind == "economy" and mention.kind == "country")  # no OECD's inflation
                ):
                    return self.name(mention)
        return None

    def _leader_country(self, mention: EntityMention) -> EntityMention | None:
        country = next((leader.country for leader in lexicon().leaders if leader.name == mention.name), None)
        return (
            EntityMention(mention.start, mention.end, mention.surface, country, "country")
            if country
            else None
        )

    def settled(self, start: int, end: int) -> bool:
        """Whether the references of text[start:end] are the same for every figure (read once)."""
        return (start, end) in self._sentence_references

    def references(
        self, start: int, end: int, partner: Callable[[EntityMention], bool] | None = None
    ) -> list[EntityMention]:
        """ "the company", "the country" and "its" in text[start:end] as mentions of whom they mean, so
        they take part in the sentence's roles like a name ("the company's sales", "its exports"). "Its"
        passes over an actor that is a `partner` ("Peru owes $2bn to the IMF while its deficit...")."""
        key = (start, end)
        if key in self._sentence_references:  # read once per sentence unless "its" follows the last figure
            return self._sentence_references[key]
        found = list(self._named_references(start, end))
        settled = True
        for match in _ITS.finditer(self.text, start, end):
            # "its" is the nearest actor named before it in the sentence, else the one before's
            before = [
                m
                for m in self.mentions.within(start, match.start())
                if m.kind != "person" and not (partner and partner(m))
            ]
            settled = settled and bool(before)
            name = self.name(before[-1]) if before else self.last[0] if self.last else self.main()
            if name:
                found.append(EntityMention(match.start(), match.end(), match.group(), name, "reference"))
        if settled:
            self._sentence_references[key] = found
        return found

    def _named_references(self, start: int, end: int) -> list[EntityMention]:
        """ "the company", "the country", "the board" and "the two companies" in text[start:end]: the same
        for every figure of a sentence, so read once per sentence, by one pattern."""
        key = (start, end)
        if key in self._references:
            return self._references[key]
        found = []
        if self._reference_starts is None:
            tokens = self._tokens or Tokens(self.text)
            self._reference_starts = tokens.folded_starts(reference_first_words())
        for match in matches_between(all_references(), self.text, self._reference_starts, start, end):
            kind, at, surface = match.lastgroup, match.start(), match.group()
            names: list[str | None] = []
            if kind == "company":
                names = [self.company_before(at, surface.split()[-1].lower())]
            elif kind == "country":
                names = [self.main("country")]
            elif kind == "region":  # "the province": the governing one named last, else the first
                regions = [m.name for m in self.mentions.items if m.kind == "region"]
                before = [m.name for m in self.mentions.within(0, at) if m.kind == "region"]
                names.extend(before[-1:] or regions[:1])
            elif kind == "organisation":  # "the board": the last Board named before
                word = surface.split()[-1].lower()
                bodies = [m for m in self.mentions.within(0, at) if m.kind == "organisation"]
                names.extend([m.name for m in bodies if m.name.lower().endswith(word)][-1:])
            elif kind == "pair":
                firms = list(
                    dict.fromkeys(m.name for m in self.mentions.within(0, at) if m.kind == "company")
                )
                names.extend(firms[:2] if len(firms) >= 2 else [])
            elif kind in ("pair_country", "pair_person"):
                names.extend(self._pair_before(at, kind.removeprefix("pair_")))
            found += [EntityMention(at, match.end(), surface, name, "reference") for name in names if name]
        self._references[key] = found
        return found

    def _pair_before(self, position: int, kind: str) -> list[str]:
        """ "the two countries": the two the figure before named when both are of that kind ("Trade between
        Russia and the US reached $30 billion. Trade between the two countries fell ..."), else the
        last two of that kind named before, in the order the article first names them."""
        named = [self.name(m) for m in self.mentions.within(0, position) if m.kind == kind]
        if len(self.last) == 2 and all(name in named for name in self.last):
            return list(self.last)
        recent = list(dict.fromkeys(reversed(named)))[:2]
        return [name for name in dict.fromkeys(named) if name in recent] if len(recent) == 2 else []

    def _reports_only(self, mention: EntityMention) -> bool:
        """'Lead underwriter Goldman Sachs said an offering of ...': it reports, the figures are not its
        own (but 'Acme said its profit ...' speaks of itself)."""
        after = self.text[mention.end : mention.end + 40]
        return bool(_reporting().match(after)) and not _SELF.match(after)

    def refers(self, kind: str, start: int, end: int) -> bool:
        """Whether text[start:end] points back to the article's company, country or a pronoun's antecedent.
        The words are found once per sentence and kind: searching from the sentence's start to each of
        its figures was quadratic in a sentence of many figures."""
        key = (kind, start)
        spans = self._refer_spans.get(key)
        if spans is None:
            stop = max(self.sentences.span(self.sentences.index(start))[1], end)
            spans = [(m.start(), m.end()) for m in reference_pattern(kind).finditer(self.text, start, stop)]
            self._refer_spans[key] = spans
        return any(at >= start and until <= end for at, until in spans)

    def company_before(self, position: int, noun: str | None = None) -> str | None:
        """The company "the company" means: the article's main one when it is named in this sentence or
        the one before or no other is, else the one named there last ("Bolt Bank sold its stake. A
        statement cited Acme's losses. The company's deficit..." is Acme's), else the one named last.
        A `noun` of a kind of company ("the bank", "the airline"; roles.toml [reference_kinds]) means
        one whose name says it is of that kind, when the article has named one ("Acme bought a stake
        in Bolt Bank. The bank's profit rose" is Bolt Bank's)."""
        words = _kind_words().get(noun or "")
        index = self.sentences.index(position)
        since = self.sentences.span(index - 1)[0] if index > 0 else 0
        companies = [m for m in self.mentions.within(0, position) if m.kind == "company"]
        if words and any(words & set(m.name.split()) for m in companies):
            companies = [m for m in companies if words & set(m.name.split())]
        else:
            words = None
        near = [self.name(m) for m in companies if m.start >= since]
        main = self.main("company")
        if main is not None and words and not words & set(main.split()):
            main = None  # the main company is of another kind
        if main is not None and (main in near or not near):
            return main
        if near:
            return near[-1]
        return self.name(companies[-1]) if companies else None


@cache
def _kind_words() -> dict[str, frozenset[str]]:
    """Reference noun -> the words of a company name of that kind (roles.toml [reference_kinds])."""
    return {noun: frozenset(words) for noun, words in role_words()["reference_kinds"].items()}
