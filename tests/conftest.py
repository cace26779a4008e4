from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

# The web settings refuse to start without a secret key outside debug mode; tests use a fixed
# one. This runs before pytest-django reads the settings.
os.environ.setdefault("PILOTAGE_WEB_SECRET_KEY", "tests-only-not-a-secret")


@pytest.fixture
def data_dir() -> Path:
    return REPO / "tests" / "contract" / "data"
