"""metrics: dated quantitative claims from news text, stored in DuckDB, drawn as briefing charts."""

from metrics.errors import MetricsError
from metrics.extract import EXTRACTOR_VERSION, claims_from_document, claims_from_text
from metrics.records import Claim, Document

__all__ = [
    "EXTRACTOR_VERSION",
    "Claim",
    "Document",
    "MetricsError",
    "claims_from_document",
    "claims_from_text",
]
__version__ = "0.1.0"
