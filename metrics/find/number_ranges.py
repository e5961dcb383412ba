"""Ranges and vague amounts: 'X-Y unit', 'between X and Y', 'dozens of', 'half of', and units
shared across elided pairs ('3.9 million, up from 2.4 million')."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from metrics import lazy_re
from metrics.find.number_edges import EdgeReader
from metrics.find.number_patterns import Draft
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import squash
from metrics.records import Quantity

_SYMBOL = lazy_re.compile(r"(US\$|\$|£|€|¥)")


class RangeReader(EdgeReader):
    """Adds ranges and vague or fractional amounts to the edge reader."""

    def _range(self, text: str, draft: Draft, currency: str | None, between: bool) -> Draft | None:
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
            prefix = _SYMBOL.match(text, after)
            if prefix is None:
                return None
            prefix_shift = len(prefix.group(1))
            core = self.p.core.match(text, after + prefix_shift)
            if core is None:
                return None
        other = self._draft(text, core)
        if other is None or self._is_not_quantity(text, core, other):
            return None
        if draft.is_words and not other.is_words:
            return None
        if other.is_words and other.value == 1 and word in ("to", "-to-"):
            return None  # "7.80 to one dollar", "2.1 to one": a ratio, not a range
        self._read_right(text, other, currency)
        if other.noun == "modifier":
            return None
        own_unit = bool(draft.unit) or draft.scaled
        if own_unit and draft.unit.split(" per ")[0] != other.unit.split(" per ")[0]:
            return None
        spelled_range = word in ("through", "thru", "~") or (between and word == "and")
        if not own_unit and not (other.unit or other.scaled) and not spelled_range:
            return None
        if own_unit and word in ("to", "-to-"):
            before = text[max(0, draft.start - 30) : draft.start].lower().split()
            if before and (before[-1] in ("from", "by") or self._change(text, draft.start)):
                return None  # "from $5 to $6", "rose by $43.6 billion to $419.2 billion": two values
        low = draft.value
        if (not own_unit or (other.scaled and not draft.scaled)) and low <= other.value / other.multiplier:
            low *= (
                other.multiplier
            )  # "20-30 billion", "$20-30 billion": the scale applies to both ends (not "500,000 and one mln")
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
        if tokens.any_of(self.p.vague_words):
            yield from self._vague(text, tokens)
        if tokens.any_of(self.p.fraction_words):
            yield from self._fractions(text, tokens)

    def _vague(self, text: str, tokens: Tokens) -> Iterable[Quantity]:
        lex = self.lex
        for match in _found(self.p.vague, text, tokens, self.p.vague_starts):
            low, high = lex.vague[squash(match.group(1))]
            currency = lex.currency_words.get(squash(match.group(2))) if match.group(2) else None
            draft = Draft(
                start=match.start(), end=match.end(), value=low, core_end=match.end(), is_words=True
            )
            if currency:
                draft.unit = draft.currency = currency
            else:
                self._read_noun(text, draft)
                draft.unit = draft.unit or "count"
            draft.low, draft.high, draft.qualifier, draft.scaled = low, high, "range", True
            yield self._freeze(text, draft)

    def _fractions(self, text: str, tokens: Tokens) -> Iterable[Quantity]:
        """Tried at the tokens a fraction can begin with ("a", "half", "two"), not at every character."""
        lex = self.lex
        for match in _found(self.p.fraction, text, tokens, self.p.fraction_starts):
            value = lex.fractions[squash(match.group(1))]
            start, _currency, qualifier, _ = self._read_left(text, match.start())
            draft = Draft(
                start=start,
                end=match.end(1),
                value=value,
                core_end=match.end(1),
                is_words=True,
                unit="fraction",
                qualifier=qualifier,
            )
            yield self._freeze(text, draft)


def _found(
    pattern: re.Pattern[str], text: str, tokens: Tokens, first: frozenset[str] | None
) -> Iterable[re.Match[str]]:
    """The matches of a phrase pattern, tried only where one of its first words stands when it has them."""
    if first is None:
        return pattern.finditer(text)
    return matches_at(pattern, text, tokens.folded_starts(first))


_ELIDED = lazy_re.compile(
    r"[^\d.;!?]{0,40}?\b(?:from|to|vs\.?|versus|against|and|or|but|compared\s+with|while)\b[^\d.;!?]{0,25}$",
    re.IGNORECASE,
)


def share_elided_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A bare number right after a quantity with a unit, joined by from/to/vs/and/but, shares that unit:
    "3.9 million headsets, up from 2.4 million", "435 homes by sale and 187 by tender"."""
    out = list(quantities)
    previous: Quantity | None = None
    for i, quantity in enumerate(out):
        if is_bare_number_word(quantity):
            continue  # "one", "two thirds": neither takes nor lends a unit
        if (
            previous is not None
            and quantity.unit == "number"
            and previous.unit not in ("number", "fraction")
            and not (previous.scaled and not quantity.scaled)
            and _ELIDED.fullmatch(text, previous.noun_end, quantity.start)
            and not _level_after_change(text, previous, quantity)
            and not _restated_as(text, quantity, out[i + 1] if i + 1 < len(out) else None, previous.unit)
        ):
            out[i] = quantity = replace(quantity, unit=previous.unit, noun=previous.noun)
        previous = quantity
    return out


_OR_RESTATED = lazy_re.compile(r"[ \t]*+,?[ \t]*+or[ \t]++", re.IGNORECASE)


def _restated_as(text: str, quantity: Quantity, following: Quantity | None, unit: str) -> bool:
    """'against 120,000, or 2.8 pct of the workforce': a bare number restated as a figure of the unit it
    would borrow is not of that unit (a count and its share are said as a pair)."""
    return (
        following is not None
        and unit == "%"
        and following.unit == unit
        and _OR_RESTATED.fullmatch(text, quantity.noun_end, following.start) is not None
    )


_TO_LEVEL = lazy_re.compile(r"\b(?:to|at)\b", re.IGNORECASE)


def _level_after_change(text: str, change: Quantity, level: Quantity) -> bool:
    """'rose 0.65 per cent to 27,349.19': after a percentage change, the number is a level, not a percent."""
    if change.change is None or change.unit not in ("%", "percentage point", "basis point"):
        return False
    return bool(_TO_LEVEL.search(text, change.noun_end, level.start))


def is_bare_number_word(quantity: Quantity) -> bool:
    """A number written in words with nothing it counts or measures ("one of them", "two thirds")."""
    return quantity.unit == "number" and not any(char.isdigit() for char in quantity.surface)


def join_bounds(text: str, quantities: list[Quantity], joint: re.Pattern[str]) -> list[Quantity]:
    """A lower and an upper bound said together make one range: "more than 10 and less than 40",
    "at most 100 and at least 20", "above 1,000 but below 1,500"; not "over 300 people and almost
    500 firms", where each bound counts its own thing."""
    out: list[Quantity] = []
    for quantity in quantities:
        previous = out[-1] if out else None
        if previous is None or {previous.qualifier, quantity.qualifier} != {"at_least", "at_most"}:
            out.append(quantity)
            continue
        units = {previous.unit, quantity.unit} - {"number"}
        if (
            len(units) > 1
            or previous.noun is not None
            or not joint.fullmatch(text, previous.end, quantity.start)
        ):
            out.append(quantity)
            continue
        low, high = (previous, quantity) if previous.qualifier == "at_least" else (quantity, previous)
        if not low.value < high.value:
            out.append(quantity)
            continue
        out[-1] = replace(
            previous,
            end=quantity.end,
            surface=text[previous.start : quantity.end],
            value=(low.value + high.value) / 2,
            low=low.value,
            high=high.value,
            unit=units.pop() if units else "number",
            qualifier="range",
            noun=quantity.noun or previous.noun,
            noun_end=max(quantity.noun_end, quantity.end),
            scaled=previous.scaled or quantity.scaled,
        )
    return out
