"""The words on a chart: figures with their units, periods, titles derived from the data, alt text, sources.

Kept apart from the drawing so the same sentences appear on the PNG, in its metadata and in the index.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from metrics.draw.scales import Scale, amount, house_style, number, scale_for, tick

__all__ = ["Scale", "amount", "house_style", "number", "scale_for", "tick"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One reconciled figure, as a chart draws it."""

    metric: str
    status: str
    grain: str
    period_start: date | None
    period_end: date | None
    value: float
    low: float
    high: float
    qualifier: str
    period_text: str | None
    quote: str | None
    sources: int
    conflict: bool = False
    """The articles behind the figure disagree by more than the store's conflict tolerance."""
    review: str = "unreviewed"
    """reviewed (every claim accepted), corrected (every claim reviewed, one or more with the analyst's
    value), partly reviewed, or unreviewed."""
    reviewed_claims: int = 0
    claim_ids: tuple[str, ...] = ()
    early: bool = False
    """Reported (status actual) before its period ended: a partial or expected figure, never a result."""
    last_published: date | None = None


def _ids(value: Any) -> list[Any]:
    return [] if value is None else list(value)


def figures_from_rows(rows: pd.DataFrame) -> list[Figure]:
    """The query's rows as Figures (NaN and NaT become None)."""

    def clean(value: Any) -> Any:
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    return [
        Figure(
            metric=str(row["metric"]),
            status=str(row["status"]),
            grain=str(row["grain"]),
            period_start=clean(row["period_start"]),
            period_end=clean(row["period_end"]),
            value=float(row["value"]),
            low=float(row["low"]),
            high=float(row["high"]),
            qualifier=str(row["qualifier"]),
            period_text=clean(row["period_text"]),
            quote=clean(row["quote"]),
            sources=int(row["sources"]),
            conflict=bool(row.get("conflict", False)),
            review=str(row.get("review") or "unreviewed"),
            claim_ids=tuple(str(c) for c in _ids(row.get("claim_ids"))),
            early=bool(row.get("early", False)),
            reviewed_claims=int(row.get("reviewed_claims") or 0),
            last_published=clean(row.get("last_published")),
        )
        for row in rows.to_dict("records")
    ]


def figure_text(figure: Figure, scale: Scale) -> str:
    """The figure as the source put it: 'at least 300', 'up to 500', '$25bn–$31bn' for a range."""
    if figure.qualifier == "range" and figure.low < figure.high:
        return f"{tick(figure.low, scale)}–{amount(figure.high, scale)}"
    word = house_style()["qualifiers"].get(figure.qualifier, "")
    return f"{word}{amount(figure.value, scale)}"


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def bound_text(day: date, is_end: bool) -> str:
    """A period bound as precisely as it is known: '2011', 'Jan 2017', '20 Jan 2017'."""
    if (not is_end and (day.month, day.day) == (1, 1)) or (is_end and (day.month, day.day) == (12, 31)):
        return str(day.year)
    if (not is_end and day.day == 1) or (is_end and (day + timedelta(days=1)).day == 1):
        return f"{day:%b %Y}"
    return day_text(day)


def period_text(figure: Figure) -> str:
    """When a figure holds, in words: '2014', 'Jul 2018', '2011 – 10 Dec 2019', 'by 10 Dec 2019'."""
    start, end = figure.period_start, figure.period_end
    if end is None:
        return "date not stated"
    if figure.grain == "year" and start is not None:
        return str(start.year)
    if figure.grain == "quarter" and start is not None:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if figure.grain == "month" and start is not None:
        return f"{start:%b %Y}"
    if start is None or figure.grain == "as_of":  # a count so far ("met six times"): by that day
        return f"by {day_text(end)}"
    if figure.grain == "day" or start == end:
        return day_text(end)
    return f"{bound_text(start, False)} – {bound_text(end, True)}"


def window_text(figure: Figure) -> str:
    """When an undated figure could hold: 'at some time between 2015 and 10 Dec 2019', '... up to ...'."""
    start, end = figure.period_start, figure.period_end
    if start is not None and end is not None:
        return f"at some time between {bound_text(start, False)} and {bound_text(end, True)}"
    if end is not None:
        return f"at some time up to {bound_text(end, True)}"
    if start is not None:
        return f"at some time from {bound_text(start, False)}"
    return "at an unstated time"


def metric_label(metric: str, value: float | None = None) -> str:
    """'phone conversations' as a label; singular when the figure is one ('1 summit')."""
    if value is not None and value == 1 and metric.endswith("s"):
        return metric[:-1]
    return metric


def period_range_text(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "all dates"
    if start is None:
        return f"to {day_text(end)}" if end else ""
    if end is None:
        return f"from {bound_text(start, False)}"
    first, last = bound_text(start, False), bound_text(end, True)
    return first if first == last else f"{first}–{last}"


def wrap(text: str, width: int, lines: int | None = None) -> str:
    """Break a long title or source line over lines of at most `width` characters; with `lines`, keep
    that many and end the last with an ellipsis, so no text can push the plot off the figure."""
    broken = textwrap.wrap(text, width=max(width, 8), break_on_hyphens=False) or [text]
    if lines is not None and len(broken) > lines:
        broken = broken[:lines]
        broken[-1] = clip(broken[-1] + " …", width)
    return "\n".join(broken)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when cut (each line of a label separately)."""
    return "\n".join(
        line if len(line) <= limit else line[: max(limit - 1, 1)].rstrip() + "…" for line in text.split("\n")
    )


def _publication(name: str, limit: int) -> str:
    """A publication's name short enough for a source line: an over-long name loses its parenthesis
    ('Reuters-21578, Distribution 1.0 (GitHub ...)' -> 'Reuters-21578, Distribution 1.0'), then is cut."""
    if len(name) > limit and " (" in name:
        name = name[: name.index(" (")]
    return clip(name, limit)


def sources_text(sources: pd.DataFrame, limit: int = 3) -> str:
    """'Source: Pakistan Point News / Sputnik, 10 Dec 2019' (or several, with article counts and dates)."""
    parts = []
    for row in sources.head(limit).to_dict("records"):
        first, last = row["first_published"], row["last_published"]
        if first is None:
            when = "undated"
        elif first == last:
            when = day_text(first)
        else:
            when = f"{day_text(first)} – {day_text(last)}"
        count = int(row["articles"])
        articles = f"{count} articles, " if count > 1 else ""
        name = _publication(str(row["publication"]), house_style()["limits"]["publication_chars"])
        parts.append(f"{name}, {articles}{when}")
    extra = len(sources) - limit
    if extra > 0:
        parts.append(f"and {extra} more publication{'s' if extra > 1 else ''}")
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: {'; '.join(parts)}. Figures as reported; claims extracted by metrics."


def unstated(grain: str) -> str:
    """What an undated figure lacks, in the chart's grain: 'year not stated', 'month not stated'."""
    return {"day": "date not stated"}.get(grain, f"{grain} not stated")


def _when(figure: Figure) -> str:
    if figure.grain == "undated":
        return " (year not stated)"
    if figure.grain in ("span", "as_of"):
        return f" ({period_text(figure)})"
    return f" in {period_text(figure)}"


def _trend(before: Figure, after: Figure) -> str:
    change = "fall" if after.value < before.value else "rise" if after.value > before.value else "hold"
    if after.status == "forecast":
        return {"fall": "is expected to fall", "rise": "is expected to rise", "hold": "is expected to hold"}[
            change
        ]
    return {"fall": "fell", "rise": "rose", "hold": "held"}[change]


def timeline_title(lead: str, figures: list[Figure], scale: Scale, period: str, named: bool = True) -> str:
    """A finding only when the data can carry one: 'Trade fell from $30bn in 2014 to $24bn in 2018'.

    Both ends must be reported (not forecast or target), dated (not a band), reported after their
    period ended, and agreed on by their articles, and the series must name whose figure it is
    (`named`: figures naming no entity may be about different producers or markets); otherwise the
    title only says what is drawn ('US trade deficit, 1985–1987: reported figures'), because a
    headline read from an expectation, an undated or an anonymous figure overstates."""
    reported = sorted(
        (
            f
            for f in figures
            if f.status == "actual" and not f.early and f.grain != "undated" and f.period_start
        ),
        key=lambda f: f.period_start or date.min,
    )
    later = [
        f
        for f in figures
        if f.status == "forecast" and f.grain != "undated" and f.period_start and reported
        and f.period_start > (reported[-1].period_end or date.max)
    ]  # fmt: skip
    if named and len(reported) >= 2 and not reported[0].conflict and not reported[-1].conflict:
        first, last = reported[0], reported[-1]
        title = (
            f"{lead} {_trend(first, last)} from {figure_text(first, scale)}{_when(first)} "
            f"to {figure_text(last, scale)}{_when(last)}"
        )
        if later:
            expected = max(later, key=lambda f: f.period_start or date.min)
            title += f"; {figure_text(expected, scale)} expected{_when(expected)}"
        return title
    kinds = (
        "reported and expected figures" if any(f.status != "actual" for f in figures) else "reported figures"
    )
    if not any(f.status == "actual" for f in figures):
        kinds = "expected figures"
    return f"{lead}, {period}: {kinds}"


def _inside(inner: Figure, outer: Figure) -> bool:
    return (
        inner is not outer
        and None not in (inner.period_start, inner.period_end, outer.period_start, outer.period_end)
        and outer.period_start <= inner.period_start  # type: ignore[operator]
        and inner.period_end <= outer.period_end  # type: ignore[operator]
        and inner.value <= outer.value
    )


def span_label(figure: Figure, figures: list[Figure], scale: Scale) -> str:
    """'77 since 2011' or, for a count inside a longer one, '37 of them under Trump'."""
    when = figure.period_text or period_text(figure)
    of_them = " of them" if any(_inside(figure, other) for other in figures) else ""
    return f"{figure_text(figure, scale)}{of_them} {when}"


def spans_title(lead: str, figures: list[Figure], scale: Scale) -> str:
    """'US sanctions on Russia: 77 since 2011, 37 of them under Trump'."""
    ordered = sorted(figures, key=lambda f: (f.period_start or date.min, -(f.value)))
    return f"{lead}: " + ", ".join(span_label(f, figures, scale) for f in ordered[:3])


def comparison_title(lead: str, figures: list[Figure], scale: Scale) -> str:
    """'Putin and Trump: 11 phone conversations, 6 meetings, 1 summit'."""
    ordered = sorted(figures, key=lambda f: -f.value)
    return f"{lead}: " + ", ".join(
        f"{figure_text(f, scale)} {metric_label(f.metric, f.value)}" for f in ordered
    )


def describe_figure(figure: Figure, scale: Scale) -> str:
    """One sentence of alt text for one figure, saying how it is drawn."""
    value = figure_text(figure, scale)
    label = metric_label(figure.metric, figure.value)
    sources = f", from {figure.sources} articles" if figure.sources > 1 else ""
    if figure.low < figure.high and figure.qualifier != "range" and not figure.conflict:
        sources += f" (reports range from {amount(figure.low, scale)} to {amount(figure.high, scale)})"
    if figure.grain == "undated":
        return (
            f"{label.capitalize()} of {value} {window_text(figure)}; the year is not stated, "
            f"so it is drawn as a band across that window{sources}."
        )
    if figure.status == "forecast":
        return f"Expected {label}: {value} in {period_text(figure)}, a forecast, drawn hollow{sources}."
    if figure.conflict:
        return (
            f"{label.capitalize()} in {period_text(figure)}: reports disagree, from "
            f"{amount(figure.low, scale)} to {amount(figure.high, scale)}, drawn as a bar without a point"
            f"{sources}."
        )
    if figure.early and figure.last_published:
        return (
            f"{label.capitalize()}: {value} for {period_text(figure)}, reported on "
            f"{day_text(figure.last_published)}, before that period ended, so drawn hollow{sources}."
        )
    if figure.status == "target":
        return f"Target {label}: {value} in {period_text(figure)}{sources}."
    if (
        figure.period_start is not None
        and figure.period_end is not None
        and figure.grain in ("span", "as_of")
    ):
        start, end = bound_text(figure.period_start, False), bound_text(figure.period_end, True)
        return f"{value} {label} from {start} to {end}{sources}."
    return f"{label.capitalize()}: {value}, {period_text(figure)}{sources}."
