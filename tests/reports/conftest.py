"""A small fact store of demonstration cases, measured and published for 2019-Q1..2019-Q4."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pilotage.engine import ResultSet
from tests.web.conftest import demo_fact_store

PERIODS = ("2019-Q1", "2019-Q4")


@dataclass(frozen=True)
class Store:
    dir: Path
    path: Path
    sets: dict[str, ResultSet]


@pytest.fixture(scope="session")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("reports")
    sets = demo_fact_store(root, PERIODS)
    return Store(root, root / "facts.duckdb", sets)
