"""No catastrophic backtracking: every regex the readers and the extractor compile, and the readers
and extractor as a whole, get through pathological text within a time budget per input (see
budget_worker.BUDGET_SECONDS for why the budget proves linearity rather than measuring speed)."""

from __future__ import annotations

import re._parser as sre_parse
from collections.abc import Iterator

import pytest
from budget_worker import BudgetWorker, starts_with_blanks
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

# Pieces that the patterns try hard to match and then fail on: digits and separators, scale and
# currency words, month names, abbreviations, quotes, dashes, datelines, spaces of every kind.
PIECES = [
    "1", "1 ", "1,", "1.", "1-", "12/", "$", "$1", "£", "%", " ", "\t", "\n", "-", "–", ".", ",", "'", '"',
    "“", "(", ")", "a", "A", "of ", "the ", "aged ", "billion ", "mln ", "pct ", "January ", "Jan. ",
    "1st ", "10th of ", "Feb 26 - ", "LONDON, ", "U.S. ", "Mr. ", "from ", "to ", "and ", "between ",
    "since ", "in 1987 ", "Q4 ", "<p>", "<div ", "&#", "é", "\u00a0", "\u2009", "Russia ", "Putin ",
]  # fmt: skip
MAX_LENGTH = 50_000


@st.composite
def pathological(draw: st.DrawFn) -> str:
    """A short run of pieces repeated to tens of thousands of characters, with a spoiler at the end."""
    unit = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4)))
    length = draw(st.integers(min_value=5_000, max_value=MAX_LENGTH))
    spoiler = draw(st.sampled_from(["", "!", "x", "\x00", "9" * 20]))
    return unit * (length // len(unit)) + spoiler


PATHOLOGY = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,  # the same inputs on every run: a budget overrun is then a finding, never luck
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def worker() -> Iterator[BudgetWorker]:
    budget = BudgetWorker()
    yield budget
    budget.close()


def within_budget(worker: BudgetWorker, check: str, text: str) -> None:
    outcome, detail = worker.run(check, text)
    assert outcome == "ok", f"{check} on {text[:40]!r}... ({len(text)} chars): {outcome}, {detail}"


def test_the_worker_sees_the_extractors_patterns(worker: BudgetWorker) -> None:
    outcome, count = worker.run("pattern_count", "")
    assert outcome == "ok" and isinstance(count, int) and count >= 30  # numbers, timex, claims, dates...


@pytest.mark.slow
@PATHOLOGY
@given(text=pathological())
@example(text="1 " * 25_000)
@example(text="1," * 25_000 + "x")
@example(text=" " * MAX_LENGTH + "!")
@example(text="a" * MAX_LENGTH + "1")
def test_every_pattern_is_linear_on_pathological_text(worker: BudgetWorker, text: str) -> None:
    within_budget(worker, "patterns", text)


@pytest.mark.parametrize(
    ("pattern", "listed"),
    [
        (r"[ \t,]*+(?:in\s+dollar\s+terms)", True),  # a class with more than blanks in it
        (r"\s+of\b", True),
        (r"(?:[ \t]++|-)?(?:km|kg)\b", True),  # an optional prefix of blanks
        (r"(?:[ \t]+[a-z]+){0,3}?[ \t]+from", True),  # a bounded repeat that begins with a run of blanks
        (r"(?:,|[ \t]*and)\b", True),  # one branch may begin with blanks
        (r"(?<![ \t,])[ \t,]*+in\b", False),  # the lookbehind: it begins only where a run of blanks does
        (r"[ \t]?\$", False),  # at most one blank
        (r"[ \t-]{0,8}[A-Z]", False),
        (r"[A-Za-z]+[ \t]+", False),
    ],
)
def test_the_harness_lists_every_pattern_that_begins_with_blanks(pattern: str, listed: bool) -> None:
    assert starts_with_blanks(sre_parse.parse(pattern)) is listed


def test_the_listed_nonlinear_patterns_are_linear(worker: BudgetWorker) -> None:
    outcome, sources = worker.run("known_nonlinear_sources", "")
    assert outcome == "ok" and isinstance(sources, list) and sources
    for source in sources:  # each searched over a whole run of blanks, within a budget of its own
        outcome, detail = worker.run("known_nonlinear", (source, " " * 5_000 + "!"))
        assert outcome == "ok", f"{source[:60]!r} on 5,000 blanks: {outcome}, {detail}"


def test_a_number_followed_by_a_long_run_of_blanks_is_linear(worker: BudgetWorker) -> None:
    within_budget(worker, "extract", "Exports were 5" + " " * 20_000 + "x")


@pytest.mark.slow
@PATHOLOGY
@given(text=pathological())
@example(text="LONDON, " * 6_000)
@example(text="<div " * 10_000)
def test_reading_and_datelines_are_linear_on_pathological_text(worker: BudgetWorker, text: str) -> None:
    within_budget(worker, "reading", text)


@pytest.mark.slow
@PATHOLOGY
@given(text=pathological())
@example(text="Trade " + "1 " * 10_000)
@example(text="rose 5 pct since 2019 and " * 1_500)
@example(text="Exports were 5" + " " * 40_000 + "x")
def test_extraction_is_linear_on_pathological_text(worker: BudgetWorker, text: str) -> None:
    within_budget(worker, "extract", text)


def test_the_budget_catches_a_catastrophic_pattern() -> None:
    """The harness can fail: a known exponential regex overruns; the next input gets a fresh worker."""
    worker = BudgetWorker()
    try:
        assert worker.run("known_exponential", "a" * 24, budget=30)[0] == "ok"
        assert worker.run("known_exponential", "a" * 60 + "!", budget=1.0)[0] == "overrun"
        assert worker.run("extract", "Exports were $5 billion in 2019.") == ("ok", 1)
    finally:
        worker.close()
