"""The house chart frame (title, subtitle, source line, fonts) around a chart kind, as reproducible PNG bytes.

No pyplot and no global rcParams: each chart builds its own Figure inside an rc_context, so renders
are independent, and the PNG carries no software string or timestamp (same store, same bytes).
"""

from __future__ import annotations

import csv
import html
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
    spans_title,
    tick,
    timeline_title,
    unstated,
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
    svg: bytes = b""
    """The same chart as SVG, for print, with the title and alt text as its <title> and <desc>."""
    csv: str = ""
    """The chart's figures, one row each, for a reader who wants the numbers."""


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


def _period_words(data: ReportData, figures: list[Figure]) -> str:
    """The chart's time range in words: the definition's, or the figures' years when it is open."""
    definition = data.definition
    if definition.period_start is not None or definition.period_end is not None:
        return period_range_text(definition.period_start, definition.period_end)
    ends = [f.period_end for f in figures if f.period_end]
    starts = [f.period_start for f in figures if f.period_start]
    if definition.kind == "timeline" and starts and ends:
        return period_range_text(date(min(starts).year, 1, 1), date(max(ends).year, 12, 31))
    return period_range_text(None, max(ends)) if ends else "dates not stated"


def _title(data: ReportData, figures: list[Figure], scale: Scale) -> str:
    lead, kind = data.definition.title, data.definition.kind
    if kind == "timeline":
        named = bool(data.definition.entities)
        return timeline_title(lead, figures, scale, _period_words(data, figures), named)
    return spans_title(lead, figures, scale) if kind == "spans" else comparison_title(lead, figures, scale)


def _subtitle(data: ReportData, figures: list[Figure], scale: Scale) -> str:
    definition = data.definition
    who = f", {'–'.join(definition.entities)}" if definition.entities else ""
    measure = definition.measure or f"{' / '.join(definition.metrics).capitalize()}{who}"
    period = _period_words(data, figures)
    if definition.reviewed_only:
        measure += " (reviewed figures only)"
    if definition.kind == "timeline":
        dated = [f for f in figures if f.grain != "undated"]
        drawn = {
            "solid = reported": any(f.status == "actual" and not f.early and not f.conflict for f in dated),
            "hollow = forecast (expected)": any(f.status == "forecast" for f in dated),
            "hollow green = target": any(f.status == "target" for f in dated),
            "hollow circle = reported before its period ended": any(
                f.status == "actual" and f.early for f in dated
            ),
            "bar without a point = reports disagree": any(f.conflict for f in dated),
            f"band = {unstated(definition.grain)}": len(dated) < len(figures),
        }
        keys = ", ".join(key for key, shown in drawn.items() if shown)
        return f"{measure}; {scale.name} per {definition.grain}; {period}; {keys}"
    if definition.kind == "spans":
        return f"{measure}; {scale.name}, counted over each period shown; {period}"
    return f"{measure}; {scale.name}, latest figure for each; {period}"


def _fitted_text(
    fig: MplFigure, canvas: FigureCanvasAgg, x: float, y: float, text: str, lines: int, **kwargs: Any
) -> Text:
    """Place text at (x, y), wrapping it until it fits the figure's width (measured, not guessed), in at
    most `lines` lines; what does not fit ends in an ellipsis (the index and alt text keep it whole)."""
    artist = fig.text(x, y, wrap(text, max(len(text), 8), lines), **kwargs)
    limit = fig.bbox.width * (1 - 2 * x)
    width = len(text)
    while artist.get_window_extent(canvas.get_renderer()).width > limit and width > 8:
        width = int(width * 0.92)
        artist.set_text(wrap(text, width, lines))
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
    limits = style["limits"]
    head = _fitted_text(
        fig, canvas, margin, 0.96, title, limits["title_lines"], fontsize=fig_style["title_pt"],
        fontweight="bold", va="top",
    )  # fmt: skip
    head_bottom = fig.transFigure.inverted().transform(head.get_window_extent(renderer))[0][1]
    sub = _fitted_text(
        fig, canvas, margin, head_bottom - 0.02, subtitle, limits["subtitle_lines"],
        fontsize=fig_style["subtitle_pt"], color=muted, va="top", linespacing=1.35,
    )  # fmt: skip
    sub_bottom = fig.transFigure.inverted().transform(sub.get_window_extent(renderer))[0][1]
    foot = _fitted_text(
        fig, canvas, margin, 0.03, source_line, limits["source_lines"], fontsize=fig_style["source_pt"],
        color=muted, va="bottom", linespacing=1.35,
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


def _words(data: ReportData, figures: list[Figure], scale: Scale) -> tuple[str, str, str, str]:
    """Title, subtitle, source line and alt text: the same sentences on the PNG, the SVG and the index."""
    title = _title(data, figures, scale)
    subtitle = _subtitle(data, figures, scale)
    source_line = sources_text(data.sources)
    alt_text = " ".join(
        [f"{data.definition.kind.capitalize()} chart. {title}.", subtitle[0].upper() + subtitle[1:] + "."]
        + [describe_figure(f, scale) for f in figures]
        + [source_line]
    )
    return title, subtitle, source_line, alt_text


def draw_figure(data: ReportData) -> tuple[MplFigure, tuple[str, str, str, str], list[Figure], Scale]:
    """The drawn matplotlib Figure (not yet saved) and its words; tests read its text boxes."""
    style = house_style()
    fig_style = style["figure"]
    figures = figures_from_rows(data.rows)
    scale = scale_for(data.unit, max(abs(f.high) for f in figures) if figures else 0.0)
    words = _words(data, figures, scale)
    with matplotlib.rc_context(_rc(style)):
        dpi = fig_style["dpi"]
        fig = MplFigure(figsize=(fig_style["width_px"] / dpi, fig_style["height_px"] / dpi), dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        _layout(fig, canvas, data, figures, scale, style, words[:3])
    return fig, words, figures, scale


def _svg(fig: MplFigure, title: str, alt_text: str) -> bytes:
    """SVG for print: no timestamp or software string; the title and alt text as <title> and <desc>."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="svg", facecolor="white", metadata={"Date": None, "Creator": None, "Title": title}
    )
    text = buffer.getvalue().decode("utf-8")
    opening = text.index(">", text.index("<svg")) + 1
    described = (
        f'<title id="chart-title">{html.escape(title)}</title>'
        f'<desc id="chart-desc">{html.escape(alt_text)}</desc>'
    )
    text = text[:opening] + described + text[opening:]
    text = text.replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    return text.encode("utf-8")


CSV_COLUMNS = (
    *("period", "period_start", "period_end", "status", "value", "low", "high", "unit"),
    *("articles", "review", "conflict", "reported_before_period_end", "claim_ids", "as_reported"),
)


def _csv(figures: list[Figure], unit: str) -> str:
    """The chart's figures in base units (dollars, not billions), one row each, for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in figures:
        writer.writerow(
            [
                window_text(f) if f.grain == "undated" else period_text(f),
                f.period_start.isoformat() if f.period_start else "",
                f.period_end.isoformat() if f.period_end else "",
                *(f.status, repr(f.value), repr(f.low), repr(f.high), unit, f.sources, f.review),
                *(
                    "yes" if f.conflict else "no",
                    "yes" if f.early else "no",
                    " ".join(f.claim_ids),
                    f.quote or "",
                ),
            ]
        )
    return buffer.getvalue()


def _figure_cell(figure: Figure, scale: Scale) -> str:
    """The table's figure: the spread when the articles disagree, else the figure as reported."""
    if figure.conflict:
        return f"{tick(figure.low, scale)}–{amount(figure.high, scale)}"
    return figure_text(figure, scale)


def render_chart(data: ReportData) -> Chart:
    """Draw one report: PNG and SVG bytes, the figures as CSV, the title, subtitle, alt text and table."""
    fig, (title, subtitle, source_line, alt_text), figures, scale = draw_figure(data)
    with matplotlib.rc_context(_rc(house_style())):
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=fig.dpi,
            facecolor="white",
            metadata={"Software": None, "Title": title, "Description": alt_text, "Source": source_line},
        )
        svg = _svg(fig, title, alt_text)
    table = [
        {
            "Figure": f"{tick(f.low, scale)}–{amount(f.high, scale)}"
            if f.conflict
            else figure_text(f, scale),
            "Measure": metric_label(f.metric),
            "Period": f"{window_text(f)} ({unstated(data.definition.grain)})"
            if f.grain == "undated"
            else period_text(f),
            "Status": f.status
            + (" (reported before the period ended)" if f.early and f.status == "actual" else ""),
            "Articles": str(f.sources) + (" (disagree)" if f.conflict else ""),
            "Review": f.review
            + (f" ({f.reviewed_claims} of {len(f.claim_ids)})" if f.review == "partly reviewed" else ""),
            "As reported": (f"Latest of {len(f.claim_ids)} differing figures: " if f.conflict else "")
            + (f.quote or ""),
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
        svg=svg,
        csv=_csv(figures, data.unit),
    )
