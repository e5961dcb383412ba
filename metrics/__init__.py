"""metrics: dated quantitative claims from news text, stored in DuckDB, drawn as briefing charts."""

from typing import TYPE_CHECKING, Any

from metrics.errors import MetricsError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document, claims_from_text
from metrics.records import Claim, Document

__all__ = [
    "EXTRACTOR_VERSION",
    "Claim",
    "Document",
    "MetricsError",
    "Store",
    "claims_from_document",
    "claims_from_text",
    "open_store",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from metrics.store.database import Store, open_store


def __getattr__(name: str) -> Any:
    """`metrics.open_store` and `metrics.Store` load DuckDB and pandas only when first used."""
    if name in ("open_store", "Store"):
        from metrics.store import database as store

        return getattr(store, name)
    raise AttributeError(f"module 'metrics' has no attribute {name!r}")
