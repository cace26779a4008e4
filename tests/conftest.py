"""Fixtures shared by the test packages: the INASTI seed, an in-memory fact store, Spark."""

from __future__ import annotations

import gc
import os
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
# The project's shared folder beside the repository: the signed seed documents and a corpus of
# other real contracts, read where they are (never copied into the project).
SHARED = REPO.parent / "shared"
SHARED_SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
INASTI_TEXT = SHARED_SEEDS / "000_b7da76ce84b9856a.txt"
INAMI_TEXT = SHARED_SEEDS / "003_3bd79ff02aa663a2.txt"


def needs_shared(*paths: Path) -> pytest.MarkDecorator:
    """Marks a test that reads `paths` of the shared folder: skipped, with the reason, where
    they are absent; a failure under CI=true, where the folder must be there."""
    return pytest.mark.needs_shared(*paths)


def missing_shared(paths: tuple[Path, ...]) -> None:
    """Skip (or, under CI=true, fail) when one of `paths` is absent."""
    missing = [str(p) for p in paths if not p.exists()]
    if not missing:
        return
    message = f"{', '.join(missing)} absent (the shared folder beside the repository holds it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


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
    config.addinivalue_line(
        "markers", "needs_shared(*paths): reads files of the shared folder beside the repository"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        missing_shared(tuple(Path(p) for p in mark.args))


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
