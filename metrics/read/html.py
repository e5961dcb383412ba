"""The visible text of an HTML page, its title, and the places where it may state its publication date
(date metas, JSON-LD blocks, <time datetime>), which read/published.py weighs."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from metrics.read.published import META_NAMES


class _TextOfHtml(HTMLParser):
    """Collects the visible text of an HTML page, one block element per line."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "blockquote",
            "pre",
            "title",
            "td",
            "th",
        }
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False
        self._in_json_ld = False
        self.metas: dict[str, str] = {}
        """Date metas by lower-cased property, name or itemprop (the first of each), as written."""
        self.json_ld: list[str] = []
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time", "script"):
            self._dates_of(tag, dict(attrs))
        if tag == "title":
            self._in_title = True
        elif tag in self.HIDDEN:
            self._hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False
        if tag == "title":
            self._in_title = False
        elif tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def _dates_of(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
            content = attrs.get("content")
            if key in META_NAMES and content and key not in self.metas:
                self.metas[key] = content
        elif tag == "time":
            when = attrs.get("datetime")
            if when:
                self.times.append(when)
        elif (attrs.get("type") or "").lower() == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data
        elif self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def _escape_unclosed_tags(html: str) -> str:
    """'<' with no '>' before the next '<' cannot open a tag: write it as '&lt;'. html.parser rescans
    from every such '<' to the end of the page (quadratic on '<div <div <div ...'); this keeps it linear."""
    pieces = html.split("<")
    return pieces[0] + "".join(("<" if ">" in piece else "&lt;") + piece for piece in pieces[1:])


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    metas: dict[str, str] = field(default_factory=dict)
    json_ld: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    """Where the page may state its publication date, as written (published_from_html weighs them)."""


def html_page(html: str) -> HtmlPage:
    """The visible text of an HTML page (paragraphs on their own lines), its <title> and its date metadata."""
    parser = _TextOfHtml()
    try:
        parser.feed(_escape_unclosed_tags(html))
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    title = " ".join("".join(parser.title).split()) or None
    return HtmlPage(parser.text(), title, parser.metas, parser.json_ld, parser.times)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The visible text of an HTML page and its <title>."""
    page = html_page(html)
    return page.text, page.title
