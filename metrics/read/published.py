"""Where a document keeps its publication date, and which place was used.

Pages and feeds keep the date in several places, and some of them are less sure than others: an HTML
`<meta property="article:published_time">` is the publisher's own statement; JSON-LD `datePublished`
next; other date metas (`pubdate`, `DC.date.issued`...) then; the first `<time datetime>` of the page
last, because a page may also mark up the dates of events it reports. A JSONL line says it in a field;
a bare text only in its dateline. `Document.published_from` names the place used."""

from __future__ import annotations

import json
from collections.abc import Iterator

META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "date",
)
"""The property, name or itemprop of a <meta> that holds the publication date, surest first."""


def _date_published(value: object) -> Iterator[str]:
    """Every datePublished string in a JSON-LD value, however nested (@graph, lists)."""
    if isinstance(value, dict):
        found = value.get("datePublished")
        if isinstance(found, str):
            yield found
        for item in value.values():
            if isinstance(item, (dict, list)):
                yield from _date_published(item)
    elif isinstance(value, list):
        for item in value:
            yield from _date_published(item)


def published_from_html(
    metas: dict[str, str], json_ld: list[str], times: list[str]
) -> tuple[str, str] | None:
    """The publication date a page states, as written, and where ('html:meta article:published_time',
    ...): the surest place that holds one. The caller reads it strictly (dates.read_date), so a page
    whose surest date is no date is refused with the reason rather than dated from a weaker place."""
    first = metas.get(META_NAMES[0])
    if first:
        return first, f"html:meta {META_NAMES[0]}"
    for block in json_ld:
        try:
            value = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for raw in _date_published(value):
            return raw, "html:json-ld datePublished"
    for name in META_NAMES[1:]:
        content = metas.get(name)
        if content:
            return content, f"html:meta {name}"
    for when in times:
        return when, "html:time datetime"
    return None
