"""Sentence boundaries, found once per document by one regex pass (no model: news prose is regular).

Both a sentence and a claim's quote are bounded, so that work and memory stay linear in the text
whatever it holds: a scraped table or list ("$1 $1 $1 ...", "0 pct 1 pct 2 pct ...") has no full
stop, and the linker's work per figure grows with its sentence, as did each claim's quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml, first_char_guarded

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
_CANDIDATE = first_char_guarded(".!?\n", r"([.!?])[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE = lazy_re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(text: str, period_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, period_at - 12), period_at)
    if not match:
        return False
    word = match.group(1).lower().lstrip(".")
    if len(word) == 1 and match.start() > 0 and text[match.start() - 1].isdigit():
        return False  # "closed at 241p. Acme was unchanged": a unit after a figure, no initial
    if word in _closing() and _opener().match(text, period_at + 1):
        return False  # "... Norrby Airlines Inc. The airline said": a sentence starts
    return word in _ABBREVIATIONS or len(word) == 1 or (len(word) <= 4 and "." in word)


@cache
def _closing() -> frozenset[str]:
    """Legal forms that may close a sentence (words.toml [sentence_openers])."""
    return frozenset(_toml("words.toml")["sentence_openers"]["closing"])


@cache
def _opener() -> re.Pattern[str]:
    """One of the words that open a sentence after such a legal form, after the blank that follows it."""
    words = "|".join(_toml("words.toml")["sentence_openers"]["words"])
    return re.compile(rf"(?<=[.!?])[\"'”’)\]]*+[ \t]++[\"'“‘(\[]?(?:{words})\b")  # after a stop only


MAX_SENTENCE_CHARS = 1_000
"""A longer stretch without a sentence end is cut at the last blank before this many characters (news
sentences are far shorter: the longest that holds a claim in the Reuters and BBC corpora is 654)."""
QUOTE_CHARS = 400
"""A claim's quote is its whole sentence when that is at most this long, else a window of at most this
many characters around the figure, cut at blanks and marked with "…" where it was cut (invisible
characters such as zero-width joiners, which find.normal_text leaves out for matching, not counted)."""
ELLIPSIS = "…"
_BLANKS = (" ", "\t", "\n", "\r", "\u00a0")


def _last_blank(text: str, low: int, high: int) -> int:
    """Offset of the last blank in text[low:high], or -1."""
    return max(text.rfind(blank, low, high) for blank in _BLANKS)


def _first_blank(text: str, low: int, high: int) -> int:
    """Offset of the first blank in text[low:high], or -1."""
    found = [at for at in (text.find(blank, low, high) for blank in _BLANKS) if at >= 0]
    return min(found, default=-1)


def _bounded(text: str, starts: list[int]) -> list[int]:
    """`starts` with a cut added inside every sentence longer than MAX_SENTENCE_CHARS."""
    out: list[int] = []
    ends = [*starts[1:], len(text)]
    for start, end in zip(starts, ends, strict=True):
        out.append(start)
        while end - start > MAX_SENTENCE_CHARS:
            blank = _last_blank(text, start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            start = blank + 1 if blank >= 0 else start + MAX_SENTENCE_CHARS
            out.append(start)
    return out


class Sentences:
    """The sentences of one text: `bounds(i)` gives the sentence holding character offset i."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for match in _CANDIDATE.finditer(text):
            if match.group(1) == "." and _is_abbreviation(text, match.start()):
                continue
            starts.append(match.end())
        self.starts = _bounded(text, starts)
        self._quotes: dict[tuple[int, int], tuple[str, int, int]] = {}
        self.source: Callable[[int, int], str] = self._slice
        """Where a quote's words come from: this text, or the text as given when this is a copy made for
        matching (find.normal_text), so that a quote is always text exactly as written."""

    def _slice(self, low: int, high: int) -> str:
        return self.text[low:high]

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

    def quote(self, sentence: tuple[int, int], start: int, end: int) -> str:
        """The quote of the figure at text[start:end] in `sentence` (see QUOTE_CHARS).

        Windows over a long sentence start on a grid of half their length and the figure gets the one it
        sits nearest the middle of, so it has about a quarter window of context on each side, and the
        claims of one window share one string: the quotes of a document take memory linear in its text,
        however many figures it holds. Without its "…" marks a quote is text exactly as written, so it is
        found in the document next to the claim's start and end.
        """
        first, last = sentence = min(sentence[0], start), max(sentence[1], end)  # a figure over a cut
        if last - first <= QUOTE_CHARS:
            return self._cut(sentence, first, last)[0]
        step = QUOTE_CHARS // 2
        slot = max(0, ((start + end) // 2 - first - QUOTE_CHARS // 4) // step)
        low = min(first + slot * step, last - QUOTE_CHARS)
        quote, low, high = self._cut(sentence, low, low + QUOTE_CHARS)
        if low <= start and end <= high:
            return quote
        return self._cut(sentence, min(low, start), max(high, end))[0]  # a figure longer than the margin

    def _cut(self, sentence: tuple[int, int], low: int, high: int) -> tuple[str, int, int]:
        """text[low:high] moved in to whole words, marked where it cuts the sentence; and its bounds."""
        key = (low, high)
        cached = self._quotes.get(key)
        if cached is not None:
            return cached
        text = self.text
        head = tail = ""
        if low > sentence[0]:
            blank = _first_blank(text, low - 1, min(high, low + 40))
            low, head = (blank + 1 if blank >= 0 else low), ELLIPSIS
        if high < sentence[1]:
            blank = _last_blank(text, max(low, high - 40), high + 1)
            high, tail = (blank if blank > low else high), ELLIPSIS
        cut = self._quotes[key] = (head + self.source(low, high).strip() + tail, low, high)
        return cut
