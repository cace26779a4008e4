"""One engine test suite over both backends, in the manner of Ibis's backend test suite.

A test that takes `backend` runs once per backend: `duckdb` (the embedded store) and `spark`
(the same rows, exported to Parquet and read by `SparkFactStore`, in the one SparkSession of the
test session). The Spark half is marked `spark` (`-m "not spark"` leaves it out). What a backend
cannot do is marked on the test, with the reason, as Ibis marks it:

    @pytest.mark.notimpl(["spark"], reason="...")

skips that backend's run and says why.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pilotage.contract import Contract
from pilotage.engine import Measurement, measure
from pilotage.facts import DuckDBFactStore, FactStore
from tests.conftest import SPARK

from .helpers import fill

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


class Backend:
    """Where a test's rows are stored and measured."""

    name = "duckdb"

    def __init__(self) -> None:
        self._open: list[DuckDBFactStore] = []

    def store(self, rows: Sequence[Mapping[str, Any]]) -> FactStore:
        """A fact store of this backend holding `rows` (and the test org units)."""
        duck = DuckDBFactStore.in_memory()
        self._open.append(duck)
        return fill(duck, rows)

    def run(
        self,
        rows: Sequence[Mapping[str, Any]],
        contract: Contract,
        period: Any = "2019-Q3",
        level: str = "office",
        **options: Any,
    ) -> Measurement:
        """Measure `rows` on a fresh store of this backend."""
        facts = self.store(rows)
        return measure(facts.cases(), facts.org_units(), contract, period, level, **options)

    def close(self) -> None:
        for duck in self._open:
            duck.close()


class SparkBackend(Backend):
    name = "spark"

    def __init__(self, spark: SparkSession, root: Path) -> None:
        super().__init__()
        self._spark = spark
        self._root = root
        self._exports = itertools.count()

    def store(self, rows: Sequence[Mapping[str, Any]]) -> FactStore:
        from pilotage.facts import SparkFactStore

        duck = super().store(rows)
        assert isinstance(duck, DuckDBFactStore)
        directory = self._root / f"export-{next(self._exports)}"
        duck.export_parquet(directory)
        return SparkFactStore(self._spark, directory)


@pytest.fixture(
    params=[
        pytest.param("duckdb", id="duckdb"),
        pytest.param("spark", id="spark", marks=SPARK),
    ]
)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    for mark in request.node.iter_markers("notimpl"):
        backends = mark.args[0] if mark.args else mark.kwargs["backends"]
        if request.param in backends:
            pytest.skip(f"not on {request.param}: {mark.kwargs.get('reason', 'not implemented')}")
    chosen = (
        SparkBackend(request.getfixturevalue("spark"), tmp_path)
        if request.param == "spark"
        else Backend()
    )
    yield chosen
    chosen.close()
