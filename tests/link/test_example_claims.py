"""The sample article `make reports` draws from (examples/us_russia.jsonl, the project's own restatement
of one news item) yields the claims the chart fixtures assume (tests/fixtures/example_claims.jsonl).
The chart tests use those given claims, so without this test the extractor could lose a figure's
counterpart while every chart test still passed and `make reports` drew one point."""

from __future__ import annotations

import json

from conftest import ROOT

from metrics.link.extract import claims_from_document
from metrics.read.documents import read_documents

KEYS = ("metric", "subject", "counterpart", "value", "unit", "status", "grain", "period_end")


def test_the_sample_article_gives_the_claims_its_charts_are_drawn_from() -> None:
    fixture = ROOT / "tests" / "fixtures" / "example_claims.jsonl"
    expected = [json.loads(line) for line in fixture.read_text(encoding="utf-8").splitlines()]
    found = [
        claim.to_dict()
        for document in read_documents([str(ROOT / "examples" / "us_russia.jsonl")])
        for claim in claims_from_document(document)
    ]

    def key(claim: dict[str, object]) -> tuple[object, ...]:
        start = None if claim["grain"] == "as_of" else claim["period_start"]  # as of: the end is the date
        return (claim["doc_id"], *(str(claim[k]) for k in KEYS), str(start))

    assert sorted(map(key, found)) == sorted(map(key, expected))
