"""Regular expressions compiled on first use.

The extractor's modules define about 240 patterns at import; a one-line `metrics extract` uses fewer
than half of them, and compiling the rest was a third of its CPU time. `compile` returns a stand-in
that compiles its pattern the first time one of its methods is looked up and then binds the compiled
pattern's methods to its own slots, so a call after that costs what a call on a compiled pattern does
(slightly less: the bound method is not made again at each lookup).

The stand-in has the methods of `re.Pattern` and its `pattern` attribute (set at once, so patterns
built from others' sources do not compile them); it is not an `re.Pattern` to `isinstance` and cannot
be passed to the `re` module's functions. `compile_all` compiles every one made so far (the
backtracking tests search them all).
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_MADE: list[LazyPattern] = []


class LazyPattern:
    """`re.compile(pattern, flags)`, done the first time a method or attribute is looked up."""

    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)  # a compiled method is bound to its slot

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; its methods take the place of this object's from now on."""
        if self._compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        """Reached only for what is not bound yet (a method before the first use, `flags`, `groups`)."""
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self.pattern!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, deferred to the first use; typed as the pattern it stands for."""
    lazy = LazyPattern(pattern, flags)
    _MADE.append(lazy)
    return cast("re.Pattern[str]", lazy)


def compile_all() -> list[re.Pattern[str]]:
    """Every pattern made by `compile` so far, compiled."""
    return [lazy.compiled() for lazy in _MADE]
