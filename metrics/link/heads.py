"""Which noun a figure measures, read from the grammar around it: the noun it modifies ("a 22 pct
stake"), the whole a bare number is part of ("450 of its 1,200 buses"), the verb that governs a count of
people ("employs 3,000 workers"), a difference of two flows named as such ("the gap between exports and
imports") and the per-item words that make a money figure a unit price ("31 dlrs each"); and the phrase
a metric word is written in, the clause around a figure and the words that compare it with the figure
before. The complement of an amount of money ("34 mln dlrs in debt") is complement.py's. The word lists
are data (metrics.toml); the vocabulary step (measures.py) names what these rules find."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from metrics import lazy_re
from metrics.calendar import MONTHS, WEEKDAYS
from metrics.lexicon import _toml, first_char_guarded, first_chars, lexicon
from metrics.link.keywords import Hit, Located, quoted_currencies
from metrics.records import Quantity

MAX_MODIFIERS = 3
"""Words before a metric word that still belong to its phrase ("net new lending")."""
MAX_COMPLEMENT = 3
"""Words of an 'of'/'by' complement after it ("lending by building societies")."""

_STOP_EXTRA = frozenset({"said", "says", "rose", "fell", "was", "were", "up", "down", "total", "totalled"})


def phrase_around(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """Where the metric word at [start, end) is written with its modifiers before and an of/by
    complement after ("net new lending by building societies")."""
    stop = _stop_words(lexicon().noun_stop)
    left = start
    verb = text[start:end].lower().endswith("ed")  # "Acme earned": the word before a verb is its subject
    for _ in range(0 if verb else MAX_MODIFIERS):
        # the last word of text[floor:left] without its trailing space, read backwards from `left`
        # rather than by a regex search of the whole stretch: [A-Za-z][A-Za-z-]* ending there
        last = left
        while last > floor and text[last - 1].isspace():
            last -= 1
        first = last
        while first > floor and text[first - 1] in _MODIFIER_CHARS:
            first -= 1
        while first < last and text[first] == "-":
            first += 1
        if first == last or text[first:last].lower() in stop or (first > floor and text[first - 1] in "'’"):
            break  # a function word, or the "s" of a genitive ("Acme's hedging costs")
        if text[first].isupper() and text[floor:first].strip(" \"'“("):
            break  # a name ("Ford"), not a modifier, unless it opens the sentence
        left = first
    right = end
    tail = _OF_BY.match(text, end, ceiling)
    if tail:
        stretch = tail.end()
        for taken, word in enumerate(_PHRASE_WORD.finditer(text, stretch, ceiling)):
            if word.start() != stretch or word.group().lower() in stop or taken == MAX_COMPLEMENT:
                break
            right = stretch = word.end()
            space = _SPACE.match(text, stretch, ceiling)
            stretch = space.end() if space else stretch
    return left, right


_MODIFIER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")
_OF_BY = lazy_re.compile(r"\s+(?:of|by)\s+")
_SPACE = lazy_re.compile(r"\s+")


@lru_cache(maxsize=8)
def _stop_words(noun_stop: frozenset[str]) -> frozenset[str]:
    """The function words that end a metric phrase, made once per lexicon rather than per phrase."""
    return noun_stop | _STOP_EXTRA


_CLAUSE_BREAK = lazy_re.compile(r";|\s(?:but|while|whereas|although)\s|,\s+(?:who|which|where|whose)\s")


def clause_of(text: str, sentence: tuple[int, int], quantity: Quantity) -> tuple[int, int]:
    """The stretch of the sentence between the clause breaks (';', 'but', 'while'...) around the figure;
    a break inside parentheses ("570 rupees (£6.80; $13) apiece") is none."""
    start, end = sentence
    for break_start, break_end in _clause_breaks(text, start, end):
        if break_end <= quantity.start:
            start = break_end
        elif break_start >= quantity.noun_end:
            end = break_start
            break
    return start, end


@lru_cache(maxsize=16)
def _clause_breaks(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The clause breaks of a sentence outside parentheses, found once for all its figures (a few
    documents' sentences are kept: the figures of one sentence are read one after another)."""
    breaks = []
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        before = text[start : match.start()]
        if before.count("(") <= before.count(")"):
            breaks.append(match.span())
    return tuple(breaks)


COMPARED_FROM = lazy_re.compile(
    r"(?:\b(?:from|vs\.?|versus|against|compared\s+(?:with|to))\s+(?:a|an|the)?\s*(?:[a-z-]+\s+)?|,\s+or\s+|\(\s*)$",
    re.IGNORECASE,
)
"""'fell to 11.8 pct of the workforce from 12.1 pct': the figure compared with is of the same metric, and so
is one restated after ', or' ('a gain of 2 mln dlrs, or 9 cts a share'); a figure that is itself the
modifier of a metric noun ('against a 1.9 mln profit') is that noun's."""

_PHRASE_WORD = lazy_re.compile(r"[A-Za-z][A-Za-z'-]*")


_DETERMINED = lazy_re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat|whose)|\w['’]s)"
    r"\s+(?:[a-z-]+\s+)?$"
)
"""What stands before a figure used as a modifier: a determiner or genitive, perhaps with one adjective
("an initial 2.5 mln stg order", "Acme's proposed 40 dlr offer")."""
_MODIFIER_GAP = lazy_re.compile(r"[ \t-]*(?:(?:1[89]|20)\d\d[ \t]+|([a-z][a-z-]*)[ \t]+)?")
"""What may stand between such a figure and its noun: a hyphen, a year ("a 1.08 billion crown 1986 loss")
or one modifier that is no function word."""
_PARTITIVE = lazy_re.compile(
    r"[ \t]+of[ \t]+(?:its|their|the|his|her|our)[ \t]+(?:[\d,.]+[ \t]+)?([A-Za-z][a-z-]+)\b"
)


def unit_class(unit: str) -> str:
    """The unit class of a claim unit: ISO codes are money, '%' and points percent, and so on."""
    head = unit.partition(" per ")[0]
    if len(head) == 3 and head.isupper():
        return "money"
    if head in ("%", "percentage point", "basis point"):
        return "percent"  # "10 pct a month" is a rate in percent like "10 pct"
    if unit in ("count", "number"):
        return unit
    if unit == "point":
        return "index"
    return "measure"


def counted(noun: str) -> str:
    """A counted noun as a metric name: lower case, without the demonyms or country names before it
    ("300 Russian individuals" counts individuals; Russia is an entity of the claim) or the modifiers
    that do not change what is counted ("two new roads" counts roads)."""
    words = noun.split()
    countries = lexicon().countries
    while len(words) > 1 and (words[0] in countries or words[0].lower() in _leading_modifiers()):
        words.pop(0)
    return " ".join(words).lower()


def counts_a_time(quantity: Quantity) -> bool:
    """Whether a count's noun is a word of time ("versus 29 yesterday", "3.72 today"): a time word is never
    what a figure counts, so the figure is a bare number."""
    if quantity.unit != "count" or not quantity.noun:
        return False
    first = quantity.noun.split()[0].lower()
    return first in _time_words() or first in WEEKDAYS or first in MONTHS


@cache
def _time_words() -> frozenset[str]:
    return frozenset(_toml("metrics.toml")["counted"]["time_words"])


@cache
def _leading_modifiers() -> frozenset[str]:
    return frozenset(_toml("metrics.toml")["counted"]["leading_modifiers"])


def is_money(unit: str) -> bool:
    """ISO 4217 codes are the only three-capital-letter units ("USD", "JPY per tonne")."""
    head = unit.partition(" per ")[0]
    return len(head) == 3 and head.isupper()


def modifier_only(text: str, start: int, end: int) -> bool:
    gap = _MODIFIER_GAP.fullmatch(text, start, end)
    return gap is not None and (gap.group(1) is None or gap.group(1) not in lexicon().noun_stop)


def attributive_head(text: str, hits: Located[Hit], quantity: Quantity, end: int) -> Hit | None:
    """The metric noun a figure modifies: "a 22 pct stake", "the 35 dlr offer", "a 1.9 mln profit" measure
    the stake, the offer and the profit, whatever metric words stand earlier in the sentence. Without a
    determiner the noun must follow the figure at once ("demands for 10 pct pay rises")."""
    determined: bool | None = None  # looked for only when a metric word follows (most figures: none)
    # from the figure's end (a metric noun the finder read as counted: "a 1.9 mln profit"), or after the
    # unit word it took in ("a 1.08 billion crown 1986 loss")
    for after in dict.fromkeys((quantity.end, max(quantity.end, quantity.noun_end))):
        for hit in hits.within(after, min(end, after + 16)):
            if determined is None:
                determined = _DETERMINED.search(text, max(0, quantity.start - 40), quantity.start) is not None
            if not determined and (
                text[after : hit.start].strip(" \t-") or re.match(r"[ \t]+of\b", text[hit.end : hit.end + 4])
            ):
                continue  # "exported 16.9bn worth of goods": a postposition, no noun the figure modifies
            if modifier_only(text, after, hit.start):
                return hit
    return None


def partitive(text: str, quantity: Quantity) -> str | None:
    """The counted whole a bare number is part of: "450 of its 1,200 buses" counts buses."""
    whole = _PARTITIVE.match(text, quantity.end) if quantity.unit == "number" else None
    if whole is None or whole.group(1).lower() in lexicon().noun_stop:
        return None
    return whole.group(1).lower()


@cache
def _differences() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    word = r"(?:[\w.'’-]+\s+)"
    for metric, spec in _toml("metrics.toml")["differences"].items():
        nouns = "|".join(re.escape(noun) for noun in spec["words"])
        first, second = (re.escape(flow) for flow in spec["between"])
        pair = rf"(?:{first}\s+and\s+{word}{{0,2}}?{second}|{second}\s+and\s+{word}{{0,2}}?{first})"
        found = rf"\b(?:{nouns})\s+between\s+{word}{{0,3}}?{pair}\b"
        out.append((first_char_guarded(first_chars(spec["words"]), found, re.IGNORECASE), metric))
    return tuple(out)


def difference(text: str, quantity: Quantity, clause: tuple[int, int]) -> tuple[str, str] | None:
    """The metric a clause names as the difference of two others, and the phrase ("the gap between
    exports and imports widened to 60 billion dlrs": the trade deficit), for a figure after it."""
    for pattern, metric in _differences():
        found = pattern.search(text, clause[0], quantity.start)
        if found:
            return metric, " ".join(found.group().split())
    return None


@cache
def _people() -> frozenset[str]:
    return frozenset(_toml("metrics.toml")["people"]["nouns"])


def governing_hit(
    text: str, hits: Located[Hit], quantity: Quantity, clause: tuple[int, int], noun: str | None
) -> Hit | None:
    """The metric word (a verb) that governs a figure, when it counts people ("employs about 3,000
    workers") or whatever it counts (`noun` None); only qualifiers and determiners stand between."""
    if noun is not None and noun.split()[-1].lower() not in _people():
        return None
    before = hits.within(max(clause[0], quantity.start - 40), quantity.start)
    if not before:
        return None
    between = text[before[-1].end : quantity.start].lower().split()
    if len(between) > 3 or any(word not in _governed_gap() for word in between):
        return None
    return before[-1]


@cache
def _governed_gap() -> frozenset[str]:
    words = [*_toml("metrics.toml")["governed"]["between"], *lexicon().qualifiers]
    return frozenset(part for word in words for part in word.split())


_NEIGHBOUR_BEFORE = lazy_re.compile(r"([A-Za-z][\w&.'’-]*)[ \t]+$")
_NEIGHBOUR_AFTER = lazy_re.compile(r"[ \t]+([A-Za-z][\w&'’-]*)")


def in_name(text: str, hit: Hit) -> bool:
    """Whether a metric word is part of a proper name ("the Federal Reserve", "the Toronto Stock Exchange",
    "Tosco Refining Co", "the Trade Ministry"): capitalised mid-sentence beside another capitalised word.
    A word capitalised only because it opens the sentence ("Exports rose") is no name; neither is any
    word of a line in capitals."""
    word = text[hit.start : hit.end]
    if not word[:1].isupper() or word.isupper():
        return False
    after = _NEIGHBOUR_AFTER.match(text, hit.end, hit.end + 40)
    if after and _titled(after.group(1)):
        return True
    if " " in word.strip():
        return False  # "Dutch Gross National Product rose": an indicator written in capitals, no name
    before = _NEIGHBOUR_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    if before is None or not _titled(before.group(1)):
        return False  # "U.S. Exports of groundnuts": an abbreviation, not a name's word
    opening = text[max(0, before.start(1) - 3) : before.start(1)].strip(" \t") in ("", ".", "\n", '"')
    return before.group(1).lower() not in lexicon().noun_stop and not opening


def _titled(word: str) -> bool:
    """A capitalised word that may belong to a name: no abbreviation ("U.S."), month or weekday."""
    lowered = word.lower().rstrip(".")
    calendar_word = lowered in MONTHS or lowered in WEEKDAYS
    return word[0].isupper() and any(ch.islower() for ch in word) and not calendar_word


def not_names(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits that are no part of a proper name; an index keeps its name ("the Nikkei Index rose")."""
    return [hit for hit in hits if hit.name == "index" or not in_name(text, hit)]


_BASE = first_char_guarded(
    "p%", r"(?:pct|percent|per\s+cent|%)\s+of\s+(?:the\s+|its\s+|their\s+|total\s+)?$", re.IGNORECASE
)


def not_bases(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits that are no base of an earlier share ("94,000 jobless, 2.2 pct of the workforce, against
    120,000 or 2.8 pct": the workforce is what 2.2 pct is of, not what 2.8 pct measures), when others
    remain."""
    kept = [hit for hit in hits if not _BASE.search(text, max(0, hit.start - 24), hit.start)]
    return kept if kept else hits


_GLOSS = lazy_re.compile(r",\s+or\s+[^,;]{3,90},")
"""'Japan's PSE, or the amount of aid to farmers as a percentage, averaged 83 pct': a gloss explains
the metric before it; its own words are not what the figure measures."""


def outside_glosses(text: str, hits: list[Hit], start: int, end: int) -> list[Hit]:
    """The hits in [start, end) that are not inside a gloss, when some metric word stands before it."""
    glosses = [m.span() for m in _GLOSS.finditer(text, start, end)]
    if not glosses:
        return hits
    kept = [hit for hit in hits if not any(a <= hit.start < b for a, b in glosses)]
    return kept if kept else hits


def quoted_currency(
    text: str, quantity: Quantity, clause: tuple[int, int], taken: tuple[tuple[int, int], ...], own: str = ""
) -> str | None:
    """The code of the currency a figure prices when that currency is named before it in its clause ("the
    dollar was at 141.10 yen": USD), a currency word outside any money figure (`taken`) that is not the
    figure's own (`own`, else the figure's unit); None when there is none."""
    pattern, table = quoted_currencies()
    own = own or quantity.unit.partition(" ")[0]
    for found in pattern.finditer(text, clause[0], quantity.start):
        if any(a <= found.start() < b for a, b in taken):
            continue
        if table[found.group().lower()] != own:
            return table[found.group().lower()]
    return None


_PER_CURRENCY = lazy_re.compile(
    r"[ \t]++(?:per|to[ \t]++the|against[ \t]++the|a)[ \t]++(?:U\.S\.[ \t]++)?(?P<base>[A-Za-z]++)\b"
)


def per_currency(text: str, quantity: Quantity) -> str | None:
    """The code of the currency a bare figure is quoted against ("151.7 per dollar", "83.25 to the dollar":
    USD; metrics.toml [quoted_currencies], "greenback" being the dollar), or None."""
    found = _PER_CURRENCY.match(text, quantity.noun_end)
    if found is None:
        return None
    word = found.group("base").lower()
    return "USD" if word == "greenback" else quoted_currencies()[1].get(word)


@cache
def _verb_metrics() -> dict[str, str]:
    return dict(_toml("metrics.toml")["verb_metrics"])


def verb_metric(word: str) -> str | None:
    """The metric a metric word names when it is the verb of the figure after it (metrics.toml)."""
    return _verb_metrics().get(word.lower())


@cache
def _per_item() -> re.Pattern[str]:
    words = sorted(_toml("metrics.toml")["per_item"]["words"], key=len, reverse=True)
    joined = "|".join(re.escape(word) for word in words)  # after a restatement: "at 570 rupees ($13) each"
    return re.compile(rf"(?:[ \t]*\([^()]{{1,40}}\))?[ \t)]+(?:{joined})\b", re.IGNORECASE)


def per_item(text: str, quantity: Quantity) -> bool:
    """Whether a per-item word follows the figure ("31 dlrs each", "900 yen (6.20 dlrs) apiece")."""
    return _per_item().match(text, quantity.noun_end) is not None


_PERCENT = lazy_re.compile(r"\d[ \t]*(?:%|pct\b|percent\b|per[ \t]+cent\b)", re.IGNORECASE)


def beside_percents(units: tuple[str, ...], quantity: Quantity, text: str, clause: tuple[int, int]) -> bool:
    """Whether a bare figure of a percent-only metric (`units`, the metric's) stands beside percents in
    its clause and is of their size ("5-1/4 to 5-3/8 a week ago" after "5-3/4 to 6-1/4 pct"); "50 mln"
    is no rate."""
    if units != ("percent",) or quantity.scaled or abs(quantity.value) >= 100:
        return False
    return _PERCENT.search(text, *clause) is not None


_INDEX_WORD = lazy_re.compile(r"\b(?:index|indices|indexes|points?)\b", re.IGNORECASE)
_SENTENCE_END = lazy_re.compile(r"[.!?][ \t\n]")


def names_index(text: str, at: int) -> bool:
    """Whether the sentence around `at` names an index or points, so a bare level in it is in points."""
    start = max(0, at - 250)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    after = _SENTENCE_END.search(text, at, at + 250)
    return (
        _INDEX_WORD.search(text, ends[-1] if ends else start, after.start() if after else at + 250)
        is not None
    )
