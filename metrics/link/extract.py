"""The extraction stage as one call: a Document in, its Claims out (never raises on any text)."""

from __future__ import annotations

import hashlib
from datetime import date

from metrics.find.numbers import default_finder, is_bare_number_word
from metrics.find.timex import CALENDAR_KINDS, scan
from metrics.find.tokens import Tokens
from metrics.link.cast import Cast
from metrics.link.linker import Linked, Linker
from metrics.link.measures import DocumentWords, Measure, classify, clause_of, indicator_of
from metrics.link.roles import assign
from metrics.read.dateline import dateline_end
from metrics.records import Claim, Document, Quantity, TimeMention

EXTRACTOR_VERSION = "1.1.0"
"""Bump when extraction output changes, so stores know to re-extract (`metrics reextract`)."""


def claim_id(doc_id: str, start: int, end: int, metric: str) -> str:
    """Stable across runs: derived from the document id, the quantity's offsets and the metric."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{metric}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:20]


def _claim(
    document: Document,
    item: Linked,
    words: DocumentWords,
    cast: Cast,
    times: list[TimeMention],
    before: tuple[Quantity, Measure] | None,
) -> tuple[Claim, Measure]:
    quantity = item.quantity
    period = item.period
    start, end = item.sentence
    clause = clause_of(document.text, item.sentence, quantity)
    if before is not None and not clause[0] <= before[0].start < clause[1]:
        before = None  # only a figure of the same clause is compared with
    measured = classify(item.metric, quantity, words, clause, before)
    entities = assign(cast, quantity, item.sentence, clause, times, indicator_of(measured.metric))
    claim = Claim(
        doc_id=document.id,
        claim_id=claim_id(document.id, quantity.start, quantity.end, measured.metric),
        metric=measured.metric,
        measure=measured.measure,
        item=measured.item,
        subject=entities[0] if entities else None,
        counterpart=entities[1] if len(entities) > 1 else None,
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        unit=measured.unit or quantity.unit,
        qualifier=quantity.qualifier,
        status=item.status,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        grain=period.grain if period else "undated",
        start=quantity.start,
        end=quantity.end,
        surface=quantity.surface,
        quote=document.text[start:end],
        entities=entities,
        period_text=item.period_text,
        published=document.published,
        change=quantity.change,
    )
    return claim, measured


def claims_from_document(document: Document) -> list[Claim]:
    """Every dated quantitative claim in the document, in text order."""
    text = document.text
    if not text:
        return []
    tokens = Tokens(text)
    found = scan(text, document.published, tokens)
    blocked = [(start, end) for start, end, kind, _period, _relation in found if kind in CALENDAR_KINDS]
    # A bare number word ("one of them said") is a mention, not a claim: it needs a unit or a noun.
    quantities = [q for q in default_finder().find(text, blocked, tokens) if not is_bare_number_word(q)]
    if not quantities:
        return []
    after_dateline = dateline_end(text)
    times = [
        TimeMention(start, end, text[start:end], period, relation)
        for start, end, kind, period, relation in found
        if period is not None and kind != "time_of_day" and start >= after_dateline
    ]
    linker = Linker(text, document.published, tokens)
    linked = linker.link(quantities, times)
    cast = Cast(document, tokens, linker.sentences)
    words = DocumentWords.of(text, tokens, linker.metric_hits, quantities, document.title)
    claims = []
    before: tuple[Quantity, Measure] | None = None
    for item in linked:
        claim, measured = _claim(document, item, words, cast, times, before)
        claims.append(claim)
        before = (item.quantity, measured)
    return claims


def claims_from_text(text: str, published: date | None = None, doc_id: str | None = None) -> list[Claim]:
    """Convenience for notebooks and tests: extract from a bare string."""
    from metrics.read.documents import make_document

    return claims_from_document(make_document(text, doc_id=doc_id, published=published))
