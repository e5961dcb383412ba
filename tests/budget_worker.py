"""Run a check on one input in a separate process with a time budget, so that catastrophic
backtracking shows up as an overrun (the worker is killed) instead of a test run that never ends."""

from __future__ import annotations

import gc
import multiprocessing
import re
import re._constants as sre  # the parse tree's opcodes: which patterns begin with blanks
import re._parser as sre_parse
from collections.abc import Callable
from datetime import date
from functools import cache
from multiprocessing.connection import Connection
from typing import Any

BUDGET_SECONDS = 5.0
"""Per input. A linear pass over the longest generated input (50,000 characters) takes well under a
second even on a busy 2-core machine; a quadratic regex needs minutes there, an exponential one forever."""


@cache
def _module_patterns() -> tuple[re.Pattern[str], ...]:
    """Every regex that importing and running the extractor and readers compiled (not Python's own)."""
    import html.parser
    import json

    import dateparser

    json.loads('{"a": "b"}')  # the standard library's and dateparser's own patterns are not ours
    html.parser.HTMLParser().feed("<p a='b'>x</p>")
    dateparser.parse("Tue, 10 Dec 2019 08:00:00 GMT")
    before = {id(obj) for obj in gc.get_objects() if isinstance(obj, re.Pattern)}
    from metrics.link.extract import claims_from_text
    from metrics.read.dateline import parse_date_string, published_from_text
    from metrics.read.html import html_to_text

    claims_from_text(
        "Exports rose 5 pct to $20 billion in 2019 from 1986, Russia said on 10 December.", date(2019, 12, 10)
    )
    published_from_text("LONDON, March 3 - Output rose in 1987.")
    parse_date_string("Tue, 10 Dec 2019 08:00:00 GMT")
    html_to_text("<p>x</p>")
    from metrics import lazy_re

    lazy_re.compile_all()  # the patterns the sample above did not need are compiled on first use
    return tuple(
        obj
        for obj in gc.get_objects()
        if isinstance(obj, re.Pattern) and id(obj) not in before and isinstance(obj.pattern, str)
    )


_BLANKS = frozenset({ord(" "), ord("\t")})
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _blank_class(item: tuple[Any, Any]) -> bool:
    """A character class, or a character, that a space or tab belongs to."""
    op, arg = item
    if op is sre.LITERAL:
        return arg in _BLANKS
    if op is not sre.IN:
        return False
    return any(
        (kind is sre.LITERAL and value in _BLANKS)
        or (kind is sre.CATEGORY and value is sre.CATEGORY_SPACE)
        or (kind is sre.RANGE and value[0] <= ord(" ") <= value[1])
        for kind, value in arg
    )


def starts_with_blanks(sequence: Any) -> bool:
    """Whether a parsed pattern can begin with a run of blanks of any length: an unbounded repeat of a
    class holding the space or tab ('[ \\t,]*+', '\\s+'), or a group, repeat or branch that can begin
    with one. Read from the parse tree, so no spelling of such a prefix escapes the list."""
    if not len(sequence):
        return False
    op, arg = sequence[0]
    if op in _REPEATS:
        _low, high, body = arg
        return len(body) > 0 and (
            (high is sre.MAXREPEAT and _blank_class(body[0])) or starts_with_blanks(body)
        )
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return starts_with_blanks(arg[-1])
    if op is sre.BRANCH:
        return any(starts_with_blanks(branch) for branch in arg[1])
    return False


def known_nonlinear() -> dict[str, str]:
    """Window patterns: those that can start with a run of blanks (`starts_with_blanks`), which the
    finders and the linker only .match (or .fullmatch) right after a number, a unit or a date, and
    those that end with '$', which they only search in a short window before one. Searched over a whole
    text they are quadratic on a long run of blanks; test_the_listed_nonlinear_patterns_are_linear keeps
    them fast on a run of 5,000, and the extraction tests show that extraction stays linear."""
    listed = {
        p.pattern: "starts with blanks: .match-ed after a token, quadratic if searched over blanks"
        for p in _module_patterns()
        if starts_with_blanks(sre_parse.parse(p.pattern, p.flags))
    }
    listed.update(
        (p.pattern, "ends with '$': searched only in the few characters before a number")
        for p in _module_patterns()
        if p.pattern.endswith("$") and not p.pattern.endswith("\\$")
    )
    return listed


def _patterns(text: str) -> int:
    skip = known_nonlinear()
    return sum(1 for p in _module_patterns() if p.pattern not in skip for _ in p.finditer(text))


def _known_nonlinear_sources(_text: str) -> list[str]:
    listed = known_nonlinear()
    return sorted({p.pattern for p in _module_patterns() if p.pattern in listed})


def _known_nonlinear_searched(pattern_and_text: tuple[str, str]) -> int:
    """One listed pattern searched over a whole text (each gets the budget of its own: their number grows
    with the finders, and their sum on a busy machine came near one budget)."""
    source, text = pattern_and_text
    return sum(1 for p in _module_patterns() if p.pattern == source for _ in p.finditer(text))


def _reading(text: str) -> int:
    from metrics.read.dateline import parse_date_string, published_from_text
    from metrics.read.decoding import decode_bytes
    from metrics.read.html import html_to_text

    published_from_text(text)
    parse_date_string(text[:64])
    html_to_text(text)
    if "\x00" not in text:
        decode_bytes(text.encode("utf-8", "surrogatepass"), "<fuzz>")
    return 0


def _extract(text: str) -> int:
    from metrics.link.extract import claims_from_text

    return len(claims_from_text(text, date(2019, 12, 10)))


CHECKS: dict[str, Callable[[Any], object]] = {
    "patterns": _patterns,
    "known_nonlinear_sources": _known_nonlinear_sources,
    "known_nonlinear": _known_nonlinear_searched,
    "pattern_count": lambda _text: len(_module_patterns()),
    "reading": _reading,
    "extract": _extract,
    "known_exponential": lambda text: int(bool(re.match(r"(?:a|aa)+$", text))),  # tests the harness
}


def _serve(connection: Connection) -> None:
    _module_patterns()
    connection.send("ready")
    while True:
        name, text = connection.recv()
        try:
            connection.send(("ok", CHECKS[name](text)))
        except Exception as error:  # reported to the test, which fails on it
            connection.send(("error", f"{type(error).__name__}: {error}"))


class BudgetWorker:
    """One long-lived worker process; `run` returns ("ok" | "error" | "overrun", detail)."""

    def __init__(self) -> None:
        self._process: Any = None
        self._connection: Connection | None = None

    def _start(self) -> Connection:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        if not parent.poll(120) or parent.recv() != "ready":
            raise RuntimeError("the budget worker did not start")
        self._connection = parent
        return parent

    def run(self, check: str, text: object, budget: float = BUDGET_SECONDS) -> tuple[str, object]:
        connection = self._connection or self._start()
        connection.send((check, text))
        if connection.poll(budget):
            return connection.recv()
        self.close()
        return "overrun", f"more than {budget:g} s"

    def close(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process = None
        self._connection = None
