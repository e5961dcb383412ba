"""The house chart frame (title, subtitle, source line, fonts) around a chart kind, as reproducible PNG bytes.

No pyplot and no global rcParams: each chart builds its own Figure inside an rc_context, so renders
are independent, and the PNG carries no software string or timestamp (same store, same bytes).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.text import Text

from metrics.draw.chart_kinds import KINDS
from metrics.draw.chart_text import (
    Figure,
    Scale,
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
    spans_title,
    timeline_title,
    window_text,
    wrap,
)
from metrics.draw.definitions import ReportData


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
        "text.parse_math": False,
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
        starts = [f.period_start for f in figures if f.period_start]
        if definition.kind == "timeline" and starts and ends:
            period = period_range_text(date(min(starts).year, 1, 1), date(max(ends).year, 12, 31))
        else:
            period = period_range_text(None, max(ends)) if ends else "dates not stated"
    if definition.kind == "timeline":
        keys = "solid = reported"
        if any(f.status == "forecast" and f.grain != "undated" for f in figures):
            keys += ", hollow = forecast (expected)"
        if any(f.grain == "undated" for f in figures):
            keys += ", band = year not stated"
        return f"{measure}; {scale.name} per {definition.grain}; {period}; {keys}"
    if definition.kind == "spans":
        return f"{measure}; {scale.name}, counted over each period shown; {period}"
    return f"{measure}; {scale.name}, latest figure for each; {period}"


def _fitted_text(
    fig: MplFigure, canvas: FigureCanvasAgg, x: float, y: float, text: str, **kwargs: Any
) -> Text:
    """Place text at (x, y), wrapping it until it fits the figure's width (measured, not guessed)."""
    artist = fig.text(x, y, text, **kwargs)
    limit = fig.bbox.width * (1 - 2 * x)
    width = len(text)
    while artist.get_window_extent(canvas.get_renderer()).width > limit and width > 20:
        width = int(width * 0.92)
        artist.set_text(wrap(text, width))
    return artist


def _layout(
    fig: MplFigure,
    canvas: FigureCanvasAgg,
    data: ReportData,
    figures: list[Figure],
    scale: Scale,
    style: dict[str, Any],
    words: tuple[str, str, str],
) -> None:
    """Title and subtitle at the top, source line at the bottom, the plot in between, all measured."""
    fig_style, muted = style["figure"], style["colors"]["muted"]
    title, subtitle, source_line = words
    margin = 0.035
    renderer = canvas.get_renderer()
    head = _fitted_text(
        fig, canvas, margin, 0.96, title, fontsize=fig_style["title_pt"], fontweight="bold", va="top"
    )
    head_bottom = fig.transFigure.inverted().transform(head.get_window_extent(renderer))[0][1]
    sub = _fitted_text(
        fig, canvas, margin, head_bottom - 0.02, subtitle, fontsize=fig_style["subtitle_pt"], color=muted,
        va="top", linespacing=1.35,
    )  # fmt: skip
    sub_bottom = fig.transFigure.inverted().transform(sub.get_window_extent(renderer))[0][1]
    foot = _fitted_text(
        fig, canvas, margin, 0.03, source_line, fontsize=fig_style["source_pt"], color=muted, va="bottom",
        linespacing=1.35,
    )  # fmt: skip
    foot_top = fig.transFigure.inverted().transform(foot.get_window_extent(renderer))[1][1]
    bottom, top = foot_top + 0.085, sub_bottom - 0.07
    ax = fig.add_axes((0.1, bottom, 0.86, top - bottom))
    KINDS[data.definition.kind](ax, data, figures, scale, style)
    # Move the plot right until its tick labels clear the left margin, keeping the right edge.
    drawn = ax.get_tightbbox(renderer)
    overhang = margin * fig.bbox.width - (drawn.x0 if drawn is not None else margin * fig.bbox.width)
    left = 0.1 + overhang / fig.bbox.width
    ax.set_position((left, bottom, 0.965 - left, top - bottom))


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
    with matplotlib.rc_context(_rc(style)):
        dpi = fig_style["dpi"]
        fig = MplFigure(figsize=(fig_style["width_px"] / dpi, fig_style["height_px"] / dpi), dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        _layout(fig, canvas, data, figures, scale, style, (title, subtitle, source_line))
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
