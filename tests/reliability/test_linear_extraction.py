"""Work and memory linear in the text on any document: 1 MB of each shape a scraped table or list takes
is extracted in a child process under a hard memory limit (resource.setrlimit) and a time budget.

Before quotes were bounded, 300 KB of "$1 " needed over 20 GB: every claim held its whole sentence, and
nothing bounded a sentence. Before sentences were bounded, "rose 5 pct since 2019 and " repeated was
quadratic (Linker._govern compares every figure of a sentence with every time expression in it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.errors import InputError
from metrics.link.extract import claims_from_text
from metrics.link.sentences import ELLIPSIS, MAX_SENTENCE_CHARS, QUOTE_CHARS, Sentences
from metrics.read.documents import MAX_NUMBERS_PER_DOCUMENT, read_documents

MEGABYTE = 1_000_000
MEMORY_LIMIT = 1_024 * 1_024 * 1_024
"""Address space of the child. The densest shape ("Trade 1 1 1 ...", 500,000 claims) peaked at about
420 MB resident here; the unbounded quotes needed a thousand times that."""
SECONDS_PER_MEGABYTE = 360
"""The densest shape ("Trade 1 1 1 ...", 500,000 claims) is linear at 0.19 ms a figure, the cost of any
claim (9.8, 18.6 and 38.3 s of CPU at 50,000, 100,000 and 200,000 figures on this 2-core machine,
extractor 1.12.0); the whole megabyte took 114 s, and 116 s at 1.11.0, the two run at once. Under other
load it overran the 120 s this budget was. A step quadratic in a sentence or in the figures of a
document takes hours at 1 MB, so the budget still tells linear from quadratic."""


def _repeat(piece: str) -> str:
    return piece * (MEGABYTE // len(piece))


SHAPES = {
    "dollars": _repeat("$1 "),
    "from-to": _repeat("from 1 to 2 from 3 to "),
    "percentages": " ".join(f"{i} pct" for i in range(MEGABYTE // 9)),
    "one word then numbers": "Trade " + "1 " * (MEGABYTE // 2),
    "blank runs": _repeat("Exports were 5" + " " * 20_000 + "x "),
    "figures and times": _repeat("rose 5 pct since 2019 and "),
    "dated figures": _repeat("$1 in 2019 "),
    "one long word": "Exports were $" + "1" * MEGABYTE,
    "joiners in numbers": _repeat("$3\u200d0 bln "),
    "other digits": _repeat("\u0663\u0660 pct in \u0662\u0660\u0661\u0669, "),
    "powers": _repeat("10^400 dlrs "),
}

CHILD = """
import json, resource, sys, time
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
text = sys.stdin.read()
from metrics.errors import InputError
from metrics.link.extract import claims_from_text
from metrics.read.documents import MAX_NUMBERS_PER_DOCUMENT, read_documents
started = time.perf_counter()
claims = claims_from_text(text)
seconds = time.perf_counter() - started
findable = all(text[c.start:c.end] == c.surface and c.quote.strip("\u2026") in text for c in claims[::97])
from metrics.find.normal_text import INVISIBLE
longest = max((len(c.quote) - sum(c.quote.count(i) for i in INVISIBLE) for c in claims), default=0)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"claims": len(claims), "seconds": seconds, "findable": findable, "longest": longest,
                  "peak_mb": peak}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_a_megabyte_of_each_pathological_shape_extracts_within_memory_and_time(shape: str) -> None:
    text = SHAPES[shape]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_LIMIT)],
        input=text,
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_MEGABYTE * len(text) / MEGABYTE,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2_000:]
    result = json.loads(done.stdout)
    assert result["findable"]
    assert result["longest"] <= QUOTE_CHARS + 2 * len(ELLIPSIS)
    print(shape, result)


def test_the_child_fails_when_it_needs_more_than_the_limit() -> None:
    """The limit bites: a child that holds two thousand 1 MB copies of its text dies of MemoryError."""
    hungry = "import resource, sys\nlimit = int(sys.argv[1])\n"
    hungry += "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    hungry += "copies = [('x' * 1_000_000) + str(i) for i in range(2_000)]\n"
    done = subprocess.run(
        [sys.executable, "-c", hungry, str(MEMORY_LIMIT)], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr


def test_a_long_sentence_is_quoted_as_a_window_around_its_figure() -> None:
    words = " ".join(f"item{i} cost ${i} million" for i in range(300))
    text = f"The list: {words}. Nothing else was said. " + " ".join(f"part{i} cost ${i}" for i in range(60))
    claims = claims_from_text(text)
    assert len(claims) == 360
    sentences = Sentences(text)
    openings = {sentences.span(i)[0] for i in range(len(sentences.starts))}
    for claim in claims:
        assert len(claim.quote) <= QUOTE_CHARS + 2 * len(ELLIPSIS)
        inner = claim.quote.strip(ELLIPSIS)
        at = text.find(inner, max(0, claim.start - QUOTE_CHARS), claim.end + QUOTE_CHARS)
        assert at >= 0 and at <= claim.start and claim.end <= at + len(inner)  # the figure is in its quote
        assert claim.start - at >= 40 or at in openings  # context before it, unless it opens a sentence
        assert not inner[0].isspace() and not inner[-1].isspace()
    middle = claims[330].quote  # in a sentence of about 800 characters: one cut on each side
    assert middle.startswith(ELLIPSIS) and middle.endswith(ELLIPSIS)
    inner = middle.strip(ELLIPSIS)
    at = text.index(inner)
    assert text[at - 1] == " " and text[at + len(inner)] == " "  # cut between words


def test_a_short_sentence_is_its_own_quote_and_one_window_is_one_string() -> None:
    claims = claims_from_text("Exports rose to $5 billion in 2019. Imports fell 3 pct.")
    assert [c.quote for c in claims] == ["Exports rose to $5 billion in 2019.", "Imports fell 3 pct."]
    many = claims_from_text("$1 " * 5_000)
    assert len({id(c.quote) for c in many}) < len(many) / 20  # claims of one window share its quote


def test_sentences_are_bounded_and_cut_at_blanks() -> None:
    text = "word " * 3_000 + "end."
    sentences = Sentences(text)
    spans = [sentences.span(i) for i in range(len(sentences.starts))]
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[start - 1] == " " for start, _end in spans[1:])
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    unbroken = Sentences("x" * (3 * MAX_SENTENCE_CHARS))
    assert len(unbroken.starts) == 3


def test_a_document_with_more_numbers_than_the_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    """The per-document limit: a table of numbers is named and skipped, in a file or a JSONL line."""
    at_limit = "$1 " * MAX_NUMBERS_PER_DOCUMENT
    over = at_limit + "$1"
    (tmp_path / "table.txt").write_text(over, encoding="utf-8")
    (tmp_path / "list.txt").write_text(at_limit, encoding="utf-8")
    rows = [{"id": "big", "text": over}, {"id": "small", "text": "Sales rose 5 pct in 2019."}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    errors: list[InputError] = []
    paths = [str(tmp_path / name) for name in ("table.txt", "list.txt", "feed.jsonl")]
    documents = list(read_documents(paths, on_error=errors.append))
    assert [d.path for d in documents] == [paths[1], paths[2]]
    assert [(e.path, e.line) for e in errors] == [(paths[0], None), (paths[2], 1)]
    assert all(f"more than {MAX_NUMBERS_PER_DOCUMENT:,} numbers" in e.message for e in errors)
