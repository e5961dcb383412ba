"""The timeline chart, as named steps: axes, reported line, forecasts and targets, labels, undated bands.

Reported figures are solid points joined only to their reported neighbours; forecasts are hollow and
targets a third colour, each joined only among themselves (never to a reported figure, which would
draw an expectation as if it were a measured change). An undated figure is a band over the window it
could belong to. Layout numbers are in report_style.toml's [timeline] table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Literal

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, MaxNLocator

from metrics.draw.axes import TimeAxis, style_axes
from metrics.draw.chart_text import (
    Figure,
    Scale,
    amount,
    clip,
    figure_text,
    period_text,
    tick,
    unstated,
    window_text,
)
from metrics.draw.definitions import ReportData

_WORD = {"forecast": " expected", "target": " target"}
_SERIES = ("actual", "early", "target", "forecast")
"""Each drawn and joined on its own: a line never joins a reported figure to anything else."""


@dataclass
class _Plot:
    """What every step needs: the axes, the time axis, the scale, the style, and the labels so far."""

    ax: Axes
    axis: TimeAxis
    scale: Scale
    style: dict[str, Any]
    labels: list[Artist] = field(default_factory=list)
    """Labels placed so far, and the points and whiskers drawn: a new label may cover none of them."""

    @property
    def layout(self) -> dict[str, Any]:
        return dict(self.style["timeline"])

    def x_of(self, figure: Figure) -> float:
        assert figure.period_start is not None and figure.period_end is not None
        return self.axis.centre(figure.period_start, figure.period_end)

    def color(self, status: str) -> str:
        series = self.style["colors"]["series"]
        return {"actual": series[0], "early": series[0], "forecast": series[1], "target": series[2]}.get(
            status, series[1]
        )


def drawn_status(figure: Figure) -> str:
    """actual, early (reported before its period ended), forecast or target: each drawn its own way."""
    return "early" if figure.status == "actual" and figure.early else figure.status


def _time_axis(data: ReportData, figures: list[Figure]) -> TimeAxis:
    definition = data.definition
    days = [d for f in figures for d in (f.period_start, f.period_end) if d is not None]
    first = definition.period_start or min(days)
    last = definition.period_end or max(days)
    return TimeAxis(definition.grain, first, last)


def _value_axis(plot: _Plot, figures: list[Figure]) -> float:
    """The y range (room above for labels), ticks in the scale, and the zero line; returns the span."""
    layout, scale = plot.layout, plot.scale
    top = max([f.high for f in figures] + [0.0]) / scale.size
    bottom = min([f.low for f in figures] + [0.0]) / scale.size
    plot.ax.set_ylim(bottom * layout["y_footroom"], top * layout["y_headroom"] if top > 0 else 1)
    plot.ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    plot.ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick(value * scale.size, scale)))
    plot.ax.axhline(0, color=plot.style["colors"]["axis"], linewidth=1.4, zorder=2)
    return (top - bottom) or 1.0


def _join(plot: _Plot, points: list[Figure], line_style: str, color: str) -> None:
    """A line between neighbouring periods of one status only; a gap in the data stays a gap."""
    step = plot.axis.step() * 1.01
    for before, after in pairwise(points):
        if plot.x_of(after) - plot.x_of(before) <= step:
            plot.ax.plot(
                [plot.x_of(before), plot.x_of(after)],
                [before.value / plot.scale.size, after.value / plot.scale.size],
                color=color,
                linestyle=line_style,
                linewidth=plot.layout["line_width"],
                zorder=3,
            )


def _mark(plot: _Plot, points: list[Figure], status: str) -> None:
    """Each figure's point and, when articles disagree, a whisker over their spread."""
    shapes, layout = plot.style["shapes"], plot.layout
    hollow = status != "actual"
    color = plot.color(status)
    for figure in points:
        x = plot.x_of(figure)
        if figure.low < figure.high:
            low, high = figure.low / plot.scale.size, figure.high / plot.scale.size
            whisker = plot.ax.plot(
                [x, x], [low, high], color=color, linewidth=layout["whisker_width"] * 1.6, zorder=3
            )
            plot.labels.extend(whisker)  # a Line2D: its extent is known before drawing, unlike vlines
            if figure.conflict:  # no point: the articles do not agree on one figure
                caps = plot.ax.plot(
                    [x, x],
                    [low, high],
                    marker="_",
                    markersize=layout["marker_size"],
                    markeredgewidth=layout["marker_edge"],
                    color=color,
                    linestyle="none",
                    zorder=4,
                )
                plot.labels.extend(caps)  # fmt: skip
                continue
        (point,) = plot.ax.plot(
            x,
            figure.value / plot.scale.size,
            marker=shapes["forecast_marker"] if hollow and status != "early" else shapes["markers"][0],
            markersize=layout["marker_size"],
            markeredgewidth=layout["marker_edge"],
            color=color,
            markerfacecolor="white" if hollow else color,
            zorder=4,
            linestyle="none",
        )
        plot.labels.append(point)


def _label_points(plot: _Plot, dated: list[Figure]) -> None:
    """Labels for the notable points: a sentence each when there are few, the figure alone when many."""
    layout = plot.layout
    labelled = dated if len(dated) <= layout["labelled_points"] else notable(dated)
    sparse = len(dated) <= layout["sparse_points"]
    xs = sorted(plot.x_of(f) for f in dated)
    left, right = plot.ax.get_xlim()
    for figure in sorted(labelled, key=plot.x_of):
        x, y = plot.x_of(figure), (figure.high if figure.conflict else figure.value) / plot.scale.size
        word = _WORD.get(figure.status, "")
        shown = figure_text(figure, plot.scale)
        if figure.conflict:
            shown = f"{tick(figure.low, plot.scale)}–{amount(figure.high, plot.scale)}"
            word = ", reports disagree" if sparse else "\nreports disagree"
        elif drawn_status(figure) == "early" and figure.last_published:
            word = (
                f" (reported {figure.last_published:%b %Y})"
                if sparse
                else f"\nreported {figure.last_published:%b %Y}"
            )
        if sparse:
            after = figure.conflict or drawn_status(figure) == "early"  # the word qualifies the whole label
            text = (
                f"{shown} in {period_text(figure)}{word}"
                if after
                else f"{shown}{word} in {period_text(figure)}"
            )
            align = "left" if x <= (left + right) / 2 else "right"
            offset = layout["label_side"] if align == "left" else -layout["label_side"]
        else:
            text = shown + (word if word.startswith("\n") else f"\n{word.strip()}" if word else "")
            align = "left" if x == xs[0] else "right" if x == xs[-1] else "center"
            offset = {"left": -8, "right": 8, "center": 0}[align]
        if figure.sources > 1:
            text += f"\n{figure.sources} reports"
        placed = plot.ax.annotate(
            clip(text, plot.style["limits"]["label_chars"]),
            (x, y),
            xytext=(offset, layout["label_rise_sparse"] if sparse else layout["label_rise_dense"]),
            textcoords="offset points",
            ha=align,
            va="bottom",
            color=plot.color(drawn_status(figure)),
            fontsize=plot.style["figure"]["label_pt"],
            fontweight="bold",
        )
        place_label(placed, plot.labels, plot.ax, layout["label_moves"])


def _bands(plot: _Plot, undated: list[Figure], span: float, grain: str) -> None:
    """Each undated figure as a hatched band over the window it could belong to, capped at stated ends."""
    layout, colors = plot.layout, plot.style["colors"]
    for figure in undated:
        assert figure.period_start is not None and figure.period_end is not None  # the query ensures it
        color = plot.color("actual" if figure.status == "actual" else "forecast")
        x0 = plot.axis.x(figure.period_start)
        x1 = plot.axis.x(figure.period_end + timedelta(days=1))
        half = max(span * layout["band_min_half"], (figure.high - figure.low) / plot.scale.size / 2)
        centre = (figure.low + figure.high) / 2 / plot.scale.size
        plot.ax.add_patch(
            Rectangle(
                (x0, centre - half),
                x1 - x0,
                2 * half,
                facecolor=color,
                alpha=colors["band_alpha"],
                hatch="//",
                edgecolor=color,
                linewidth=0,
                zorder=2,
            )
        )
        cap = half * layout["band_cap"]
        plot.ax.vlines(
            [x0, x1], centre - cap, centre + cap, color=color, linewidth=layout["whisker_width"], zorder=3
        )
        few = len(undated) <= layout["few_bands"]
        text = f"{figure_text(figure, plot.scale)} {window_text(figure)} ({unstated(grain)})"
        placed = plot.ax.annotate(
            clip(text if few else f"{figure_text(figure, plot.scale)}, {unstated(grain)}", 90),
            ((x0 + x1) / 2 if few else x1, centre + cap),
            xytext=(0 if few else -6, 8),
            textcoords="offset points",
            ha="center" if few else "right",
            va="bottom",
            color=color,
            fontsize=plot.style["figure"]["label_pt"],
        )
        if not place_label(placed, plot.labels, plot.ax, layout["label_moves"]) and few:
            # The sentence does not fit: the short label, at the band's end, instead.
            placed.set_text(f"{figure_text(figure, plot.scale)}, {unstated(grain)}")
            placed.xy = (x1, centre + cap)
            placed.set_horizontalalignment("right")
            placed.set_position((-6, 8))
            placed.set_visible(True)
            place_label(placed, plot.labels, plot.ax, layout["label_moves"])


def draw_timeline(
    ax: Axes, data: ReportData, figures: list[Figure], scale: Scale, style: dict[str, Any]
) -> None:
    """The timeline: axes, then each status's points (joined within the status), labels, then bands."""
    plot = _Plot(ax, _time_axis(data, figures), scale, style)
    plot.axis.apply(ax, plot.layout)
    span = _value_axis(plot, figures)
    dated = [f for f in figures if f.grain != "undated" and f.period_start and f.period_end]
    for status in _SERIES:
        points = sorted((f for f in dated if drawn_status(f) == status), key=plot.x_of)
        joined = [f for f in points if not f.conflict] if status != "early" else []
        line = "-" if status == "actual" else style["shapes"]["forecast_line_style"]
        _join(plot, joined, line, plot.color(status))
        _mark(plot, points, status)
    _label_points(plot, dated)
    _bands(plot, [f for f in figures if f.grain == "undated"], span, data.definition.grain)
    style_axes(ax, style, "y")


def place_label(label: Annotation, placed: list[Artist], ax: Axes, moves: list[float]) -> bool:
    """Move a label (above its point, then below, then further) until it overlaps no label already
    drawn and stays inside the plot; if no place is free it is hidden (overlapping text helps no one)."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    offset_x, offset_y = label.get_position()
    frame = ax.get_window_extent(renderer)

    def fits() -> bool:
        box = label.get_window_extent(renderer)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        return inside and not any(box.overlaps(other.get_window_extent(renderer)) for other in placed)

    tries: list[tuple[float, Literal["bottom", "top"]]] = [(offset_y, "bottom")]
    tries += [(move, "top") if move < 0 else (offset_y + move, "bottom") for move in moves]
    for y, align in tries:
        label.set_position((offset_x, y))
        label.set_verticalalignment(align)
        if fits():
            placed.append(label)
            return True
    label.set_visible(False)
    return False


def notable(figures: list[Figure]) -> list[Figure]:
    """In a long series only the first, latest, highest, lowest and non-reported figures get a label."""
    ordered = sorted(figures, key=lambda f: f.period_start or date.min)
    reported = [f for f in ordered if f.status == "actual"] or ordered
    keep = [
        reported[0],
        reported[-1],
        max(reported, key=lambda f: f.value),
        min(reported, key=lambda f: f.value),
    ]
    return [f for f in ordered if f in keep or f.status != "actual"]
