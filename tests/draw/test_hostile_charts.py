"""No traceback from a chart: overlong text is wrapped or cut, a chart that fails to draw does not stop
the others or the index, and stray files in the output folder are skipped."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image
from report_store_fixture import EXAMPLE_CLAIMS, build_store, read_jsonl

from metrics.draw import index_page
from metrics.draw.charts import render_chart
from metrics.draw.definitions import connect_read_only, definition_from_toml
from metrics.draw.index_page import render_reports, write_index
from metrics.draw.series_query import query_report
from metrics.errors import ReportError

REPORTS = ROOT / "reports"


def hostile_store(tmp_path: Path) -> Path:
    documents = read_jsonl(ROOT / "examples" / "us_russia.jsonl")
    for document in documents:
        document.update(source="S" * 5000 + ": x", title="T" * 3000)
    return build_store(tmp_path / "m.duckdb", documents, read_jsonl(EXAMPLE_CLAIMS))


def test_overlong_title_source_and_measure_are_cut_not_a_crash(tmp_path: Path) -> None:
    raw = {"title": "Trade " * 140, "measure": "Measure " * 200, "metric": "trade",
           "entities": ["Russia", "United States"], "kind": "timeline", "output": "t"}  # fmt: skip
    with connect_read_only(hostile_store(tmp_path)) as con:
        chart = render_chart(query_report(con, definition_from_toml(raw, "t.toml")))
    assert Image.open(io.BytesIO(chart.png)).size == (1920, 1080)
    assert "S" * 5000 not in chart.source_line and "…" in chart.source_line
    assert chart.title.startswith("Trade Trade")  # the words kept whole for the index and alt text
    assert b"<desc" in chart.svg


def test_one_chart_failing_to_draw_leaves_the_others_and_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(
        tmp_path / "m.duckdb", read_jsonl(ROOT / "examples" / "us_russia.jsonl"), read_jsonl(EXAMPLE_CLAIMS)
    )
    real = index_page.render_chart

    def flaky(data):  # type: ignore[no-untyped-def]
        if data.definition.output == "us_sanctions_on_russia":
            raise ValueError("Width and height specified must be non-negative")
        return real(data)

    monkeypatch.setattr(index_page, "render_chart", flaky)
    failures: list[ReportError] = []
    out = tmp_path / "out"
    written = render_reports(sorted(REPORTS.glob("*.toml")), db, out, on_error=failures.append)
    assert [p.name for p in written] == ["us_russia_trade.png", "putin_trump_contacts.png"]
    (failure,) = failures
    assert str(failure).startswith(f"{REPORTS / '20_us_sanctions_on_russia.toml'}: could not draw this chart")
    assert "ValueError" in str(failure)
    assert "putin_trump_contacts.png" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "stray",
    ['{"unrelated": true}', "[1, 2]", '{"name": "stray", "title": 5}', "not json", '{"name": "../x"}'],
    ids=["other-keys", "list", "wrong-type", "broken", "bad-name"],
)
def test_a_stray_json_beside_a_png_is_skipped(tmp_path: Path, stray: str) -> None:
    (tmp_path / "stray.png").write_bytes(b"\x89PNG")
    (tmp_path / "stray.json").write_text(stray, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "us_russia_trade.png", tmp_path / "other.png")
    write_index(tmp_path)  # no KeyError, no TypeError
    assert "stray" not in (tmp_path / "index.md").read_text(encoding="utf-8")
    assert (tmp_path / "stray.json").read_text(encoding="utf-8") == stray  # left as it was
