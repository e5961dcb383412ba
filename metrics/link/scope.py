"""The state the per-figure rules share: one link run over a document (`Run`), one sentence of it
(`Scope`), and the figure being decided (`Figure`). Kept apart from the rules so each rule module
depends on these records only, not on the others or on the Linker."""

from __future__ import annotations

from dataclasses import dataclass, field

from metrics.link.document import LinkDocument, SentenceContext
from metrics.records import EntityMention, Period, Quantity, TimeMention


@dataclass
class Run:
    """What one call of Linker.link remembers across sentences; made afresh by every call."""

    last_dated: dict[str, Period] = field(default_factory=dict)
    """The latest dated period seen per metric, for figures said to come "later"."""
    times: list[TimeMention] = field(default_factory=list)
    """Every time mention of the document, in text order ("in the quarter" points back to one)."""


@dataclass
class Scope:
    """One sentence being linked: its figures, times and entity mentions, and what it inherits."""

    doc: LinkDocument
    run: Run
    sentence: tuple[int, int]
    quantities: list[Quantity]
    times: list[TimeMention]
    previous: SentenceContext
    mentions: list[EntityMention]
    """Entity mentions of the sentence that are not inside a time expression."""
    entities: tuple[str, ...]
    """The sentence's entities, or the previous sentence's when it names none."""
    pronoun: bool
    """The sentence goes on from the one before ("It rose 5%")."""
    topics: set[str]
    governing: dict[int, TimeMention]
    """Quantity start -> the time expression governing it (link/govern.py)."""
    framed: set[int]
    """Starts of the quantities whose time expression only frames them from earlier in the clause."""
    last_metric: str | None
    """The metric of the figure before, carried into a pronoun sentence."""
    event: str | None
    last_figure: str | None
    """The metric of the figure before, whatever the sentence: 'another 12' counts more of it."""
    last_change: str | None = None
    """The direction of the figure before in this sentence, if it is a change."""
    previous_figure: Figure | None = None
    """What the rules decided for the figure before in this sentence."""

    @property
    def start(self) -> int:
        return self.sentence[0]

    @property
    def end(self) -> int:
        return self.sentence[1]


@dataclass
class Figure:
    """One quantity and what the rules have decided for it so far."""

    index: int
    """Its position among the sentence's quantities."""
    quantity: Quantity
    metric: str = ""
    entities: tuple[str, ...] = ()
    period: Period | None = None
    period_text: str | None = None
    period_source: str = "none"
    """sentence, context, publication or none (records.PERIOD_SOURCES)."""
    status: str = "actual"
