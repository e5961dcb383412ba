"""The house chart style and the three chart kinds, drawn from a ReportData into reproducible PNG bytes.

No pyplot and no global rcParams: each chart builds its own Figure inside an rc_context, so renders
are independent, and the PNG carries no software string or timestamp (same store, same bytes).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from metrics.chart_text import (
    Figure,
    Scale,
    amount,
    comparison_title,
    describe_figure,
    figure_text,
    figures_from_rows,
    house_style,
    metric_label,
    period_range_text,
    period_text,
    scale_for,
    sources_text,
    span_label,
    spans_title,
    timeline_title,
    window_text,
    wrap,
)
from metrics.reports import ReportData


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart and every word that goes with it (the index and metadata reuse them)."""

    name: str
    topic: str
    """What is charted, from the definition ("US–Russia trade"); the title adds the finding."""
    title: str
    subtitle: str
    alt_text: str
    source_line: str
    table: list[dict[str, str]]
    documents: list[dict[str, str]]
    png: bytes


def _rc(style: dict[str, Any]) -> Any:
    fig, colors = style["figure"], style["colors"]
    return {
        "font.family": fig["font"],
        "font.size": fig["label_pt"],
        "text.color": colors["text"],
        "axes.edgecolor": colors["axis"],
        "axes.labelcolor": colors["text"],
        "xtick.color": colors["text"],
        "ytick.color": colors["text"],
        "xtick.labelsize": fig["tick_pt"],
        "ytick.labelsize": fig["tick_pt"],
        "hatch.linewidth": 1.6,
        "svg.hashsalt": "metrics",
        "path.simplify": True,
    }


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

    labelled = dated if len(dated) <= 8 else _notable(dated)
    mid = (first_year + last_year) / 2
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
                text = f"{figure_text(figure, scale)}{word} in {period_text(figure)}"
                if figure.sources > 1:
                    text += f"\n{figure.sources} reports"
                right = x <= mid
                ax.annotate(
                    text,
                    (x, y),
                    xytext=(16 if right else -16, 14),
                    textcoords="offset points",
                    ha="left" if right else "right",
                    va="bottom",
                    color=color,
                    fontsize=style["figure"]["label_pt"],
                    fontweight="bold",
                )
        del series_index

    for figure in undated:
        assert figure.period_start is not None and figure.period_end is not None
        x0 = _year_centre(figure.period_start)
        x1 = _year_centre(figure.period_end + timedelta(days=1))
        half = max(span * 0.018, (figure.high - figure.low) / scale.size / 2)
        centre = (figure.low + figure.high) / 2 / scale.size
        ax.add_patch(
            Rectangle(
                (x0, centre - half),
                x1 - x0,
                2 * half,
                facecolor=actual_color,
                alpha=colors["band_alpha"],
                hatch="//",
                edgecolor=actual_color,
                linewidth=0,
                zorder=2,
            )
        )
        for x in (x0, x1):
            ax.vlines(
                x, centre - half * 2.6, centre + half * 2.6, color=actual_color, linewidth=2.5, zorder=3
            )
        ax.annotate(
            f"{figure_text(figure, scale)} at some time {window_text(figure)} (year not stated)",
            ((x0 + x1) / 2, centre + half * 2.6),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=actual_color,
            fontsize=style["figure"]["label_pt"],
        )
    _style_axes(ax, style, "y")


def _notable(figures: list[Figure]) -> list[Figure]:
    """In a long series only the first, last, highest, lowest and forecast figures get a label."""
    ordered = sorted(figures, key=lambda f: f.period_start or date.min)
    keep = {id(ordered[0]), id(ordered[-1]), id(max(ordered, key=lambda f: f.value))}
    keep.add(id(min(ordered, key=lambda f: f.value)))
    return [f for f in ordered if id(f) in keep or f.status != "actual"]


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


_KINDS: dict[str, Callable[[Axes, ReportData, list[Figure], Scale, dict[str, Any]], None]] = {
    "timeline": _draw_timeline,
    "spans": _draw_spans,
    "comparison": _draw_comparison,
}

_TITLES = {"timeline": timeline_title, "spans": spans_title, "comparison": comparison_title}


def _subtitle(data: ReportData, figures: list[Figure], scale: Scale) -> str:
    definition = data.definition
    measure = (
        definition.measure
        or f"{' / '.join(definition.metrics).capitalize()}, {'–'.join(definition.entities)}"
    )
    period = period_range_text(definition.period_start, definition.period_end)
    if definition.period_start is None and definition.period_end is None:
        ends = [f.period_end for f in figures if f.period_end]
        period = period_range_text(None, max(ends)) if ends else "dates not stated"
    if definition.kind == "timeline":
        keys = "solid = reported"
        if any(f.status == "forecast" for f in figures):
            keys += ", hollow = expected (forecast)"
        if any(f.grain == "undated" for f in figures):
            keys += ", band = year not stated"
        return f"{measure}; {scale.name} per {definition.grain}; {period}; {keys}"
    if definition.kind == "spans":
        return f"{measure}; {scale.name}, counted over each period shown; {period}"
    return f"{measure}; {scale.name}, latest figure for each; {period}"


def render_chart(data: ReportData) -> Chart:
    """Draw one report: the PNG bytes plus the title, subtitle, alt text, source line and data table."""
    style = house_style()
    fig_style = style["figure"]
    figures = figures_from_rows(data.rows)
    scale = scale_for(data.unit, max(abs(f.high) for f in figures) if figures else 0.0)
    title = _TITLES[data.definition.kind](data.definition.title, figures, scale)
    subtitle = _subtitle(data, figures, scale)
    source_line = sources_text(data.sources)
    alt_text = " ".join(
        [f"{data.definition.kind.capitalize()} chart. {title}.", subtitle[0].upper() + subtitle[1:] + "."]
        + [describe_figure(f, scale) for f in figures]
        + [source_line]
    )
    width_chars = fig_style["title_wrap_chars"]
    title_lines = wrap(title, width_chars)
    subtitle_lines = wrap(subtitle, int(width_chars * 1.45))
    source_lines = wrap(source_line, int(width_chars * 1.7))
    with matplotlib.rc_context(_rc(style)):
        dpi = fig_style["dpi"]
        fig = MplFigure(figsize=(fig_style["width_px"] / dpi, fig_style["height_px"] / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        left = 0.205 if data.definition.kind == "comparison" else 0.085
        header = 0.065 * title_lines.count("\n") + 0.04 * subtitle_lines.count("\n")
        footer = 0.03 * source_lines.count("\n")
        ax = fig.add_axes((left, 0.13 + footer, 0.955 - left, 0.66 - header - footer))
        _KINDS[data.definition.kind](ax, data, figures, scale, style)
        fig.text(0.035, 0.955, title_lines, fontsize=fig_style["title_pt"], fontweight="bold", va="top")
        title_height = 0.065 * (title_lines.count("\n") + 1)
        fig.text(
            0.035,
            0.955 - title_height - 0.01,
            subtitle_lines,
            fontsize=fig_style["subtitle_pt"],
            color=style["colors"]["muted"],
            va="top",
            linespacing=1.4,
        )
        fig.text(
            0.035,
            0.03,
            source_lines,
            fontsize=fig_style["source_pt"],
            color=style["colors"]["muted"],
            va="bottom",
            linespacing=1.4,
        )
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            facecolor="white",
            metadata={"Software": None, "Title": title, "Description": alt_text, "Source": source_line},
        )
    table = [
        {
            "Figure": figure_text(f, scale),
            "Measure": metric_label(f.metric),
            "Period": window_text(f) + " (year not stated)" if f.grain == "undated" else period_text(f),
            "Status": f.status,
            "Articles": str(f.sources),
            "As reported": f.quote or "",
        }
        for f in figures
    ]
    return Chart(
        name=data.definition.output,
        topic=data.definition.title,
        title=title,
        subtitle=subtitle,
        alt_text=alt_text,
        source_line=source_line,
        table=table,
        documents=[
            {
                "publication": str(row["publication"]),
                "published": row["published"].isoformat() if row["published"] else "",
                "title": str(row["title"] or ""),
                "id": str(row["doc_id"]),
            }
            for row in data.documents.to_dict("records")
        ],
        png=buffer.getvalue(),
    )
