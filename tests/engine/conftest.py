"""Fixtures of the engine tests: the INASTI contract, an in-memory store, a Spark session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from pilotage.contract.files import load_contract
from pilotage.contract.model import Contract
from pilotage.contract.seeds import seed_path
from pilotage.facts import DuckDBFactStore

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs a local Spark session (needs Java)")


@pytest.fixture(scope="session")
def inasti() -> Contract:
    return load_contract(seed_path("inasti-2019-2020"))


@pytest.fixture
def store() -> Iterator[DuckDBFactStore]:
    with DuckDBFactStore.in_memory() as fake:
        yield fake


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java: no java on PATH")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("pilotage-engine-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
