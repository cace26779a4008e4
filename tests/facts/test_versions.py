"""Schema versions: an older fact store is migrated when opened for writing, refused read-only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pilotage.contract import load_contract, seed_path
from pilotage.engine import (
    kept_late_cases,
    list_result_sets,
    load_result_set,
    measure,
    measured_late_cases,
    publish,
)
from pilotage.errors import StoreError
from pilotage.facts import SCHEMA_VERSION, DuckDBFactStore, import_cases, schema_version
from tests.engine.helpers import D, case, fill
from tests.facts.factories import case as row_of
from tests.facts.factories import write_csv


def _version_1(path: Path) -> int:
    """A store of the shape before versions: no schema_version, no publications table."""
    contract = load_contract(seed_path("inasti-2019-2020"))
    with DuckDBFactStore(path) as store:
        fill(store, [case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10))])
        published = publish(store, measure(store.cases(), store.org_units(), contract, "2019-Q3"))
        store.connection.execute("DROP TABLE publications")
        store.connection.execute("DROP TABLE schema_version")
        assert schema_version(store.connection) == 1
    return published.id


def test_an_older_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "facts.duckdb"
    set_id = _version_1(path)
    with pytest.raises(StoreError, match=f"schema version 1, this pilotage needs {SCHEMA_VERSION}"):
        DuckDBFactStore(path, read_only=True)
    with DuckDBFactStore(path) as store:
        assert store.migrated_from == 1
        assert schema_version(store.connection) == SCHEMA_VERSION
        # Every set of the older store was published when computed: none becomes a candidate.
        (found,) = list_result_sets(store)
        assert (found.id, found.published_at) == (set_id, found.computed_at)
    with DuckDBFactStore(path, read_only=True) as store:
        assert store.migrated_from == SCHEMA_VERSION


def test_a_new_store_starts_at_the_current_version(tmp_path: Path) -> None:
    with DuckDBFactStore(tmp_path / "facts.duckdb") as store:
        assert schema_version(store.connection) == SCHEMA_VERSION
        assert store.connection.execute("SELECT count(*) FROM publications").fetchall() == [(0,)]


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.duckdb"
    with DuckDBFactStore(path) as store:
        store.connection.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schema version 99, newer than this pilotage knows"):
        DuckDBFactStore(path)


SOURCES = {
    1: "/srv/pilotage/data/demo/cases.parquet",  # pilotage start's demonstration cases
    2: "C:\\pilotage\\demo\\cases.csv",  # the same, imported on Windows
    3: "/srv/exports/cases-2019.csv",  # real cases
    4: "/srv/exports/demography/cases.csv",  # "demo" in a name is not the mark
}


def _version_2(path: Path) -> None:
    """A store as version 2 wrote it: import batches without the demonstration column."""
    with DuckDBFactStore(path) as store:
        con = store.connection
        for batch, source in SOURCES.items():
            con.execute(
                "INSERT INTO import_batches VALUES "
                "(?, ?, 'x', NULL, 1, 0, 0, 0, now(), NULL, false)",
                [batch, source],
            )
        con.execute("ALTER TABLE import_batches DROP COLUMN demonstration")
        con.execute("UPDATE schema_version SET version = 2")
        assert schema_version(con) == 2


def test_a_version_2_store_keeps_its_demonstration_label(tmp_path: Path) -> None:
    """Before version 3, a batch read from a `demo` directory was demonstration data: the
    migration marks exactly those batches, so an existing store's figures keep their label."""
    path = tmp_path / "facts.duckdb"
    _version_2(path)
    with pytest.raises(StoreError, match=f"schema version 2, this pilotage needs {SCHEMA_VERSION}"):
        DuckDBFactStore(path, read_only=True)
    with DuckDBFactStore(path) as store:
        assert store.migrated_from == 2
        rows = store.connection.execute(
            "SELECT id, demonstration FROM import_batches ORDER BY id"
        ).fetchall()
        assert rows == [(1, True), (2, True), (3, False), (4, False)]
        # The flag is now the batch's own field: a new batch says it, whatever its path.
        store.connection.execute(
            "INSERT INTO import_batches VALUES (5, '/x/demo/y.csv', 'x', NULL, 1, 0, 0, 0, "
            "now(), NULL, false)"
        )
        with pytest.raises(Exception, match="NOT NULL"):
            store.connection.execute(
                "INSERT INTO import_batches VALUES (6, 'z', 'x', NULL, 1, 0, 0, 0, now(), NULL, "
                "NULL)"
            )
    with DuckDBFactStore(path, read_only=True) as store:
        assert store.migrated_from == SCHEMA_VERSION
        assert store.connection.execute(
            "SELECT demonstration FROM import_batches WHERE id = 5"
        ).fetchall() == [(False,)]


def test_an_import_says_whether_it_is_demonstration_data(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    inasti = load_contract(seed_path("inasti-2019-2020"))
    with DuckDBFactStore(tmp_path / "facts.duckdb") as store:
        real = write_csv(demo / "a.csv", [row_of("C-1")])
        import_cases(store, [real], inasti, secret=None)
        synthetic = write_csv(tmp_path / "b.csv", [row_of("C-2")])
        import_cases(store, [synthetic], inasti, secret=None, demonstration=True)
        flags = store.connection.execute(
            "SELECT demonstration FROM import_batches ORDER BY id"
        ).fetchall()
    assert flags == [(False,), (True,)]  # the importer's word, not the directory's name


def test_a_version_2_store_gets_late_case_lists(tmp_path: Path) -> None:
    """Version 4 keeps the late cases with each set; a set measured before has none, and
    says so (None), rather than an empty list that would contradict its figure."""
    path = tmp_path / "facts.duckdb"
    contract = load_contract(seed_path("inasti-2019-2020"))
    with DuckDBFactStore(path) as store:
        fill(store, [case("VOB 2-01", D(2019, 3, 1), D(2019, 8, 10))])  # late
        older = publish(store, measure(store.cases(), store.org_units(), contract, "2019-Q3"))
        store.connection.execute("DROP TABLE late_cases")
        store.connection.execute("DROP TABLE late_lists")
        store.connection.execute("UPDATE schema_version SET version = 2")
    with pytest.raises(StoreError, match=f"schema version 2, this pilotage needs {SCHEMA_VERSION}"):
        DuckDBFactStore(path, read_only=True)
    with DuckDBFactStore(path) as store:
        assert store.migrated_from == 2
        assert schema_version(store.connection) == SCHEMA_VERSION
        assert kept_late_cases(store, older.id, 0) is None
        m = measure(store.cases(), store.org_units(), contract, "2019-Q3")
        late = measured_late_cases(store.cases(), store.org_units(), contract, m)
        newer = publish(store, m, late=late, now=True)
        row = next(i for i, r in enumerate(m.rows) if (r.objective, r.unit) == ("VOB 2-01", "BRU"))
        assert [c.days_late for c in kept_late_cases(store, newer.id, row) or []] == [42]


def test_a_version_2_results_table_gains_the_caveat_columns(tmp_path: Path) -> None:
    path = tmp_path / "facts.duckdb"
    contract = load_contract(seed_path("inasti-2019-2020"))
    with DuckDBFactStore(path) as store:
        fill(store, [case("VOB 2-01", D(2019, 3, 1), D(2019, 8, 10))])
        older = publish(store, measure(store.cases(), store.org_units(), contract, "2019-Q3"))
        for name in ("neutralised_from", "neutralised_to", "basis_numerator",
                     "basis_denominator", "basis_value"):  # fmt: skip
            store.connection.execute(f"ALTER TABLE results DROP COLUMN {name}")
        store.connection.execute("UPDATE schema_version SET version = 2")
    with DuckDBFactStore(path) as store:
        loaded = load_result_set(store, older.id)
        assert {r.neutralised_from for r in loaded.rows} == {None}  # not known then
        blank = {"neutralised_from": None, "neutralised_to": None}
        assert loaded.rows == tuple(dataclasses.replace(r, **blank) for r in older.rows)
