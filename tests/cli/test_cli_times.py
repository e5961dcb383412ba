"""`metrics times`: one JSON object per time expression, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from metrics.cli.main import cli


def test_times_prints_timex3_objects(tmp_path: Path) -> None:
    path = tmp_path / "story.jsonl"
    story = {
        "id": "s1",
        "text": "Orders fell in the third quarter and will recover next year.",
        "published": "2020-11-04",
    }
    path.write_text(json.dumps(story) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["times", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("the third quarter", "DATE", "2020-Q3"),
        ("next year", "DATE", "2021"),
    ]
    assert rows[0]["doc_id"] == "s1" and rows[0]["period_start"] == "2020-07-01"
    assert story["text"][rows[1]["start"] : rows[1]["end"]] == "next year"


def test_times_published_option_and_missing_input(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Prices rose yesterday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["times", str(path), "--published", "2021-05-06"])
    assert json.loads(result.output.splitlines()[0])["value"] == "2021-05-05"
    missing = CliRunner().invoke(cli, ["times", str(tmp_path / "absent.txt")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
