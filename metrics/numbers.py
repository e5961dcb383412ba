"""Quantity mentions: digits and number words with their scale, currency, unit or counted noun.

One compiled pattern finds number cores; everything else is read with small anchored patterns at
the core's edges, so the cost is one regex pass plus a little work per number. Every pattern is
linear (no nested quantifiers over the same characters), so hostile input cannot make it backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from metrics.lexicon import Lexicon, alternation, lexicon, squash
from metrics.records import Quantity
from metrics.tokens import Tokens, matches_at

_SMALL = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_ATOM = (
    rf"(?:(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL}|dozen|hundred|thousand)"
)
_NUMBER_WORDS = frozenset(_SMALL.split("|") + _TENS.split("|") + ["dozen", "hundred", "thousand"])
_A_SCALES = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
_PREFIX_LETTERS = ("rm", "rs", "us", "usd", "eur")
_VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "tens", "millions", "billions"})
_FRACTION_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth"})
_AGE_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages\s+of)\s+$", re.IGNORECASE)
_ONE_OF = re.compile(r"[ \t]+of[ \t]+(?:the|my|his|her|their|its|our|your)(?=[ \t])", re.IGNORECASE)
_SCORE = re.compile(r"\d{1,2}-\d{1,2}(?![\d/.,])")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d{1,2}/\d{1,2}(?!\d)|\s\d/\d{1,2}(?![\d/]))?|\.\d+"
MAX_DIGITS = 40
"""Longer digit runs are identifiers or noise, not quantities (and float() of them is meaningless)."""


@dataclass(frozen=True)
class Patterns:
    """Every pattern the quantity finder uses, compiled once from the lexicon."""

    core: re.Pattern[str]
    scale: re.Pattern[str]
    attached: re.Pattern[str]
    currency_after: re.Pattern[str]
    subunit: re.Pattern[str]
    percent: re.Pattern[str]
    unit: re.Pattern[str]
    attached_unit: re.Pattern[str]
    rate: re.Pattern[str]
    prefix: re.Pattern[str]
    qualifier: re.Pattern[str]
    connector: re.Pattern[str]
    noun: re.Pattern[str]
    vague: re.Pattern[str]
    fraction: re.Pattern[str]
    left_word: re.Pattern[str]
    id_words: frozenset[str]
    change_up: frozenset[str]
    change_down: frozenset[str]


@cache
def patterns() -> Patterns:
    lex = lexicon()
    from metrics.lexicon import _toml  # the id/change word lists are only used here

    words = _toml("words.toml")
    units_toml = _toml("units.toml")
    prefixes = alternation(lex.currency_prefixes)
    single_letter_units = {u for u in lex.units if len(u) == 1}
    letters = "|".join(re.escape(letter) for letter in units_toml["single_letter_spellings"]["letters"])
    spaced_units = [u for u in lex.units if u not in single_letter_units]
    core = (
        rf"(?P<digits>(?<![\w.,/:$£€¥])(?:{_DIGITS}))"
        rf"|(?P<digits2>(?<=[$£€¥])(?:{_DIGITS}))"
        rf"|(?P<prefixed>(?:(?<=\bRM)|(?<=\bRs)|(?<=\$US)|(?<=\bUSD)|(?<=\bEUR))(?:{_DIGITS}))"
        rf"|(?P<words>\b(?:a(?=\s+(?:dozen|hundred|thousand|million|billion)\b)|{_WORD_ATOM})"
        rf"(?:(?:\s+and\s+a\s+half)|(?:[\s-]+(?:and\s+)?{_WORD_ATOM}))*\b)"
    )
    return Patterns(
        core=re.compile(core, re.IGNORECASE),
        scale=re.compile(rf"[ \t]*-?[ \t]*({alternation(lex.scales)})\b", re.IGNORECASE),
        attached=re.compile(rf"({alternation(lex.attached_scales)})(?![A-Za-z0-9])", re.IGNORECASE),
        currency_after=re.compile(rf"[ \t]+({alternation(lex.currency_words)})\b", re.IGNORECASE),
        subunit=re.compile(rf"[ \t]*({alternation(lex.subunits)})(?![A-Za-z0-9])", re.IGNORECASE),
        percent=re.compile(
            rf"[ \t]*(%|(?:{alternation(k for k in lex.percent if k != '%')})\b)", re.IGNORECASE
        ),
        unit=re.compile(rf"(?:[ \t]+|-)?({alternation(spaced_units)})(?![A-Za-z0-9])", re.IGNORECASE),
        attached_unit=re.compile(rf"((?i:{alternation(spaced_units)})|{letters})(?![A-Za-z0-9])"),
        rate=re.compile(
            r"[ \t]+(?:per|a|an)[ \t]+([A-Za-z][A-Za-z]*(?:[ \t]+(?:foot|feet|metre|meter|mile))?)\b"
            r"(?![ \t]+(?:earlier|ago|before|later|after|previously))"
        ),
        prefix=re.compile(rf"(?:^|(?<=[^A-Za-z]))({prefixes})[ \t]?$", re.IGNORECASE),
        qualifier=re.compile(rf"(?:^|(?<=\W))({alternation(lex.qualifiers)})[ \t]*$", re.IGNORECASE),
        connector=re.compile(r"[ \t]*(-to-|-|–|—|to|and)[ \t]*", re.IGNORECASE),
        noun=re.compile(r"(?:[ \t]+|-)([A-Za-z][A-Za-z'’-]*)"),
        vague=re.compile(
            rf"\b({alternation(lex.vague)})[ \t]+of\b(?:[ \t]+({alternation(lex.currency_words)})\b)?",
            re.IGNORECASE,
        ),
        fraction=re.compile(rf"\b({alternation(lex.fractions)})[ \t]+of\b", re.IGNORECASE),
        left_word=re.compile(r"([A-Za-z][A-Za-z&'’.-]*|#)[ \t]*$"),
        id_words=frozenset(words["id_words"]["words"]),
        change_up=frozenset(words["change_cues"]["up"]),
        change_down=frozenset(words["change_cues"]["down"]),
    )


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


@dataclass
class _Draft:
    """A quantity while it is being read; becomes a frozen Quantity at the end."""

    start: int
    end: int
    value: float
    core_end: int
    is_words: bool
    unit: str = ""
    scaled: bool = False
    multiplier: float = 1.0
    currency: str | None = None
    noun: str | None = None
    noun_end: int = -1
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None


class QuantityFinder:
    """Finds quantity mentions in text. Stateless between calls; build once, call many times."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.p = patterns()

    # ---- the right-hand side of a number: scale, currency, percent, unit, rate, counted noun ----

    def _read_right(self, text: str, draft: _Draft, currency_before: str | None) -> None:
        p, lex = self.p, self.lex
        pos = draft.end
        attached = p.attached.match(text, pos)
        if attached:
            word = attached.group(1).lower()
            currency_near = currency_before or p.currency_after.match(text, attached.end())
            if word in ("k", "bn", "tn", "mn") or currency_near:
                draft.multiplier = lex.attached_scales[word]
                draft.value *= draft.multiplier
                draft.scaled = True
                pos = draft.end = attached.end()
        if not draft.scaled:
            scale = p.scale.match(text, pos)
            if scale:
                draft.multiplier = lex.scales[squash(scale.group(1))]
                draft.value *= draft.multiplier
                draft.scaled = True
                pos = draft.end = scale.end()
        currency = currency_before
        after = p.currency_after.match(text, pos)
        if after and (currency is None or lex.currency_words[squash(after.group(1))] == currency):
            currency = lex.currency_words[squash(after.group(1))]
            pos = draft.end = after.end()
        if currency is None:
            sub = p.subunit.match(text, pos)
            if sub and not (sub.group(1).lower() == "p" and (pos != draft.core_end or draft.scaled)):
                code, factor = lex.subunits[squash(sub.group(1))]
                currency = code
                draft.value *= factor
                pos = draft.end = sub.end()
        if currency is not None:
            draft.currency = draft.unit = currency
            self._read_rate(text, draft)
            return
        percent = p.percent.match(text, pos)
        if percent:
            draft.unit = lex.percent[squash(percent.group(1))] if percent.group(1) != "%" else "%"
            pos = draft.end = percent.end()
            self._read_rate(text, draft)
            return
        unit = self._unit_at(text, pos, draft)
        if unit:
            return
        self._read_noun(text, draft)

    def _unit_at(self, text: str, pos: int, draft: _Draft) -> bool:
        p, lex = self.p, self.lex
        attached = pos == draft.core_end and pos < len(text) and text[pos].isalpha()
        match = (p.attached_unit if attached else p.unit).match(text, pos)
        if not match:
            return False
        word = squash(match.group(1))
        unit = lex.units[word]
        between = text[pos : match.start(1)]
        if "-" in between and unit in {"second", "minute", "hour", "day", "week", "month", "year", "decade"}:
            after = text[match.end() : match.end() + 5]
            if not after.startswith(("-old", " old")):
                draft.noun = "modifier"  # "a five-year plan": an adjective, not a quantity
                return True
        if draft.is_words and len(word) <= 2:
            return False
        draft.unit = unit
        draft.end = match.end()
        if unit in ("year", "years") and text.startswith(("-old", " old"), draft.end):
            draft.unit = "year of age"
            draft.end += 4
        self._read_rate(text, draft)
        return True

    def _read_rate(self, text: str, draft: _Draft) -> None:
        match = self.p.rate.match(text, draft.end)
        if not match:
            return
        word = match.group(1)
        key = squash(word)
        per_word = text[match.start() : match.start(1)].split()[0].lower()
        unit = self.lex.units.get(key)
        if unit is None and per_word != "per":
            return
        if unit is None and (not word.isalpha() or key in self.lex.noun_stop):
            return
        denominator = unit or (key[:-1] if key.endswith("s") and not key.endswith("ss") else key)
        draft.unit = f"{draft.unit} per {denominator}"
        draft.end = match.end()

    def _read_noun(self, text: str, draft: _Draft, pos: int | None = None) -> None:
        """The counted noun phrase after a bare number: up to three words, ending at a plural."""
        lex = self.lex
        pos = draft.end if pos is None else pos
        words: list[str] = []
        end = pos
        for _ in range(3):
            match = self.p.noun.match(text, pos)
            if not match:
                break
            word = match.group(1).strip("'’-")
            lower = word.lower()
            if not word or lower in lex.noun_stop or (not words and lower in lex.not_counts):
                break
            if lower.endswith("ing"):
                nxt = self.p.noun.match(text, match.end())
                if not nxt or not nxt.group(1)[:1].islower() or nxt.group(1).lower() in lex.noun_stop:
                    break  # "around 73 raising the prospect": a verb, not a noun
            if word[0].isupper():
                nxt = self.p.noun.match(text, match.end())
                ends_here = not nxt or not nxt.group(1)[:1].islower() or nxt.group(1).lower() in lex.noun_stop
                if ends_here and (words or not nxt):
                    break
            words.append(word)
            end = pos = match.start(1) + len(word)
            if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2:
                break
        if words:
            draft.noun = " ".join(words)
            draft.noun_end = end
            draft.unit = "count"
            if words[-1].lower() == "times":
                rate_from = draft.end
                draft.end = end
                self._read_rate(text, draft)  # "78,000 times a minute"
                if draft.unit == "count":
                    draft.end = rate_from
                else:
                    draft.noun_end = draft.end

    # ---- the left-hand side: currency symbol and qualifier ----

    def _read_left(self, text: str, start: int) -> tuple[int, str | None, str, int]:
        """(new start, currency code, qualifier, start of the qualifier) for a number at `start`."""
        window = text[max(0, start - 8) : start]
        currency = None
        prefix = self.p.prefix.search(window)
        if prefix:
            symbol = prefix.group(1)
            code = self.lex.currency_prefixes.get(symbol) or self.lex.currency_prefixes.get(symbol.upper())
            if code is None:
                for key, value in self.lex.currency_prefixes.items():
                    if key.replace(" ", "").lower() == symbol.replace(" ", "").lower():
                        code = value
                        break
            if code:
                currency = code
                start -= len(window) - prefix.start(1)
        window = text[max(0, start - 24) : start]
        qualifier = "exact"
        qualifier_start = start
        cue = self.p.qualifier.search(window)
        if cue:
            qualifier = self.lex.qualifiers[squash(cue.group(1))]
            qualifier_start = start - (len(window) - cue.start(1))
        return start, currency, qualifier, qualifier_start

    # ---- rules that say a number is not a quantity ----

    def _is_identifier(self, text: str, start: int, draft: _Draft, sentence_start: bool) -> bool:
        before = text[max(0, start - 30) : start]
        left = self.p.left_word.search(before)
        if left is None:
            return bool(before[-1:] == "-" and len(before) > 1 and before[-2].isalnum())
        word = left.group(1)
        lower = word.lower().rstrip(".")
        if lower in self.p.id_words or word == "#" or (word.endswith("-") and before.endswith("-")):
            return True  # "page 5", "#3", "last-32"
        if draft.is_words:
            return False
        if "." not in word and any(c.isupper() for c in word[1:]) and word.lower() not in self.lex.name_words:
            return True  # "iPhone 11", "PlayStation 5"
        if (draft.unit and draft.unit not in ("count",)) or draft.scaled:
            return False
        if not word[0].isupper() or lower in self.lex.name_words or lower in self.lex.qualifiers:
            return False
        if word in self.lex.countries:
            return False
        word_start = start - len(before) + left.start(1)
        head = text[max(0, word_start - 3) : word_start].rstrip(" \t\"'“(")
        return not (word_start == 0 or not head or head[-1] in ".!?\n;")

    def _is_not_quantity(self, text: str, match: re.Match[str], draft: _Draft) -> bool:
        start, end = match.start(), match.end()
        nxt = text[end : end + 6]
        if not draft.is_words:
            if re.match(r"(?:st|nd|rd|th)\b", nxt, re.IGNORECASE):
                return True  # ordinal
            if re.match(r"(?::\d|\s?(?:[ap]\.?m\.?|GMT|EST|EDT|PST|PDT|BST|CET|UTC)\b)", nxt, re.IGNORECASE):
                return True  # time of day
            if nxt[:1] == "/" or (nxt[:1] == "." and nxt[1:2].isdigit()):
                return True
            if (
                nxt[:1].isalpha()
                and not self.p.attached.match(text, end)
                and not self.p.attached_unit.match(text, end)
                and not self.p.subunit.match(text, end)
                and not self.p.percent.match(text, end)
            ):
                return True  # 5G, 747s, 3D: part of a name
            if re.match(r"-\d", nxt) and re.match(r"\d{3}-\d{4}\b", text[start : start + 8]):
                return True  # phone number
        return False

    # ---- the whole pass ----

    def _starts(self, text: str, tokens: Tokens) -> list[int]:
        """Where a number can begin: digit tokens, number words, 'a' before a scale word, and the
        digits inside currency-prefixed tokens ('RM79', '$US113')."""
        starts = tokens.starts(_NUMBER_WORDS, digits=True)
        for i, start in enumerate(starts):
            if start > 0 and text[start - 1] == "." and (start < 2 or not text[start - 2].isalnum()):
                starts[i] = start - 1  # ".500"
        for word in tokens.vocabulary & _A_SCALES:
            starts.extend(s - 2 for s in tokens.positions(word) if s >= 2 and text[s - 2 : s].lower() == "a ")
        for word in tokens.vocabulary:
            if word.startswith(_PREFIX_LETTERS) and word[-1].isdigit():
                digit_at = next(i for i, c in enumerate(word) if c.isdigit())
                starts.extend(s + digit_at for s in tokens.positions(word))
        starts.sort()
        return starts

    def find(
        self, text: str, blocked: Sequence[tuple[int, int]] = (), tokens: Tokens | None = None
    ) -> list[Quantity]:
        """Every quantity mention in `text`, skipping numbers inside `blocked` spans (dates, years)."""
        tokens = tokens or Tokens(text)
        found: list[Quantity] = list(self._special(text, tokens))
        blocked_sorted = sorted(blocked)
        block_index = 0
        taken_until = 0
        special_spans = [(q.start, q.end) for q in found]
        for match in matches_at(self.p.core, text, self._starts(text, tokens)):
            start, end = match.start(), match.end()
            if start < taken_until:
                continue
            while block_index < len(blocked_sorted) and blocked_sorted[block_index][1] <= start:
                block_index += 1
            if block_index < len(blocked_sorted) and blocked_sorted[block_index][0] < end:
                continue
            if any(s <= start < e for s, e in special_spans):
                continue
            score = _SCORE.match(text, start) if match.group("digits") else None
            if score and not self._unit_follows(text, score.end()):
                taken_until = score.end()  # "beat Charlton 2-1": a score, not a range
                continue
            quantity = self._quantity_at(text, match)
            if quantity is None:
                continue
            found.append(quantity)
            taken_until = max(quantity.end, quantity.noun_end)
        found.sort(key=lambda q: q.start)
        return share_elided_units(text, found)

    def _unit_follows(self, text: str, pos: int) -> bool:
        p = self.p
        return any(
            pattern.match(text, pos)
            for pattern in (p.unit, p.percent, p.scale, p.currency_after, p.attached_unit)
        )

    def _draft(self, text: str, match: re.Match[str]) -> _Draft | None:
        raw = match.group()
        is_words = match.group("words") is not None
        if is_words:
            parsed = parse_number_words(raw, self.lex)
            if parsed is None:
                return None
            value, consumed = parsed
            end = match.start() + consumed
        else:
            parsed_value = parse_digits(raw)
            if parsed_value is None:
                return None
            value, end = parsed_value, match.end()
        return _Draft(start=match.start(), end=end, value=value, core_end=end, is_words=is_words)

    def _quantity_at(self, text: str, match: re.Match[str]) -> Quantity | None:
        draft = self._draft(text, match)
        if draft is None or self._is_not_quantity(text, match, draft):
            return None
        if draft.is_words and not self._word_number_counts(text, match, draft):
            return None
        start, currency, qualifier, qualifier_start = self._read_left(text, draft.start)
        if match.group("prefixed") and currency is None:
            return None
        between_before = text[max(0, qualifier_start - 9) : qualifier_start].lower().rstrip()
        self._read_right(text, draft, currency)
        if draft.noun == "modifier":
            return None
        draft.start = start
        draft.qualifier = qualifier
        self._range(text, draft, currency, between_before.endswith("between"))
        if not draft.unit and draft.currency is None and not draft.scaled:
            sentence_start = start == 0 or text[max(0, start - 2) : start].strip() in ("", ".", "\n")
            if self._is_identifier(text, match.start(), draft, sentence_start):
                return None
        elif (
            draft.unit == "count"
            and not draft.is_words
            and self._is_identifier(text, match.start(), draft, False)
        ):
            return None
        if not draft.unit and not draft.scaled and _AGE_BEFORE.search(text, max(0, start - 12), start):
            draft.unit = "year of age"
        if draft.is_words and not draft.unit and draft.value == 1:
            one_of = _ONE_OF.match(text, draft.end)
            if one_of:
                self._read_noun(text, draft, one_of.end())
        if draft.is_words and not draft.unit:
            return None  # a bare number word ("one of them said") is not a quantity on its own
        if self._names_follow(text, draft):
            return None
        return self._freeze(text, draft)

    def _names_follow(self, text: str, draft: _Draft) -> bool:
        """'iPhone 11 Pro', '787 Dreamliner', '575 Wilbraham Road': digits then a name, no unit."""
        if draft.is_words or draft.scaled or draft.unit not in ("", "count"):
            return False
        following = self.p.noun.match(text, draft.core_end)
        if not following or not following.group(1)[:1].isupper():
            return False
        if text[draft.core_end : following.start(1)] == "-":
            return False
        after = self.p.noun.match(text, following.end())
        if not after or not after.group(1)[:1].islower():
            return True
        noun = after.group(1).lower()
        return noun in self.lex.noun_stop or noun.endswith(("ing", "ed"))  # "96 Liverpool fans" is a count

    def _word_number_counts(self, text: str, match: re.Match[str], draft: _Draft) -> bool:
        raw = match.group()
        if match.start() > 0 and text[match.start() - 1] == "-":
            return False  # "production-four-door"
        before = text[max(0, match.start() - 16) : match.start()].split()
        previous = before[-1].lower() if before else ""
        if raw[:1].isupper() and before and before[-1][:1].isupper() and before[-1][-1:] not in '.!?:"”':
            return False  # "the Kick Six": part of a name
        if raw[:1].isupper():
            after = text[draft.end : draft.end + 30].split()
            if after and after[0][:1].isupper() and after[0].lower() not in self.lex.noun_stop:
                return False  # "One America News", "Group of Seven"
        if previous == "of" and len(before) > 1 and before[-2][:1].isupper():
            return False
        if previous == "the" and draft.value == 2:
            return False  # "the two countries": refers back to things already named
        if draft.value == 1 and raw.lower() == "one":
            if previous in self.lex.one_blockers:
                return False
            following = text[draft.end : draft.end + 12].lower()
            if following.startswith((" another", "-off", " day", " way", "-time", " time")):
                return False
        return True

    def _range(self, text: str, draft: _Draft, currency: str | None, between: bool) -> _Draft | None:
        """Read 'X-Y unit', 'X to Y unit', 'between X and Y unit' into `draft` as one range."""
        connector = self.p.connector.match(text, draft.end if draft.unit else draft.core_end)
        if not connector:
            return None
        word = connector.group(1).lower()
        if word == "and" and not between:
            return None
        after = connector.end()
        core = self.p.core.match(text, after)
        prefix_shift = 0
        if core is None:
            prefix = re.match(r"(US\$|\$|£|€|¥)", text[after : after + 3])
            if prefix is None:
                return None
            prefix_shift = len(prefix.group(1))
            core = self.p.core.match(text, after + prefix_shift)
            if core is None:
                return None
        other = self._draft(text, core)
        if other is None or self._is_not_quantity(text, core, other):
            return None
        if other.is_words != draft.is_words and draft.is_words:
            return None
        self._read_right(text, other, currency)
        if other.noun == "modifier":
            return None
        own_unit = bool(draft.unit) or draft.scaled
        if own_unit and draft.unit.split(" per ")[0] != other.unit.split(" per ")[0]:
            return None
        if not own_unit and not (other.unit or other.scaled) and not (between and word == "and"):
            return None
        if own_unit and word in ("to", "-to-"):
            before = text[max(0, draft.start - 30) : draft.start].lower().split()
            if before and (before[-1] in ("from", "by") or self._change(text, draft.start)):
                return None  # "from $5 to $6", "rose by $43.6 billion to $419.2 billion": two values
        low = draft.value
        if not own_unit:
            low *= other.multiplier  # "20-30 billion": the scale applies to both ends
        high = other.value
        draft.low, draft.high = (low, high) if low <= high else (high, low)
        draft.value = (low + high) / 2
        draft.unit, draft.currency, draft.noun, draft.noun_end = (
            other.unit,
            other.currency,
            other.noun,
            other.noun_end,
        )
        draft.end = other.end
        draft.scaled = True
        draft.qualifier = "range"
        return draft

    def _special(self, text: str, tokens: Tokens) -> Iterable[Quantity]:
        """Vague plurals ('dozens of', 'tens of thousands of dollars') and fractions ('half of')."""
        if "of" not in tokens.vocabulary:
            return
        if tokens.vocabulary & _VAGUE_WORDS:
            yield from self._vague(text)
        if tokens.vocabulary & _FRACTION_WORDS:
            yield from self._fractions(text)

    def _vague(self, text: str) -> Iterable[Quantity]:
        lex = self.lex
        for match in self.p.vague.finditer(text):
            low, high = lex.vague[squash(match.group(1))]
            currency = lex.currency_words.get(squash(match.group(2))) if match.group(2) else None
            draft = _Draft(
                start=match.start(), end=match.end(), value=low, core_end=match.end(), is_words=True
            )
            if currency:
                draft.unit = draft.currency = currency
            else:
                self._read_noun(text, draft)
                draft.unit = draft.unit or "count"
            draft.low, draft.high, draft.qualifier, draft.scaled = low, high, "range", True
            yield self._freeze(text, draft)

    def _fractions(self, text: str) -> Iterable[Quantity]:
        lex = self.lex
        for match in self.p.fraction.finditer(text):
            value = lex.fractions[squash(match.group(1))]
            start, _currency, qualifier, _ = self._read_left(text, match.start())
            draft = _Draft(
                start=start,
                end=match.end(1),
                value=value,
                core_end=match.end(1),
                is_words=True,
                unit="fraction",
                qualifier=qualifier,
            )
            yield self._freeze(text, draft)

    def _freeze(self, text: str, draft: _Draft) -> Quantity:
        change = self._change(text, draft.start)
        return Quantity(
            start=draft.start,
            end=draft.end,
            surface=text[draft.start : draft.end],
            value=draft.value,
            low=draft.low,
            high=draft.high,
            unit=draft.unit or "number",
            qualifier=draft.qualifier,
            noun=draft.noun if draft.noun not in ("score", "modifier") else None,
            noun_end=max(draft.noun_end, draft.end),
            change=change,
            scaled=draft.scaled,
        )

    def _change(self, text: str, start: int) -> str | None:
        words = text[max(0, start - 40) : start].lower().split()[-4:]
        for word in reversed(words):
            word = word.strip(",.;:()")
            if word in self.p.change_up:
                return "up"
            if word in self.p.change_down:
                return "down"
            if word in ("to", "from", "at", "and", "of"):
                return None
        return None


_ELIDED = re.compile(
    r"[^\d.;!?]{0,40}?\b(?:from|to|vs\.?|versus|against|and|or|but|compared\s+with|while)\b[^\d.;!?]{0,25}$",
    re.IGNORECASE,
)


def share_elided_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A bare number right after a quantity with a unit, joined by from/to/vs/and/but, shares that unit:
    "3.9 million headsets, up from 2.4 million", "435 homes by sale and 187 by tender"."""
    out = list(quantities)
    for i in range(1, len(out)):
        quantity, previous = out[i], out[i - 1]
        if quantity.unit != "number" or previous.unit in ("number", "fraction"):
            continue
        if previous.scaled and not quantity.scaled:
            continue
        if _ELIDED.fullmatch(text, previous.noun_end, quantity.start):
            out[i] = replace(quantity, unit=previous.unit, noun=previous.noun)
    return out


@cache
def default_finder() -> QuantityFinder:
    return QuantityFinder()


def find_quantities(text: str, blocked: Sequence[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity mention in `text`. Dates, years and times of day are not quantities: unless
    `blocked` spans are given, the calendar spans of metrics.timex are skipped."""
    if blocked is None:
        from metrics.timex import calendar_spans

        blocked = calendar_spans(text)
    return default_finder().find(text, blocked)
