"""The copy of a text the finders match, read the way a reader reads it, and the way back to the text.

A reader sees "$3‍0 billion" (a zero-width joiner inside it) as $30 billion, and "٢٠١٩" or "２０１９"
as the year 2019. The patterns are written for ASCII digits and take an invisible character for a
break, so the finders get a copy with every decimal digit as its ASCII digit (one character for one)
and the invisible format characters (INVISIBLE) left out. Offsets found in the copy are mapped back
(`original`), so a claim's start and end index the text exactly as given.

Most texts hold none of these characters: they are their own copy and nothing is mapped.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from metrics import lazy_re

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width space, non-joiner and joiner, word joiner, zero-width no-break space."""

_SPECIAL = lazy_re.compile(f"[{INVISIBLE}]|(?![0-9])\\d")
_DROPPED = lazy_re.compile(f"[{INVISIBLE}]+")


class NormalText:
    """`text` is the copy to match; `original(start, end)` maps a span of it back to the given text."""

    __slots__ = ("_copy_at", "_shift", "given", "text")

    def __init__(self, given: str) -> None:
        self.given = given
        self._copy_at: list[int] = []
        self._shift: list[int] = []
        if given.isascii() or not _SPECIAL.search(given):  # both outside ASCII; isascii() is one C pass
            self.text = given
            return
        digits: dict[str, str | int | None] = {
            char: str(unicodedata.digit(char))
            for char in set(given)
            if char.isdecimal() and not "0" <= char <= "9" and unicodedata.digit(char, None) is not None
        }
        pieces: list[str] = []
        dropped = 0
        last = 0
        for match in _DROPPED.finditer(given):
            pieces.append(given[last : match.start()])
            dropped += match.end() - match.start()
            last = match.end()
            self._copy_at.append(match.start() - (dropped - (match.end() - match.start())))
            self._shift.append(dropped)
        pieces.append(given[last:])
        copy = "".join(pieces)
        self.text = copy.translate(str.maketrans(digits)) if digits else copy

    @property
    def same(self) -> bool:
        """Whether the copy is the given text itself (nothing to map)."""
        return self.text is self.given

    def _at(self, offset: int, end: bool) -> int:
        """The given text's offset for an offset of the copy. An end offset stays before the invisible
        characters that were left out right there; a start offset moves past them."""
        i = bisect_right(self._copy_at, offset - 1 if end else offset) - 1
        return offset + (self._shift[i] if i >= 0 else 0)

    def original(self, start: int, end: int) -> tuple[int, int]:
        if not self._copy_at:
            return start, end
        return self._at(start, end=False), self._at(end, end=True)
