"""Every claim says where its document's publication date came from (issue 10: "the claim or document
records which one was used"), so a user can tell a date the publisher stated from one read off a
dateline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from metrics.link.extract import claims_from_document
from metrics.read.documents import document_from_json, make_document, read_documents

SENTENCE = "Copper exports rose to 5 mln tonnes in 2018."


def sources(document: object) -> set[str | None]:
    return {claim.published_from for claim in claims_from_document(document)}  # type: ignore[arg-type]


def test_a_jsonl_field_is_named_with_its_key() -> None:
    by_date = document_from_json({"id": "a", "text": SENTENCE, "date": "2019-04-02"}, "feed.jsonl", 1)
    assert sources(by_date) == {"jsonl:date"}
    by_published = document_from_json({"id": "b", "text": SENTENCE, "published": "2019-04-02"}, "f.jsonl", 2)
    assert sources(by_published) == {"jsonl:published"}


def test_a_dateline_a_given_date_and_no_date() -> None:
    assert sources(make_document("LIMA, March 3, 2019 - " + SENTENCE)) == {"dateline"}
    assert sources(make_document(SENTENCE, published=date(2019, 4, 2))) == {"given"}
    undated = claims_from_document(make_document(SENTENCE))
    assert undated and {c.published_from for c in undated} == {None}


def test_an_html_meta_is_named_and_kept_in_the_json_record(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2019-04-02T08:00:00Z">'
        f"</head><body><p>{SENTENCE}</p></body></html>",
        encoding="utf-8",
    )
    (document,) = read_documents([str(page)])
    claims = claims_from_document(document)
    assert claims and {c.to_dict()["published_from"] for c in claims} == {"html:meta article:published_time"}
