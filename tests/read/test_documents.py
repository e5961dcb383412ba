from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from metrics.errors import InputError
from metrics.read.dateline import parse_date_string, published_from_text
from metrics.read.documents import content_id, read_documents, read_path


def collect(paths: list[str]) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_documents(paths, on_error=errors.append)), errors


def test_jsonl_fields_and_bad_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Exports rose 5 pct.", "date": "1987-03-02", "title": "T"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 5}),
        "",
        json.dumps({"id": 7, "text": "Sales fell.", "published": "10 December 2019"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = collect([str(path)])
    assert [d.id for d in docs] == ["a", "7"]
    assert docs[0].published == date(1987, 3, 2) and docs[0].title == "T"
    assert docs[1].published == date(2019, 12, 10)
    assert [(e.line, e.message) for e in errors] == [
        (2, "not valid JSON (Expecting property name enclosed in double quotes)"),
        (3, "no 'text' field"),
        (4, "'text' must be a string, not int"),
    ]
    assert all(str(path) in str(e) for e in errors)


def test_text_is_kept_verbatim_and_id_is_a_stable_content_hash(tmp_path: Path) -> None:
    text = "Title line\n\nLONDON, March 3 - Output rose in 1987.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = read_documents([str(path)])
    assert doc.text == text
    assert doc.id == content_id(text) == next(iter(read_documents([str(path)]))).id
    assert doc.published == date(1987, 3, 3)


def test_latin1_and_cp1252_files_are_decoded_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Profit of \u00a3600m, \u201cgood\u201d".encode("cp1252"))
    (doc,) = read_documents([str(path)])
    assert "\u00a3600m" in doc.text and "\u201cgood\u201d" in doc.text


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"), (b"\x00\x01\x02" * 100, "binary")])
def test_empty_and_binary_files_are_clear_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    docs, errors = collect([str(path)])
    assert docs == [] and len(errors) == 1 and reason in str(errors[0])


def test_folders_are_read_recursively_and_html_becomes_visible_text(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(
        "<html><head><title>Trade</title><script>var x = 5;</script></head>"
        "<body><p>Trade rose to $5 billion.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("# Note\nNothing here.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    docs, errors = collect([str(tmp_path)])
    assert errors == []
    assert [Path(d.path).name for d in docs] == ["a.md", "b.html"]
    assert docs[1].text == "Trade rose to $5 billion." and docs[1].title == "Trade"


def test_missing_path_is_reported_not_raised_with_handler() -> None:
    docs, errors = collect(["no/such/file.txt"])
    assert docs == [] and "no such file" in str(errors[0])


def test_stdin_text_and_jsonl() -> None:
    stream = io.BufferedReader(io.BytesIO(b'{"id": "x", "text": "Up 5 pct."}\n'))
    (doc,) = read_path("-", stdin=stream)
    assert doc.id == "x"
    stream = io.BufferedReader(io.BytesIO(b"Plain words, 2019."))
    (doc,) = read_path("-", stdin=stream)
    assert doc.text == "Plain words, 2019."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PREVIEW\n\nWASHINGTON (Agency - 10th December, 2019) Minister comes.", date(2019, 12, 10)),
        ("SALVADOR, Feb 26 - Showers in 1987 after the 1986/87 crop.", date(1987, 2, 26)),
        ("Published Dec 20, 2019 at noon.", date(2019, 12, 20)),
        ("No date here at all.", None),
        ("LONDON, Feb 30 - impossible day in 1987.", None),
    ],
)
def test_dateline(text: str, expected: date | None) -> None:
    assert published_from_text(text) == expected


def test_metadata_date_strings() -> None:
    assert parse_date_string("2019-12-10T08:00:00Z") == date(2019, 12, 10)
    assert parse_date_string("Tue, 10 Dec 2019 08:00:00 GMT") == date(2019, 12, 10)
    assert parse_date_string("not a date") is None


@pytest.mark.parametrize(
    ("head", "expected", "where"),
    [
        (
            '<meta property="article:published_time" content="2015-04-03T09:30:00+03:00">',
            date(2015, 4, 3),
            "html:meta article:published_time",
        ),
        (
            '<script type="application/ld+json">'
            '{"@graph": [{"@type": "NewsArticle", "datePublished": "2016-05-06"}]}</script>',
            date(2016, 5, 6),
            "html:json-ld datePublished",
        ),
        ('<meta name="pubdate" content="20 June 2017">', date(2017, 6, 20), "html:meta pubdate"),
        ("", date(2018, 7, 8), "html:time datetime"),
    ],
)
def test_html_publication_dates_and_where_they_came_from(
    tmp_path: Path, head: str, expected: date, where: str
) -> None:
    page = (
        f"<html><head><title>Tin exports</title>{head}</head><body>"
        '<p>Posted <time datetime="2018-07-08">Sunday</time>.</p><p>Tin exports rose 5 pct in 2014.</p>'
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [doc], errors = collect([str(path)])
    assert not errors
    assert (doc.published, doc.published_from) == (expected, where)
    assert "datePublished" not in doc.text  # the JSON-LD block is not visible text


def test_jsonl_and_dateline_dates_say_where_they_came_from(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Sales fell.", "date": "1987-03-02"}),
        json.dumps({"id": "b", "text": "Sales fell.", "published": "1987-03-02"}),
        json.dumps({"id": "c", "text": "OSLO, March 2 - Sales fell 3 pct in 1987."}),
        json.dumps({"id": "d", "text": "Sales fell."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, _errors = collect([str(path)])
    assert [d.published_from for d in docs] == ["jsonl:date", "jsonl:published", "dateline", None]
    [given] = list(read_documents([str(path)], published=date(2000, 1, 1)))[:1]
    assert given.published_from == "given"


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("KIEV, May 4. /UKRINFORM/. Steel output rose 2 pct in 1999.", date(1999, 5, 4), " Steel output"),
        ("04.05.2016 - Steel output rose 2 pct.", date(2016, 5, 4), " Steel output"),
        ("04.05.2016 11:20 - Steel output rose 2 pct.", date(2016, 5, 4), " Steel output"),
        ("OSLO, May 4 (Reuters) - Steel output rose 2 pct in 1999.", date(1999, 5, 4), " Steel output"),
        ("OSLO, May 4, 2021 (Wire News) - Steel output rose.", date(2021, 5, 4), " Steel output"),
    ],
)
def test_agency_datelines(text: str, expected: date, rest: str) -> None:
    from metrics.read.dateline import dateline_end

    assert published_from_text(text) == expected
    assert text[dateline_end(text) :].startswith(rest)
