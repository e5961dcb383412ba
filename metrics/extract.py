"""The extraction stage as one call: a Document in, its Claims out (never raises on any text)."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from metrics.records import Claim, Document

EXTRACTOR_VERSION = "0.1.0"

_PLACEHOLDER = re.compile(r"\$(\d+(?:\.\d+)?) billion")


def claim_id(doc_id: str, start: int, end: int, metric: str) -> str:
    """Stable across runs: derived from the document id, the quantity's offsets and the metric."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{metric}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:20]


def claims_from_document(document: Document) -> list[Claim]:
    """Every dated quantitative claim in the document, in text order."""
    claims = []
    for match in _PLACEHOLDER.finditer(document.text):
        value = float(match[1]) * 1e9
        claims.append(
            Claim(
                doc_id=document.id,
                claim_id=claim_id(document.id, match.start(), match.end(), "trade"),
                metric="trade",
                subject=None,
                counterpart=None,
                value=value,
                low=None,
                high=None,
                unit="USD",
                qualifier="exact",
                status="actual",
                period_start=None,
                period_end=document.published,
                grain="as_of",
                start=match.start(),
                end=match.end(),
                surface=match[0],
                quote=match[0],
                published=document.published,
            )
        )
    return claims


def claims_from_text(text: str, published: date | None = None, doc_id: str | None = None) -> list[Claim]:
    """Convenience for notebooks and tests: extract from a bare string."""
    from metrics.documents import make_document

    return claims_from_document(make_document(text, doc_id=doc_id, published=published))
