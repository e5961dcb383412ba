"""Number cores as written: digit strings and English number words, parsed to their value."""

from __future__ import annotations

import re

from metrics.lexicon import Lexicon

SMALL_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen"
)
TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORD_ATOM = (
    rf"(?:(?:{TENS_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{SMALL_WORDS}|dozen|hundred|thousand)"
)
NUMBER_WORDS = frozenset(SMALL_WORDS.split("|") + TENS_WORDS.split("|") + ["dozen", "hundred", "thousand"])
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d{1,2}/\d{1,2}(?!\d)|\s\d/\d{1,2}(?![\d/]))?|\.\d+"
MAX_DIGITS = 40
"""Longer digit runs are identifiers or noise, not quantities (and float() of them is meaningless)."""


def parse_digits(raw: str) -> float | None:
    """'1,250.5' -> 1250.5, '7-1/2' -> 7.5, '.5' -> 0.5; None for digit runs too long to be a quantity."""
    raw = raw.replace(",", "")
    if len(raw) > MAX_DIGITS:
        return None
    whole, _, fraction = raw.replace(" ", "-").partition("-")
    value = float(whole) if whole else 0.0
    if fraction:
        top, _, bottom = fraction.partition("/")
        if int(bottom) == 0:
            return None
        value += int(top) / int(bottom)
    return value


def parse_number_words(raw: str, lex: Lexicon) -> tuple[float, int] | None:
    """Value of 'twenty-five', 'three hundred', 'one and a half', 'a dozen', with how many characters
    of `raw` make up a consistent number (so 'one two' stops after 'one')."""
    total = 0.0
    current = 0.0
    seen = False
    last_kind = ""
    consumed = 0
    for match in re.finditer(r"[A-Za-z]+", raw):
        word = match.group().lower()
        if word == "and":
            continue
        if word == "a":
            if last_kind == "and_a":
                continue
            rest = raw[match.end() :].lstrip().lower()
            if rest.startswith("half") and seen:
                last_kind = "and_a"
                continue
            current, last_kind, seen = 1.0, "unit", True
            consumed = match.end()
            continue
        if word == "half":
            if last_kind != "and_a":
                break
            current += 0.5
            consumed, last_kind = match.end(), "half"
            continue
        if word in ("hundred",):
            current = (current or 1.0) * 100
            last_kind = "hundred"
        elif word == "thousand":
            total += (current or 1.0) * 1000
            current = 0.0
            last_kind = "thousand"
        elif word == "dozen":
            current = (current or 1.0) * 12
            last_kind = "dozen"
        else:
            value = lex.number_words.get(word)
            if value is None:
                break
            if last_kind == "unit" or (last_kind == "tens" and value >= 10) or last_kind in ("half", "dozen"):
                break
            current += value
            last_kind = "tens" if value >= 20 and value % 10 == 0 else "unit"
        seen = True
        consumed = match.end()
    if not seen:
        return None
    return total + current, consumed
