"""What the linker reads from one document before it links any figure: sentence bounds, metric, change,
event and status cue words, clause breaks and entity mentions, each found once by one pass and queried by
offset range. The rules in link/ only ask this object questions; they never scan the text themselves."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from metrics.find.gazetteer import find_entities
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import Lexicon, lexicon
from metrics.link import keywords as cue
from metrics.link.keywords import Located, change_words, filler_words, vocabularies
from metrics.link.rates_of_change import pace
from metrics.link.reasons import reason_starts
from metrics.link.sentences import Sentences
from metrics.link.sessions import session
from metrics.read.dateline import dateline_end
from metrics.records import EntityMention, Period

_COMPARISON_WORDS = frozenset({"from", "compared", "against", "versus", "vs"})
"""The first words of keywords.FROM_BETWEEN."""


@dataclass
class SentenceContext:
    """What a sentence leaves for the next one to inherit ("It rose 5%" goes on from the sentence before)."""

    entities: tuple[str, ...] = ()
    metric: str | None = None
    """The metric of the sentence's last figure."""
    keyword: str | None = None
    """The last metric word of a sentence without figures ("Canada's exports recovered.")."""
    event: str | None = None
    topics: set[str] = field(default_factory=set)
    metric_by_unit: dict[str, str] = field(default_factory=dict)
    """The last metric named for each unit: "a further rise to $5 billion" continues the sentence before."""


_ARTICLES = frozenset({"the", "a", "an"})


def _names_either_side(words: list[re.Match[str]], i: int) -> bool:
    return words[i - 1].group()[0].isupper() and words[i + 1].group()[0].isupper()


class LinkDocument:
    """The cues of one document, found once; immutable after construction, so any number of link runs
    over the same text may share it."""

    def __init__(
        self,
        text: str,
        published: date | None,
        tokens: Tokens | None = None,
        lex: Lexicon | None = None,
        title: str | None = None,
    ) -> None:
        self.text = text
        self.published = published
        self.title = title
        self.story: dict[str, str | None] = {}
        """Facts about the whole story that rules work out once, when first needed (its country)."""
        self.story_periods: dict[str, Period | None] = {}
        """Periods that date the whole story (its headline's), worked out once when first needed."""
        self.story_metrics: dict[str, frozenset[str]] = {}
        self.lex = lex or lexicon()
        self.sentences = Sentences(text)
        tokens = tokens or Tokens(text)
        words = vocabularies(self.lex)
        opening = dateline_end(text)
        self.opening = opening
        """Where the text after its dateline ("LONDON, March 2 - ") begins."""
        hits = [h for h in words.metrics.hits(text, tokens).items if h.start >= opening]
        self.metric_hits = Located([h for h in hits if not pace(text, h) and not session(text, h)])
        """The metric words; an "annual rate" (rates_of_change.py) and "early trade" (sessions.py) name
        none, but they bridge a figure and its time as metric words do ("a 2.9 pct annualized rate in
        the second quarter")."""
        self._bridging_hits = Located(hits) if len(hits) != len(self.metric_hits.items) else self.metric_hits
        self.change_hits = words.changes.hits(text, tokens)
        self.reason_starts = reason_starts(text, tokens)
        """Where clauses of reason or time begin ("as U.S. inventories rose"; reasons.py)."""
        self.filler = filler_words() | change_words()
        self.event_hits = words.events.hits(text, tokens)
        self.forecast_hits = words.forecast.hits(text, tokens)
        self.target_hits = Located(
            [h for h in words.target.hits(text, tokens).items if not cue.titled(text, h.start, h.end)]
        )
        """The cues of a plan or goal; one capitalised inside a sentence is a name ("sales at Target")."""
        self.reporting_ends = sorted(at + len(w) for w in words.reporting for at in tokens.positions(w))
        """Where each reporting verb ends ("said"): a cue before one does not reach past it (status.py)."""
        self.possibility_ends = sorted(
            at + len(w) for w in words.possibility for at in tokens.positions(w) if text[at].islower()
        )
        """Where each lower-case modal of possibility ends ("may", not the month)."""
        breaks = words.clause_breaks.hits(text, tokens).items
        semicolons = _positions(text, ";")
        ends_starts = sorted([(b.end, b.start) for b in breaks] + [(i + 1, i) for i in semicolons])
        self.clause_breaks = [end for end, _start in ends_starts]
        self._break_starts = [start for _end, start in ends_starts]
        self.entities = Located(
            [
                e
                for e in find_entities(text, tokens)
                if e.start >= opening and in_office(e, published, self.lex)
            ]
        )
        self.comparison_ends = [  # read only where a token of one begins, not over the whole text
            m.end() for m in matches_at(cue.FROM_BETWEEN, text, tokens.starts(_COMPARISON_WORDS))
        ]
        """Where each 'from', 'compared with', 'against', 'versus' ends: a comparison's base follows."""
        self._present_tense: dict[tuple[int, int], bool] = {}

    def context_of(self, index: int) -> SentenceContext:
        """Entities and topics of a sentence without quantities (for inheritance by the next one)."""
        start, end = self.sentences.span(index)
        entities = tuple(dict.fromkeys(e.name for e in self.entities.within(start, end)))
        metrics = self.metric_hits.within(start, end)
        events = self.event_hits.within(start, end)
        return SentenceContext(
            entities=entities,
            keyword=metrics[-1].name if metrics else None,
            event=events[-1].name if events else None,
            topics=self.topics(start, end),
        )

    def topics(self, start: int, end: int) -> set[str]:
        """The metrics a stretch of text speaks of ("sanctions" for "subject to US penalties")."""
        return {hit.name for hit in self.metric_hits.within(start, end)}

    def clause_end(self, position: int) -> int:
        """Where the next clause starts after `position` (the start of a 'but', 'while'... or after ';')."""
        i = bisect_right(self.clause_breaks, position)
        if i == len(self.clause_breaks):
            return len(self.text)
        return self._break_starts[i]

    def comparison_start(self, start: int, position: int) -> int:
        """Where the last comparison word before `position` ends, if after `start`; else `start`."""
        i = bisect_right(self.comparison_ends, position) - 1
        return max(start, self.comparison_ends[i]) if i >= 0 else start

    def clause_start(self, start: int, position: int) -> int:
        """Where the clause holding `position` starts: after the last ';', 'but', 'while'... since `start`."""
        i = bisect_right(self.clause_breaks, position) - 1
        return max(start, self.clause_breaks[i]) if i >= 0 else start

    def is_filler(self, gap: str, offset: int | None = None) -> bool:
        """Whether only filler words (metrics.toml [linking]), words of change (words.toml [change_cues]:
        "two pct growth this year"), at most two names and, when the gap's `offset` in the text is given,
        the words of a metric stand in `gap`: four words at most besides articles, and no metric or
        change word among five or more; "and" between two names counts as none of these."""
        words = list(cue.LETTERS.finditer(gap))
        joined = {
            i for i in range(1, len(words) - 1) if words[i].group() == "and" and _names_either_side(words, i)
        }
        counted = sum(w.group() not in _ARTICLES and i not in joined for i, w in enumerate(words))
        if ";" in gap or "." in gap or counted > 4:
            return False  # "at the end of the third quarter": articles do not count
        named: list[tuple[int, int]] = []
        if offset is not None:
            end = offset + len(gap)
            named = [
                (h.start, h.end)
                for h in self._bridging_hits.within(offset, end) + self.change_hits.within(offset, end)
            ]
        capitalised = 0
        bridged = False
        for i, word in enumerate(words):
            text = word.group()
            at = (offset or 0) + word.start()
            if text[0].isupper():
                capitalised += 1
            elif i in joined:
                continue  # "from Indonesia and Malaysia in October": two names joined
            elif text.lower() not in self.filler:
                if not any(s <= at < e for s, e in named):
                    return False
                bridged = True
        # five words or more only of filler and names: "saw a current account surplus in 1987" is no gap
        return capitalised <= 2 and not (bridged and len(words) > 4)

    def present(self, sentence: tuple[int, int]) -> bool:
        """Whether the sentence speaks in the present ("has met", "are subject"): a running total as of
        publication. Read once per sentence, not once per figure (a cache of a pure function of the text)."""
        if sentence not in self._present_tense:
            self._present_tense[sentence] = bool(cue.PRESENT.search(self.text, sentence[0], sentence[1]))
        return self._present_tense[sentence]


def in_office(mention: EntityMention, published: date | None, lex: Lexicon) -> bool:
    """Whether a leader's mention is of a leader in office on the publication date (leaders.csv's terms):
    "Blair" in a story of 1987 is someone else ("William Blair"), and a leader out of office no longer
    stands for the country. Other mentions, and any without a date, are kept."""
    if mention.kind != "person" or published is None:
        return True
    return any(
        leader.name == mention.name
        and leader.start <= published
        and (leader.end is None or published <= leader.end)
        for leader in lex.leaders
    )


def _positions(text: str, char: str) -> list[int]:
    """Every offset of `char` in `text`, found by str.find (not by a Python loop over every character)."""
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def inverted(period: Period) -> bool:
    """A period that ends before it starts ("since 2011" in a text of 2000)."""
    return period.start is not None and period.end is not None and period.start > period.end
