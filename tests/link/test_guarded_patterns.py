"""A first-character guard (lexicon.first_char_guarded) must not change what a pattern finds: each
guarded pattern gives the same matches as its regex without the guard, over texts written to test
it, Unicode case folds included ("ſ" is an "s" and "K" (Kelvin) a "k" under IGNORECASE)."""

from __future__ import annotations

import re

import pytest

from metrics.link import heads, keywords, sentences

GUARDED = {
    "sentence ends": sentences._CANDIDATE,
    "comparison cues": keywords.FROM_BETWEEN,
    "later": keywords.LATER,
    "present tense": keywords.PRESENT,
    "share base": heads._BASE,
    "quoted currencies": keywords.quoted_currencies()[0],
    **{f"difference {metric}": pattern for pattern, metric in heads._differences()},
}

TEXTS = [
    'Output rose 4 pct from a year ago. Against that, exports fell! "Prices" stand at 3 dlrs.\n\nNew line',
    "Sales were higher compared  with 1985 and versus the vs. column; it has since then been later revised.",
    "AGAINST ALL ODDS, THE FIRM NOW OWNS 5 PCT. Is it? (Yes.) [Maybe] 'quoted' end.",
    "ſince ſubſequently Kontrols İs ıs hoLDS haſ ſtands remainſ— afterwards,thereafter.later",
    "Mr. T.R. Reid said: what... ! ? . 1. 2.\tThe end",
    "The Dollar was at 141 Yen and the STERLING at 1.60 dlrs; the gap between imports and exports widened.",
    "A shortfall between Exports and the imports, the IMBALANCE between its exports and its own imports.",
    "2.8 PCT OF THE workforce, 5 per  cent of its shares, 3 % of total output, ℅ Pct of",
    "",
]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    assert source.startswith("(?=[") and source.endswith(")")
    return re.compile(source[source.index("])(?:") + 5 : -1], pattern.flags)


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guard_changes_no_match(name: str) -> None:
    guarded = GUARDED[name]
    plain = _unguarded(guarded)
    for text in TEXTS:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for start in range(0, len(text), 7):
            got, want = guarded.search(text, start, start + 30), plain.search(text, start, start + 30)
            assert (got and got.span()) == (want and want.span())


def test_guard_rejects_a_text_without_its_first_characters() -> None:
    assert keywords.FROM_BETWEEN.search("Output rose 4 pct from 1985") is not None
    assert keywords.FROM_BETWEEN.search("Output rose 4 pct") is None
