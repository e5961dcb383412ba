"""The extraction stage as one call: a Document in, its Claims out (never raises on any text)."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.find.normal_text import NormalText
from metrics.find.numbers import QuantityFinder, default_finder, is_bare_number_word
from metrics.find.timex import CALENDAR_KINDS, scan
from metrics.find.tokens import Tokens
from metrics.lexicon import OTHER, Lexicon
from metrics.lexicon import lexicon as packaged_lexicon
from metrics.link.attributive import attributive_months
from metrics.link.cast import Cast
from metrics.link.change_metric import apposed, currency_change, item_change, measured_as_level, to_level
from metrics.link.expectations import expects
from metrics.link.linker import Linked, Linker
from metrics.link.measures import DocumentWords, Measure, classify, clause_of, indicator_of
from metrics.link.money import outside_amounts, story_country_of
from metrics.link.not_claims import claims_only
from metrics.link.reasons import reason_start
from metrics.link.roles import assign
from metrics.link.sentences import Sentences
from metrics.read.dateline import dateline_end
from metrics.records import Claim, Document, Quantity, TimeMention

EXTRACTOR_VERSION = "1.38.0"
"""Bump when extraction output changes, so stores know to re-extract (`metrics reextract`)."""


_EXPONENT = lazy_re.compile(r"(?:\^|\*\*)[ \t]*+[-+−]?[0-9]++")
"""The exponent of a power written in ASCII ("10^400", "2**16"): no quantity is read in a power."""
_BASE_CHARS = frozenset("0123456789.,")


def powers(text: str) -> list[tuple[int, int]]:
    """Spans of powers ("10^400 dlrs" is no figure of 400 dlrs, nor of 10): base, operator and exponent."""
    spans = []
    for match in _EXPONENT.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in " \t" and match.start() - start < 3:
            start -= 1
        if start == 0 or not text[start - 1].isdigit():
            spans.append((match.start(), match.end()))  # "x^2": only the exponent is a number
            continue
        while start > 0 and text[start - 1] in _BASE_CHARS:
            start -= 1
        spans.append((start, match.end()))
    return spans


def claim_id(doc_id: str, start: int, end: int, metric: str) -> str:
    """Stable across runs: derived from the document id, the quantity's offsets and the metric."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{metric}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:20]


class _StoryCountry:
    """The story's country (link.money.story_country_of), worked out when a fiscal year first asks."""

    def __init__(self, text: str, title: str | None) -> None:
        self.text, self.title = text, title
        self.found: list[str | None] = []

    def __call__(self) -> str | None:
        if not self.found:
            self.found.append(story_country_of(self.text, self.title, packaged_lexicon().countries))
        return self.found[0]


class _Context:
    """What every claim of one document is made with: the text the finders read (Unicode digits and
    joiners normalised), its sentences, its words of measure and its cast of actors."""

    def __init__(
        self,
        document: Document,
        normal: NormalText,
        linker: Linker,
        tokens: Tokens,
        quantities: list[Quantity],
        times: list[TimeMention],
    ) -> None:
        self.document = document
        self.normal = normal
        self.times = times
        self.sentences: Sentences = linker.doc.sentences
        if not normal.same:
            self.sentences.source = lambda low, high: document.text[slice(*normal.original(low, high))]
        read = document if normal.same else dataclasses.replace(document, text=normal.text)
        self.read = read
        self.cast = Cast(read, tokens, self.sentences, outside_amounts(linker.doc.entities.items, quantities))
        self.words = DocumentWords.of(normal.text, tokens, linker.doc.metric_hits, quantities, document.title)
        self.reason_starts = linker.doc.reason_starts


def _as_written(value: float) -> float:
    """The value at 15 significant digits: '4.1 billion' is 4100000000.0, not the 4099999999.9999995 that
    4.1 * 1e9 is in binary floating point."""
    return float(f"{value:.15g}")


def _end_as_written(value: float | None) -> float | None:
    return None if value is None else _as_written(value)


def _claim(context: _Context, item: Linked, before: tuple[Quantity, Measure] | None) -> tuple[Claim, Measure]:
    document, normal = context.document, context.normal
    quantity = item.quantity
    period = item.period
    clause = clause_of(context.read.text, item.sentence, quantity)
    expected = (
        before
        if before is not None and expects(context.read.text, item.sentence, before[0], quantity)
        else None
    )
    if before is not None and not clause[0] <= before[0].start < clause[1]:
        before = None  # only a figure of the same clause is compared with
    reason = reason_start(context.reason_starts, quantity.noun_end, clause[1])
    own = (clause[0], reason)  # the figure's own words: not those of "as stocks rose" after it
    measured = classify(item.metric, quantity, context.words, own, before)
    if expected is not None:  # "rose 5.3%, below forecasts for 5.6% growth": what was expected of it
        measured = dataclasses.replace(
            measured, metric=expected[1].metric, measure=expected[1].measure, item=expected[1].item
        )
    if measured.metric == OTHER and currency_change(context.read.text, clause[0], quantity):
        measured = dataclasses.replace(measured, metric="exchange rate")  # "the dollar fell 0.5%"
    elif measured.metric == OTHER:
        commodity = item_change(
            context.read.text, clause[0], quantity, context.words.items.within(clause[0], quantity.start)
        )
        if commodity is not None:  # "copper gained 1.5%": of copper's price
            measured = dataclasses.replace(measured, metric="price", item=commodity)
    entities = assign(
        context.cast, quantity, item.sentence, clause, context.times, indicator_of(measured.metric)
    )
    start, end = normal.original(quantity.start, quantity.end)
    claim = Claim(
        doc_id=document.id,
        claim_id=claim_id(document.id, start, end, measured.metric),
        metric=measured.metric,
        measure=measured.measure,
        item=measured.item,
        subject=entities[0] if entities else None,
        counterpart=entities[1] if len(entities) > 1 else None,
        value=_as_written(quantity.value),
        low=_end_as_written(quantity.low),
        high=_end_as_written(quantity.high),
        unit=measured.unit or quantity.unit,
        qualifier=quantity.qualifier,
        status=item.status,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        grain=period.grain if period else "undated",
        start=start,
        end=end,
        surface=quantity.surface if normal.same else document.text[start:end],
        quote=context.sentences.quote(item.sentence, quantity.start, quantity.end),
        entities=entities,
        period_text=item.period_text,
        published=document.published,
        published_from=document.published_from if document.published else None,
        change=quantity.change,
        period_source=item.period_source,
    )
    return claim, measured


class Extractor:
    """Extraction with one lexicon: a Document in, its Claims out (never raises on any text).

    It owns its Lexicon and what is compiled from it (the quantity finder's patterns, the linker's cue
    vocabularies), so a caller may pass its own tables — an extra unit or scale word — and they are
    honoured. Build once and call `extract` for any number of documents; it keeps no state between
    documents. The time expressions, entities, roles and metric classifier still read the packaged
    tables (docs/performance.md lists which)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or packaged_lexicon()
        self.finder = default_finder() if lexicon is None else QuantityFinder(self.lexicon)

    def extract(self, document: Document) -> list[Claim]:
        """Every dated quantitative claim in the document, in text order. The finders and the linker read
        a copy with Unicode digits and invisible joiners normalised (find.normal_text); every claim's
        offsets, surface and quote are of the text as given."""
        if not document.text:
            return []
        normal = NormalText(document.text)
        text = normal.text
        tokens = Tokens(text)
        found = scan(text, document.published, tokens, country=_StoryCountry(text, document.title))
        blocked = [(start, end) for start, end, kind, _period, _relation in found if kind in CALENDAR_KINDS]
        blocked += powers(text) if "^" in text or "**" in text else []
        # A bare number word ("one of them said") is a mention, not a claim: it needs a unit or a noun.
        found_quantities = self.finder.find(text, blocked, tokens)
        time_spans = [(start, end) for start, end, _kind, period, _relation in found if period is not None]
        quantities = claims_only(
            text, [q for q in found_quantities if not is_bare_number_word(q)], time_spans, self.lexicon
        )
        if not quantities:
            return []
        after_dateline = dateline_end(text)
        times = [
            TimeMention(start, end, text[start:end], period, relation)
            for start, end, kind, period, relation in found
            if period is not None and kind != "time_of_day" and start >= after_dateline
        ]
        spans = [(start, end) for start, end, _kind, _period, _relation in found]
        extra = [
            m
            for m in attributive_months(text, tokens, document.published, spans)
            if m.start >= after_dateline
        ]
        times = sorted(times + extra, key=lambda m: m.start) if extra else times
        linker = Linker(text, document.published, tokens, lex=self.lexicon, title=document.title)
        linked = linker.link(quantities, times)
        # the story's currency counts the figures of its tables too, though a table row states no claim
        context = _Context(document, normal, linker, tokens, found_quantities, times)
        claims = []
        before: tuple[Quantity, Measure] | None = None
        for item in linked:
            claim, measured = _claim(context, item, before)
            claims.append(claim)
            before = (item.quantity, measured)
        for i in range(len(claims) - 1):  # "the euro rose 0.3% to $1.0950": the change of an exchange rate
            if claims[i].metric == OTHER and to_level(text, linked[i].quantity, linked[i + 1].quantity):
                changed = claim_id(document.id, claims[i].start, claims[i].end, claims[i + 1].metric)
                claims[i] = measured_as_level(claims[i], claims[i + 1], changed)
        for i in range(1, len(claims)):  # "7,020 lots, up four pct": of the lots
            if claims[i].metric == OTHER and apposed(text, linked[i - 1].quantity, linked[i].quantity):
                changed = claim_id(document.id, claims[i].start, claims[i].end, claims[i - 1].metric)
                claims[i] = measured_as_level(claims[i], claims[i - 1], changed)
        return claims


@cache
def default_extractor() -> Extractor:
    """The extractor of the packaged tables, built once per process."""
    return Extractor()


def claims_from_document(document: Document) -> list[Claim]:
    """Every dated quantitative claim in the document, in text order (the packaged tables)."""
    return default_extractor().extract(document)


def claims_from_text(text: str, published: date | None = None, doc_id: str | None = None) -> list[Claim]:
    """Convenience for notebooks and tests: extract from a bare string."""
    from metrics.read.documents import make_document

    return claims_from_document(make_document(text, doc_id=doc_id, published=published))
