"""The cue words of roles (metrics/data/roles.toml) and the patterns of the reference words among them
("the company", "the two countries", "it"), compiled once."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, alternation


@cache
def role_words() -> dict[str, dict[str, list[str]]]:
    """metrics/data/roles.toml: the cue words of sources, places, partners and references."""
    return _toml("roles.toml")


@cache
def reference_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(role_words()['references'][kind])})\b", re.IGNORECASE)


@cache
def all_references() -> re.Pattern[str]:
    """Every kind of reference word of roles.toml in one pattern, each kind a named group."""
    kinds = ("company", "country", "organisation", "pair", "pair_country", "pair_person")
    groups = "|".join(rf"(?P<{kind}>{alternation(role_words()['references'][kind])})" for kind in kinds)
    return re.compile(rf"\b(?:{groups})\b", re.IGNORECASE)
