"""Fixtures shared by the test packages: the INASTI seed, an in-memory fact store, Spark."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pilotage.contract import Contract, load_contract, seed_path
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


# How a skip for missing data starts: under CI=true, `pytest_runtest_makereport` turns any skip
# that says so into a failure, whoever raised it.
DATA_MISSING = "data missing: "


def missing_shared(paths: tuple[Path, ...]) -> None:
    """Skip (or, under CI=true, fail) when one of `paths` is absent."""
    missing = [str(p) for p in paths if not p.exists()]
    if not missing:
        return
    message = f"{', '.join(missing)} absent (the shared folder beside the repository holds it)"
    if _ci():
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(DATA_MISSING + message)


def _ci() -> bool:
    return os.environ.get("CI") == "true"


def data_missing_skip(report: pytest.TestReport) -> str | None:
    """The reason of `report`, when it is a skip because data is missing; None otherwise."""
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return None
    reason = str(report.longrepr[2])
    return reason if DATA_MISSING in reason else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None] | pytest.TestReport:
    """Under CI=true a test skipped for missing data fails: CI must have all its data, and a
    silent skip there would hide that a part of the suite never ran."""
    report: pytest.TestReport = yield
    reason = data_missing_skip(report)
    if reason is not None and _ci():
        report.outcome = "failed"
        report.longrepr = f"CI=true, and a test skipped for missing data: {reason}"
    return report


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
    config.addinivalue_line(
        "markers",
        "notimpl(backends, reason): the engine test cannot run on these backends (tests/engine)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        missing_shared(tuple(Path(p) for p in mark.args))


# The day the tests that depend on today's date run on: Monday 2 March 2026, 10:00 in Brussels
# (INASTI's contract of 2019-2020 long closed, INAMI's of 2013-2015 too). `today` travels there
# with the clock still running, so durations and time-outs behave.
TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Runs the test on `TODAY` (a frozen date, the clock ticking from `NOW`)."""
    with time_machine.travel(_travel_to(), tick=True):
        yield TODAY


def _travel_to() -> dt.datetime:
    # PILOTAGE_TEST_TRAVEL=YYYY-MM-DD moves every test there: how to find those that depend on
    # today's date and lack the `today` fixture (they fail on another day).
    day = os.environ.get("PILOTAGE_TEST_TRAVEL")
    return NOW if not day else dt.datetime.combine(dt.date.fromisoformat(day), NOW.timetz())


@pytest.fixture(autouse=True)
def _travel(request: pytest.FixtureRequest) -> Iterator[None]:
    if not os.environ.get("PILOTAGE_TEST_TRAVEL") or "today" in request.fixturenames:
        yield
        return
    with time_machine.travel(_travel_to(), tick=True):
        yield


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

    session = local_spark_session("pilotage-tests", partitions=1)
    session.sparkContext.setLogLevel("ERROR")
    # The tests' tables are a few rows: compiling each stage to Java costs more than it saves,
    # and so does re-planning a query at run time.
    session.conf.set("spark.sql.codegen.wholeStage", "false")
    session.conf.set("spark.sql.adaptive.enabled", "false")
    yield session
    session.stop()


@pytest.fixture(autouse=True)
def _collect_spark_sockets(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a Spark test, collect PySpark's unclosed sockets, where their warnings are expected."""
    yield
    if request.node.get_closest_marker("spark") is not None:
        gc.collect()
