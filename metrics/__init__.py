"""metrics: dated quantitative claims from news text, stored in DuckDB, drawn as briefing charts."""

from typing import TYPE_CHECKING, Any

from metrics.errors import MetricsError
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
    from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document, claims_from_text
    from metrics.store.database import Store, open_store

_LAZY = {
    "open_store": "metrics.store.database",
    "Store": "metrics.store.database",
    "EXTRACTOR_VERSION": "metrics.link.extract",
    "claims_from_document": "metrics.link.extract",
    "claims_from_text": "metrics.link.extract",
}


def __getattr__(name: str) -> Any:
    """The extractor (its patterns) and the store (DuckDB, pandas) load only when first used, so that
    `import metrics` and `metrics --help` stay quick."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'metrics' has no attribute {name!r}")
