"""Shared fixtures: where the repository, its samples and the optional ../shared data live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "diplograph" / "samples"
SAMPLES_GOLD = REPO / "tests" / "data" / "samples_gold"
SHARED = REPO / ".." / "shared"


@pytest.fixture
def repo() -> Path:
    """The checkout's root directory."""
    return REPO


@pytest.fixture
def samples_dir() -> Path:
    """The sample readouts shipped in the package (src/diplograph/samples)."""
    return SAMPLES


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
