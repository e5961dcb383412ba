"""Quantity mentions: digits and number words with their scale, currency, unit or counted noun.

One compiled pattern finds number cores; everything else is read with small anchored patterns at
the core's edges, so the cost is one regex pass plus a little work per number. Every pattern is
linear (no nested quantifiers over the same characters), so hostile input cannot make it backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from metrics import lazy_re
from metrics.find.number_patterns import Draft, patterns
from metrics.find.number_ranges import RangeReader, is_bare_number_word, join_bounds, share_elided_units
from metrics.find.number_words import NUMBER_WORDS
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import Lexicon, lexicon, squash
from metrics.records import Quantity

_PREFIX_LETTERS = ("rm", "rs", "us", "usd", "eur")
_AGE_BEFORE = lazy_re.compile(r"\b(?:aged|age\s+of|ages\s+of)\s+$", re.IGNORECASE)
_ONE_OF = lazy_re.compile(r"[ \t]+of[ \t]+(?:the|my|his|her|their|its|our|your)(?=[ \t])", re.IGNORECASE)
_SCORE = lazy_re.compile(r"\d{1,2}-\d{1,2}(?![\d/.,])")


class QuantityFinder(RangeReader):
    """Finds quantity mentions in text. Stateless between calls; build once, call many times."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.p = patterns(self.lex)
        self._start_words = NUMBER_WORDS | self.p.vulgar_fractions.keys()
        self._article_words = self.p.article_scales | self.p.denominators.keys()

    # ---- rules that say a number is not a quantity ----

    def _is_identifier(self, text: str, start: int, draft: Draft, sentence_start: bool) -> bool:
        before = text[max(0, start - 30) : start]
        left = self.p.left_word.search(before)
        if left is None:
            return bool(before[-1:] == "-" and len(before) > 1 and before[-2].isalnum())
        word = left.group(1)
        lower = word.lower().rstrip(".")
        if lower in self.p.id_words or word == "#" or (word.endswith("-") and before.endswith("-")):
            return True  # "page 5", "#3", "last-32"
        if (
            lower == "of"
            and draft.unit in ("", "count")
            and not draft.scaled
            and self.p.numbered_group.search(before)
        ):
            return True  # "the Group of 20": a body's name
        if draft.is_words:
            return False
        if "." not in word and any(c.isupper() for c in word[1:]) and word.lower() not in self.lex.name_words:
            return True  # "iPhone 11", "PlayStation 5"
        if (draft.unit and draft.unit not in ("count",)) or draft.scaled:
            return False
        if not word[0].isupper() or lower in self.lex.name_words or lower in self.lex.qualifiers:
            return False
        if word in self.lex.countries or (word in self.p.leader_names and draft.noun in self.p.repetitions):
            return False  # "Putin met Merkel 30 times": a leader's surname before how often is no name
        word_start = start - len(before) + left.start(1)
        head = text[max(0, word_start - 3) : word_start].rstrip(" \t\"'“(")
        return not (word_start == 0 or not head or head[-1] in ".!?\n;")

    # ---- the whole pass ----

    def _starts(self, text: str, tokens: Tokens) -> list[int]:
        """Where a number can begin: digit tokens, number words, 'a' before a scale word, and the
        digits inside currency-prefixed tokens ('RM79', '$US113')."""
        starts = tokens.starts(self._start_words, digits=True)
        for i, start in enumerate(starts):
            if start > 0 and text[start - 1] == "." and (start < 2 or not text[start - 2].isalnum()):
                starts[i] = start - 1  # ".500"
        for word in tokens.present(self._article_words):
            for s in tokens.positions(word):
                article = _ARTICLE.search(text, max(0, s - 4), s)
                if article:
                    starts.append(article.start())
        starts.extend(tokens.positions("half") + tokens.positions("quarter"))
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
        blocked_sorted = sorted([*blocked, *_url_spans(text, tokens)])
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
            quantity = self._quantity_at(text, match, taken_until)
            if quantity is None:
                continue
            found.append(quantity)
            taken_until = max(quantity.end, quantity.noun_end)
        found.sort(key=lambda q: q.start)
        return share_elided_units(text, join_bounds(text, found, self.p.bound_join))

    def _unit_follows(self, text: str, pos: int) -> bool:
        p = self.p
        return any(
            pattern.match(text, pos)
            for pattern in (p.unit, p.percent, p.scale, p.currency_after, p.attached_unit)
        )

    def _quantity_at(self, text: str, match: re.Match[str], floor: int = 0) -> Quantity | None:
        draft = self._draft(text, match)
        if draft is None or self._is_not_quantity(text, match, draft):
            return None
        if draft.is_words and not self._word_number_counts(text, match, draft):
            return None
        start, currency, qualifier, qualifier_start = self._read_left(text, draft.start, floor)
        if match.group("prefixed") and currency is None:
            return None
        between_before = text[max(0, qualifier_start - 9) : qualifier_start].lower().rstrip()
        self.read_over(text, draft)
        self._read_right(text, draft, currency)
        if draft.noun == "modifier":
            return None
        draft.start = start
        draft.qualifier = qualifier
        self._range(text, draft, currency, between_before.endswith("between"))
        if draft.qualifier in ("exact", "approx"):
            after = max(draft.end, draft.noun_end)
            trailing = (
                self.p.trailing.match(text, after) if text.startswith((" or ", " and "), after) else None
            )
            if trailing:  # "500 or more", "20 people or fewer"
                draft.qualifier = self.p.trailing_qualifiers[squash(trailing.group(1))]
                if draft.noun_end < 0:
                    draft.end = trailing.end()
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
        if draft.is_words and not draft.unit and draft.value == 1 and not draft.fraction:
            one_of = _ONE_OF.match(text, draft.end)
            if one_of:
                self._read_noun(text, draft, one_of.end())
        if self._names_follow(text, draft):
            return None
        return self._freeze(text, draft)

    def _names_follow(self, text: str, draft: Draft) -> bool:
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

    def _word_number_counts(self, text: str, match: re.Match[str], draft: Draft) -> bool:
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


_ARTICLE = lazy_re.compile(r"\ban?\s+$", re.IGNORECASE)
_URL = lazy_re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_URL_WORDS = frozenset({"http", "https", "www"})


def _url_spans(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Web addresses: their digits ('q=30%25', 'page=2') are not quantities."""
    if not tokens.any_of(_URL_WORDS):
        return []
    return [match.span() for match in _URL.finditer(text)]


__all__ = ["QuantityFinder", "default_finder", "find_quantities", "is_bare_number_word"]


@cache
def default_finder() -> QuantityFinder:
    return QuantityFinder()


def find_quantities(text: str, blocked: Sequence[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity mention in `text`. Dates, years and times of day are not quantities: unless
    `blocked` spans are given, the calendar spans of metrics.find.timex are skipped."""
    if blocked is None:
        from metrics.find.timex import calendar_spans

        blocked = calendar_spans(text)
    return default_finder().find(text, blocked)
