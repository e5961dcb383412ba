"""The plain, frozen values that flow from one stage to the next (see DESIGN.md's data flow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
STATUSES = ("actual", "forecast", "target")
GRAINS = ("day", "month", "quarter", "year", "span", "as_of", "undated")
PERIOD_SOURCES = ("sentence", "context", "publication", "none")
"""Where a claim's period came from: a time expression of its own sentence; an earlier sentence or the
headline; the publication date (a present state); or nowhere (undated)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text exactly as given, and what is known about it."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    path: str | None = None
    published_from: str | None = None
    """Where `published` came from: 'given' (by the caller), 'jsonl:published', 'jsonl:date', an HTML place
    ('html:meta article:published_time', 'html:json-ld datePublished', 'html:time datetime') or
    'dateline'."""


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
    """country, person, organisation, company or outlet."""


@dataclass(frozen=True, slots=True)
class ClaimField:
    """One column of the claim record. `kind` says how it is typed everywhere it is written down:
    text, float, int, date or texts (a list of text); `required` columns are NOT NULL in the store."""

    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()


CLAIM_FIELDS: tuple[ClaimField, ...] = (
    ClaimField("doc_id", "text", required=True),
    ClaimField("claim_id", "text", required=True),
    ClaimField("metric", "text", required=True),
    ClaimField("measure", "text"),
    ClaimField("item", "text"),
    ClaimField("subject", "text"),
    ClaimField("counterpart", "text"),
    ClaimField("entities", "texts", required=True),
    ClaimField("value", "float", required=True),
    ClaimField("low", "float"),
    ClaimField("high", "float"),
    ClaimField("unit", "text", required=True),
    ClaimField("qualifier", "text", required=True, choices=QUALIFIERS),
    ClaimField("status", "text", required=True, choices=STATUSES),
    ClaimField("change", "text"),
    ClaimField("period_start", "date"),
    ClaimField("period_end", "date"),
    ClaimField("grain", "text", required=True, choices=GRAINS),
    ClaimField("period_text", "text"),
    ClaimField("period_source", "text", choices=PERIOD_SOURCES),
    ClaimField("published", "date"),
    ClaimField("published_from", "text"),
    ClaimField("start", "int"),
    ClaimField("end", "int"),
    ClaimField("surface", "text"),
    ClaimField("quote", "text"),
)
"""The claim's fields, in the order of its JSON object and the store's columns: the one definition from
which Claim.to_dict, the Arrow schema, the row dicts and the DDL are made. A new field is one line
here, one attribute on Claim (a test checks they agree) and, for existing stores, a schema step."""


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
    period_source: str | None = None
    published_from: str | None = None
    """Where `published` came from (Document.published_from): 'dateline', 'given', a JSONL field or an
    HTML place; None when the document had no date."""
    measure: str | None = None
    """What the figure measures as the text writes it ("net new lending by building societies")."""
    item: str | None = None
    """The thing the figure is of, where it is of one (crude oil, wheat, shares)."""
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def values(self) -> dict[str, Any]:
        """Each field of CLAIM_FIELDS as Python values (dates as dates, entities as a list)."""
        row = {f.name: getattr(self, f.name) for f in CLAIM_FIELDS}
        row["entities"] = list(self.entities)
        return row

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, entities as a list."""
        row = self.values()
        for name in _DATE_FIELDS:
            row[name] = _iso(row[name])
        return row


_DATE_FIELDS = tuple(f.name for f in CLAIM_FIELDS if f.kind == "date")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None
