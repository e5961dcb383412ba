"""One time expression as the times stage prints it (the record every timex_* step passes on)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from metrics.records import Period


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression: `text[start:end] == surface`; `kind` names the pattern that found it."""

    start: int
    end: int
    surface: str
    type: str
    """TIMEX3 type: DATE, TIME, DURATION or SET."""
    value: str
    """TIMEX3 value ("1998-Q3", "P3Y", "PRESENT_REF"); '' when it cannot be resolved."""
    kind: str
    period: Period | None = None
    relation: str = "in"

    def to_dict(self, doc_id: str) -> dict[str, Any]:
        period = self.period
        return {
            "doc_id": doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.surface,
            "type": self.type,
            "value": self.value,
            "kind": self.kind,
            "period_start": period.start.isoformat() if period and period.start else None,
            "period_end": period.end.isoformat() if period and period.end else None,
        }
