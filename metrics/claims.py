"""Link each quantity to what it measures, whom it is about, when it holds and whether it is a forecast.

Linking works sentence by sentence. A time expression governs the quantity it directly follows
("$30 billion in 2014"), and is shared leftwards with quantities coordinated with that one
("rose 7% to $2.3 billion in 2018"), but never across "from", which introduces an earlier figure
with its own date ("dropped to $20 billion from $30 billion in 2014": the $20 billion low is undated).
A time expression that opens a clause frames the quantities after it ("In 2019, I paid $35,538").
A sentence with no entity or metric of its own that opens with a pronoun ("It has happened 37 times")
inherits them from the sentence before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from metrics.dateline import dateline_end
from metrics.gazetteer import find_entities
from metrics.keywords import Located, vocabularies
from metrics.lexicon import Lexicon, lexicon, singular
from metrics.records import EntityMention, Period, Quantity, TimeMention
from metrics.sentences import Sentences
from metrics.tokens import Tokens

_PRONOUN_START = re.compile(r"[\"'“]?(?:It|It's|It’s|Its|They|They're|This|That|These|Those|He|She|Such)\b")
_COORDINATED = re.compile(
    r"[\s,()]*(?:(?:to|or|and|up|down|by|of|at|about|some|nearly|almost|rose|fell|rising|falling|gained|lost|"
    r"increased|decreased|a|an|the|total|totalling|totaling)[\s,()]+)*",
    re.IGNORECASE,
)
_FROM_BETWEEN = re.compile(r"\b(?:from|compared\s+with|compared\s+to|against|versus|vs\.?)\b", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]+")
_YEAR_BEFORE = re.compile(
    r"(?:a\s+)?year[- ](?:earlier|before)|(?:the\s+)?(?:previous|prior)\s+year|year-earlier", re.IGNORECASE
)
_LATER = re.compile(r"\b(?:later|since\s+then|subsequently|afterwards|thereafter)\b", re.IGNORECASE)


def _after(day: date, published: date | None) -> Period:
    """Some time after `day`, up to publication: the window of an undated figure that came later."""
    start = day + timedelta(days=1)
    return Period(start, published if published and published >= start else None, "undated")


_PRESENT = re.compile(r"\b(?:has|have|is|are|now|currently|remains?|stands?)\b", re.IGNORECASE)
_FILLER_WORDS = frozenset(
    [
        "in",
        "at",
        "for",
        "during",
        "of",
        "on",
        "the",
        "a",
        "an",
        "by",
        "as",
        "since",
        "under",
        "between",
        "from",
        "to",
        "through",
        "until",
        "till",
        "throughout",
        "over",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "year",
        "years",
        "fiscal",
        "calendar",
        "end",
        "beginning",
        "start",
        "close",
    ]
)
MAX_ATTACH_GAP = 40
"""Characters between a quantity and the time expression that follows it, at most, for the one to govern
the other ("one summit in Helsinki in July 2018")."""


@dataclass
class Linked:
    """What the linker decided for one quantity; the extractor turns it into a Claim."""

    quantity: Quantity
    metric: str
    entities: tuple[str, ...]
    status: str
    period: Period | None
    period_text: str | None
    sentence: tuple[int, int]


@dataclass
class _SentenceContext:
    entities: tuple[str, ...] = ()
    metric: str | None = None
    topics: set[str] = field(default_factory=set)
    metric_by_unit: dict[str, str] = field(default_factory=dict)
    """The last metric named for each unit: "a further rise to $5 billion" continues the sentence before."""


class Linker:
    """Links the quantities of one document; build once per document."""

    def __init__(
        self, text: str, published: date | None, tokens: Tokens | None = None, lex: Lexicon | None = None
    ) -> None:
        self.text = text
        self.published = published
        self.lex = lex or lexicon()
        self.sentences = Sentences(text)
        tokens = tokens or Tokens(text)
        words = vocabularies()
        opening = dateline_end(text)
        self.metric_hits = Located([h for h in words.metrics.hits(text, tokens).items if h.start >= opening])
        self.event_hits = words.events.hits(text, tokens)
        self.forecast_hits = words.forecast.hits(text, tokens)
        self.target_hits = words.target.hits(text, tokens)
        breaks = words.clause_breaks.hits(text, tokens).items
        semicolons = [i for i, char in enumerate(text) if char == ";"] if ";" in text else []
        self.clause_breaks = sorted([b.end for b in breaks] + [i + 1 for i in semicolons])
        self.entities = Located([e for e in find_entities(text, tokens) if e.start >= opening])
        self.last_dated: dict[str, Period] = {}
        """The latest dated period seen per metric, for figures said to come "later"."""

    def link(self, quantities: Sequence[Quantity], times: Sequence[TimeMention]) -> list[Linked]:
        by_sentence: dict[int, list[Quantity]] = {}
        for quantity in quantities:
            by_sentence.setdefault(self.sentences.index(quantity.start), []).append(quantity)
        times_by_sentence: dict[int, list[TimeMention]] = {}
        for mention in times:
            times_by_sentence.setdefault(self.sentences.index(mention.start), []).append(mention)
        out: list[Linked] = []
        previous = _SentenceContext()
        previous_index = -2
        for index in sorted(by_sentence):
            if index != previous_index + 1:
                previous = self._context_of(index - 1) if index > 0 else _SentenceContext()
            sentence = self.sentences.span(index)
            linked, previous = self._link_sentence(
                sentence, by_sentence[index], times_by_sentence.get(index, []), previous
            )
            out.extend(linked)
            previous_index = index
        return out

    def _context_of(self, index: int) -> _SentenceContext:
        """Entities and topics of a sentence without quantities (for inheritance by the next one)."""
        start, end = self.sentences.span(index)
        entities = tuple(dict.fromkeys(e.name for e in self.entities.within(start, end)))
        return _SentenceContext(entities=entities, topics=self._topics(start, end))

    def _topics(self, start: int, end: int) -> set[str]:
        """The metrics a stretch of text speaks of ("sanctions" for "subject to US penalties")."""
        return {hit.name for hit in self.metric_hits.within(start, end)}

    def _clause_start(self, start: int, position: int) -> int:
        """Where the clause holding `position` starts: after the last ';', 'but', 'while'... since `start`."""
        i = bisect_right(self.clause_breaks, position) - 1
        return max(start, self.clause_breaks[i]) if i >= 0 else start

    # ---- one sentence ----

    def _link_sentence(
        self,
        sentence: tuple[int, int],
        quantities: list[Quantity],
        times: list[TimeMention],
        previous: _SentenceContext,
    ) -> tuple[list[Linked], _SentenceContext]:
        start, end = sentence
        text = self.text
        time_spans = [(t.start, t.end) for t in times]
        mentions = [
            e for e in self.entities.within(start, end) if not any(s <= e.start < f for s, f in time_spans)
        ]
        pronoun = bool(_PRONOUN_START.match(text, start))
        entities = tuple(dict.fromkeys(e.name for e in mentions))
        if not entities:
            entities = previous.entities
        topics = self._topics(start, end) | (previous.topics if pronoun else set())
        governing = self._govern(quantities, times, start)
        linked = []
        last_metric = previous.metric if pronoun else None
        for quantity in quantities:
            metric = self._metric(
                quantity, start, end, topics, last_metric if pronoun else None, previous.metric_by_unit
            )
            own_entities = self._entities_near(quantity, mentions, entities)
            period, period_text = self._period(
                quantity, governing.get(quantity.start), quantities, governing, sentence
            )
            mention = governing.get(quantity.start)
            if mention is not None and _YEAR_BEFORE.fullmatch(mention.surface):
                period = self._year_before(mention, times) or period
            if period is not None and period.start is None and _LATER.search(text, start, quantity.start):
                earlier = self.last_dated.get(metric)
                if earlier is not None and earlier.end is not None:
                    period = _after(earlier.end, self.published)  # "later dropped to $20 billion"
            if period is not None and period.grain in ("year", "month", "quarter", "day", "span"):
                self.last_dated[metric] = period
            status = self._status(quantity, start, period)
            linked.append(Linked(quantity, metric, own_entities, status, period, period_text, sentence))
            last_metric = metric
        by_unit = {**previous.metric_by_unit, **{item.quantity.unit: item.metric for item in linked}}
        context = _SentenceContext(
            entities=entities,
            metric=linked[-1].metric if linked else None,
            topics=topics,
            metric_by_unit=by_unit,
        )
        return linked, context

    def _year_before(self, mention: TimeMention, times: list[TimeMention]) -> Period | None:
        """'a year earlier' after 'in 2019' in the same sentence is 2018, not the year before publication."""
        years = [t for t in times if t.end <= mention.start and t.period.grain == "year" and t.period.start]
        if not years or years[-1].period.start is None:
            return None
        year = years[-1].period.start.year - 1
        return Period(date(year, 1, 1), date(year, 12, 31), "year")

    def _entities_near(
        self, quantity: Quantity, mentions: list[EntityMention], sentence_entities: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The sentence's entities, or those of the quantity's own clause when the sentence has several."""
        if not mentions:
            return sentence_entities
        clause_start = self._clause_start(mentions[0].start, quantity.start)
        clause = [m.name for m in mentions if m.start >= clause_start and m.start < quantity.noun_end + 60]
        if clause and clause_start > mentions[0].start:
            return tuple(dict.fromkeys(clause))
        return sentence_entities

    # ---- metric ----

    def _metric(
        self,
        quantity: Quantity,
        start: int,
        end: int,
        topics: set[str],
        inherited: str | None,
        by_unit: dict[str, str],
    ) -> str:
        lex = self.lex
        if quantity.unit == "count" and quantity.noun:
            noun = quantity.noun.lower()
            if noun in ("times", "occasions", "time"):
                events = self.event_hits.within(start, quantity.start)
                return (events[-1].name if events else None) or inherited or "occurrences"
            named = lex.noun_metrics.get(noun) or lex.noun_metrics.get(noun.split()[-1])
            if named:
                return named
            last = noun.split()[-1]
            for topic, (prefix, nouns) in lex.qualified_nouns.items():
                if topic in topics and last in nouns:
                    return f"{prefix} {last}"
            return singular(noun, lex)
        before = self.metric_hits.within(start, quantity.start)
        if before:
            return before[-1].name
        if inherited:
            return inherited
        after = self.metric_hits.within(quantity.noun_end, end)
        if after:
            return after[0].name
        if quantity.unit in by_unit:
            return by_unit[quantity.unit]
        if quantity.unit in ("%", "percentage point", "basis point"):
            return "percentage"
        if quantity.unit == "number":
            return "number"
        if len(quantity.unit) == 3 and quantity.unit.isupper():
            return "amount"
        return quantity.unit.split(" per ")[0]

    # ---- time ----

    def _govern(
        self, quantities: list[Quantity], times: list[TimeMention], sentence_start: int
    ) -> dict[int, TimeMention]:
        """Which time expression governs which quantity (keyed by quantity start)."""
        text = self.text
        attached: dict[int, TimeMention] = {}
        used: set[int] = set()
        for mention in times:
            before = [q for q in quantities if q.noun_end <= mention.start]
            if not before:
                continue
            nearest = before[-1]
            gap = text[nearest.noun_end : mention.start]
            if len(gap) <= MAX_ATTACH_GAP and self._is_filler(gap) and nearest.start not in attached:
                attached[nearest.start] = mention
                used.add(mention.start)
        # share a governed quantity's time leftwards with the quantities coordinated with it
        for i in range(len(quantities) - 1, 0, -1):
            right, left = quantities[i], quantities[i - 1]
            coordinated = _COORDINATED.fullmatch(text, left.noun_end, right.start)
            if right.start in attached and left.start not in attached and coordinated:
                attached[left.start] = attached[right.start]
        # a time expression that opens a clause frames what follows it
        for quantity in quantities:
            if quantity.start in attached:
                continue
            frame = None
            for mention in times:
                opens_clause = self._clause_start(mention.end, quantity.start) == mention.end
                if mention.end <= quantity.start and mention.start not in used and opens_clause:
                    frame = mention
            if frame is not None:
                attached[quantity.start] = frame
        return attached

    def _is_filler(self, gap: str) -> bool:
        words = _LETTERS.findall(gap)
        if len(words) > 4 or ";" in gap or "." in gap:
            return False
        capitalised = sum(1 for w in words if w[0].isupper())
        return all(w.lower() in _FILLER_WORDS or w[0].isupper() for w in words) and capitalised <= 2

    def _period(
        self,
        quantity: Quantity,
        mention: TimeMention | None,
        quantities: list[Quantity],
        governing: dict[int, TimeMention],
        sentence: tuple[int, int],
    ) -> tuple[Period | None, str | None]:
        published = self.published
        if mention is not None:
            period = mention.period
            if mention.relation == "since" and period.end is None:
                return None, mention.surface
            return period, mention.surface
        # undated: bounded by a dated figure it moved "from" ("to $20 billion from $30 billion in 2014")
        for other in quantities:
            if other.start <= quantity.start or other.start not in governing:
                continue
            between = self.text[quantity.end : other.start]
            if _FROM_BETWEEN.search(between) and other.unit == quantity.unit:
                earlier = governing[other.start].period
                if earlier.end is not None:
                    return _after(earlier.end, published), None
        if published is None:
            return None, None
        grain = "as_of" if _PRESENT.search(self.text, sentence[0], sentence[1]) else "undated"
        return Period(None, published, grain), None

    # ---- status ----

    def _status(self, quantity: Quantity, sentence_start: int, period: Period | None) -> str:
        scope_start = self._clause_start(sentence_start, quantity.start)
        if self.target_hits.any_within(scope_start, quantity.start):
            return "target"
        if self.forecast_hits.any_within(scope_start, quantity.start):
            return "forecast"
        if (
            period is not None
            and period.start is not None
            and self.published
            and period.start > self.published
        ):
            return "forecast"
        return "actual"
