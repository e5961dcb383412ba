"""The plain, frozen values that flow from one stage to the next (see DESIGN.md's data flow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
STATUSES = ("actual", "forecast", "target")
GRAINS = ("day", "month", "quarter", "year", "span", "as_of", "undated")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text exactly as given, and what is known about it."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity as written: `text[start:end] == surface`, value in base units."""

    start: int
    end: int
    surface: str
    value: float
    low: float | None = None
    high: float | None = None
    unit: str = ""
    qualifier: str = "exact"
    noun: str | None = None
    """What a count counts ("times", "phone conversations"), or None."""
    noun_end: int = -1
    """End of the phrase including the counted noun (== end when there is none)."""
    change: str | None = None
    """"up"/"down" when the sentence says the quantity is a change ("rose 5%")."""
    scaled: bool = False
    """A scale word was written with it ("2.4 million")."""


@dataclass(frozen=True, slots=True)
class Period:
    """When a figure holds. `undated` means "at some time within [start, end]"."""

    start: date | None
    end: date | None
    grain: str

    def __post_init__(self) -> None:
        if self.grain not in GRAINS:
            raise ValueError(f"unknown grain {self.grain!r}")


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression as written and the period it denotes."""

    start: int
    end: int
    surface: str
    period: Period
    relation: str = "in"
    """How it bounds a figure: in, since, until (by), span (from..to), under (a term)."""


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    surface: str
    name: str
    """Canonical gazetteer name ("United States")."""
    kind: str
    """country or person."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One dated quantitative claim: the record the store, the charts and other tools rely on."""

    doc_id: str
    claim_id: str
    metric: str
    subject: str | None
    counterpart: str | None
    value: float
    low: float | None
    high: float | None
    unit: str
    qualifier: str
    status: str
    period_start: date | None
    period_end: date | None
    grain: str
    start: int
    end: int
    surface: str
    quote: str
    entities: tuple[str, ...] = ()
    period_text: str | None = None
    published: date | None = None
    change: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, entities as a list."""
        return {
            "doc_id": self.doc_id,
            "claim_id": self.claim_id,
            "metric": self.metric,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "entities": list(self.entities),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "status": self.status,
            "change": self.change,
            "period_start": _iso(self.period_start),
            "period_end": _iso(self.period_end),
            "grain": self.grain,
            "period_text": self.period_text,
            "published": _iso(self.published),
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "quote": self.quote,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None
