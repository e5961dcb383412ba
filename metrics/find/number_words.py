"""Number cores as written: digit strings and English number words, parsed to their value."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from metrics import lazy_re
from metrics.lexicon import Lexicon

SMALL_WORDS = (
    "zero|nought|naught|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen"
)
TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORD_ATOM = (
    rf"(?:(?:{TENS_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{SMALL_WORDS}|dozen|hundred|thousand)"
)
NUMBER_WORDS = frozenset(SMALL_WORDS.split("|") + TENS_WORDS.split("|") + ["dozen", "hundred", "thousand"])
DIGITS = (
    r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])|\d{1,3}(?:,\n?\d{3})+|\d{1,3}(?:[\u202f\u00a0]\d{3})+(?!\d)"
    r"|\d+)"  # Indian 12,34,567 / 1,234,567 / 1234
    r"(?:\.\d+)?(?:-\d{1,2}/\d{1,2}(?!\d)|[ \t]\d/\d{1,2}(?![\d/]))?|\.\d+"
)
_SPACED_GROUPS = lazy_re.compile(r"\d{1,3}(?:[\u202f\u00a0]\d{3})+(?:\.\d+)?")
MAX_DIGITS = 40
"""Longer digit runs are identifiers or noise, not quantities (and float() of them is meaningless)."""


_LETTERS = lazy_re.compile(r"[A-Za-z]+")


def parse_digits(raw: str) -> float | None:
    """'1,250.5' -> 1250.5, '7-1/2' -> 7.5, '.5' -> 0.5; None for digit runs too long to be a quantity."""
    raw = raw.replace(",", "").replace("\n", "")  # "2,\n500": a number broken by a line end
    if _SPACED_GROUPS.fullmatch(raw):  # "40\u202f000": thin or no-break spaces group thousands
        raw = raw.replace("\u202f", "").replace("\u00a0", "")
    if len(raw) > MAX_DIGITS:
        return None
    whole, _, fraction = raw.replace(" ", "-").replace("\t", "-").partition("-")
    try:
        value = float(whole) if whole else 0.0
        if fraction:
            top, _, bottom = fraction.partition("/")
            if int(bottom) == 0:
                return None
            value += int(top) / int(bottom)
    except ValueError:
        return None  # never raise on odd digits; the caller skips what it cannot read
    return value


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: its value, how many characters of the core it spans, and whether
    it is a fraction ('two thirds'), which never counts a noun after it ('a third term')."""

    value: float
    consumed: int
    fraction: bool = False


@dataclass
class _WordState:
    total: float = 0.0
    current: float = 0.0
    seen: bool = False
    last: str = ""
    consumed: int = 0
    whole: float | None = None
    """The whole part before 'and' in a mixed number ('twenty and three fifths')."""
    fraction: bool = False

    @property
    def value(self) -> float:
        return self.total + self.current


def _decimals(words: list[tuple[str, int]], lex: Lexicon) -> tuple[str, int] | None:
    """'zero three' -> ('03', end); 'seventy-one' -> ('71', end): the digits said after 'point'."""
    digits = ""
    end = 0
    for index, (word, word_end) in enumerate(words):
        value = lex.number_words.get(word, -1.0)
        if not 0 <= value < 100 or value != int(value):
            break
        if value >= 10:
            if digits:
                break
            unit = lex.number_words.get(words[index + 1][0], -1.0) if index + 1 < len(words) else -1.0
            if value >= 20 and value % 10 == 0 and 1 <= unit <= 9:
                return str(int(value + unit)), words[index + 1][1]
            return str(int(value)), word_end
        digits += str(int(value))
        end = word_end
    return (digits, end) if digits else None


def parse_number_words(raw: str, lex: Lexicon, denominators: Mapping[str, float]) -> WordNumber | None:
    """Value of 'twenty-five', 'one hundred and three', 'one and a half', 'half a dozen', 'two thirds',
    'three dozens', 'two point zero five', with how many characters of `raw` make up one consistent
    number (so 'one two' stops after 'one')."""
    words = [(m.group().lower(), m.end()) for m in _LETTERS.finditer(raw)]
    state = _WordState()
    index = 0
    while index < len(words):
        word, end = words[index]
        following = words[index + 1][0] if index + 1 < len(words) else ""
        if not _step(state, word, end, following, denominators, lex):
            if word == "point" and state.seen and state.whole is None and not state.fraction:
                decimals = _decimals(words[index + 1 :], lex)
                if decimals is not None:
                    state.current += float("0." + decimals[0])
                    state.consumed = decimals[1]
            break
        index += 1
    if not state.seen or state.consumed == 0:
        return None
    value = state.value if state.whole is None else state.whole  # "twenty and three" ends at "twenty"
    return WordNumber(value, state.consumed, state.fraction)


def _step(
    state: _WordState, word: str, end: int, following: str, denominators: Mapping[str, float], lex: Lexicon
) -> bool:
    """Read one word into `state`; False when the word ends the number."""
    last = state.last
    if word == "and":
        if last in ("hundred", "thousand"):
            return True
        if last in ("unit", "tens", "dozen") and state.whole is None and not state.fraction:
            state.whole, state.total, state.current, state.last = state.value, 0.0, 0.0, "and"
            return True
        return False
    if word in ("a", "an"):
        if last == "half":
            state.consumed = end  # "half a dozen", "half a million"
            return True
        if state.seen and last != "and":
            return False
        state.current, state.last, state.seen, state.consumed = 1.0, "a", True, end
        return True
    if word in ("half", "quarter") and not state.seen:  # "half a dozen", "quarter million"
        state.current, state.last, state.seen, state.consumed = 1 / denominators[word], "half", True, end
        return True
    if word in denominators and last in ("unit", "tens", "a", "hundred", "thousand"):
        divisor = denominators[word]
        if state.value != 1 and not word.endswith("s") and word != "half":
            return False  # "two millionth visitor", "three hundredth": ordinals; fractions say "two thirds"
        if word in _PERIOD_NOUNS and (state.value >= divisor or math.gcd(int(state.value), int(divisor)) > 1):
            return False  # "the last two quarters": periods, since nobody says 2/4 for a half
        part = state.value / denominators[word]
        state.total, state.current = (state.whole or 0.0) + part, 0.0
        state.whole, state.fraction, state.last, state.consumed = None, True, "fraction", end
        return True
    if word in _MULTIPLIERS:
        factor = _MULTIPLIERS[word]
        if state.whole is not None:
            return False  # after "six and": only a fraction may follow ("six and seven thousand" is two)
        if (
            last in ("dozen",)
            or (last == "fraction" and factor < 1000)
            or (word == "dozens" and not state.seen)
        ):
            return False
        if factor == 1000:
            state.total, state.current = (state.value or 1.0) * 1000, 0.0
        elif factor == 12:
            state.total, state.current = 0.0, (state.value or 1.0) * 12
        else:
            state.current = (state.current or 1.0) * factor
        state.last, state.seen, state.consumed = ("dozen" if factor == 12 else word), True, end
        return True
    value = lex.number_words.get(word)
    if value is None or last in ("unit", "half", "dozen", "fraction") or (last == "tens" and value >= 10):
        return False
    if last == "a":
        return False
    state.current += value
    state.last = "tens" if value >= 20 and value % 10 == 0 else "unit"
    state.seen = True
    if state.whole is None:
        state.consumed = end
    return True


_PERIOD_NOUNS = frozenset({"quarter", "quarters", "half", "halves"})
_MULTIPLIERS = {"hundred": 100.0, "thousand": 1000.0, "dozen": 12.0, "dozens": 12.0}
