"""Shared fixtures: where the read-only research data lives, and skips when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("METRICS_SHARED") or ROOT.parent / "shared")
"""The read-only research data: ../shared beside the project, or where $METRICS_SHARED points."""
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
PEERS = SHARED / "peers"


def need(path: Path) -> Path:
    """Skip the calling test when a file from ../shared is not on this machine."""
    if not path.exists():
        pytest.skip(f"{path.name} is not available here (../shared is absent)")
    return path
