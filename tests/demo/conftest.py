from __future__ import annotations

import pytest

from pilotage.contract.files import load_contract
from pilotage.contract.model import Contract
from pilotage.contract.seeds import seed_path
from pilotage.demo import DemoDataset, generate_demo

SCALE = 0.1  # about 34,000 cases: every objective, every year, in well under a second


@pytest.fixture(scope="session")
def inasti() -> Contract:
    return load_contract(seed_path("inasti-2019-2020"))


@pytest.fixture(scope="session")
def demo(inasti: Contract) -> DemoDataset:
    return generate_demo(inasti, scale=SCALE)


@pytest.fixture(scope="session")
def rows(demo: DemoDataset) -> list[dict[str, object]]:
    return demo.cases.to_pylist()
