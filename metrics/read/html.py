"""The visible text of an HTML page, its title and the publication date its metadata gives."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

PUBLISHED_NAMES = frozenset(
    {
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
    }
)
"""The <meta> names, properties and itemprops (and <time itemprop>) that give a page's publication date:
Open Graph's article:published_time, schema.org's datePublished, Dublin Core and the common others."""


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
        self.published: str | None = None
        """The first publication date the page's metadata gives, as written."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time") and self.published is None:
            self._metadata_date(tag, dict(attrs))
        if tag == "title":
            self._in_title = True
        elif tag in self.HIDDEN:
            self._hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def _metadata_date(self, tag: str, attrs: dict[str, str | None]) -> None:
        names = {(attrs.get(key) or "").strip().lower() for key in ("name", "property", "itemprop")}
        if not names & PUBLISHED_NAMES:
            return
        value = attrs.get("content") if tag == "meta" else attrs.get("datetime")
        if value is not None:
            self.published = value

    def handle_data(self, data: str) -> None:
        if self._in_title:
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
    published: str | None
    """The publication date in the page's metadata, as written (dates.read_date reads it)."""


def html_page(html: str) -> HtmlPage:
    """The visible text of an HTML page (paragraphs on their own lines), its <title> and the publication
    date its metadata gives (PUBLISHED_NAMES)."""
    parser = _TextOfHtml()
    try:
        parser.feed(_escape_unclosed_tags(html))
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    title = " ".join("".join(parser.title).split()) or None
    return HtmlPage(parser.text(), title, parser.published)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The visible text of an HTML page and its <title>."""
    page = html_page(html)
    return page.text, page.title
