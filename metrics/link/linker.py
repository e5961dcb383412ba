"""Link each quantity to what it measures, whom it is about, when it holds and whether it is a forecast.

Linking works sentence by sentence. A time expression governs the quantity it directly follows
("$30 billion in 2014"), and is shared leftwards with quantities coordinated with that one
("rose 7% to $2.3 billion in 2018"), but never across "from", which introduces an earlier figure
with its own date ("dropped to $20 billion from $30 billion in 2014": the $20 billion low is undated).
A time expression the figure is compared with is not its period ("up 6% from 2018"); a change
apposed to a dated figure shares its period ("2.1 trillion yen in fiscal 2018, up 4%"); "by 2022"
bounds only the end; "11 times since" runs from the time named before it to publication.
An unclaimed time expression earlier in the clause frames the quantities after it ("In 2019, I paid
$35,538"), a dateline excepted. A sentence with no entity or metric of its own that opens with a
pronoun ("It has happened 37 times") inherits them from the sentence before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from metrics.find.gazetteer import find_entities
from metrics.find.tokens import Tokens
from metrics.lexicon import Lexicon, lexicon, singular
from metrics.link import keywords as cue
from metrics.link.keywords import Located, filler_words, vocabularies
from metrics.link.sentences import Sentences
from metrics.read.dateline import dateline_end
from metrics.records import EntityMention, Period, Quantity, TimeMention


def _after(day: date, published: date | None) -> Period:
    """Some time after `day`, up to publication: the window of an undated figure that came later."""
    start = day + timedelta(days=1)
    return Period(start, published if published and published >= start else None, "undated")


MAX_FROM_FIGURES = 4
"""How many figures after an undated one may be the dated figure it moved from."""
MAX_FROM_GAP = 200
"""Characters between an undated figure and the dated one it moved from, at most ("to $20 billion from the
highs of $30 billion in 2014")."""
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
    """The metric of the sentence's last figure."""
    keyword: str | None = None
    """The last metric word of a sentence without figures ("Canada's exports recovered.")."""
    event: str | None = None
    topics: set[str] = field(default_factory=set)
    metric_by_unit: dict[str, str] = field(default_factory=dict)
    """The last metric named for each unit: "a further rise to $5 billion" continues the sentence before."""


def _inverted(period: Period) -> bool:
    return period.start is not None and period.end is not None and period.start > period.end


def _is_currency(unit: str) -> bool:
    """ISO 4217 codes are the only three-capital-letter units."""
    return len(unit) == 3 and unit.isupper()


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
        self.change_hits = words.changes.hits(text, tokens)
        self.filler = filler_words()
        self.event_hits = words.events.hits(text, tokens)
        self.forecast_hits = words.forecast.hits(text, tokens)
        self.target_hits = words.target.hits(text, tokens)
        breaks = words.clause_breaks.hits(text, tokens).items
        semicolons = [i for i, char in enumerate(text) if char == ";"] if ";" in text else []
        ends_starts = sorted([(b.end, b.start) for b in breaks] + [(i + 1, i) for i in semicolons])
        self.clause_breaks = [end for end, _start in ends_starts]
        self._break_starts = [start for _end, start in ends_starts]
        self.entities = Located([e for e in find_entities(text, tokens) if e.start >= opening])
        self._present_tense: dict[tuple[int, int], bool] = {}
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
        metrics = self.metric_hits.within(start, end)
        events = self.event_hits.within(start, end)
        return _SentenceContext(
            entities=entities,
            keyword=metrics[-1].name if metrics else None,
            event=events[-1].name if events else None,
            topics=self._topics(start, end),
        )

    def _topics(self, start: int, end: int) -> set[str]:
        """The metrics a stretch of text speaks of ("sanctions" for "subject to US penalties")."""
        return {hit.name for hit in self.metric_hits.within(start, end)}

    def _clause_end(self, position: int) -> int:
        """Where the next clause starts after `position` (the start of a 'but', 'while'... or after ';')."""
        i = bisect_right(self.clause_breaks, position)
        if i == len(self.clause_breaks):
            return len(self.text)
        return self._break_starts[i]

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
        pronoun = bool(cue.PRONOUN_START.match(text, start))
        entities = tuple(dict.fromkeys(e.name for e in mentions))
        if not entities:
            entities = previous.entities
        topics = self._topics(start, end) | (previous.topics if pronoun else set())
        governing = self._govern(quantities, times, start)
        linked = []
        last_metric = previous.metric if pronoun else None
        event = previous.event if pronoun else None
        last_figure = previous.metric
        for index, quantity in enumerate(quantities):
            if self._counts_more(quantity) and last_figure:
                metric = last_figure  # "40 firms since 2014. Another 12 this year": 12 more firms
            else:
                inherited = (last_metric, previous.keyword, event) if pronoun else (None, None, None)
                metric = self._metric(
                    quantity, start, end, topics, *inherited, by_unit=previous.metric_by_unit
                )
            last_figure = metric
            own_entities = self._entities_near(quantity, mentions, entities)
            period, period_text = self._period(
                quantity,
                governing.get(quantity.start),
                quantities[index + 1 : index + 1 + MAX_FROM_FIGURES],
                governing,
                sentence,
            )
            mention = governing.get(quantity.start)
            if mention is not None and cue.YEAR_BEFORE.fullmatch(mention.surface):
                period = self._year_before(mention, times) or period
            if period is not None and period.start is None and cue.LATER.search(text, start, quantity.start):
                earlier = self.last_dated.get(metric)
                if earlier is not None and earlier.end is not None:
                    period = _after(earlier.end, self.published)  # "later dropped to $20 billion"
            if period is not None and period.grain in ("year", "month", "quarter", "day", "span"):
                self.last_dated[metric] = period
            status = self._status(quantity, start, period)
            linked.append(Linked(quantity, metric, own_entities, status, period, period_text, sentence))
            last_metric = metric
        by_unit = {**previous.metric_by_unit, **{item.quantity.unit: item.metric for item in linked}}
        events = self.event_hits.within(start, end)
        context = _SentenceContext(
            entities=entities,
            metric=linked[-1].metric if linked else None,
            event=events[-1].name if events else event,
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
        clause_end = self._clause_end(quantity.noun_end)
        near_end = min(clause_end, quantity.noun_end + 60)
        clause = [m.name for m in mentions if clause_start <= m.start < near_end]
        split = clause_start > mentions[0].start or clause_end <= mentions[-1].start
        if clause and split:
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
        inherited_keyword: str | None = None,
        inherited_event: str | None = None,
        by_unit: dict[str, str] | None = None,
    ) -> str:
        """What the quantity measures: its counted noun, else a metric word before it in the sentence,
        the metric of the figure before (pronoun sentences), a metric word after it, the last metric word
        of a figure-less sentence before, a verb of change ("rose"), or its unit."""
        lex = self.lex
        if quantity.unit == "count" and quantity.noun:
            noun = self._counted_noun(quantity.noun)
            if noun in ("times", "occasions", "time"):
                events = self.event_hits.within(start, quantity.start)
                named = events[-1].name if events else None
                return named or inherited_event or inherited or inherited_keyword or "occurrences"
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
        if inherited_keyword:
            return inherited_keyword
        if by_unit and quantity.unit in by_unit:
            return by_unit[quantity.unit]
        changes = self.change_hits.within(start, quantity.start)
        if changes:
            return changes[-1].name
        if quantity.unit in ("%", "percentage point", "basis point"):
            return "percentage"
        if quantity.unit == "number":
            return "number"
        head, per, _ = quantity.unit.partition(" per ")
        if _is_currency(head):
            return "price" if per else "amount"
        return head

    def _counts_more(self, quantity: Quantity) -> bool:
        """A bare number that adds to the figure before it: 'another 12', '12 more'."""
        if quantity.unit != "number":
            return False
        text = self.text
        return bool(
            cue.MORE_AFTER.match(text, quantity.end)
            or cue.ANOTHER_BEFORE.search(text, max(0, quantity.start - 12), quantity.start)
        )

    def _counted_noun(self, noun: str) -> str:
        """The counted noun without the demonyms before it: '300 Russian individuals' counts individuals
        (Russia is an entity of the claim, not part of what is counted)."""
        words = noun.split()
        while len(words) > 1 and words[0] in self.lex.countries:
            words.pop(0)
        return " ".join(words).lower()

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
            complement = cue.MEASURED.match(gap) if nearest.unit != "count" else None
            rest = gap[complement.end() :] if complement else gap
            if cue.is_comparison_base(gap, mention.surface):
                continue
            if len(gap) <= MAX_ATTACH_GAP and self._is_filler(rest) and nearest.start not in attached:
                attached[nearest.start] = mention
                used.add(mention.start)
        # "$2.1 billion in 2018, up 4%": the change is over the same period as the figure it follows
        for left, right in pairwise(quantities):
            dated = attached.get(left.start)
            if right.change is None or right.start in attached or dated is None:
                continue
            after = max(left.noun_end, dated.end) if dated.start >= left.noun_end else left.noun_end
            if cue.APPOSED_CHANGE.fullmatch(text, after, right.start):
                attached[right.start] = dated
        # share a governed quantity's time leftwards with the quantities coordinated with it
        for i in range(len(quantities) - 1, 0, -1):
            right, left = quantities[i], quantities[i - 1]
            coordinated = cue.COORDINATED.fullmatch(text, left.noun_end, right.start)
            if right.start in attached and left.start not in attached and coordinated:
                attached[left.start] = attached[right.start]
        # "met in July 2018 ... have talked 11 times since": from that time to publication
        for quantity in quantities:
            earlier = [m for m in times if m.end <= quantity.start and m.period.start is not None]
            if (
                quantity.start in attached
                or not earlier
                or not cue.SINCE_AFTER.match(text, quantity.noun_end)
            ):
                continue
            anchor = earlier[-1]
            period = Period(anchor.period.start, self.published, "span")
            attached[quantity.start] = TimeMention(anchor.start, anchor.end, anchor.surface, period, "since")
        # an unclaimed time expression earlier in the clause frames what follows it ("In 2019, I paid
        # $35,538", "output last year was 3.4 mln tonnes"); a dateline's date never reaches here (extract.py)
        for quantity in quantities:
            if quantity.start in attached:
                continue
            frame = None
            for mention in times:
                no_break = self._clause_start(mention.end, quantity.start) == mention.end
                if mention.end <= quantity.start and mention.start not in used and no_break:
                    frame = mention
            if frame is not None:
                attached[quantity.start] = frame
        return attached

    def _is_filler(self, gap: str) -> bool:
        words = cue.LETTERS.findall(gap)
        if len(words) > 4 or ";" in gap or "." in gap:
            return False
        capitalised = sum(1 for w in words if w[0].isupper())
        return all(w.lower() in self.filler or w[0].isupper() for w in words) and capitalised <= 2

    def _period(
        self,
        quantity: Quantity,
        mention: TimeMention | None,
        following: list[Quantity],
        governing: dict[int, TimeMention],
        sentence: tuple[int, int],
    ) -> tuple[Period | None, str | None]:
        published = self.published
        if mention is not None and _inverted(mention.period):
            mention = None  # "since 2011" in a text published in 2000: no period to give
        if mention is not None:
            period = mention.period
            if mention.relation == "since" and period.end is None:
                return None, mention.surface
            by = cue.BY_BEFORE.search(self.text, max(0, mention.start - 20), mention.start)
            if (by or mention.relation == "until") and period.end is not None:
                return Period(None, period.end, "as_of"), self.text[
                    by.start() if by else mention.start : mention.end
                ]
            return period, mention.surface
        # undated: bounded by a dated figure it moved "from" ("to $20 billion from $30 billion in 2014")
        for other in following:
            if other.start - quantity.end > MAX_FROM_GAP:
                break  # the figure a change starts "from" is written close by
            if other.start not in governing:
                continue
            if cue.FROM_BETWEEN.search(self.text, quantity.end, other.start) and other.unit == quantity.unit:
                earlier = governing[other.start].period
                if earlier.end is not None:
                    return _after(earlier.end, published), None
        if published is None:
            return None, None
        return Period(None, published, "as_of" if self._present(sentence) else "undated"), None

    def _present(self, sentence: tuple[int, int]) -> bool:
        """Whether the sentence speaks in the present ("has met", "are subject"): a running total as of
        publication. Read once per sentence, not once per figure."""
        if sentence not in self._present_tense:
            self._present_tense[sentence] = bool(cue.PRESENT.search(self.text, sentence[0], sentence[1]))
        return self._present_tense[sentence]

    # ---- status ----

    def _status(self, quantity: Quantity, sentence_start: int, period: Period | None) -> str:
        scope_start = self._clause_start(sentence_start, quantity.start)
        if self.target_hits.any_within(scope_start, quantity.start):
            return "target"
        if self.forecast_hits.any_within(scope_start, quantity.start):
            return "forecast"
        if period is None or self.published is None:
            return "actual"
        if period.start is not None and period.start > self.published:
            return "forecast"
        if period.start is None and period.end is not None and period.end > self.published:
            return "forecast"  # "by 2022", written in 2019
        return "actual"
