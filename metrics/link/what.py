"""What a figure measures and whose it is: the one rule step that sets a figure's metric and entities
(`metric_and_entities`), so a richer vocabulary or entity-role resolver can replace it whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml
from metrics.link import keywords as cue
from metrics.link.complement import complement_head
from metrics.link.document import LinkDocument
from metrics.link.heads import (
    attributive_head,
    counts_a_time,
    is_money,
    not_bases,
    not_names,
    outside_glosses,
    partitive,
)
from metrics.link.of_phrases import not_results, of_phrase
from metrics.link.phrase_head import phrase_head
from metrics.link.reasons import reason_start
from metrics.link.scope import Figure, Scope
from metrics.records import EntityMention, Quantity


def metric_and_entities(scope: Scope, figure: Figure) -> None:
    """Set the figure's metric and entities."""
    doc, quantity = scope.doc, figure.quantity
    if counts_more(doc, quantity) and scope.last_figure:
        metric = scope.last_figure  # "40 firms since 2014. Another 12 this year": 12 more firms
    else:
        previous = scope.previous
        inherited = (scope.last_metric, previous.keyword, scope.event) if scope.pronoun else (None,) * 3
        by_unit = previous.metric_by_unit
        units = [  # a restatement ("500 points, or 22 pct") measures what its figure does
            (q.start, q.end)
            for q in scope.quantities
            if q.end <= quantity.start and not _RESTATED.fullmatch(doc.text, q.end, quantity.start)
        ]
        metric = metric_of(doc, quantity, scope.start, scope.end, scope.topics, *inherited, by_unit, units)
    scope.last_figure = metric
    figure.metric = metric
    figure.entities = entities_near(doc, quantity, scope.mentions, scope.entities)


_RESTATED = lazy_re.compile(r"[ \t]*+,?[ \t]*+(?:or|\()[ \t]*+")
"""What stands between a figure and the same figure restated ("500 points, or 22 pct", "$3 (2.1 euros)")."""


def entities_near(
    doc: LinkDocument, quantity: Quantity, mentions: list[EntityMention], sentence_entities: tuple[str, ...]
) -> tuple[str, ...]:
    """The sentence's entities, or those of the quantity's own clause when the sentence has several."""
    if not mentions:
        return sentence_entities
    clause_start = doc.clause_start(mentions[0].start, quantity.start)
    clause_end = doc.clause_end(quantity.noun_end)
    near_end = min(clause_end, quantity.noun_end + 60)
    clause = [m.name for m in mentions if clause_start <= m.start < near_end]
    split = clause_start > mentions[0].start or clause_end <= mentions[-1].start
    if clause and split:
        return tuple(dict.fromkeys(clause))
    return sentence_entities


def metric_of(
    doc: LinkDocument,
    quantity: Quantity,
    start: int,
    end: int,
    topics: set[str],
    inherited: str | None,
    inherited_keyword: str | None,
    inherited_event: str | None,
    by_unit: dict[str, str],
    units: Sequence[tuple[int, int]] = (),
) -> str:
    """What the quantity measures: its counted noun, else a metric word before it in the sentence,
    the metric of the figure before (pronoun sentences), a metric word after it, the last metric word
    of a figure-less sentence before, a verb of change ("rose"), or its unit. `units`: the spans of the
    figures before it, whose unit words name nothing it measures ("by 50 basis points to 10.75%")."""
    lex = doc.lex
    if counts_a_time(quantity):  # "versus 29 yesterday": no count of days
        quantity = replace(quantity, unit="number", noun=None, noun_end=quantity.end)
    if quantity.unit == "count" and quantity.noun and not _generic(quantity.noun):
        noun = counted_noun(doc, quantity.noun)
        if noun in ("times", "occasions", "time"):
            events = doc.event_hits.within(start, quantity.start)
            named = events[-1].name if events else None
            return named or inherited_event or inherited or inherited_keyword or "occurrences"
        named = lex.noun_metrics.get(noun) or lex.noun_metrics.get(noun.split()[-1])
        if named:
            return named
        last = noun.split()[-1]
        for topic, (prefix, nouns) in lex.qualified_nouns.items():
            if topic in topics and last in nouns:
                return f"{prefix} {last}"
        return noun  # as written, plural like the vocabulary's names: "300 nurses" counts nurses
    whole = partitive(doc.text, quantity)
    if whole:
        return whole
    said = of_phrase(doc.text, doc.metric_hits, quantity, (start, end))
    if said:
        return said[0]
    modified = complement_head(doc.text, doc.metric_hits, quantity, end) or attributive_head(
        doc.text, doc.metric_hits, quantity, end
    )
    if modified:
        return modified.name
    hits = [
        h
        for h in doc.metric_hits.within(start, quantity.start)
        if not any(a <= h.start < b for a, b in units)
    ]
    hits = not_bases(doc.text, not_names(doc.text, hits))
    hits = not_results(doc.text, hits, quantity)
    before = outside_glosses(doc.text, hits, start, quantity.start)
    if before:
        return phrase_head(doc.text, before).name
    if inherited:
        return inherited
    after_end = reason_start(doc.reason_starts, quantity.noun_end, end)  # not "as U.S. inventories rose"
    after = not_names(doc.text, doc.metric_hits.within(quantity.noun_end, after_end))
    if after:
        return after[0].name
    if inherited_keyword:
        return inherited_keyword
    if by_unit and quantity.unit in by_unit:
        return by_unit[quantity.unit]
    changes = doc.change_hits.within(start, quantity.start)
    if changes:
        return changes[-1].name
    if quantity.unit in ("%", "percentage point", "basis point"):
        return "percentage"
    if quantity.unit == "number":
        return "number"
    head, per, _ = quantity.unit.partition(" per ")
    if is_money(head):
        return "price" if per else "amount"
    return head


def counts_more(doc: LinkDocument, quantity: Quantity) -> bool:
    """A bare number that adds to the figure before it: 'another 12', '12 more'."""
    if quantity.unit != "number":
        return False
    text = doc.text
    return bool(
        cue.MORE_AFTER.match(text, quantity.end)
        or cue.ANOTHER_BEFORE.search(text, max(0, quantity.start - 12), quantity.start)
    )


@cache
def _generic_nouns() -> frozenset[str]:
    return frozenset(_toml("metrics.toml")["counted"]["generic_nouns"])


def _generic(noun: str) -> bool:
    """A counted noun that names no thing ("651,253 units"): the clause's metric word says what it counts."""
    return noun.lower() in _generic_nouns()


def counted_noun(doc: LinkDocument, noun: str) -> str:
    """The counted noun without the demonyms before it: '300 Russian individuals' counts individuals
    (Russia is an entity of the claim, not part of what is counted)."""
    words = noun.split()
    while len(words) > 1 and words[0] in doc.lex.countries:
        words.pop(0)
    return " ".join(words).lower()
