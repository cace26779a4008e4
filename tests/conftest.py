"""Fixtures shared by the test packages: the INASTI seed, an in-memory fact store, Spark."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pilotage.contract.files import load_contract
from pilotage.contract.model import Contract
from pilotage.contract.seeds import seed_path
from pilotage.facts import DuckDBFactStore

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

# The marks of a test module that runs Spark (`pytestmark = SPARK`).
SPARK = [
    pytest.mark.spark,
    # Under pandas 3, ibis's PySpark backend (which converts through pandas) and PySpark warn.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
    # PySpark leaves the local sockets of its result transfers to the garbage collector.
    pytest.mark.filterwarnings("ignore:unclosed <socket:ResourceWarning"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <socket:pytest.PytestUnraisableExceptionWarning"
    ),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs a local Spark session (needs Java)")


@pytest.fixture
def data_dir() -> Path:
    return REPO / "tests" / "contract" / "data"


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
    from pilotage.facts import local_spark_session

    session = local_spark_session("pilotage-tests", partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(autouse=True)
def _collect_spark_sockets(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a Spark test, collect PySpark's unclosed sockets, where their warnings are expected."""
    yield
    if request.node.get_closest_marker("spark") is not None:
        gc.collect()
