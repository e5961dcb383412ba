"""The claim record has one definition: every place that writes its fields down agrees with it."""

from __future__ import annotations

import dataclasses
from datetime import date

import duckdb

from metrics.records import CLAIM_FIELDS, Claim
from metrics.store.schema import TABLES
from metrics.store.writes import CLAIM_SCHEMA


def a_claim() -> Claim:
    return Claim(
        doc_id="d",
        claim_id="c",
        metric="trade",
        subject="Russia",
        counterpart=None,
        value=2.0,
        low=None,
        high=None,
        unit="USD",
        qualifier="exact",
        status="actual",
        period_start=date(2014, 1, 1),
        period_end=date(2014, 12, 31),
        grain="year",
        start=0,
        end=2,
        surface="$2",
        quote="$2 in 2014",
        entities=("Russia",),
    )


def test_every_claim_attribute_is_a_field_and_every_field_an_attribute() -> None:
    attributes = {f.name for f in dataclasses.fields(Claim)} - {"extras"}
    assert attributes == {f.name for f in CLAIM_FIELDS}


def test_json_arrow_and_the_table_have_the_fields_in_one_order() -> None:
    names = [f.name for f in CLAIM_FIELDS]
    assert list(a_claim().to_dict()) == names
    assert CLAIM_SCHEMA.names == [*names, "extractor_version"]
    con = duckdb.connect()
    con.execute(TABLES)
    columns = [row[0] for row in con.execute("DESCRIBE claims").fetchall()]
    assert columns == [*names, "extractor_version"]


def test_to_dict_is_json_ready() -> None:
    row = a_claim().to_dict()
    assert row["period_start"] == "2014-01-01"
    assert row["entities"] == ["Russia"]
    assert a_claim().values()["period_end"] == date(2014, 12, 31)
