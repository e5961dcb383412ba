"""Write rendered charts to the output folder and the pages that show them all (index.md, index.html).

Each chart leaves NAME.png (slide), NAME.svg (print), NAME.csv (its figures), NAME.txt (its alt text)
and NAME.json (its words and data), so the index can be rebuilt from the folder after rendering one
chart alone. Any other file there, a stray or broken NAME.json included, is left alone and skipped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from metrics.draw.chart_text import house_style
from metrics.draw.charts import Chart, render_chart
from metrics.draw.definitions import OUTPUT_NAME, connect_read_only, load_definition
from metrics.draw.series_query import query_report
from metrics.errors import ReportError

_INTRO = "Each chart with its alt text, the figures it draws, and the articles behind them."
_COLUMNS = ("Figure", "Measure", "Period", "Status", "Articles", "Review", "As reported")
_RECORD_TEXTS = ("name", "title", "subtitle", "alt_text", "source_line")


def chart_path(out_dir: Path, name: str, suffix: str) -> Path:
    """The file for one chart, refusing any name that could point outside the output folder."""
    if not OUTPUT_NAME.fullmatch(name):
        raise ReportError(f"report name {name!r} must be a plain file name: letters, digits, '-' and '_'")
    path = out_dir / f"{name}{suffix}"
    if path.resolve().parent != out_dir.resolve():
        raise ReportError(f"report name {name!r} would write outside {out_dir}")
    return path


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file so a reader never sees half a chart."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def write_chart(chart: Chart, out_dir: Path, order: str = "") -> Path:
    """NAME.png, NAME.txt (alt text) and NAME.json (title, table, sources) in out_dir; returns the PNG.
    `order` sorts the chart in the index (its definition's file name)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"cannot create the output folder {out_dir}: {error.strerror}") from None
    png = chart_path(out_dir, chart.name, ".png")
    record = {
        "name": chart.name,
        "order": order or chart.name,
        "topic": chart.topic,
        "title": chart.title,
        "subtitle": chart.subtitle,
        "alt_text": chart.alt_text,
        "source_line": chart.source_line,
        "table": chart.table,
        "documents": chart.documents,
    }
    try:
        _write(png, chart.png)
        _write(chart_path(out_dir, chart.name, ".svg"), chart.svg)
        _write(chart_path(out_dir, chart.name, ".csv"), chart.csv.encode("utf-8"))
        _write(chart_path(out_dir, chart.name, ".txt"), (chart.alt_text + "\n").encode("utf-8"))
        text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        _write(chart_path(out_dir, chart.name, ".json"), text.encode("utf-8"))
    except OSError as error:
        raise ReportError(f"cannot write {png}: {error.strerror}") from None
    return png


def read_charts(out_dir: Path) -> list[dict[str, Any]]:
    """Every chart record in the folder whose PNG is there too, in definition order."""
    records = []
    for path in sorted(out_dir.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if _is_chart_record(record) and (out_dir / f"{record['name']}.png").is_file():
            records.append(record)
    return sorted(records, key=lambda r: (str(r.get("order", "")), str(r["name"])))


def _is_chart_record(record: Any) -> bool:
    """Whether a JSON file is one this module wrote (a stray NAME.json beside NAME.png is skipped)."""
    if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in _RECORD_TEXTS):
        return False
    if not OUTPUT_NAME.fullmatch(record["name"]):
        return False
    table, documents = record.get("table"), record.get("documents")
    return (
        isinstance(table, list)
        and all(isinstance(row, dict) and all(isinstance(v, str) for v in row.values()) for row in table)
        and isinstance(documents, list)
        and all(isinstance(d, dict) and all(isinstance(d.get(k), str) for k in _DOC_KEYS) for d in documents)
    )


_DOC_KEYS = ("publication", "published", "title", "id")


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def index_markdown(records: list[dict[str, Any]]) -> str:
    """index.md: each chart with its alt text, its figures as a table and its sources."""
    lines = [
        "# Charts",
        "",
        "Each chart with its alt text, the figures it draws, and the articles behind them.",
        "",
    ]
    for record in records:
        lines += [
            f"## {record.get('topic') or record['title']}",
            "",
            f"![{_md_cell(record['alt_text'])}]({record['name']}.png)",
            "",
            f"[PNG]({record['name']}.png) · [SVG for print]({record['name']}.svg) · "
            f"[figures as CSV]({record['name']}.csv)",
            "",
        ]
        lines += [
            f"**{record['title']}.** {record['subtitle']}",
            "",
            f"**Alt text.** {record['alt_text']}",
            "",
        ]
        lines += ["| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
        lines += [
            "| " + " | ".join(_md_cell(row.get(c, "")) for c in _COLUMNS) + " |" for row in record["table"]
        ]
        lines += ["", f"{record['source_line']} The articles:", ""]
        for doc in record["documents"]:
            lines.append(
                f"- {doc['publication']}, {doc['published'] or 'undated'}: {doc['title'] or doc['id']}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1a1a1a; max-width: 1120px;
       margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.35rem; margin-top: 3rem; border-top: 1px solid #ddd;
       padding-top: 1.5rem; }
figure { margin: 0; } img { width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { color: #444; font-size: 0.95rem; margin-top: 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.6rem; border-bottom: 1px solid #ddd; }
th { background: #f3f3f3; } td.num { white-space: nowrap; font-weight: bold; }
.sources { font-size: 0.92rem; color: #333; } .files { font-size: 0.92rem; }
td.review { white-space: nowrap; } td.reviewed { color: #006b3c; font-weight: bold; }
td.corrected { color: #8a4b00; font-weight: bold; } td.unreviewed { color: #666; }
td.partly-reviewed { color: #444; }
"""


def _review_class(state: str) -> str:
    """'partly reviewed (2 of 9)' -> 'partly-reviewed': the CSS class that colours the review cell."""
    word = state.split(" (")[0].strip().replace(" ", "-")
    return word if word in ("reviewed", "corrected", "partly-reviewed", "unreviewed") else "unreviewed"


def index_html(records: list[dict[str, Any]]) -> str:
    """index.html: the same content as index.md, for a browser."""
    esc = html.escape
    width, height = house_style()["figure"]["width_px"], house_style()["figure"]["height_px"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Charts</title><style>{_STYLE}</style></head><body>",
        "<h1>Charts</h1>",
        f"<p>{_INTRO}</p>",
    ]
    for record in records:
        name = esc(record["name"])
        parts += [
            f'<section id="{name}"><h2>{esc(record.get("topic") or record["title"])}</h2>',
            f'<figure><img src="{name}.png" alt="{esc(record["alt_text"])}" '
            f'width="{width}" height="{height}">',
            f"<figcaption><strong>Alt text.</strong> {esc(record['alt_text'])}</figcaption></figure>",
            f'<p class="files"><a href="{name}.png">PNG</a> · <a href="{name}.svg">SVG for print</a> · '
            f'<a href="{name}.csv">figures as CSV</a></p>',
            "<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in _COLUMNS) + "</tr></thead><tbody>",
        ]
        for row in record["table"]:
            cells = [
                f'<td class="num">{esc(row.get(c, ""))}</td>'
                if c == "Figure"
                else f'<td class="review {_review_class(row.get(c, ""))}">{esc(row.get(c, ""))}</td>'
                if c == "Review"
                else f"<td>{esc(row.get(c, ''))}</td>"
                for c in _COLUMNS
            ]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts += [
            "</tbody></table>",
            f'<div class="sources"><p>{esc(record["source_line"])} The articles:</p><ul>',
        ]
        for doc in record["documents"]:
            when = esc(doc["published"] or "undated")
            parts.append(f"<li>{esc(doc['publication'])}, {when}: {esc(doc['title'] or doc['id'])}</li>")
        parts.append("</ul></div></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_index(out_dir: Path) -> list[Path]:
    """Rebuild index.md and index.html from every chart in the folder."""
    records = read_charts(out_dir)
    written = []
    for name, text in (("index.md", index_markdown(records)), ("index.html", index_html(records))):
        path = out_dir / name
        try:
            _write(path, text.encode("utf-8"))
        except OSError as error:
            raise ReportError(f"cannot write {path}: {error.strerror}") from None
        written.append(path)
    return written


def render_reports(
    definition_files: list[Path], db_path: Path, out_dir: Path, on_error: Callable[[ReportError], None]
) -> list[Path]:
    """Render each definition against the store into out_dir, then the index; a failing chart is handed
    to on_error (and writes nothing) while the others go on. Returns the PNGs written."""
    written: list[Path] = []
    con = connect_read_only(db_path)
    try:
        for path in definition_files:
            try:
                definition = load_definition(path)
                chart = render_chart(query_report(con, definition))
                written.append(write_chart(chart, out_dir, order=path.name))
            except ReportError as error:
                on_error(error)
            except Exception as error:  # a drawing bug in one chart must not stop the others or the index
                first = str(error).splitlines()[0] if str(error) else type(error).__name__
                on_error(
                    ReportError(
                        f"could not draw this chart ({type(error).__name__}: {first})", path=str(path)
                    )
                )
    finally:
        con.close()
    if out_dir.is_dir():
        write_index(out_dir)
    return written
