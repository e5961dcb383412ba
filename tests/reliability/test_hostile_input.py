"""Hostile input: whatever a scraper produced, each bad file or line is one clear error naming it and
why, the rest is ingested, and nothing is read whole or expanded. All texts are the project's own."""

from __future__ import annotations

import gzip
import io
import json
import math
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest
from cli_invoke import invoke

from metrics.errors import InputError
from metrics.link.extract import claims_from_document
from metrics.read.documents import MAX_DOCUMENT_BYTES, read_documents, read_path
from metrics.records import Document
from metrics.store.database import open_store

GOOD = "Exports of tin rose to $5 billion in 2019.\n"
MB = 1024 * 1024


def collect(*paths: Path) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    documents = list(read_documents([str(p) for p in paths], on_error=errors.append))
    return documents, errors


def only_error(path: Path) -> InputError:
    documents, errors = collect(path)
    assert documents == [] and len(errors) == 1, (documents, errors)
    assert str(path) in str(errors[0])
    return errors[0]


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of text that gzip squeezes to a few kB."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as stream:
        chunk = b"0" * MB
        for _ in range(size // MB):
            stream.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("noise.txt", bytes(range(256)) * 64, "binary"),
        ("one_nul.txt", b"Exports rose to $5 billion\x00 in 2019.\n", "NUL byte at byte 26"),
        ("bomb.txt", gzip_bomb(64 * MB), "gzip archive"),
        ("bomb.jsonl.gz", gzip_bomb(64 * MB), "gzip archive"),
        ("picture.html", b"\x89PNG\r\n\x1a\n" + b"IHDR" * 20, "PNG image"),
        ("controls.md", b"\x01\x02\x03\x04 text \x05\x06\x07\x08" * 50, "control bytes"),
    ],
)
def test_binary_and_compressed_files_are_refused_by_name(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = only_error(path)
    assert reason in error.message and "binary" in error.message


def test_a_zip_bomb_is_refused_without_being_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.txt", b"1" * (200 * MB))
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        error = only_error(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "zip archive" in error.message
    assert peak < 2 * MB  # the archive was looked at, not expanded


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: 3 GB on paper, nothing on disk
        stream.truncate(3 * 1024 * MB)
    tracemalloc.start()
    try:
        error = only_error(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"larger than {MAX_DOCUMENT_BYTES // MB} MB" in error.message
    assert peak < MB


def test_a_50_mb_line_without_newline_is_skipped_and_never_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as stream:
        stream.write(json.dumps({"id": "before", "text": GOOD}).encode() + b"\n")
        stream.write(b'{"id": "long", "text": "' + b"x" * (50 * MB))  # no closing quote, no newline
    tracemalloc.start()
    try:
        documents, errors = collect(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.id for d in documents] == ["before"]
    assert [(e.line, e.message) for e in errors] == [
        (2, f"line longer than {MAX_DOCUMENT_BYTES // MB} MB; skipped")
    ]
    assert peak < 2 * MAX_DOCUMENT_BYTES + 8 * MB < 50 * MB  # readline's limit (copied once), not the line


def test_a_50_mb_text_file_with_one_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    path.write_bytes(b"word " * (10 * MB))
    assert "larger than" in only_error(path).message


def test_the_size_limit_also_holds_for_standard_input() -> None:
    stream = io.BufferedReader(io.BytesIO(b"a" * (MAX_DOCUMENT_BYTES + 10)))
    errors: list[InputError] = []
    assert list(read_path("-", on_error=errors.append, stdin=stream)) == []
    assert "<stdin>" in str(errors[0]) and "larger than" in errors[0].message


def test_invalid_utf8_in_the_middle_of_a_utf8_file_is_named_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    head = "Caf\u00e9 sales rose.\nThe na\u00efve plan failed.\n".encode()
    path.write_bytes(head + b"Exports \xff\xfe rose.\n" + "R\u00e9sum\u00e9.\n".encode())
    error = only_error(path)
    assert error.message.startswith(f"invalid UTF-8 at byte {len(head) + 8}, line 3")


def test_legacy_and_utf16_files_are_decoded_not_refused(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 \u201cprofits\u201d of \u00a35 million.".encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes(GOOD.encode("utf-16"))
    documents, errors = collect(legacy, wide)
    assert errors == []
    assert (
        documents[0].text == "Caf\u00e9 \u201cprofits\u201d of \u00a35 million." and documents[1].text == GOOD
    )


def test_nul_escapes_in_jsonl_text_keep_every_offset(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    text = "Exports\u0000 rose to $5 billion in 2019."
    path.write_text(json.dumps({"id": "n", "text": text}) + "\n" + '{"id": "raw", "text": "a\x00b"}\n')
    documents, errors = collect(path)
    assert [d.id for d in documents] == ["n"] and len(documents[0].text) == len(text)
    assert "\x00" not in documents[0].text
    assert [(e.line, "NUL" in e.message) for e in errors] == [(2, True)]


JSONL_CASES = [
    ('["id", "text"]', "expected a JSON object, got list"),
    ('"just a string"', "expected a JSON object, got str"),
    ("null", "expected a JSON object, got NoneType"),
    ('{"id": ["a"], "text": "Six."}', "'id' must be a string, not list"),
    ('{"id": {"x": 1}, "text": "Six."}', "'id' must be a string, not dict"),
    ('{"id": true, "text": "Six."}', "'id' must be a string, not bool"),
    ('{"id": 1e400, "text": "Six."}', "'id' must be a string, not float"),
    ('{"id": NaN, "text": "Six."}', "'id' must be a string, not float"),
    ('{"id": "t", "text": ["Six."]}', "'text' must be a string, not list"),
    ('{"id": "t", "text": null}', "no 'text' field"),
    ('{"id": "t", "text": "   "}', "empty 'text'"),
    ('{"id": "t", "text": "Six.", "title": {"a": 1}}', "'title' must be a string, not dict"),
    ('{"id": "t", "text": "Six.", "published": [2019]}', "'published' must be a string, not list"),
    ('{"id": "t", "text": "Six.", "published": "2019-02-31"}', "'published' is not a date: '2019-02-31'"),
    ('{"id": "t", "text": "Six.", "date": "31 February 2019"}', "'published' is not a date"),
    ('{"id": "t", "text": "Six.", "published": "' + "9" * 300 + '"}', "'published' is not a date"),
    ('{"id": ' + "7" * 5000 + ', "text": "Six."}', "not usable JSON (Exceeds the limit (4300 digits)"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
    ('{"id": "t", "text": "Six."', "not valid JSON (Expecting ',' delimiter)"),
]


def test_jsonl_with_wrong_types_names_each_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    good = json.dumps({"id": "good", "text": GOOD})
    path.write_text(
        "\n".join([good] + [line for line, _ in JSONL_CASES] + [good.replace("good", "also")]) + "\n"
    )
    documents, errors = collect(path)
    assert [d.id for d in documents] == ["good", "also"]
    got = [(e.line, e.message) for e in errors]
    assert len(got) == len(JSONL_CASES)
    for (line, message), (number, (_, reason)) in zip(got, enumerate(JSONL_CASES, start=2), strict=True):
        assert line == number and message.startswith(reason), (number, message)


@pytest.mark.parametrize(
    "markup",
    [
        "<div>" * 100_000 + GOOD,
        "<p>" + GOOD + "<p<p<<>>><</p></div></div>&#99999999999; &bogus; &#x110000;",
        "<html><body><p>" + GOOD + "</p><script>never closed " * 1000,
        "<p>" + GOOD + "</p><!-- a comment that never ends",
        "<![CDATA[" + "<" * 10_000 + GOOD,
        "<table>" + "<tr><td>" * 20_000 + GOOD,
    ],
    ids=["deep", "broken", "open-script", "open-comment", "cdata", "table"],
)
def test_deep_or_broken_html_gives_its_visible_text_or_a_clear_error(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    documents, errors = collect(path)
    assert len(documents) + len(errors) == 1
    if documents:
        assert "Exports of tin" in documents[0].text or documents[0].text.strip()
    else:
        assert str(path) in str(errors[0])


NUMBERY = [
    "Exports reached $" + "9" * 300 + " billion in 2019.",
    "Sales were 1." + "9" * 400 + " billion dlrs in 1987.",
    "Output hit 1e100 tonnes, or 1E+308 or 1e-400 tonnes.",
    "Trade was " + "999," * 120 + "999 dollars in 2019.",
    "The index rose " + "9" * 309 + " percent in 2019.",
    "On 31 February 2019 exports were $5 billion.",
    "LONDON, Feb 31 - Exports were $5 billion in 1987, up from $4 billion on 30 February 1986.",
    "Imports were $5 billion in the year 99999 and $6 billion in 0000.",
]


@pytest.mark.parametrize("text", NUMBERY, ids=range(len(NUMBERY)))
def test_absurd_numbers_and_impossible_dates_give_finite_values_or_nothing(text: str) -> None:
    for published in (None, date(2019, 3, 1)):
        document = Document(id="n", text=text, published=published)
        for claim in claims_from_document(document):
            assert text[claim.start : claim.end] == claim.surface
            for value in (claim.value, claim.low, claim.high):
                assert value is None or math.isfinite(value)


def test_the_cli_names_every_hostile_file_and_ingests_the_rest(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    (inbox / "nul.txt").write_bytes(GOOD.encode() + b"\x00")
    (inbox / "damaged.md").write_bytes("Caf\u00e9.\n".encode() + b"\xc3\x28 rose.\n")
    (inbox / "bomb.txt").write_bytes(gzip_bomb(8 * MB))
    (inbox / "page.html").write_text("<div>" * 50_000 + "Imports were $7 billion in 2018.", encoding="utf-8")
    (inbox / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD}) + "\n" + '{"id": "j2", "text": 5}\n' + "7" * 5000 + "\n"
    )
    (inbox / "numbers.txt").write_text("\n".join(NUMBERY), encoding="utf-8")
    db = tmp_path / "m.duckdb"
    result = invoke("ingest", str(inbox), "--db", str(db))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("metrics: skipped")]
    expected = [
        "nul.txt: binary",
        "damaged.md: invalid UTF-8",
        "bomb.txt: binary file (gzip",
        "feed.jsonl:2:",
        "feed.jsonl:3:",
    ]
    assert len(skipped) == len(expected)
    for fragment in expected:
        assert any(fragment in line for line in skipped), fragment
    store = open_store(db)
    assert store.counts()["documents"] == 4
    values = store.query("SELECT value, low, high FROM claims")
    assert values.map(lambda v: v != v or math.isfinite(v)).all().all()
