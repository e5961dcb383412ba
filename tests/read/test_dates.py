"""Publication dates from metadata: a fixed set of written formats, never relative to today's clock,
years within dates.YEARS; the same rule for --published, JSONL dates and datelines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_invoke import invoke

from metrics.errors import InputError
from metrics.read.dateline import published_from_text
from metrics.read.dates import YEARS, DateRefused, read_date
from metrics.read.documents import read_documents


@pytest.mark.parametrize(
    "written",
    [
        "2019-12-10",
        " 2019-12-10 ",
        "2019-12-10T08:00:00Z",
        "2019-12-10T23:59:59.123-05:00",
        "2019-12-10 08:00+0100",
        "10 December 2019",
        "10th of December, 2019",
        "10 Dec. 2019",
        "December 10, 2019",
        "Dec 10 2019",
        "Tue, 10 Dec 2019 08:00:00 GMT",
        "Tuesday, December 10, 2019 8:00 pm EST",
    ],
)
def test_the_fixed_formats_are_read_as_the_day_written(written: str) -> None:
    assert read_date(written) == date(2019, 12, 10)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("yesterday", "relative to today"),
        ("now", "relative to today"),
        ("today", "relative to today"),
        ("in 3000 years", "relative to today"),
        ("3 days ago", "relative to today"),
        ("last Tuesday", "relative to today"),
        ("December 2019", "fixed format"),
        ("10 December 2019 or so", "fixed format"),
        ("-0044-03-15", "fixed format"),
        ("+2019-12-10", "fixed format"),
        ("0044-03-15", "year 44 is outside"),
        ("1799-12-31", "year 1799 is outside"),
        ("2101-01-01", "year 2101 is outside"),
        ("5026-12-01", "year 5026 is outside"),
        ("2019-02-31", "no such day"),
        ("31 February 2019", "no such day"),
        ("2019-12-10" + " " * 10 + "x" * 100, "longer than"),
    ],
)
def test_other_dates_are_refused_with_the_reason(written: str, reason: str) -> None:
    with pytest.raises(DateRefused, match=reason):
        read_date(written)


def test_the_window_holds_its_edges() -> None:
    assert read_date(f"{YEARS[0]}-01-01") == date(YEARS[0], 1, 1)
    assert read_date(f"{YEARS[1]}-12-31") == date(YEARS[1], 12, 31)


def test_a_jsonl_date_relative_to_today_is_refused_with_its_line_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": "Sales rose 5 pct.", "published": "2019-12-10"},
        {"id": "b", "text": "Sales rose 6 pct.", "published": "yesterday"},
        {"id": "c", "text": "Sales rose 7 pct.", "date": "in 3000 years"},
        {"id": "d", "text": "Sales rose 8 pct.", "published": "-0044-03-15"},
        {"id": "e", "text": "Sales rose 9 pct.", "date": "Tue, 10 Dec 2019 08:00:00 GMT"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    errors: list[InputError] = []
    documents = list(read_documents([str(path)], on_error=errors.append))
    assert [(d.id, d.published) for d in documents] == [("a", date(2019, 12, 10)), ("e", date(2019, 12, 10))]
    assert [error.line for error in errors] == [2, 3, 4]
    assert "'yesterday'" in str(errors[0]) and "relative to today" in str(errors[0])
    assert "'-0044-03-15'" in str(errors[2])


@pytest.mark.parametrize("written", ["now", "yesterday", "in 3000 years", "-0044-03-15", "1700-01-01"])
def test_published_option_refuses_the_same_dates(tmp_path: Path, written: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Sales were $7 million in 2018.", encoding="utf-8")
    result = invoke("extract", str(path), "--published", written)
    assert result.returncode == 2 and result.stdout == ""
    assert "--published" in result.stderr and written in result.stderr
    assert "Traceback" not in result.stderr


def test_a_dateline_outside_the_years_gives_no_date() -> None:
    assert published_from_text("LONDON (Wire - 10 December 2150) Output rose.") is None
    assert published_from_text("LONDON (Wire - 10 December 1750) Output rose.") is None
    assert published_from_text("LONDON (Wire - 10 December 2019) Output rose.") == date(2019, 12, 10)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta property="article:published_time" content="2019-12-10T08:00:00Z">', date(2019, 12, 10)),
        ('<meta name="DC.date" content="10 December 2019">', date(2019, 12, 10)),
        ('<meta itemprop="datePublished" content="2019-12-10">', date(2019, 12, 10)),
        ('<time itemprop="datePublished" datetime="2019-12-10">Tuesday</time>', date(2019, 12, 10)),
        ('<meta name="description" content="2001-01-01">', None),
    ],
)
def test_an_html_pages_metadata_date_is_its_publication_date(
    tmp_path: Path, meta: str, expected: date | None
) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head>{meta}</head><body><p>Sales rose 5 pct.</p></body></html>", encoding="utf-8"
    )
    [document] = list(read_documents([str(path)]))
    assert document.published == expected


@pytest.mark.parametrize("written", ["yesterday", "-0044-03-15", "in 3000 years"])
def test_an_html_metadata_date_relative_to_today_refuses_the_page_with_the_reason(
    tmp_path: Path, written: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(f'<meta name="date" content="{written}"><p>Sales rose 5 pct.</p>', encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text('<meta name="date" content="2019-12-10"><p>Sales rose 6 pct.</p>', encoding="utf-8")
    errors: list[InputError] = []
    documents = list(read_documents([str(page), str(good)], on_error=errors.append))
    assert [d.published for d in documents] == [date(2019, 12, 10)]
    [error] = errors
    assert error.path == str(page) and "the page's publication date is not a date" in error.message
    assert repr(written) in error.message


def test_published_overrides_an_html_metadata_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<meta name="date" content="yesterday"><p>Sales rose 5 pct.</p>', encoding="utf-8")
    [document] = list(read_documents([str(page)], published=date(2020, 1, 2)))
    assert document.published == date(2020, 1, 2)
