"""The edges of a number: what stands right of it (scale, currency, percent, unit, rate, counted
noun) and left of it (currency symbol, qualifier), read with small anchored patterns."""

from __future__ import annotations

import re

from metrics import lazy_re
from metrics.find.number_patterns import Draft, Patterns
from metrics.find.number_words import parse_digits, parse_number_words
from metrics.lexicon import Lexicon, squash
from metrics.records import Quantity

_ORDINAL_SUFFIX = lazy_re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_OF_DAY_AFTER = lazy_re.compile(
    r"(?::\d|\s?(?:[ap]\.?m\.?|GMT|EST|EDT|PST|PDT|BST|CET|UTC)\b)", re.IGNORECASE
)
_PHONE = lazy_re.compile(r"\d{3}-\d{4}\b")

_NEGATIVE = lazy_re.compile(r"(?:(?<![\w.,)\]%-])-|(?<!\bor\s)\b(?:minus|negative)[ \t]+)$", re.IGNORECASE)
_NEXT_WORD = lazy_re.compile(r"[ \t-]{0,8}([A-Za-z]+(?:\.[A-Za-z]+)*)")
_POUNDS = lazy_re.compile(r"[ \t]+pounds?\b(?![ \t]+of\b)", re.IGNORECASE)
_CENTS_GAP = lazy_re.compile(r"[ \t]+(?:and[ \t]+)?")
_PHRASE_END = lazy_re.compile(r"[ \t]*(?:$|[.,;:!?)]|and\b)", re.IGNORECASE)
_YEAR = lazy_re.compile(r"1[89]\d\d|20\d\d")
_OVER = lazy_re.compile(r"[ \t]+over[ \t]+", re.IGNORECASE)


_SIGN_ENDINGS = ("-", "minus ", "Minus ", "MINUS ", "negative ", "Negative ", "NEGATIVE ")
"""A cheap test before the sign pattern runs: most numbers have no sign near them."""


class EdgeReader:
    """Reads a number core and its edges into a Draft; the finder builds on it."""

    lex: Lexicon
    p: Patterns

    # ---- the right-hand side of a number: scale, currency, percent, unit, rate, counted noun ----

    def _read_right(self, text: str, draft: Draft, currency_before: str | None) -> None:
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
                draft.multiplier = lex.scales[squash(scale.group(1)).rstrip(".")]
                draft.value *= draft.multiplier
                draft.scaled = True
                pos = draft.end = scale.end()
                pos = self._read_scale_fraction(text, draft)
        currency = currency_before
        after = (
            p.currency_after.match(text, pos)
            if self._word_after_in(text, pos, p.currency_first_words)
            else None
        )
        if after and (currency is None or lex.currency_words[squash(after.group(1))] == currency):
            currency = lex.currency_words[squash(after.group(1))]
            pos = draft.end = after.end()
            scale = None if draft.scaled else p.scale.match(text, pos)
            if scale:  # "75 USD million"
                draft.multiplier = lex.scales[squash(scale.group(1)).rstrip(".")]
                draft.value *= draft.multiplier
                draft.scaled = True
                pos = draft.end = scale.end()
            elif currency_before is None:
                self._read_cents(text, draft)  # "3 dollars 50 cents", "fifteen dollars and fifty"
                pos = draft.end
        elif currency is None:
            pounds = _POUNDS.match(text, pos) if draft.scaled else None
            symbol_near = text[pos : pos + 1] in p.symbol_starts or text[pos + 1 : pos + 2] in p.symbol_starts
            symbol = p.symbol_after.match(text, pos) if symbol_near and not pounds else None
            if pounds:  # "361 million pounds": money; "5 pounds" or "2 million pounds of beef" may weigh
                currency = "GBP"
                pos = draft.end = pounds.end()
            elif symbol:  # "10 €", "100元"
                currency = p.symbols_after[symbol.group(1)]
                pos = draft.end = symbol.end()
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
        if not draft.fraction:
            self._read_noun(text, draft)

    @staticmethod
    @staticmethod
    def _word_after_in(text: str, pos: int, first_words: frozenset[str]) -> bool:
        """Whether the word at `pos` (after a space or hyphen, or attached) begins a phrase of the table."""
        word = _NEXT_WORD.match(text, pos)
        return word is not None and word.group(1).lower() in first_words

    def _read_scale_fraction(self, text: str, draft: Draft) -> int:
        """'3 million and a half' = 3.5 million; 'one billion and a half million' = 1,000,500,000."""
        match = self.p.scale_fraction.match(text, draft.end) if text.startswith(" and ", draft.end) else None
        if match is None:
            return draft.end
        top = match.group(1).lower()
        numerator = 1.0 if top in ("a", "an") else self.lex.number_words.get(top, 0.0)
        share = numerator / self.p.denominators[squash(match.group(2))]
        if not 0 < share < 1:
            return draft.end
        scale = self.lex.scales[squash(match.group(3))] if match.group(3) else draft.multiplier
        draft.value += share * scale
        draft.end = match.end()
        return draft.end

    def read_over(self, text: str, draft: Draft) -> None:
        """'one over three', '1 over 20': a fraction written as a division, ending the phrase."""
        gap = _OVER.match(text, draft.end) if "over" in text[draft.end : draft.end + 7].lower() else None
        core = self.p.core.match(text, gap.end()) if gap else None
        if core is None or core.group("prefixed") or draft.fraction:
            return
        divisor = self._draft(text, core)
        if divisor is None or divisor.value <= 0 or divisor.start != core.start() or divisor.fraction:
            return
        if _PHRASE_END.match(text, divisor.end) is None or _YEAR.fullmatch(core.group()):
            return  # "5 over 10 years", "3,400 over 1985": a span or a comparison, not a division
        draft.value /= divisor.value
        draft.end = draft.core_end = divisor.end
        draft.fraction = True

    def _read_cents(self, text: str, draft: Draft) -> None:
        """A whole amount followed by its hundredths: '3 dollars 50 cents', '15 dollars and 15'."""
        if draft.scaled or draft.value != int(draft.value):
            return
        gap = _CENTS_GAP.match(text, draft.end)
        core = self.p.core.match(text, gap.end()) if gap else None
        if core is None or core.group("prefixed"):
            return
        cents = self._draft(text, core)
        if cents is None or cents.start != core.start() or not (0 < cents.value < 100) or cents.fraction:
            return
        end = cents.end
        sub = self.p.subunit.match(text, end)
        if sub and self.lex.subunits[squash(sub.group(1))][1] == 0.01:
            end = sub.end()
        elif _PHRASE_END.match(text, end) is None:
            return  # "15 dollars and 20 people": the second number counts something else
        draft.value += cents.value / 100
        draft.end = end

    def _unit_at(self, text: str, pos: int, draft: Draft) -> bool:
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
        factor = p.unit_scales.get(word)
        if factor:  # "1.2 mb/d"
            draft.value *= factor
            draft.scaled = True
        if unit in ("year", "years") and text.startswith(("-old", " old"), draft.end):
            draft.unit = "year of age"
            draft.end += 4
        self._read_rate(text, draft)
        return True

    def _read_rate(self, text: str, draft: Draft) -> None:
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

    def _read_noun(self, text: str, draft: Draft, pos: int | None = None) -> None:
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

    def _read_left(self, text: str, start: int, floor: int = 0) -> tuple[int, str | None, str, int]:
        """(new start, currency code, qualifier, start of the qualifier) for a number at `start`; a
        currency symbol before `floor` belongs to the quantity before ("10 rmb 20 usd")."""
        window = text[max(0, start - 8, floor) : start]
        currency = None
        tail = window.rstrip()
        last = tail.rsplit(None, 1)[-1] if tail else ""
        prefix = self.p.prefix.search(window) if last.upper().endswith(self.p.prefix_tails) else None
        if prefix:
            symbol = prefix.group(1)
            code = self.p.prefix_codes.get(symbol) or self.p.prefix_codes.get(symbol.upper())
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
        tail = window.rstrip()
        cue = (
            self.p.qualifier.search(window)
            if self._may_end_in_cue(tail.rsplit(None, 1)[-1] if tail else "")
            else None
        )
        if (
            cue is None and text.find("equal", max(0, start - 32), start) >= 0
        ):  # "greater than or equal to 50"
            window = text[max(0, start - 32) : start]
            cue = self.p.qualifier.search(window)
        if cue and cue.group(1)[:1] in "<>" and window[cue.start(1) - 1 : cue.start(1)] in ("<", ">", "="):
            cue = None  # "<>30", "=>30": not a comparison a reader would write
        if cue:
            qualifier = self.lex.qualifiers[squash(cue.group(1))]
            qualifier_start = start - (len(window) - cue.start(1))
        return start, currency, qualifier, qualifier_start

    def _may_end_in_cue(self, last: str) -> bool:
        """Whether a window whose last word is `last` can end in a qualifier ('than', 'over', '>='):
        a set lookup instead of trying every cue at every position of the window."""
        if not last:
            return False
        if last[-1] in "<>=≤≥~":
            return True
        return last.lower().strip(".,;:[]\"'“”‘’").rsplit("(", 1)[-1] in self.p.cue_last_words

    def _draft(self, text: str, match: re.Match[str]) -> Draft | None:
        raw = match.group()
        start = match.start()
        multiplier = 1.0
        kind = match.lastgroup
        is_words = kind == "words"
        if is_words:
            parsed = parse_number_words(raw, self.lex, self.p.denominators)
            if parsed is None:
                return None
            value, end, fraction = parsed.value, start + parsed.consumed, parsed.fraction
            last_word = raw[: parsed.consumed].rsplit(None, 1)[-1].lower()
            if last_word in ("hundred", "thousand"):  # "six to seven thousand": the scale is on both ends
                multiplier = 100.0 if last_word == "hundred" else 1000.0
        elif kind == "vulgar":  # "¾"
            value, end, fraction = self.p.vulgar_fractions[raw], match.end(), True
        else:
            parsed_value = parse_digits(raw)
            if parsed_value is None:
                return None
            value, end, fraction = parsed_value, match.end(), False
            tail = self.p.vulgar_fractions.get(text[end : end + 1])
            if tail is not None:  # "2½"
                value, end = value + tail, end + 1
        if text.endswith(_SIGN_ENDINGS, 0, start):
            negative = _NEGATIVE.search(text, max(0, start - 10), start)
            if negative:  # "-1", "minus five", "negative 3.5"
                value, start = -value, negative.start()
        return Draft(
            start=start,
            end=end,
            value=value,
            core_end=end,
            is_words=is_words,
            fraction=fraction,
            multiplier=multiplier,
        )

    def _is_not_quantity(self, text: str, match: re.Match[str], draft: Draft) -> bool:
        start, end = match.start(), match.end()
        nxt = text[end : end + 6]
        if not draft.is_words:
            if _ORDINAL_SUFFIX.match(nxt):
                return True  # ordinal
            if _TIME_OF_DAY_AFTER.match(nxt):
                return True  # time of day
            if nxt[:1] == "/" or (nxt[:1] == "." and nxt[1:2].isdigit()):
                return True
            if (
                nxt[:1].isalpha()
                and not self.p.attached.match(text, end)
                and not self.p.attached_unit.match(text, end)
                and not self.p.subunit.match(text, end)
                and not self.p.percent.match(text, end)
                and not self.p.currency_after.match(text, end)
                and not self.p.symbol_after.match(text, end)
            ):
                return True  # 5G, 747s, 3D: part of a name
            if nxt[:1] == "-" and _PHONE.match(text, start):
                return True  # phone number
        return False

    # ---- the whole pass ----

    def _freeze(self, text: str, draft: Draft) -> Quantity:
        bare_word = draft.is_words and not draft.unit  # never a claim: its direction is not needed
        change = None if bare_word else self._change(text, draft.start)
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
        pace = self.p.pace.search(text, max(0, start - 70), start)
        if pace is not None:  # "grew at an annualized rate of 1%": the change's own pace
            verb = pace.group(1).lower()
            return "up" if verb in self.p.change_up else "down" if verb in self.p.change_down else None
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
