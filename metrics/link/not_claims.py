"""Quantities that are found as numbers but state no claim: durations that belong to a time expression ("the
six months to June", "a 20-year low"), anything else inside a time expression ("the first half of 2019"),
rows of tables ("Shr 41 cts vs 37 cts", a line of mostly figures) and items of statistical listings ("rye
4,100 (3,900), oats 2,250 (2,600), ..."), and number words that only point back to things already named
("the two nations"). "One" is kept: NewsQuant counts it as a quantity as often as it is a determiner."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import accumulate

from metrics import lazy_re
from metrics.lexicon import Lexicon, _toml, lexicon
from metrics.read.dateline import dateline_end
from metrics.records import Quantity

_POINTS_BACK = lazy_re.compile(r"\b(?:the|these|those|both)[ \t]++$", re.IGNORECASE)
"""'the two nations', 'these three plants': the things were counted before; this names them again."""


_RANK = lazy_re.compile(
    r"(?:\b(?:the|its|their|his|her|our|a)|\w['’]s)[ \t]+(?:number|no\.|#)[ \t]*+$", re.IGNORECASE
)
"""'the number three automaker', "Acme's No. 2 plant": a rank, no figure (the dev contract's ordinals)."""


class Spans:
    """Time-expression spans, asked whether one covers a figure in O(log n): sorted by start, with the
    furthest end reached so far (a scan of every span per figure was quadratic on long lists)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _end in ordered]
        self.reach = list(accumulate((end for _start, end in ordered), max))

    def cover(self, start: int, end: int) -> bool:
        """Whether some span starts at or before `start` and ends at or after `end`."""
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and self.reach[index] >= end


_SINGULAR_UNIT = lazy_re.compile(r"(?:year|month|week|day|decade|century|hour|minute)$", re.IGNORECASE)
_MODIFIED = lazy_re.compile(r"[ \t]++(?!ago\b|earlier\b|before\b|later\b|after\b|old\b)[a-z]")
"""'the five year economic recovery': a singular unit of time with a lower-case word after it, not 'five
year ago'."""
_ONE_COMPOUND = lazy_re.compile(r"\b(?:a|an|the)[ \t]+$", re.IGNORECASE)


def _in_time_expression(text: str, quantity: Quantity, spans: Spans) -> bool:
    """Whether a duration belongs to a time expression: inside one the time finder read ("the six months
    to June", "over the past five years"), or an adjective of time ("a 20-year low", "a six-month high",
    "the five year recovery"). "for six months" stays: NewsQuant counts such spans as quantities."""
    if "-" in quantity.surface or spans.cover(quantity.start, quantity.end):
        return True
    modifier = quantity.value != 1 and _SINGULAR_UNIT.search(quantity.surface)
    return bool(modifier and _MODIFIED.match(text, quantity.end))


def _one_in_compound(text: str, quantity: Quantity) -> bool:
    """'a one-disc version', 'a one-time charge': "one" joined to its noun and led by an article is an
    adjective of the noun after it, no count of anything."""
    if quantity.surface.lower() != "one" or text[quantity.end : quantity.end + 1] != "-":
        return False
    return bool(_ONE_COMPOUND.search(text, max(0, quantity.start - 6), quantity.start))


_VS = lazy_re.compile(r"\bvs\b\.?", re.IGNORECASE)
_DIGIT_RUN = lazy_re.compile(r"\d[\d,.]*")
_WORD = lazy_re.compile(r"[A-Za-z][A-Za-z'-]*")
_NUMBER_TOKEN = lazy_re.compile(r"\(?-?[$£€]?\d[\d,.]*(?:-\d+/\d+)?\)?%?")
"""A figure of a row: '1,234', '(3.5)', '21-1/2'."""
_ROW_WORDS = frozenset({"nil", "na", "n/a"})
"""Words a results table writes in place of a figure ("Shr 1.10 dlrs vs nil", "Net 5,521,000 vs NA")."""
_NOT_GIVEN = lazy_re.compile(r"\bnot[ \t]+(?:given|available)\b", re.IGNORECASE)
"""'Shr 34 cts vs not given': the missing figure of a row."""


@cache
def _duration_abbreviations() -> frozenset[str]:
    """'mths', 'yrs' (time_words.toml [duration_abbreviations]): units of time the unit table does not
    know, so "Nine mths" is found as a count of "mths"; it is a span of time, not a claim."""
    return frozenset(_toml("time_words.toml")["duration_abbreviations"]["words"])


def _is_number(token: str, number_words: Mapping[str, float]) -> bool:
    """A figure of a table row: digits, or a number word ("Shr nine cts vs 12 cts") or "nil"."""
    if _NUMBER_TOKEN.fullmatch(token):
        return True
    word = token.lower().strip("(),")
    return word in number_words or word in _ROW_WORDS


_LISTED = lazy_re.compile(r"[A-Za-z][A-Za-z/ -]{1,30}?[ \t]+\d[\d,.]*[ \t]*\(\d[\d,.]*\)")
"""'cotton 26,992 (41,933)': an item, this period's figure, and last period's in brackets."""
TABLE_WORDS = 10
"""A line of at most this many words around its figures, with 'vs' between them, is a table row ("Shr 2.31
dlrs vs 1.96 dlrs"): a prose sentence has its verbs and more words."""
LISTED_ITEMS = 3
ROW_CHARS = 120
"""A line of mostly figures is a row of statistics only up to this length."""


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _is_table_row(line: str, number_words: Mapping[str, float]) -> bool:
    """'Shr 2.31 dlrs vs 1.96 dlrs', 'Shr nine cts vs 12 cts', 'SEARS 4.2 2.6 BIL 2.5 BIL': a row of a
    results table or statistics (figures may be written as words: a table does not change its kind)."""
    vs = _VS.search(line) is not None
    first = _DIGIT_RUN.search(line)
    if not vs and (first is None or _DIGIT_RUN.search(line, first.end()) is None):
        return False  # most lines: one figure or none
    if not vs and len(line) > ROW_CHARS:
        return False  # neither kind of row: the cheap tests first (a paragraph on one line is long)
    tokens = _NOT_GIVEN.sub("nil", line).split()
    numbers = sum(1 for token in tokens if _is_number(token, number_words))
    words = sum(1 for word in _WORD.findall(line) if word.lower() not in number_words)
    if vs and numbers >= 2 and words <= TABLE_WORDS:
        return True
    return numbers >= 3 and numbers * 2 >= len(tokens) and len(line) <= ROW_CHARS


def _is_listed(text: str, quantity: Quantity) -> bool:
    """An item of a statistical listing ('cotton 26,992 (41,933), sunflower 1,403,230 (1,190,862), ...')."""
    after = text[quantity.end : quantity.end + 3]
    if "(" not in after and ")" not in after:
        return False  # every figure of a listing item stands next to a bracket
    start, end = max(0, quantity.start - 160), min(len(text), quantity.end + 160)
    items = [m for m in _LISTED.finditer(text, start, end)]
    return len(items) >= LISTED_ITEMS and any(m.start() <= quantity.start < m.end() for m in items)


def is_claim(
    text: str,
    quantity: Quantity,
    time_spans: Sequence[tuple[int, int]] | Spans = (),
    table_rows: dict[int, bool] | None = None,
    lex: Lexicon | None = None,
) -> bool:
    """Whether a quantity found in `text` states how much or how many of something; `time_spans` are the
    offsets of the time expressions found in it; `table_rows` caches, by line start, whether a line is a
    table row; `lex` gives the units of time (the packaged lexicon when None)."""
    spans = time_spans if isinstance(time_spans, Spans) else Spans(time_spans)
    lex = lex or lexicon()
    if quantity.unit in lex.durations and _in_time_expression(text, quantity, spans):
        return False
    if _one_in_compound(text, quantity) or _RANK.search(text, max(0, quantity.start - 16), quantity.start):
        return False
    if quantity.unit == "count" and (quantity.noun or "").lower().rstrip(".") in _duration_abbreviations():
        return False  # "Nine mths", "for 12 mths": a span of time
    if spans.cover(quantity.start, quantity.end):
        return False  # "the first half of 2019": the half is the time expression's
    line_start, line_end = _line(text, quantity.start)
    if quantity.unit in lex.durations and text[line_start:line_end].strip() == quantity.surface:
        return False  # "Nine months" on a line of its own: the heading of a results table's rows
    rows = {} if table_rows is None else table_rows
    if line_start not in rows:
        row_start = max(line_start, dateline_end(text)) if line_start == 0 else line_start
        rows[line_start] = _is_table_row(text[row_start:line_end], lex.number_words)
    if rows[line_start] or _is_listed(text, quantity):
        return False
    words = (
        quantity.unit == "count" and not quantity.scaled and not any(c.isdigit() for c in quantity.surface)
    )
    return not (words and _POINTS_BACK.search(text, max(0, quantity.start - 8), quantity.start))


def claims_only(
    text: str,
    quantities: Sequence[Quantity],
    time_spans: Sequence[tuple[int, int]] = (),
    lex: Lexicon | None = None,
) -> list[Quantity]:
    rows: dict[int, bool] = {}
    spans = Spans(time_spans)
    lex = lex or lexicon()
    return [quantity for quantity in quantities if is_claim(text, quantity, spans, rows, lex)]
