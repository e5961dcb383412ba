"""Axes shared by the chart kinds: the house look, and time axes that put each period where it falls.

A yearly series sits on a year axis (year Y centred on Y, labelled "2014"); a monthly, quarterly or
daily one on a calendar axis (1 January of Y at Y), so a month is drawn at its own place in its year
and the ticks name months. Both measure time in years, so bands and points share one scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator


def pick(values: list[Any], index: int) -> Any:
    return values[index % len(values)]


def year_centre(day: date) -> float:
    """A date on an axis where year Y is drawn centred on Y (its days run from Y-0.5 to Y+0.5)."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year - 0.5 + (day - start).days / length


def calendar_x(day: date) -> float:
    """A date on an axis where each year's ticks mark 1 January."""
    return year_centre(day) + 0.5


def style_axes(ax: Axes, style: dict[str, Any], grid_axis: Literal["x", "y"] | None) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_linewidth(1.4)
    ax.tick_params(axis="both", length=0, pad=8)
    if grid_axis:
        ax.grid(axis=grid_axis, color=style["colors"]["grid"], linewidth=1.0)
    ax.set_axisbelow(True)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """Where dates go on a timeline, for its grain."""

    grain: str
    first: date
    last: date

    @property
    def calendar(self) -> bool:
        return self.grain != "year"

    def x(self, day: date) -> float:
        """The x of the start of a day (a band's edge, a period's bound)."""
        return calendar_x(day) if self.calendar else year_centre(day)

    def centre(self, start: date, end: date) -> float:
        """The x of a period's middle, where its point is drawn."""
        return (self.x(start) + self.x(end + timedelta(days=1))) / 2

    def step(self) -> float:
        """The distance between neighbouring periods of the grain, in years."""
        return {"year": 1.0, "quarter": 0.25, "month": 1 / 12, "day": 1 / 365}[self.grain]

    def apply(self, ax: Axes, layout: dict[str, Any]) -> None:
        """Set the x range and ticks: years on a year axis, months (with the year at January) otherwise."""
        if not self.calendar:
            pad = layout["year_pad"]
            ax.set_xlim(self.first.year - pad, self.last.year + pad)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=layout["max_ticks"], integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0f}"))
            return
        pad = layout["calendar_pad_months"]
        begin = _add_months(date(self.first.year, self.first.month, 1), -pad)
        finish = _add_months(date(self.last.year, self.last.month, 1), pad + 1)
        ax.set_xlim(calendar_x(begin), calendar_x(finish))
        months = (finish.year - begin.year) * 12 + finish.month - begin.month
        spacing = next((m for m in layout["tick_months"] if months / m <= layout["max_ticks"]), 12)
        ticks: list[date] = []
        day = date(begin.year, 1, 1)
        while day <= finish:
            if day >= begin and (day.month - 1) % spacing == 0:
                ticks.append(day)
            day = _add_months(day, 1)
        ax.xaxis.set_major_locator(FixedLocator([calendar_x(t) for t in ticks]))
        labels = {round(calendar_x(t), 6): (f"{t:%b}\n{t.year}" if t.month == 1 or i == 0 else f"{t:%b}")
                  for i, t in enumerate(ticks)}  # fmt: skip
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: labels.get(round(value, 6), "")))
