from __future__ import annotations

import pytest

from pilotage.contract import Contract
from pilotage.demo import DemoDataset, generate_demo

SCALE = 0.1  # about 34,000 cases: every objective, every year, in well under a second


@pytest.fixture(scope="session")
def demo(inasti: Contract) -> DemoDataset:
    return generate_demo(inasti, scale=SCALE)


@pytest.fixture(scope="session")
def rows(demo: DemoDataset) -> list[dict[str, object]]:
    return demo.cases.to_pylist()
