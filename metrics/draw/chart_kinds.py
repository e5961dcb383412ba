"""The three chart kinds, each drawing one report's figures onto a matplotlib Axes in the house style.

timeline: a value per period (actual solid, forecast hollow and dashed, an undated figure as a band);
spans: counts over periods as bars along time; comparison: one figure per metric, side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Literal

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, MaxNLocator

from metrics.draw.chart_text import (
    Figure,
    Scale,
    amount,
    figure_text,
    metric_label,
    period_text,
    span_label,
    window_text,
)
from metrics.draw.definitions import ReportData


def _pick(values: list[Any], index: int) -> Any:
    return values[index % len(values)]


def _year_centre(day: date) -> float:
    """A date on an axis where year Y is drawn centred on Y (its days run from Y-0.5 to Y+0.5)."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year - 0.5 + (day - start).days / length


def _calendar(day: date) -> float:
    """A date on an axis where each year's ticks mark 1 January."""
    return _year_centre(day) + 0.5


def _style_axes(ax: Axes, style: dict[str, Any], grid_axis: Literal["x", "y"] | None) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_linewidth(1.4)
    ax.tick_params(axis="both", length=0, pad=8)
    if grid_axis:
        ax.grid(axis=grid_axis, color=style["colors"]["grid"], linewidth=1.0)
    ax.set_axisbelow(True)


def _draw_timeline(
    ax: Axes, data: ReportData, figures: list[Figure], scale: Scale, style: dict[str, Any]
) -> None:
    colors, shapes = style["colors"], style["shapes"]
    actual_color, forecast_color = colors["series"][0], colors["series"][1]
    dated = [f for f in figures if f.grain != "undated" and f.period_start and f.period_end]
    undated = [f for f in figures if f.grain == "undated"]
    step = {"year": 1.0, "quarter": 0.25, "month": 1 / 12, "day": 1 / 365}[data.definition.grain]

    def x_of(figure: Figure) -> float:
        start, end = figure.period_start, figure.period_end
        assert start is not None and end is not None
        return (_year_centre(start) + _year_centre(end + timedelta(days=1))) / 2

    years = [f.period_start.year for f in figures if f.period_start] + [
        f.period_end.year for f in figures if f.period_end
    ]
    first_year = data.definition.period_start.year if data.definition.period_start else min(years)
    last_year = data.definition.period_end.year if data.definition.period_end else max(years)
    ax.set_xlim(first_year - 0.6, last_year + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0f}"))

    top = max([f.high for f in figures] + [0.0]) / scale.size
    bottom = min([f.low for f in figures] + [0.0]) / scale.size
    ax.set_ylim(bottom * 1.18, top * 1.22 if top > 0 else 1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: amount(value * scale.size, scale)))
    ax.axhline(0, color=colors["axis"], linewidth=1.4, zorder=2)
    span = (top - bottom) or 1.0

    labelled = dated if len(dated) <= 5 else _notable(dated)
    mid = (first_year + last_year) / 2
    xs = sorted(x_of(f) for f in dated)
    sparse = len(dated) <= 3  # few points: labels sit beside them; many: above, so neighbours do not collide
    labels: list[Annotation] = []
    for series_index, status in enumerate(("actual", "target", "forecast")):
        points = sorted((f for f in dated if f.status == status), key=x_of)
        if not points:
            continue
        forecast = status != "actual"
        color = forecast_color if forecast else actual_color
        if status == "target":
            color = colors["series"][2]
        marker = shapes["forecast_marker"] if forecast else _pick(shapes["markers"], 0)
        line = shapes["forecast_line_style"] if forecast else "-"
        chain: list[Figure] = []
        if forecast:  # the dashed segment starts at the last actual figure just before the forecast
            before = [f for f in dated if f.status == "actual" and x_of(f) < x_of(points[0])]
            if before and x_of(points[0]) - x_of(before[-1]) <= step * 1.01:
                chain = [sorted(before, key=x_of)[-1]]
        for figure in chain + points:
            if chain and x_of(figure) - x_of(chain[-1]) <= step * 1.01:
                ax.plot(
                    [x_of(chain[-1]), x_of(figure)],
                    [chain[-1].value / scale.size, figure.value / scale.size],
                    color=color,
                    linestyle=line,
                    linewidth=3,
                    zorder=3,
                )
            chain.append(figure)
        for figure in points:
            x, y = x_of(figure), figure.value / scale.size
            if figure.low < figure.high:
                ax.vlines(
                    x, figure.low / scale.size, figure.high / scale.size, color=color, linewidth=2.5, zorder=3
                )
            ax.plot(
                x,
                y,
                marker=marker,
                markersize=15,
                markeredgewidth=3.5,
                color=color,
                markerfacecolor="white" if forecast else color,
                zorder=4,
                linestyle="none",
            )
            if figure in labelled:
                word = {"forecast": " expected", "target": " target"}.get(status, "")
                if sparse:  # room for a sentence
                    text = f"{figure_text(figure, scale)}{word} in {period_text(figure)}"
                else:  # the axis gives the year; the label stays narrow
                    text = figure_text(figure, scale) + (f"\n{word.strip()}" if word else "")
                if figure.sources > 1:
                    text += f"\n{figure.sources} reports"
                if sparse:
                    align, offset = ("left", 16) if x <= mid else ("right", -16)
                else:
                    align = "left" if x == xs[0] else "right" if x == xs[-1] else "center"
                    offset = {"left": -8, "right": 8, "center": 0}[align]
                placed = ax.annotate(
                    text,
                    (x, y),
                    xytext=(offset, 14 if sparse else 18),
                    textcoords="offset points",
                    ha=align,
                    va="bottom",
                    color=color,
                    fontsize=style["figure"]["label_pt"],
                    fontweight="bold",
                )
                _avoid(placed, labels, ax)
                labels.append(placed)
        del series_index

    for figure in undated:
        band_color = actual_color if figure.status == "actual" else forecast_color
        # No start (or end) stated: the band runs to the edge of the chart, and has no cap on that side.
        left, right = ax.get_xlim()
        x0 = _year_centre(figure.period_start) if figure.period_start else left
        x1 = _year_centre(figure.period_end + timedelta(days=1)) if figure.period_end else right
        caps = [x for x, known in ((x0, figure.period_start), (x1, figure.period_end)) if known]
        half = max(span * 0.018, (figure.high - figure.low) / scale.size / 2)
        centre = (figure.low + figure.high) / 2 / scale.size
        ax.add_patch(
            Rectangle(
                (x0, centre - half),
                x1 - x0,
                2 * half,
                facecolor=band_color,
                alpha=colors["band_alpha"],
                hatch="//",
                edgecolor=band_color,
                linewidth=0,
                zorder=2,
            )
        )
        for x in caps:
            ax.vlines(x, centre - half * 2.6, centre + half * 2.6, color=band_color, linewidth=2.5, zorder=3)
        few = len(undated) <= 2  # a few bands get a sentence each; many get a short label at their end
        text = f"{figure_text(figure, scale)} {window_text(figure)} (year not stated)"
        placed = ax.annotate(
            text if few else f"{figure_text(figure, scale)}, year not stated",
            ((x0 + x1) / 2 if few else x1, centre + half * 2.6),
            xytext=(0 if few else -6, 8),
            textcoords="offset points",
            ha="center" if few else "right",
            va="bottom",
            color=band_color,
            fontsize=style["figure"]["label_pt"],
        )
        _avoid(placed, labels, ax)
        labels.append(placed)
    _style_axes(ax, style, "y")


def _avoid(label: Annotation, placed: list[Annotation], ax: Axes) -> None:
    """Move a label (below its point, then further up or down) until it overlaps no label already drawn
    and stays inside the plot; if no place is free it is hidden (overlapping text helps no reader)."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    offset_x, offset_y = label.get_position()
    frame = ax.get_window_extent(renderer)

    def clear() -> bool:
        box = label.get_window_extent(renderer)
        return not any(box.overlaps(other.get_window_extent(renderer)) for other in placed)

    def inside() -> bool:
        box = label.get_window_extent(renderer)
        return frame.y0 <= box.y0 and box.y1 <= frame.y1

    # Only near places: further away, a label would seem to belong to something else.
    tries: list[tuple[float, Literal["bottom", "top"]]] = [
        (offset_y, "bottom"),
        (-20, "top"),
        (offset_y + 30, "bottom"),
        (-50, "top"),
    ]
    for y, align in tries:
        label.set_position((offset_x, y))
        label.set_verticalalignment(align)
        if clear() and inside():
            return
    label.set_visible(False)


def _notable(figures: list[Figure]) -> list[Figure]:
    """In a long series only the first, latest, highest, lowest and forecast figures get a label."""
    ordered = sorted(figures, key=lambda f: f.period_start or date.min)
    reported = [f for f in ordered if f.status == "actual"] or ordered
    keep = [reported[0], reported[-1]]
    keep += [max(reported, key=lambda f: f.value), min(reported, key=lambda f: f.value)]
    return [f for f in ordered if f in keep or f.status != "actual"]


def _draw_spans(
    ax: Axes, data: ReportData, figures: list[Figure], scale: Scale, style: dict[str, Any]
) -> None:
    colors, shapes = style["colors"], style["shapes"]
    ordered = sorted(figures, key=lambda f: (f.period_start or date.min, -f.value))
    starts = [f.period_start for f in ordered if f.period_start]
    ends = [f.period_end for f in ordered if f.period_end]
    first = data.definition.period_start or min(starts)
    last = data.definition.period_end or max(ends)
    ax.set_xlim(_calendar(date(first.year, 1, 1)) - 0.3, _calendar(last) + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0f}"))
    rows = len(ordered)
    ax.set_ylim(-0.7, rows - 0.1)
    ax.set_yticks([])
    for index, figure in enumerate(ordered):
        assert figure.period_start is not None and figure.period_end is not None
        y = rows - 1 - index
        x0, x1 = _calendar(figure.period_start), _calendar(figure.period_end + timedelta(days=1))
        color = _pick(colors["series"], index)
        on_color = _pick(colors["on_series"], index)
        ax.barh(
            y,
            x1 - x0,
            left=x0,
            height=0.42,
            color=color,
            hatch=_pick(shapes["hatches"], index),
            edgecolor=on_color,
            linewidth=0,
            zorder=3,
        )
        ax.text(
            x0 + 0.12,
            y,
            figure_text(figure, scale),
            ha="left",
            va="center",
            color=on_color,
            fontsize=style["figure"]["title_pt"],
            fontweight="bold",
            zorder=4,
            bbox={"facecolor": color, "edgecolor": "none", "pad": 2},
        )
        right_half = x0 > sum(ax.get_xlim()) / 2
        ax.text(
            x1 if right_half else x0,
            y + 0.27,
            f"{span_label(figure, figures, scale)}  ({period_text(figure)})",
            ha="right" if right_half else "left",
            va="bottom",
            color=colors["text"],
            fontsize=style["figure"]["label_pt"],
            zorder=4,
        )
    _style_axes(ax, style, "x")


def _draw_comparison(
    ax: Axes, data: ReportData, figures: list[Figure], scale: Scale, style: dict[str, Any]
) -> None:
    colors, shapes = style["colors"], style["shapes"]
    ordered = sorted(figures, key=lambda f: -f.value)
    rows = len(ordered)
    top = max(f.high for f in ordered)
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    ax.set_ylim(-0.6, rows - 0.4)
    labels = []
    for index, figure in enumerate(ordered):
        y = rows - 1 - index
        color = _pick(colors["series"], index)
        ax.barh(
            y,
            figure.value / scale.size,
            height=0.62,
            color=color,
            hatch=_pick(shapes["hatches"], index),
            edgecolor=_pick(colors["on_series"], index),
            linewidth=0,
            zorder=3,
        )
        ax.text(
            figure.value / scale.size + top / scale.size * 0.012,
            y,
            figure_text(figure, scale),
            ha="left",
            va="center",
            fontsize=style["figure"]["title_pt"],
            fontweight="bold",
            color=colors["text"],
        )
        labels.append((y, f"{metric_label(figure.metric, figure.value).capitalize()}\n{period_text(figure)}"))
    ax.set_yticks([y for y, _ in labels], [text for _, text in labels])
    ax.tick_params(axis="y", labelsize=style["figure"]["label_pt"])
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    _style_axes(ax, style, None)
    ax.spines["left"].set_visible(True)
    ax.spines["left"].set_linewidth(1.4)
    ax.spines["bottom"].set_visible(False)


KINDS: dict[str, Callable[[Axes, ReportData, list[Figure], Scale, dict[str, Any]], None]] = {
    "timeline": _draw_timeline,
    "spans": _draw_spans,
    "comparison": _draw_comparison,
}
