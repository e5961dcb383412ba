"""Company names as headlines and wire results tables write them: a capitals name without its legal
form in its usual case ("BROWN-FORMAN INC" -> "Brown-Forman"), a plain whole-word search, and the
company a headline opens with as the subject of its verb ("Vexa sues 40 banks")."""

from __future__ import annotations

import re
from functools import cache

from metrics import lazy_re
from metrics.find.gazetteer import is_known
from metrics.lexicon import _toml
from metrics.link.role_words import reference_pattern
from metrics.records import EntityMention

_CONNECTIVES = frozenset({"and", "of", "de", "the", "du", "la"})


@cache
def _designators() -> frozenset[str]:
    """Legal-form words in capitals (companies.toml), read once: reading the file per headline cost
    6% of extraction (make bench's profile)."""
    return frozenset(w.upper().rstrip(".") for w in _toml("companies.toml")["designators"]["words"])


def wire_name(capitals: str) -> str | None:
    """A company name as a wire headline writes it in capitals, without its legal form and in the
    usual case ("BROWN-FORMAN INC" -> "Brown-Forman", "AM INTERNATIONAL" -> "AM International")."""
    designators = _designators()
    words = capitals.split()
    while words and words[-1].rstrip(".,") in designators:
        words.pop()
    if not words or len(words) > 5:
        return None
    out = []
    for word in words:
        if word.lower() in _CONNECTIVES:
            out.append(word.lower())
        elif len(word) <= 3 or not any(c in "AEIOUY" for c in word):
            out.append(word)  # an acronym: "AM", "GTE"
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def whole_word(text: str, form: str) -> int:
    """Where `form` first occurs in `text` as whole words, or -1 (a plain search: a regex per form per
    headline cost more than the rest of the headline's reading)."""
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return at
        at = text.find(form, at + 1)
    return -1


_HEADLINE_SUBJECT = lazy_re.compile(r"([A-Z][a-z][\w&-]+(?: [A-Z][\w&-]+)?) [a-z]+s\b")
"""A headline's opening name and its verb ("Vexa buys rival", "Kerbler Bau sues banks")."""


def with_headline_subject(
    text: str, title: str | None, mentions: list[EntityMention], opening: int
) -> list[EntityMention]:
    """Add the company a headline opens with as the subject of its verb ("Vexa sues 40 banks") when the
    article names it again, never writes it in lower case (so it is no common word: "Oil prices ..."),
    knows it by no other kind and speaks of a company ("the firm")."""
    found = _HEADLINE_SUBJECT.match(title) if title and not title.isupper() else None
    if found is None:
        return mentions
    name = found.group(1)
    if is_known(name) or name.split()[0] in _company_words() or whole_word(text.lower(), name.lower()) < 0:
        return mentions
    if whole_word(text, name.lower()) >= 0 or any(m.surface == name for m in mentions):
        return mentions
    if not reference_pattern("company").search(text):
        return mentions  # a story that never says "the company" or "the firm" is about no company
    if re.search(rf"(?:\b(?:Mr|Mrs|Ms|Dr|Sir)\.?|(?<![.!?]\s)\b[A-Z][a-z]+) {re.escape(name)}\b", text):
        return mentions  # "Mr Ebbers", "Bernie Ebbers": a person
    taken = [(m.start, m.end) for m in mentions]
    more = []
    at = whole_word(text, name)
    while at >= 0:
        end = at + len(name)
        if at >= opening and not any(s < end and at < e for s, e in taken):
            more.append(EntityMention(at, end, name, name, "company"))
        following = whole_word(text[end:], name)
        at = end + following if following >= 0 else -1
    return sorted([*mentions, *more], key=lambda m: m.start) if more else mentions


@cache
def _company_words() -> frozenset[str]:
    """Capitalised words that open a headline without naming anyone ("Shares", "Profits", months)."""
    table = _toml("companies.toml")
    return (
        frozenset(table["not_names"]["words"])
        | frozenset(table["not_possessed"]["words"])
        | frozenset(table["kind_words"]["words"])
    )
