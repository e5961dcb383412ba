"""The three chart kinds, each drawing one report's figures onto a matplotlib Axes in the house style.

timeline: a value per period (actual solid, forecast hollow and dashed, an undated figure as a band);
spans: counts over periods as bars along time; comparison: one figure per metric, side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from metrics.draw.axes import calendar_x as _calendar
from metrics.draw.axes import pick as _pick
from metrics.draw.axes import style_axes as _style_axes
from metrics.draw.chart_text import Figure, Scale, figure_text, metric_label, period_text, span_label
from metrics.draw.definitions import ReportData
from metrics.draw.timeline import draw_timeline


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
    "timeline": draw_timeline,
    "spans": _draw_spans,
    "comparison": _draw_comparison,
}
