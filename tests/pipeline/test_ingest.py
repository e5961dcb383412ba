"""Ingest: idempotent by content hash, replacement by id, whole batches or nothing, re-extraction.

An extractor stand-in (every run of digits is a claim) keeps these tests independent of the real
extractor, which is being rewritten; the store only relies on its interface.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.errors import InputError, StoreError
from metrics.link.extract import claim_id
from metrics.pipeline.ingest import batches, extract_batch, ingest
from metrics.pipeline.options import IngestOptions, IngestSummary
from metrics.pipeline.reextract import count_stale, reextract
from metrics.records import GRAINS, QUALIFIERS, STATUSES, Claim, Document
from metrics.store.database import connect, open_store
from metrics.store.writes import write_batch

_DIGITS = re.compile(r"\d+")


def digits_as_claims(document: Document) -> list[Claim]:
    """Every run of digits as a 'number' claim: a predictable stand-in for the real extractor."""
    return [
        Claim(
            doc_id=document.id,
            claim_id=claim_id(document.id, m.start(), m.end(), "number"),
            metric="number",
            subject=None,
            counterpart=None,
            value=float(m[0]),
            low=None,
            high=None,
            unit="count",
            qualifier="exact",
            status="actual",
            period_start=None,
            period_end=document.published,
            grain="as_of",
            start=m.start(),
            end=m.end(),
            surface=m[0],
            quote=m[0],
            published=document.published,
        )
        for m in _DIGITS.finditer(document.text)
    ]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def run(paths: list[Path], db: Path, **options: Any) -> IngestSummary:
    options.setdefault("extractor", digits_as_claims)
    return ingest([str(p) for p in paths], db, IngestOptions(**options))


def claims_of(db: Path) -> list[tuple[str, float]]:
    frame = open_store(db).query("SELECT doc_id, value FROM claims ORDER BY doc_id, start")
    return list(frame.itertuples(index=False, name=None))


def test_the_same_documents_twice_add_nothing(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "a", "text": "Sold 3 boats and 4 cars."}, {"id": "b", "text": "Built 12 homes."}],
    )
    db = tmp_path / "m.duckdb"
    first = run([source], db)
    assert (first.documents_added, first.claims_written, first.rejected) == (2, 3, 0)
    before = claims_of(db)
    again = run([source], db)
    assert (again.documents_added, again.documents_unchanged, again.claims_written) == (0, 2, 0)
    assert claims_of(db) == before


def test_a_text_stored_by_an_older_extractor_is_extracted_again(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Sold 3 boats and 4 cars."}])
    db = tmp_path / "m.duckdb"
    run([source], db, extractor_version="old")

    def doubled(document: Document) -> list[Claim]:
        return [Claim(**{**c.to_dict(), "value": c.value * 2}) for c in digits_as_claims(document)]  # type: ignore[arg-type]

    upgraded = run([source], db, extractor=doubled, extractor_version="new")
    assert (upgraded.documents_replaced, upgraded.documents_unchanged, upgraded.claims_written) == (1, 0, 2)
    assert claims_of(db) == [("a", 6.0), ("a", 8.0)]
    again = run([source], db, extractor=doubled, extractor_version="new")
    assert (again.documents_unchanged, again.claims_written) == (1, 0)


def test_a_changed_document_replaces_its_claims(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    run([write_jsonl(tmp_path / "v1.jsonl", [{"id": "a", "text": "Sold 3 boats and 4 cars."}])], db)
    summary = run([write_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": "Sold 5 boats."}])], db)
    assert (summary.documents_replaced, summary.documents_added, summary.claims_written) == (1, 0, 1)
    assert claims_of(db) == [("a", 5.0)]
    text = open_store(db).query("SELECT text, path FROM documents")
    assert text["text"][0] == "Sold 5 boats." and text["path"][0].endswith("v2.jsonl")


def test_a_new_publication_date_counts_as_a_change(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    run([write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Sold 3 boats.", "date": "2020-01-01"}])], db)
    summary = run([tmp_path / "a.jsonl"], db, published=date(2021, 5, 5))
    assert summary.documents_replaced == 1
    assert open_store(db).query("SELECT period_end FROM claims")["period_end"][0].year == 2021


def test_a_repeated_id_in_one_input_is_applied_in_order(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "First 1."},
        {"id": "b", "text": "Other 7."},
        {"id": "a", "text": "Second 2."},
    ]
    db = tmp_path / "m.duckdb"
    summary = run([write_jsonl(tmp_path / "a.jsonl", rows)], db, batch_size=50)
    assert (summary.documents_read, summary.documents_added, summary.documents_replaced) == (3, 2, 1)
    assert claims_of(db) == [("a", 2.0), ("b", 7.0)]


def test_without_keys_every_id_is_still_stored_once(tmp_path: Path) -> None:
    """Schema 2 has no primary or foreign keys: the upsert alone keeps ids unique and claims attached,
    through repeats inside a batch, across batches, across runs and with changed texts."""
    rows = [{"id": f"d{n % 5}", "text": f"Run {n} sold {n} boats and {n + 1} cars."} for n in range(12)]
    db = tmp_path / "m.duckdb"
    for size in (3, 50, 1):
        run([write_jsonl(tmp_path / "a.jsonl", rows)], db, batch_size=size)
        rows.reverse()
    counts = open_store(db).query(
        """
        SELECT (SELECT count(*) - count(DISTINCT id) FROM documents) AS repeated_ids,
               (SELECT count(*) - count(DISTINCT claim_id) FROM claims) AS repeated_claims,
               (SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)) AS orphans,
               (SELECT count(*) FROM documents) AS documents
        """
    )
    assert counts.iloc[0].tolist() == [0, 0, 0, 5]
    # the last occurrence of each id in the last run (n = 10 for d0) is what is stored
    assert [value for doc_id, value in claims_of(db) if doc_id == "d0"] == [10.0, 10.0, 11.0]


def test_lone_surrogates_are_stored_as_replacement_characters(tmp_path: Path) -> None:
    source = tmp_path / "s.jsonl"
    source.write_text('{"id": "s\\udc80", "text": "Odd \\ud800 sign, 42 items."}\n', encoding="utf-8")
    db = tmp_path / "m.duckdb"
    assert run([source], db).documents_added == 1
    stored = open_store(db).query("SELECT id, text FROM documents")
    assert stored["id"][0] == "s\ufffd" and stored["text"][0] == "Odd \ufffd sign, 42 items."
    claim = open_store(db).query('SELECT start, "end", surface FROM claims').iloc[0]
    assert stored["text"][0][claim["start"] : claim["end"]] == claim["surface"] == "42"
    assert run([source], db).documents_unchanged == 1


def test_batches_never_hold_one_id_twice() -> None:
    docs = [Document(id=name, text="x") for name in ["a", "b", "a", "c", "d", "e"]]
    assert [[d.id for d in batch] for batch in batches(docs, 3)] == [["a", "b"], ["a", "c", "d"], ["e"]]


def test_a_failed_batch_leaves_no_half_written_document(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    run([write_jsonl(tmp_path / "ok.jsonl", [{"id": "ok", "text": "Fine 1."}])], db)

    def bad_status(document: Document) -> list[Claim]:
        claims = digits_as_claims(document)
        if document.id == "bad":
            claims = [Claim(**{**c.to_dict(), "status": "rumour"}) for c in claims]  # type: ignore[arg-type]
        return claims

    documents, claims = extract_batch(
        [Document(id="good", text="Also 2."), Document(id="bad", text="Broken 3.")], extractor=bad_status
    )
    con = connect(db)
    try:
        with pytest.raises(duckdb.ConstraintException):
            write_batch(con, documents, claims)
    finally:
        con.close()
    assert open_store(db).query("SELECT id FROM documents")["id"].tolist() == ["ok"]
    assert claims_of(db) == [("ok", 1.0)]


def test_an_interrupted_ingest_keeps_whole_committed_batches(tmp_path: Path) -> None:
    rows = [{"id": f"d{n}", "text": f"Item {n}."} for n in range(10)]

    def stop_at_d7(document: Document) -> list[Claim]:
        if document.id == "d7":
            raise KeyboardInterrupt
        return digits_as_claims(document)

    db = tmp_path / "m.duckdb"
    with pytest.raises(KeyboardInterrupt):
        run([write_jsonl(tmp_path / "a.jsonl", rows)], db, batch_size=3, extractor=stop_at_d7)
    stored = open_store(db).query("SELECT id FROM documents ORDER BY id")["id"].tolist()
    assert stored == ["d0", "d1", "d2", "d3", "d4", "d5"]
    assert len(claims_of(db)) == 6


def test_bad_lines_are_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"id": "a", "text": "Good 1."}\n{oops\n{"id": "b"}\n{"id": "c", "text": "Good 2."}\n')
    errors: list[InputError] = []
    summary = run([source], tmp_path / "m.duckdb", on_error=errors.append)
    assert summary.rejected == 2 and summary.documents_added == 2
    assert [e.line for e in errors] == [2, 3]


def test_an_extractor_failure_keeps_the_document_for_reextract(tmp_path: Path) -> None:
    def fragile(document: Document) -> list[Claim]:
        if "crash" in document.text:
            raise ValueError("cannot parse")
        return digits_as_claims(document)

    db = tmp_path / "m.duckdb"
    rows = [{"id": "a", "text": "crash 1"}, {"id": "b", "text": "fine 2"}]
    errors: list[InputError] = []
    summary = run([write_jsonl(tmp_path / "a.jsonl", rows)], db, extractor=fragile, on_error=errors.append)
    assert summary.rejected == 1 and "extractor failed on document a" in str(errors[0])
    assert count_stale(db) == 1
    redone = reextract(db, extractor=digits_as_claims)
    assert redone.documents_read == 1 and claims_of(db) == [("a", 1.0), ("b", 2.0)]


def test_an_extractor_calling_sys_exit_fails_its_document_and_ctrl_c_still_stops(tmp_path: Path) -> None:
    def exiting(document: Document) -> list[Claim]:
        if "exit" in document.text:
            raise SystemExit(2)
        if "interrupt" in document.text:
            raise KeyboardInterrupt
        return digits_as_claims(document)

    db = tmp_path / "m.duckdb"
    rows = [{"id": "a", "text": "exit 1"}, {"id": "b", "text": "fine 2"}]
    errors: list[InputError] = []
    summary = run([write_jsonl(tmp_path / "a.jsonl", rows)], db, extractor=exiting, on_error=errors.append)
    assert summary.rejected == 1 and "SystemExit" in str(errors[0]) and count_stale(db) == 1
    with pytest.raises(KeyboardInterrupt):
        run([write_jsonl(tmp_path / "b.jsonl", [{"id": "c", "text": "interrupt 3"}])], db, extractor=exiting)


def test_reextract_refreshes_only_stale_documents(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    rows = [{"id": f"d{n}", "text": f"Item {n} of {n + 10}."} for n in range(7)]
    run([write_jsonl(tmp_path / "a.jsonl", rows)], db, extractor_version="old")
    assert count_stale(db, "new") == 7

    def doubled(document: Document) -> list[Claim]:
        return [Claim(**{**c.to_dict(), "value": c.value * 2}) for c in digits_as_claims(document)]  # type: ignore[arg-type]

    summary = reextract(db, extractor=doubled, extractor_version="new", batch_size=3)
    assert (summary.documents_read, summary.claims_written) == (7, 14)
    assert claims_of(db)[:2] == [("d0", 0.0), ("d0", 20.0)]
    versions = open_store(db).query("SELECT DISTINCT extractor_version AS v FROM claims")["v"].tolist()
    assert versions == ["new"]
    assert reextract(db, extractor=doubled, extractor_version="new").documents_read == 0
    assert reextract(db, extractor=doubled, extractor_version="new", force=True).documents_read == 7


def test_reextract_of_a_missing_store_is_a_store_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        reextract(tmp_path / "none.duckdb", extractor=digits_as_claims)
    assert not (tmp_path / "none.duckdb").exists()


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_optional_text = st.none() | _text
_day = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_number = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def claims_for(draw: st.DrawFn, document: Document) -> list[Claim]:
    count = draw(st.integers(min_value=0, max_value=4))
    return [
        Claim(
            doc_id=document.id,
            claim_id=f"{document.id}-{n}",
            metric=draw(_text),
            subject=draw(_optional_text),
            counterpart=draw(_optional_text),
            value=draw(_number),
            low=draw(st.none() | _number),
            high=draw(st.none() | _number),
            unit=draw(_text),
            qualifier=draw(st.sampled_from(QUALIFIERS)),
            status=draw(st.sampled_from(STATUSES)),
            period_start=draw(_day),
            period_end=draw(_day),
            grain=draw(st.sampled_from(GRAINS)),
            start=draw(st.integers(min_value=0, max_value=2**31 - 1)),
            end=draw(st.integers(min_value=0, max_value=2**31 - 1)),
            surface=draw(_text),
            quote=draw(_text),
            entities=tuple(draw(st.lists(_text, max_size=3))),
            period_text=draw(_optional_text),
            published=document.published,
            change=draw(st.none() | st.sampled_from(["up", "down"])),
        )
        for n in range(count)
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), text=_text.filter(str.strip), published=_day)
def test_a_store_round_trip_keeps_every_value(data: st.DataObject, text: str, published: date | None) -> None:
    document = Document(id="doc", text=text, published=published, title=text, source=text, path=text)
    claims = data.draw(claims_for(document))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "m.duckdb"
        documents, table = extract_batch([document], extractor=lambda _doc: claims, extractor_version="v")
        con = connect(db)
        try:
            write_batch(con, documents, table)
        finally:
            con.close()
        frame = open_store(db).query("SELECT * FROM claims ORDER BY claim_id")
        stored_text = open_store(db).query("SELECT text, published FROM documents")
    assert stored_text["text"][0] == text
    assert len(frame) == len(claims)
    for claim, row in zip(claims, frame.to_dict("records"), strict=True):
        expected = claim.to_dict()
        for key, value in expected.items():
            got = row[key]
            if key in ("period_start", "period_end", "published"):
                got = None if got is None or got != got else str(got)[:10]
                value = None if value is None else date.fromisoformat(value).isoformat()
            elif key == "entities":
                got = list(got)
            elif isinstance(value, float) or value is None:
                got = None if got is None or (isinstance(got, float) and got != got) else got
            assert got == value, key


def test_a_batch_of_very_long_documents_fits_the_write_memory_bound(tmp_path: Path) -> None:
    """The write's memory limit follows the batch: 40 documents of 2 MB each (80 MB in one batch,
    more than the fixed part of the bound) are stored whole."""
    rows = [{"id": f"long-{n}", "text": f"Yard {n} built 7 boats. " * 90_000} for n in range(40)]
    db = tmp_path / "m.duckdb"
    summary = run([write_jsonl(tmp_path / "long.jsonl", rows)], db, extractor=lambda document: [])
    assert (summary.documents_added, summary.rejected) == (40, 0)
    lengths = open_store(db).query("SELECT min(length(text)) AS shortest FROM documents")
    assert lengths["shortest"][0] == len(rows[0]["text"])
