"""A small store whose claims are known exactly: hand-written articles and the claims they hold.

The claims are given, not extracted, so tests of the store, the views and queries/*.sql do not
depend on the extractor's current output. All sentences are the project's own.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from metrics.link.extract import claim_id
from metrics.pipeline.ingest import extract_batch
from metrics.records import Claim, Document
from metrics.store.database import connect
from metrics.store.writes import write_batch

US, RU, JP = "United States", "Russia", "Japan"
PUTIN, TRUMP = "Vladimir Putin", "Donald Trump"

ARTICLES = [
    Document(
        id="wire-1",
        source="Capital Wire (fixture)",
        title="Trade between Moscow and Washington shrinks",
        published=date(2019, 12, 10),
        text=(
            "Commerce between Russia and the United States peaked at $30 billion in 2014. "
            "Officials hope it will climb to $27 billion in 2019. "
            "A target of $26 billion was set for 2018. "
            "Washington has imposed sanctions on Moscow 77 times since 2011. "
            "Up to 500 companies are on the lists. "
            "The two presidents have met six times and spoken by phone eleven times."
        ),
    ),
    Document(
        id="wire-2",
        source="Harbour Gazette (fixture)",
        title="Trade figures revisited",
        published=date(2019, 6, 1),
        text=(
            "Two-way trade between the United States and Russia was $28 billion in 2014, "
            "and it came to $24 billion in 2018. "
            "The US trade deficit with the world stood at $621 billion in 2018. "
            "Brent crude averaged $71 a barrel in 2018. "
            "Harlow Tools Inc said its net profit was $4 million in 2018."
        ),
    ),
    Document(
        id="reuters-1",
        source="Reuters fixture feed",
        title="US TRADE GAP WITH JAPAN WIDENS",
        published=date(1987, 3, 2),
        text="WASHINGTON, March 2 - The U.S. trade deficit with Japan reached 58.6 billion dlrs in 1986.",
    ),
]


def _claim(
    document: Document,
    surface: str,
    metric: str,
    pair: tuple[str | None, str | None],
    value: float,
    unit: str,
    period: tuple[date | None, date | None, str],
    *,
    status: str = "actual",
    qualifier: str = "exact",
) -> Claim:
    start = document.text.index(surface)
    end = start + len(surface)
    return Claim(
        doc_id=document.id,
        claim_id=claim_id(document.id, start, end, metric),
        metric=metric,
        subject=pair[0],
        counterpart=pair[1],
        value=value,
        low=None,
        high=None,
        unit=unit,
        qualifier=qualifier,
        status=status,
        period_start=period[0],
        period_end=period[1],
        grain=period[2],
        start=start,
        end=end,
        surface=surface,
        quote=surface,
        entities=tuple(name for name in pair if name),
        published=document.published,
    )


def _item(claim: Claim, item: str) -> Claim:
    return dataclasses.replace(claim, item=item)


def _year(y: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, 12, 31), "year"


def fixture_claims(document: Document) -> list[Claim]:
    """The claims each fixture article makes (an 'extractor' that knows the answers)."""
    w1, w2, r1 = ARTICLES
    as_of = (None, document.published, "as_of")
    known = {
        "wire-1": [
            _claim(w1, "$30 billion in 2014", "trade", (RU, US), 30e9, "USD", _year(2014)),
            _claim(w1, "$27 billion in 2019", "trade", (RU, US), 27e9, "USD", _year(2019), status="forecast"),
            _claim(w1, "$26 billion", "trade", (RU, US), 26e9, "USD", _year(2018), status="target"),
            _claim(
                w1, "77 times", "sanctions", (US, RU), 77, "count", (date(2011, 1, 1), w1.published, "span")
            ),
            _claim(w1, "Up to 500 companies", "sanctioned companies", (US, RU), 500, "count", as_of),
            _claim(w1, "met six times", "meetings", (PUTIN, TRUMP), 6, "count", as_of),
            _claim(w1, "eleven times", "phone conversations", (PUTIN, TRUMP), 11, "count", as_of),
        ],
        "wire-2": [
            _claim(w2, "$28 billion in 2014", "trade", (US, RU), 28e9, "USD", _year(2014)),
            _claim(w2, "$24 billion in 2018", "trade", (US, RU), 24e9, "USD", _year(2018)),
            _claim(w2, "$621 billion", "trade balance", (US, None), 621e9, "USD", _year(2018)),
            _item(
                _claim(w2, "$71 a barrel", "price", (None, None), 71, "USD per barrel", _year(2018)),
                "crude oil",
            ),
            _claim(w2, "$4 million", "profit", ("Harlow Tools", None), 4e6, "USD", _year(2018)),
        ],
        "reuters-1": [
            _claim(r1, "58.6 billion dlrs", "trade balance", (US, JP), 58.6e9, "USD", _year(1986)),
        ],
    }
    return known.get(document.id, [])


def build_fixture_store(path: Path) -> Path:
    """Write the fixture articles and their known claims into a new store at `path`."""
    documents, claims = extract_batch(ARTICLES, extractor=fixture_claims, extractor_version="fixture")
    con = connect(path)
    try:
        write_batch(con, documents, claims)
    finally:
        con.close()
    return path


BIN = Path(sys.executable).parent
"""Where `make install` put the project's commands: metrics and the duckdb-cli shell."""


def shell_rows(db: Path, command: str, cwd: Path | None = None) -> list[list[str]]:
    """Rows (header first) that the duckdb 1.5 shell prints for one command, read-only, as CSV."""
    duckdb_shell = BIN / "duckdb"
    if not duckdb_shell.exists():
        pytest.skip("the duckdb shell is not installed beside this Python")
    result = subprocess.run(
        [str(duckdb_shell), "-readonly", "-csv", str(db), "-c", command],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))


@contextmanager
def lock_held_elsewhere(db: Path) -> Iterator[int]:
    """Another process holding the store open for writing (as an open shell would); yields its PID."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, duckdb
                con = duckdb.connect(sys.argv[1], config={"storage_compatibility_version": "v1.5.0"})
                print("holding", flush=True)
                sys.stdin.read()
                """
            ),
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder.pid
    finally:
        holder.communicate("", timeout=30)
