"""Sentence boundaries, found once per document by one regex pass (no model: news prose is regular)."""

from __future__ import annotations

import re
from bisect import bisect_right

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "st",
        "mt",
        "ft",
        "inc",
        "corp",
        "co",
        "ltd",
        "cos",
        "bros",
        "jr",
        "sr",
        "vs",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "approx",
        "est",
        "dept",
        "fig",
        "e.g",
        "i.e",
        "etc",
        "al",
    ]
)
# A candidate end: . ! ? (and closing quotes/brackets) before whitespace and a capital, digit or quote;
# or a line break. A full stop after a known abbreviation or a single letter ("T.R. Reid") is no end.
_CANDIDATE = re.compile(r"([.!?])[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(text: str, period_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, period_at - 12), period_at)
    if not match:
        return False
    word = match.group(1).lower().lstrip(".")
    return word in _ABBREVIATIONS or len(word) == 1 or (len(word) <= 4 and "." in word)


class Sentences:
    """The sentences of one text: `bounds(i)` gives the sentence holding character offset i."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for match in _CANDIDATE.finditer(text):
            if match.group(1) == "." and _is_abbreviation(text, match.start()):
                continue
            starts.append(match.end())
        self.starts = starts

    def index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence around `offset`, without surrounding whitespace."""
        i = self.index(offset)
        return self.span(i)

    def span(self, i: int) -> tuple[int, int]:
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end
