"""Fuzzing extract and ingest with at least 10,000 generated documents: no exception escapes, every
claim's offsets point at its text, every value is finite (the issue's property suite)."""

from __future__ import annotations

import json
import math
import tempfile
from datetime import date
from pathlib import Path

import pytest
from fuzz_strategies import document_text, published_dates
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from metrics.errors import InputError
from metrics.link.extract import claims_from_document
from metrics.pipeline.ingest import ingest
from metrics.pipeline.options import IngestOptions
from metrics.read.dates import in_years
from metrics.records import Claim, Document
from metrics.store.database import open_store

EXTRACT_EXAMPLES = 10_000
INGEST_EXAMPLES = 200
DOCUMENTS_PER_INGEST = 50
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def assert_sound(claim: Claim, text: str, doc_id: str) -> None:
    assert claim.doc_id == doc_id
    assert 0 <= claim.start < claim.end <= len(text)
    assert text[claim.start : claim.end] == claim.surface
    for value in (claim.value, claim.low, claim.high):
        assert value is None or math.isfinite(value)
    if claim.period_start and claim.period_end:
        assert claim.period_start <= claim.period_end


@pytest.mark.slow
@settings(FUZZ, max_examples=EXTRACT_EXAMPLES)
@given(text=document_text(), published=published_dates)
@example(text="0\n0/0", published=None)
@example(text="The total was 5.81 at the same stage last year.", published=date(1, 1, 1))
@example(text="Exports\u200b were $3\u200d0 billion in ٢٠١٩ and 10^400 dlrs \ud83d.", published=None)
def test_extraction_of_any_text_is_sound(text: str, published: date | None) -> None:
    document = Document(id="fuzz", text=text, published=published)
    for claim in claims_from_document(document):
        assert_sound(claim, text, "fuzz")
        assert claim.quote.strip("…") in text


@pytest.mark.slow
@settings(FUZZ, max_examples=INGEST_EXAMPLES)
@given(
    texts=st.lists(document_text(), min_size=DOCUMENTS_PER_INGEST, max_size=DOCUMENTS_PER_INGEST),
    published=published_dates,
)
def test_ingest_of_any_documents_is_sound(texts: list[str], published: date | None) -> None:
    """The JSONL round trip too: what a scraper writes with json.dumps is read, extracted and stored."""
    rows = [
        {"id": f"f{n}", "text": text, "published": published and published.isoformat()}
        for n, text in enumerate(texts)
    ]
    errors: list[InputError] = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "fuzz.jsonl"
        source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        db = Path(folder) / "m.duckdb"
        summary = ingest([str(source)], db, IngestOptions(on_error=errors.append, batch_size=20))
        store = open_store(db)
        documents = dict(store.query("SELECT id, text FROM documents").itertuples(index=False, name=None))
        claims = store.query('SELECT doc_id, start, "end", surface, value, low, high FROM claims')
    blank = {f"f{n}" for n, text in enumerate(texts) if not text.strip()}
    rejected = [error for error in errors if error.message == "empty 'text'"]
    # A publication year outside dates.YEARS refuses every line that has a text, each naming its line.
    undated = [error for error in errors if error.message.startswith("'published' is not a date")]
    refused = (
        {row["id"] for row in rows if row["id"] not in blank}
        if published and not in_years(published)
        else set()
    )
    assert len(undated) == len(refused)
    # An extractor failure would be reported, and the document kept for `metrics reextract`.
    assert all(
        error.message.startswith("extractor failed on document")
        for error in errors
        if error not in rejected and error not in undated
    )
    assert summary.rejected == len(errors) and len(rejected) == len(blank)
    assert set(documents) == {row["id"] for row in rows} - blank - refused
    for doc_id, start, end, surface, *values in claims.itertuples(index=False, name=None):
        assert documents[doc_id][start:end] == surface
        assert all(value != value or math.isfinite(value) for value in values)  # NaN is a missing low/high
