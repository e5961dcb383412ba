"""Link each quantity to what it measures, whom it is about, when it holds and whether it is a forecast.

Linking works sentence by sentence, as rules applied in order (the way a query optimiser runs its
passes): first the sentence's time expressions are matched to its figures (link/govern.py, GOVERN_RULES),
then every figure goes through FIGURE_RULES — what it measures and whose it is (link/what.py), its
period (link/periods.py), its status (link/status.py). A sentence with no entity or metric of its own
that opens with a pronoun ("It has happened 37 times") inherits them from the sentence before.

The cues of a document are found once (link/document.py); a Linker may link any number of times and
each call starts afresh, so the same quantities always give the same links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from metrics.find.tokens import Tokens
from metrics.lexicon import Lexicon
from metrics.link import keywords as cue
from metrics.link.anaphoric_periods import the_period_named_before
from metrics.link.changes import change_noun, gapped_change
from metrics.link.document import LinkDocument, SentenceContext
from metrics.link.govern import GOVERN_RULES, GovernRule, govern
from metrics.link.money import elided_money, money_of_the_story, outside_amounts
from metrics.link.periods import (
    from_headline,
    governed_period,
    later_than_last,
    planned_not_announced,
    told_not_dated,
    year_before_own_year,
)
from metrics.link.previous_period import period_before_own_period
from metrics.link.scope import Figure, Run, Scope
from metrics.link.status import restated_in_brackets, status_of
from metrics.link.what import metric_and_entities
from metrics.records import Period, Quantity, TimeMention


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
    period_source: str = "none"


FigureRule = Callable[[Scope, Figure], None]

FIGURE_RULES: tuple[FigureRule, ...] = (
    money_of_the_story,
    elided_money,
    change_noun,
    gapped_change,
    metric_and_entities,
    governed_period,
    year_before_own_year,
    period_before_own_period,
    the_period_named_before,
    later_than_last,
    from_headline,
    status_of,
    planned_not_announced,
    told_not_dated,
    restated_in_brackets,
)
"""Applied to each figure in this order. The metric reads the unit (a count of "crowns" becomes money
first); the period rules read the metric ("later" follows the last
dated figure of the same metric) and status reads the period, so the order matters."""


class Linker:
    """Links the quantities of one document. `link` may be called again; each call starts afresh."""

    def __init__(
        self,
        text: str,
        published: date | None,
        tokens: Tokens | None = None,
        lex: Lexicon | None = None,
        title: str | None = None,
        govern_rules: tuple[GovernRule, ...] = GOVERN_RULES,
        figure_rules: tuple[FigureRule, ...] = FIGURE_RULES,
    ) -> None:
        self.doc = LinkDocument(text, published, tokens, lex, title)
        self.govern_rules = govern_rules
        self.figure_rules = figure_rules

    def link(self, quantities: Sequence[Quantity], times: Sequence[TimeMention]) -> list[Linked]:
        doc = self.doc
        by_sentence: dict[int, list[Quantity]] = {}
        for quantity in quantities:
            by_sentence.setdefault(doc.sentences.index(quantity.start), []).append(quantity)
        times_by_sentence: dict[int, list[TimeMention]] = {}
        for mention in times:
            times_by_sentence.setdefault(doc.sentences.index(mention.start), []).append(mention)
        run = Run(times=sorted(times, key=lambda t: t.start))
        out: list[Linked] = []
        previous = SentenceContext()
        previous_index = -2
        for index in sorted(by_sentence):
            if index != previous_index + 1:
                previous = doc.context_of(index - 1) if index > 0 else SentenceContext()
            scope = self._scope(run, index, by_sentence[index], times_by_sentence.get(index, []), previous)
            linked = [self._link_figure(scope, i, quantity) for i, quantity in enumerate(scope.quantities)]
            out.extend(linked)
            previous = self._leaves(scope, linked)
            previous_index = index
        return out

    def _scope(
        self,
        run: Run,
        index: int,
        quantities: list[Quantity],
        times: list[TimeMention],
        previous: SentenceContext,
    ) -> Scope:
        doc = self.doc
        sentence = doc.sentences.span(index)
        start, end = sentence
        # a name inside a time ("the Christmas quarter") or an amount ("40 mln Swiss francs") is no actor
        time_spans = [(t.start, t.end) for t in times]
        mentions = outside_amounts(
            [e for e in doc.entities.within(start, end) if not any(s <= e.start < f for s, f in time_spans)],
            quantities,
        )
        pronoun = bool(cue.PRONOUN_START.match(doc.text, start))
        entities = tuple(dict.fromkeys(e.name for e in mentions)) or previous.entities
        governed = govern(doc, quantities, times, self.govern_rules)
        return Scope(
            doc=doc,
            run=run,
            sentence=sentence,
            quantities=quantities,
            times=times,
            previous=previous,
            mentions=mentions,
            entities=entities,
            pronoun=pronoun,
            topics=doc.topics(start, end) | (previous.topics if pronoun else set()),
            governing=governed.attached,
            framed=governed.framed,
            last_metric=previous.metric if pronoun else None,
            event=previous.event if pronoun else None,
            last_figure=previous.metric,
        )

    def _link_figure(self, scope: Scope, index: int, quantity: Quantity) -> Linked:
        figure = Figure(index, quantity)
        for rule in self.figure_rules:
            rule(scope, figure)
        scope.last_metric = figure.metric
        scope.last_change = figure.quantity.change
        scope.previous_figure = figure
        f = figure
        period, text, source = f.period, f.period_text, f.period_source
        return Linked(f.quantity, f.metric, f.entities, f.status, period, text, scope.sentence, source)

    def _leaves(self, scope: Scope, linked: list[Linked]) -> SentenceContext:
        """What this sentence leaves for the next one to inherit."""
        by_unit = {**scope.previous.metric_by_unit, **{item.quantity.unit: item.metric for item in linked}}
        events = self.doc.event_hits.within(scope.start, scope.end)
        return SentenceContext(
            entities=scope.entities,
            metric=linked[-1].metric if linked else None,
            event=events[-1].name if events else scope.event,
            topics=scope.topics,
            metric_by_unit=by_unit,
        )
