"""Keyword and cue phrases of one document (metric words, event verbs, forecast and target cues),
found once and queried by offset range, so linking each quantity costs a bisection, not a scan;
and the cue patterns the linker reads at a quantity's edges ("by 2022", "up 4% on a year earlier")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Generic, Protocol, TypeVar

from metrics import lazy_re
from metrics.find.tokens import Tokens
from metrics.find.word_alternation import WordAlternation
from metrics.lexicon import (
    Lexicon,
    _toml,
    alternation,
    first_char_guarded,
    first_chars,
    keyword_parts,
    lexicon,
    metric_vocabulary,
    squash,
)


class _Located(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_Located)


class Located(Generic[T]):
    """Items sorted by start offset, with range queries."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = list(items)
        self.starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """Items starting in [start, end)."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def any_within(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Vocabulary:
    """A table of phrases (a trailing '*' matches any ending) -> names, compiled for token-anchored search."""

    table: dict[str, str]
    alternation: WordAlternation
    """The phrases as one alternation, tried at each token with only the phrases that can begin there."""
    starred: tuple[tuple[str, str], ...] = ()
    """(prefix, name) of the phrases ending in '*', in table order."""
    _named: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """name_of by surface as written: the same few hundred surfaces recur across documents, and each
    costs a squash and a walk over the starred phrases (bounded by NAMED_MAX, since surfaces are text)."""

    @classmethod
    def of(cls, table: dict[str, str]) -> Vocabulary:
        alternation = WordAlternation(keyword_parts(table), suffix=r"\b")
        starred = tuple((phrase[:-1], name) for phrase, name in table.items() if phrase.endswith("*"))
        return cls(table, alternation, starred)

    @property
    def pattern(self) -> re.Pattern[str]:
        return self.alternation.full

    @property
    def words(self) -> frozenset[str]:
        return self.alternation.words

    @property
    def prefixes(self) -> tuple[str, ...]:
        return self.alternation.prefixes

    def name_of(self, surface: str) -> str | None:
        key = squash(surface)
        if key in self.table:
            return self.table[key]
        for prefix, name in self.starred:
            if key.startswith(prefix):
                return name
        return None

    def hits(self, text: str, tokens: Tokens) -> Located[Hit]:
        found = []
        named = self._named
        for match in self.alternation.matches(text, tokens):
            surface = match.group()
            name = named.get(surface, _UNSEEN)
            if name is _UNSEEN:
                name = self.name_of(surface)
                if len(named) < NAMED_MAX:
                    named[surface] = name
            if name:
                start, end = match.span()
                found.append(Hit(start, end, name))  # type: ignore[arg-type]
        return Located(found)


_SENTENCE_OPENERS = frozenset(".!?:;\n\"'(\u201c\u2018-\u2013\u2014*\u2022")


def titled(text: str, start: int, end: int) -> bool:
    """Whether the cue word at start:end is written with a capital and lower-case letters after it and is
    not the first word of its sentence or clause (what stands before it, past spaces, ends a sentence,
    opens a quote or is a dash or bullet: "Acme Inc - Offering of ..."): a name ("sales at Target"),
    not the cue."""
    if not (text[start].isupper() and any(c.islower() for c in text[start + 1 : end])):
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] not in _SENTENCE_OPENERS


NAMED_MAX = 8192
"""Surfaces whose name a Vocabulary remembers; past that it works each out again."""
_UNSEEN = object()


@dataclass(frozen=True)
class Vocabularies:
    metrics: Vocabulary
    changes: Vocabulary
    """Verbs of change ("rose"): the metric of a clause that names no other."""
    events: Vocabulary
    forecast: Vocabulary
    target: Vocabulary
    clause_breaks: Vocabulary
    reporting: tuple[str, ...] = ()
    """Reporting verbs (words.toml [status] reporting): single words, found by token."""
    possibility: tuple[str, ...] = ()
    """Modals of possibility (words.toml [status] possibility), matched in lower case only."""


def vocabularies(lex: Lexicon | None = None) -> Vocabularies:
    """The linker's cue vocabularies compiled from `lex` (the packaged lexicon when None)."""
    return _vocabularies_of(lex or lexicon())


@lru_cache(maxsize=8)
def _vocabularies_of(lex: Lexicon) -> Vocabularies:
    """Once per lexicon (keyed by its identity; a handful per process at most)."""
    return Vocabularies(
        metrics=Vocabulary.of(_metric_words(lex.metric_keywords)),
        changes=Vocabulary.of(lex.change_keywords),
        events=Vocabulary.of(lex.event_keywords),
        forecast=Vocabulary.of({cue: "forecast" for cue in lex.forecast_cues}),
        target=Vocabulary.of({cue: "target" for cue in lex.target_cues}),
        clause_breaks=Vocabulary.of({word: "break" for word in lex.clause_breaks}),
        reporting=lex.reporting_verbs,
        possibility=lex.possibility_modals,
    )


def _metric_words(keywords: dict[str, str]) -> dict[str, str]:
    """The linker's metric words: metrics.toml's keywords, and every synonym of the vocabulary
    (vocabulary.toml) as the name of its metric, so a figure's clause is read for all of them."""
    words = {synonym: indicator.name for indicator in metric_vocabulary() for synonym in indicator.synonyms}
    return {**words, **keywords}


@cache
def filler_words() -> frozenset[str]:
    """Words that may stand between a figure and the time expression governing it (metrics.toml [linking])."""
    return frozenset(_toml("metrics.toml")["linking"]["filler"])


@cache
def change_words() -> frozenset[str]:
    """Words of change ("growth", "fell"; words.toml [change_cues]): they may stand between a figure and its
    time ("two pct growth this year") as filler does."""
    cues = _toml("words.toml")["change_cues"]
    return frozenset(word.lower() for word in [*cues["up"], *cues["down"]])


# ---- cue patterns read at a quantity's edges (claims.Linker) ----

PRONOUN_START = lazy_re.compile(
    r"[\"'“]?(?:(?:And|But|Yet|Also|So)\s+)?"
    r"(?:(?:It|It's|It’s|Its|They|They're|This|That|These|Those|He|She|Such)\b"
    r"|(?:Another|Up|Down)\s+(?=[\d$£€¥]|(?:two|three|four|five|six|seven|eight|nine|ten|dozen)\b))"
)
"""A sentence that goes on from the one before: a pronoun ("And it..."), "Another 12", an "Up 5%" fragment."""
BY_BEFORE = lazy_re.compile(r"\bby\s+(?:the\s+)?(?:(?:end|close)\s+of\s+)?$", re.IGNORECASE)
"""'by 2022', 'by the end of 2022': the figure holds as of the end of that period."""
SINCE_AFTER = lazy_re.compile(r"(?<!\s)\s++since\s*+(?:[.,;:)]|$)", re.IGNORECASE)
APPOSED_CHANGE_WORDS = r"(?:up|down|rising|falling|a\s++(?:rise|fall|drop|gain)\s++of)"
"""The words that open a change apposed to a figure ("883 stg, up seven stg"; "12%, a rise of 2 points")."""
APPOSED_CHANGE = lazy_re.compile(rf"(?<!\s)\s*+,?\s*+{APPOSED_CHANGE_WORDS}\s+", re.IGNORECASE)
EFFECTIVE_BEFORE = lazy_re.compile(
    r"\b(?:effective|starting)[ \t]++(?:from[ \t]++|on[ \t]++|as[ \t]++of[ \t]++)?$", re.IGNORECASE
)
"""Before the day a price or rate takes effect ("raise tolls 10.6 pct, effective Jan 1")."""
EFFECTIVE_REACH = 24
"""Characters before a time expression searched for EFFECTIVE_BEFORE."""


def takes_effect(text: str, mention_start: int) -> bool:
    """Whether the time expression at `mention_start` is the day a thing takes effect ("effective Jan 1")."""
    reach = max(0, mention_start - EFFECTIVE_REACH)
    return EFFECTIVE_BEFORE.search(text, reach, mention_start) is not None


RESTATED = lazy_re.compile(
    r"[ \t]*+,?[ \t]*+(?:representing|equivalent[ \t]++to|equal[ \t]++to|accounting[ \t]++for|or)[ \t]++"
    r"(?:(?:about|some|nearly|almost|around|roughly|just[ \t]++over|just[ \t]++under)[ \t]++)?",
    re.IGNORECASE,
)
"""The words that restate a figure in other terms ("94,000 jobless in February, representing 2.2 pct
of the workforce", "284,000 dlrs, or 10 cts a share"): the restatement holds for the same period."""
COMPARED = lazy_re.compile(
    r"\b(?:from|against|versus|vs\.?|compared\s+(?:with|to)|(?:up|down|higher|lower|more|less)\s+(?:on|over|than))"
    r"\s+(?:[a-z]+\s+){0,4}$"
)
ON_BEFORE = lazy_re.compile(r"\b(?:on|over)\s+(?:a|the)?\s*$", re.IGNORECASE)
EARLIER = lazy_re.compile(r"\b(?:earlier|ago|before|prior|previous)\b", re.IGNORECASE)
MORE_AFTER = lazy_re.compile(r"\s+more\b", re.IGNORECASE)
ANOTHER_BEFORE = lazy_re.compile(r"\b(?:another|a\s+further)\s+$", re.IGNORECASE)
COORDINATED = lazy_re.compile(
    r"[\s,()]*(?:(?:to|or|and|up|down|by|of|at|about|some|nearly|almost|rose|fell|rising|falling|gained|lost|"
    r"increased|decreased|a|an|the|total|totalling|totaling|end|close|finish|settle|"
    r"seasonally|adjusted|annual|annualized|annualised|rate|pace|level)[\s,()]+)*",
    re.IGNORECASE,
)
QUALIFYING = lazy_re.compile(
    r"(?<![ \t,])[ \t,]*+(?:in[ \t]++(?:[\w$€£¥-]++[ \t]++){1,2}?terms"
    r"|on[ \t]++an?[ \t]++(?:[\w-]++[ \t]++){1,3}?basis"
    r"|for[ \t]++the[ \t]++first[ \t]++time"
    r"|(?:seasonally|calendar|inflation|working-day)[ \t-]++adjusted)\b",
    re.IGNORECASE,
)
"""Words that qualify how a figure is measured, between it and its time ("grew 8.7% in dollar terms in
September", "rose 2% on a seasonally adjusted basis in May", "topped $100,000 for the first time on
Thursday"): passed over as a year-on-year base is. Matched right after a figure or a base, never after a
blank; the lookbehind keeps a search over a long run of blanks linear (4.3 s on 50,000 blanks without
it, against the budget of tests/reliability/test_backtracking.py)."""
YEAR_ON_YEAR = lazy_re.compile(
    r"(?<![ \t,])[ \t,]*+(?:(?:year|month|quarter|week)[- ](?:on|over)[- ](?:year|month|quarter|week)"
    r"|on[ \t]++the[ \t]++year|y/y|yoy|y-o-y|m/m|q/q"
    r"|on[ \t]++an?[ \t]++(?:annual|yearly|monthly|quarterly)[ \t]++basis"
    r"|from[ \t]++(?:a|the)[ \t]++(?:year|quarter|month)[ \t]++(?:earlier|ago|before)"
    r"|from[ \t]++the[ \t]++(?:previous|prior|same)[ \t]++(?:year|quarter|month|period)"
    r"(?:[ \t]++(?:a[ \t]++year[ \t]++(?:earlier|ago)|last[ \t]++year))?)\b",
    re.IGNORECASE,
)
"""The base of a change written between it and the level it reached ("rose 63% year on year to 43.9
billion yuan", "grew 8% from a year earlier to $12.1 billion"): the two are still coordinated; and
between it and its time ("rose 0.3% month-on-month in October"). Matched right after a figure; the
lookbehind keeps a search over a long run of blanks linear (1.9-2.8 s on 50,000 blanks without it)."""
FROM_BETWEEN = first_char_guarded(
    "acfv", r"\b(?:from|compared\s+with|compared\s+to|against|versus|vs\.?)\b", re.IGNORECASE
)
LETTERS = lazy_re.compile(r"[A-Za-z]+")


def _verbless_continuation() -> re.Pattern[str]:
    """The words between a dated figure and the next one when the next is a verbless continuation
    (words.toml [verbless_continuations]): another party's figure (", with the European Community at 8
    pct", "and the United States 48 pct", "and those to Iran 15 pct"), a part's (", with shipments to
    Egypt up 20 pct") or the same figure restated (", representing 2.2 pct"). Names are capitalised words
    and a part's noun at most three lower-case words, so no verb of a new clause stands between."""
    table = _toml("words.toml")["verbless_continuations"]
    gap = r"[ \t]++"
    name = rf"(?:[A-Z][\w.'-]*+{gap}){{1,4}}"
    predicate = rf"(?:{alternation(table['predicates'])}){gap}"
    preposition = rf"(?:{alternation(table['prepositions'])}){gap}(?:the{gap})?"
    pronoun = rf"(?:(?:{alternation(table['pronouns'])}){gap}{preposition})"
    part = rf"(?:[a-z][\w'-]*+{gap}){{1,3}}(?:{preposition}{name})?"
    qualifier = rf"(?:(?:{alternation(table['qualifiers'])}){gap})?"
    return re.compile(
        rf"[ \t]*+(?:,[ \t]*+(?:{alternation(table['restating'])}){gap}|,?[ \t]*+(?:"
        rf"(?:with|and){gap}(?:the{gap})?{name}{predicate}"
        rf"|and{gap}(?:the{gap})?{pronoun}?{name}(?:{predicate})?"
        rf"|with{gap}{part}{predicate}"
        rf")){qualifier}"
    )


VERBLESS_CONTINUATION = _verbless_continuation()
"""The words before a figure that continue the dated figure's clause without a verb of their own: the
figure shares that one's period."""
_NOT_MEASURED = r"(?:due|maturing|of|and|or|to|from|in|for|at|by|on|with|that|which|the|an?)\b"
MEASURED = lazy_re.compile(rf"\s+of\s+[a-z]+(?:[ \t-]+(?!{_NOT_MEASURED})[a-z]+){{0,2}}(?=\s)")
"""What a unit measures, up to three lower-case words ("tonnes of wheat", "barrels of crude oil", "tonnes
of palm oil"): part of the quantity's phrase."""
SHARE_OF = lazy_re.compile(r"\s+of\s+(?:the|its|their|his|her|our|total|all)(?:\s+[a-z]+){1,3}(?=\s)")
"""What a percentage is a share of ("2.8 pct of the workforce", "5 pct of its shares"): part of its phrase."""
SINCE_BEFORE = lazy_re.compile(r"\bsince\s+(?:about\s+|around\s+|early\s+|late\s+)?$", re.IGNORECASE)
"""'up six points since about May 18': from that day to publication."""
SO_FAR_BEFORE = lazy_re.compile(r"\b(?:so|thus)\s+far\s+(?:in|during)\s+(?:the\s+)?$", re.IGNORECASE)
"""'sold 9,000 cars so far in 2025': of a period under way, from its start to publication."""
YEAR_BEFORE = lazy_re.compile(
    r"(?:a\s+)?year[- ](?:earlier|before|ago)|(?:the\s+)?(?:previous|prior)\s+year|year-earlier",
    re.IGNORECASE,
)
"""'a year earlier', 'a year ago': counted back from the sentence's own period, not from publication."""
PREVIOUS_PERIOD = lazy_re.compile(
    r"(?:the\s+)?(?:previous|prior|preceding)\s+(month|quarter|week)|(?:an?\s+)?(month|quarter|week)\s+(?:earlier|before)",
    re.IGNORECASE,
)
"""'the previous month', 'a week earlier', 'the quarter before': counted back from the sentence's period."""
BASE_PREPOSITION = lazy_re.compile(
    r"(?:[ \t]+(?-i:[a-z]+)){0,3}?[ \t]+(?:from|against|over|with)[ \t]+the[ \t]", re.IGNORECASE
)
"""The comparison words of a SAME_PERIOD match: what follows is the base a change is measured from."""
SAME_PERIOD = lazy_re.compile(
    r"(?:[ \t]+(?-i:[a-z]+)){0,3}?[ \t]+(?:in|for|during|over|from|against|with)[ \t]+the[ \t]+"
    r"(?:(?:same|corresponding|comparable|like)[ \t]+(?:(?P<year_in>\d{4})[ \t]+)?"
    r"|(?:year-earlier|year-ago|year[ \t]+earlier|year[ \t]+ago|prior-year|previous-year)[ \t]+)"
    r"(?:period|month|quarter|week|half|season|months|weeks)\b"
    r"(?:[ \t]+(?:(?:a[ \t]+year[ \t]+(?:ago|earlier|before))|last[ \t]+year|of[ \t]+(?:the[ \t]+)?"
    r"(?:previous|prior|preceding)[ \t]+year|(?:of|in)[ \t]+(?P<year_of>\d{4})))?",
    re.IGNORECASE,
)
"""'4 mln in the same period last year', '6 bln surplus posted in the same month of 1986', 'the year-earlier
quarter' (up to three words may stand between the figure and the phrase): the
period named before in the sentence, a year earlier or in the year given."""
LATER = first_char_guarded(
    "alst", r"\b(?:later|since\s+then|subsequently|afterwards|thereafter)\b", re.IGNORECASE
)
"""'later dropped to $20 billion': after the last dated figure of the same metric."""
_PRESENT_WORDS = _toml("words.toml")["present_state"]["words"]
PRESENT = first_char_guarded(
    first_chars(_PRESENT_WORDS), rf"\b(?:{alternation(_PRESENT_WORDS)})\b", re.IGNORECASE
)
"""A sentence in the present tense (words.toml [present_state]): its undated figures hold at publication."""


@cache
def quoted_currencies() -> tuple[re.Pattern[str], dict[str, str]]:
    """The currency words of metrics.toml [quoted_currencies] ("the dollar", "sterling", "the won") and
    their codes."""
    data = _toml("metrics.toml")
    table = {word.lower(): code for word, code in data["quoted_currencies"].items()}
    words = "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))
    common = [word for word in data["quoted_currencies_after_the"]["words"] if word in table]
    after_the = "|".join(re.escape(word) for word in common)
    # a common word among them names a currency only right after "the" (a lookbehind of fixed width)
    pattern = rf"\b(?:(?!(?:{after_the})\b)(?:{words})|(?<=\bthe )(?:{after_the}))\b"
    return first_char_guarded(first_chars(table), pattern, re.IGNORECASE), table


_AGAINST = lazy_re.compile(
    r"[ \t]*+(?:against|versus|vs\.?|per|to[ \t]++the)[ \t]++(?:the[ \t]++)?(?:U\.S\.[ \t]++)?", re.IGNORECASE
)


def against_currency(gap: str) -> int:
    """Where 'against the dollar' or 'per dollar' that opens the gap after a currency's change or rate
    ends, else 0: "sterling rose 1.2% against the dollar last week" is last week's, "the yen was at
    151.7 per dollar on Tuesday" Tuesday's."""
    found = _AGAINST.match(gap)
    if found is None:
        return 0
    currency = quoted_currencies()[0].match(gap, found.end())
    return currency.end() if currency else 0


def is_comparison_base(gap: str, time_surface: str) -> bool:
    """'up 6% from 2018', 'up 4% on a year earlier': the time is what the figure is compared with; not
    after a currency ("rose 1.2% against the dollar last week" is last week's)."""
    compared = COMPARED.search(gap)
    if compared:
        return quoted_currencies()[0].search(gap, compared.start()) is None
    return bool(ON_BEFORE.search(gap) and EARLIER.search(time_surface))
