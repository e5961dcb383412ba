"""`metrics extract` as a user runs it: files, JSONL, stdin, --published, bad input without a traceback.

In process (tests/cli_invoke.py) but for the one test about the process's own standard output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_invoke import Ran, invoke


def run(*args: str, stdin: str | None = None) -> Ran:
    return invoke("extract", *args, stdin=stdin)


def records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


REQUIRED = {
    "doc_id", "claim_id", "metric", "subject", "counterpart", "value", "low", "high", "unit", "qualifier",
    "status", "period_start", "period_end", "grain", "start", "end", "quote",
}  # fmt: skip


def test_text_file_with_published(tmp_path: Path) -> None:
    text = "Canada's exports to Japan reached $12 billion last May.\nIt was the best month on record.\n"
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    result = run(str(path), "--published", "2019-12-10")
    assert result.returncode == 0, result.stderr
    [claim] = records(result.stdout)
    assert claim.keys() >= REQUIRED
    assert text[claim["start"] : claim["end"]] == "$12 billion"
    assert claim["value"] == 12e9
    assert claim["unit"] == "USD"
    assert (claim["period_start"], claim["period_end"]) == ("2019-05-01", "2019-05-31")
    assert claim["published"] == "2019-12-10"


def test_jsonl_ids_dates_and_offsets(tmp_path: Path) -> None:
    lines = [
        {"id": "a-1", "text": "Sales hit $9 million last May.", "published": "2019-03-01"},
        {"id": "a-2", "text": "  Imports fell 4 pct in 2018.", "date": "2019-01-15"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    claims = records(result.stdout)
    assert [c["doc_id"] for c in claims] == ["a-1", "a-2"]
    for claim, line in zip(claims, lines, strict=True):
        assert line["text"][claim["start"] : claim["end"]] == claim["surface"]
    assert claims[0]["period_start"] == "2018-05-01"  # the last May before the JSONL date
    assert claims[1]["value"] == 4 and claims[1]["unit"] == "%"


def test_published_option_overrides_jsonl_date(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "b", "text": "Sales hit $9 million last May.", "published": "2019-03-01"})
    )
    result = run(str(path), "--published", "2019-12-10")
    assert result.returncode == 0, result.stderr
    [claim] = records(result.stdout)
    assert claim["period_start"] == "2019-05-01"
    assert claim["published"] == "2019-12-10"


def test_stdin_dash() -> None:
    result = run(
        "-", "--published", "2020-02-01", stdin="Washington has used sanctions 77 times since 2011.\n"
    )
    assert result.returncode == 0, result.stderr
    [claim] = records(result.stdout)
    assert claim["value"] == 77
    assert claim["metric"] == "sanctions"
    assert (claim["period_start"], claim["period_end"]) == ("2011-01-01", "2020-02-01")


def test_claim_ids_repeat_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "c", "text": "Trade rose to $4 billion in 2017 and $5 billion in 2018."})
    )
    first, second = run(str(path)), run(str(path))
    ids = [c["claim_id"] for c in records(first.stdout)]
    assert len(ids) == 2
    assert ids == [c["claim_id"] for c in records(second.stdout)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt"),
        ("broken.jsonl", '{"id": "x", "text": "Sales rose 5%."}\n{"id": \n', "broken.jsonl:2"),
        ("no-text.jsonl", '{"id": "x", "body": "Sales rose 5%."}\n', "no-text.jsonl:1"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_good_documents_still_come_out_beside_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "ok", "text": "Exports rose 5% in 2018."}\nnot json\n', encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 2
    assert [c["doc_id"] for c in records(result.stdout)] == ["ok"]


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Sales were $7 million in 2018.", encoding="utf-8")
    result = run(str(path), "--published", "someday")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--published" in result.stderr


def test_a_folder_without_documents_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    result = run(str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no documents found" in result.stderr


SURROGATE_FEED = (
    '{"id": "s1", "text": "Sales rose \\ud83d to $5 billion in 2019."}\n'
    '{"id": "s2", "text": "Imports fell 3 pct in 2018 \\udc00."}\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "ascii"])
def test_a_lone_surrogate_is_replaced_in_output_and_later_documents_come_out(
    tmp_path: Path, encoding: str
) -> None:
    """About the process: its real standard output, in the encodings a terminal or a pipe may have."""
    path = tmp_path / "feed.jsonl"
    path.write_text(SURROGATE_FEED, encoding="utf-8")
    command = [sys.executable, "-c", "from metrics.cli.main import main; main()", "extract", str(path)]
    env = {"PYTHONIOENCODING": encoding, "PATH": ""}
    result = subprocess.run(command, capture_output=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    claims = [json.loads(line) for line in result.stdout.decode(encoding).splitlines()]
    assert [c["doc_id"] for c in claims] == ["s1", "s2"]
    texts = [json.loads(line)["text"] for line in SURROGATE_FEED.splitlines()]
    for claim, text in zip(claims, texts, strict=True):
        assert text[claim["start"] : claim["end"]] == claim["surface"]  # offsets unchanged
        assert "\ufffd" in claim["quote"] and len(claim["quote"]) == len(text)


def test_metrics_times_writes_a_lone_surrogate_as_any_output_can_take_it(tmp_path: Path) -> None:
    """`metrics times` shares extract's writer: a surrogate in what it prints (here the document's own
    id) is replaced, not a UnicodeEncodeError that loses every later document."""
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "t1\\ud83d", "published": "2019-12-10", "text": "Talks were held in March 2019."}\n'
        '{"id": "t2", "published": "2019-12-10", "text": "Sales rose in 2018."}\n',
        encoding="utf-8",
    )
    command = [sys.executable, "-c", "from metrics.cli.main import main; main()", "times", str(path)]
    result = subprocess.run(command, capture_output=True, timeout=120, env={"PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0 and result.stderr == b"", result.stderr.decode("utf-8", "replace")
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert {row["doc_id"] for row in rows} == {"t1\ufffd", "t2"}
