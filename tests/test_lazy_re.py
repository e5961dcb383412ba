"""Patterns compiled on first use behave as compiled patterns, and are not compiled before."""

from __future__ import annotations

import re

from metrics import lazy_re
from metrics.lazy_re import LazyPattern


def test_a_lazy_pattern_is_not_compiled_until_used() -> None:
    pattern = lazy_re.compile(r"(?P<amount>\d+) (?P<unit>pct|dlrs)", re.IGNORECASE)
    assert isinstance(pattern, LazyPattern)
    assert pattern._compiled is None
    assert pattern.pattern.startswith("(?P<amount>")  # its source is there without compiling
    assert pattern._compiled is None
    match = pattern.search("Exports rose 5 PCT in 2019")
    assert match is not None and match.group("amount", "unit") == ("5", "PCT")
    assert pattern._compiled is not None


def test_a_lazy_pattern_gives_what_the_compiled_pattern_gives() -> None:
    source, flags = r"\b(\d+)(?:\.(\d+))?\s*(billion|mln)?", re.IGNORECASE
    lazy, eager = lazy_re.compile(source, flags), re.compile(source, flags)
    text = "Sales were 4.5 billion, against 3 mln, and 12 a year ago."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub("#", text) == eager.sub("#", text)
    assert lazy.split(text) == eager.split(text)
    at, expected = lazy.match(text, 11), eager.match(text, 11)
    assert at is not None and expected is not None and at.span() == expected.span()
    assert lazy.fullmatch("4.5 billion") is not None
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        eager.flags,
        eager.groups,
        dict(eager.groupindex),
    )


def test_an_invalid_lazy_pattern_fails_when_used() -> None:
    broken = LazyPattern(r"(unclosed", 0)  # made directly: not among the project's patterns
    try:
        broken.search("x")
    except re.error:
        return
    raise AssertionError("an invalid pattern compiled")


def test_compile_all_compiles_every_pattern_the_extractor_defines() -> None:
    import metrics.link.extract  # noqa: F401 (imported for the patterns its modules define)

    compiled = lazy_re.compile_all()
    assert len(compiled) >= 150  # the finders' and linker's module-level patterns
    assert all(isinstance(pattern, re.Pattern) for pattern in compiled)
