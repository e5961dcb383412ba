"""Whether a figure is actual, a forecast or a target: a target or forecast cue earlier in its clause
decides; else a period that starts (or, for "by 2022", ends) after publication is a forecast."""

from __future__ import annotations

from metrics.link.scope import Figure, Scope


def status_of(scope: Scope, figure: Figure) -> None:
    """Set the figure's status from the cues of its clause and its period."""
    doc, quantity, period = scope.doc, figure.quantity, figure.period
    scope_start = doc.clause_start(scope.start, quantity.start)
    if doc.target_hits.any_within(scope_start, quantity.start):
        figure.status = "target"
    elif doc.forecast_hits.any_within(scope_start, quantity.start):
        figure.status = "forecast"
    elif period is None or doc.published is None:
        figure.status = "actual"
    elif period.start is not None and period.start > doc.published:
        figure.status = "forecast"
    elif period.start is None and period.end is not None and period.end > doc.published:
        figure.status = "forecast"  # "by 2022", written in 2019
    else:
        figure.status = "actual"
