"""The store's series view: who a figure belongs to is kept in role, except for a metric whose two
parties have no order (trade, meetings), and a change is never a level."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from store_fixture import _claim

from metrics.errors import UsageError
from metrics.pipeline.ingest import extract_batch
from metrics.records import Claim, Document
from metrics.store.database import connect, open_store
from metrics.store.writes import write_batch

RU, FR = "Ruritania", "Freedonia"
YEAR = (date(2018, 1, 1), date(2018, 12, 31), "year")

ARTICLE = Document(
    id="gazette-7",
    source="Valley Gazette (fixture)",
    title="Border trade",
    published=date(2019, 3, 1),
    text=(
        "Ruritania's exports to Freedonia came to $5 billion in 2018. "
        "Freedonia sold $3 billion of goods to Ruritania in 2018. "
        "Trade between Freedonia and Ruritania reached $8 billion in 2018. "
        "Ruritania's trade with Freedonia was put at $8.2 billion for 2018. "
        "Ruritania's exports to Freedonia rose 4 percent in 2018."
    ),
)


def _claims(document: Document) -> list[Claim]:
    rise = _claim(ARTICLE, "rose 4 percent", "exports", (RU, FR), 4, "%", YEAR)
    return [
        _claim(ARTICLE, "$5 billion", "exports", (RU, FR), 5e9, "USD", YEAR),
        _claim(ARTICLE, "$3 billion", "exports", (FR, RU), 3e9, "USD", YEAR),
        _claim(ARTICLE, "$8 billion", "trade", (FR, RU), 8e9, "USD", YEAR),
        _claim(ARTICLE, "$8.2 billion", "trade", (RU, FR), 8.2e9, "USD", YEAR),
        dataclasses.replace(rise, change="up"),
    ]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    documents, claims = extract_batch([ARTICLE], extractor=_claims, extractor_version="fixture")
    con = connect(tmp_path / "roles.duckdb")
    try:
        write_batch(con, documents, claims)
    finally:
        con.close()
    return open_store(tmp_path / "roles.duckdb")


def test_a_directed_metric_keeps_whose_figure_it_is(store) -> None:  # type: ignore[no-untyped-def]
    ours = store.series("exports", [RU, FR])
    theirs = store.series("exports", [FR, RU])
    assert ours["value"].tolist() == [5e9] and (ours["subject"].tolist(), ours["counterpart"].tolist()) == (
        [RU],
        [FR],
    )
    assert theirs["value"].tolist() == [3e9]


def test_a_symmetric_metric_pools_both_orders_in_either_order_of_asking(store) -> None:  # type: ignore[no-untyped-def]
    for asked in ([RU, FR], [FR, RU], [RU]):
        frame = store.series("trade", asked)
        assert len(frame) == 1, asked
        row = frame.iloc[0]
        assert (row.n_claims, row.low, row.high) == (2, 8e9, 8.2e9)
        assert (row.subject, row.counterpart) == (FR, RU)  # alphabetical for a symmetric metric


def test_a_change_is_never_a_level_in_a_series(store) -> None:  # type: ignore[no-untyped-def]
    assert "%" not in set(store.series("exports")["unit"])
    assert store.conflicts(metric="exports").empty


def test_a_series_names_at_most_two_actors(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="at most two"):
        store.series("trade", [RU, FR, "Elbonia"])
