from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def data_dir() -> Path:
    return REPO / "tests" / "contract" / "data"
