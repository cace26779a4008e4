"""The DuckDB store: atomic batches, idempotent imports, updates, the stored schema, export."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pilotage.contract import Contract
from pilotage.errors import SecretKeyError, StoreError
from pilotage.facts import (
    BATCHES_SCHEMA,
    CASES_SCHEMA,
    TABLES,
    DuckDBFactStore,
    FactStore,
    import_cases,
    person_key,
)
from pilotage.facts.store import BatchInput, BatchResult

from .factories import AT, ORG_UNITS, SECRET, case, write_csv


def snapshot(store: DuckDBFactStore) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two equal snapshots are two equal stores."""
    con = store.connection  # Arrow, not fetchall: a TIMESTAMPTZ fetched as Python needs pytz
    tables = {t: con.sql(f"SELECT * FROM {t}").to_arrow_table().to_pylist() for t in TABLES}
    return {t: sorted((tuple(r.values()) for r in rows), key=repr) for t, rows in tables.items()}


def test_the_store_is_a_fact_store_with_the_documented_tables(store: DuckDBFactStore) -> None:
    assert isinstance(store, FactStore)
    for name, schema in TABLES.items():
        stored = store.connection.sql(f"SELECT * FROM {name}").to_arrow_table().schema
        assert [(f.name, f.type) for f in stored] == [(f.name, f.type) for f in schema], name
    assert store.cases().columns == tuple(CASES_SCHEMA.names)
    assert store.batches().columns == tuple(BATCHES_SCHEMA.names)
    assert dict(store.cases().schema())["attributes"].is_map()


def test_rows_are_stored_typed_with_suspended_days_and_attributes(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [
        case(
            "C-1",
            end_date="2019-03-31",
            category="revenu manquant",
            amount_due="1200.5",
            amount_collected="0",
            planned="Oui",
            niss="85.07.30-033.28",
            suspensions="2019-03-10..2019-03-19 ; 2019-03-15..2019-03-25;2019-02-20..2019-03-02",
            **{"attr.sample": "30%", "attr.channel": ""},
        ),
        case(
            "C-2",
            end_date="",
            category="",
            amount_due="",
            amount_collected="",
            planned="nee",
            niss="",
            suspensions="2019-12-30..2020-01-02",
            **{"attr.sample": "", "attr.channel": "web"},
        ),
    ]
    path = write_csv(tmp_path / "cases.csv", rows)
    import_cases(store, [path], inasti, secret=SECRET, imported_at=AT)
    got = {r["case_id"]: r for r in store.cases().to_pyarrow().to_pylist()}
    assert got["C-1"] == {
        "objective": "VOB 2-01",
        "case_id": "C-1",
        "office": "BRU",
        "start_date": dt.date(2019, 3, 1),
        "end_date": dt.date(2019, 3, 31),
        "category": "revenu manquant",
        "amount_due": Decimal("1200.50"),
        "amount_collected": Decimal("0.00"),
        "planned": True,
        "suspensions": "2019-02-20..2019-03-02;2019-03-10..2019-03-19;2019-03-15..2019-03-25",
        # 1-2 March (clipped to the start) + 10-25 March (two overlapping intervals, once)
        "suspended_days": 2 + 16,
        "person_key": person_key("85073003328", SECRET.encode()),
        "attributes": [("sample", "30%")],
        "batch_id": 1,
    }
    assert got["C-2"]["end_date"] is None
    assert got["C-2"]["planned"] is False
    assert got["C-2"]["person_key"] is None
    assert got["C-2"]["attributes"] == [("channel", "web")]
    assert got["C-2"]["suspended_days"] == 4  # an open case: not clipped at the end
    intervals = store.suspensions().filter(store.suspensions().case_id == "C-1").to_pyarrow()
    assert sorted((r["start_date"], r["end_date"]) for r in intervals.to_pylist()) == [
        (dt.date(2019, 2, 20), dt.date(2019, 3, 2)),
        (dt.date(2019, 3, 10), dt.date(2019, 3, 19)),
        (dt.date(2019, 3, 15), dt.date(2019, 3, 25)),
    ]


def test_the_same_file_twice_changes_nothing(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [
        case(f"C-{i}", suspensions="2019-03-02..2019-03-04", niss="85073003328") for i in range(5)
    ]
    rows.append(case("BAD", start_date="2019-13-01"))
    path = write_csv(tmp_path / "cases.csv", rows)
    first = import_cases(store, [path], inasti, secret=SECRET, org_units=ORG_UNITS, imported_at=AT)
    before = snapshot(store)
    second = import_cases(store, [path], inasti, secret=SECRET, org_units=ORG_UNITS, imported_at=AT)
    after = snapshot(store)
    a, b = first.sources[0], second.sources[0]
    assert (a.batch_id, a.inserted, a.updated, a.unchanged, a.rejected) == (1, 5, 0, 0, 1)
    assert (b.batch_id, b.inserted, b.updated, b.unchanged, b.rejected) == (2, 0, 0, 5, 1)
    assert b.same_as == 1
    assert a.same_as is None
    assert a.sha256 == b.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    for table in ("cases", "case_suspensions", "org_units"):
        assert after[table] == before[table], table
    assert len(after["import_batches"]) == 2  # the second import is recorded, all unchanged


def test_a_later_batch_updates_a_case_that_has_ended(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    january = write_csv(
        tmp_path / "january.csv",
        [
            case("C-1", end_date="", suspensions="2019-03-02..2019-03-04"),
            case("C-2", end_date=""),
        ],
    )
    february = write_csv(
        tmp_path / "february.csv",
        [
            case("C-1", end_date="2019-04-30", suspensions=""),
            case("C-2", end_date=""),
            case("C-3", end_date=""),
        ],
    )
    import_cases(store, [january], inasti, secret=None, imported_at=AT)
    report = import_cases(store, [february], inasti, secret=None, imported_at=AT)
    s = report.sources[0]
    assert (s.batch_id, s.inserted, s.updated, s.unchanged) == (2, 1, 1, 1)
    got = {r["case_id"]: r for r in store.cases().to_pyarrow().to_pylist()}
    assert got["C-1"]["end_date"] == dt.date(2019, 4, 30)
    assert got["C-1"]["suspended_days"] == 0
    assert (got["C-1"]["batch_id"], got["C-2"]["batch_id"], got["C-3"]["batch_id"]) == (2, 1, 2)
    assert store.suspensions().count().to_pyarrow().as_py() == 0  # replaced with the case
    assert store.cases().count().to_pyarrow().as_py() == 3


def test_several_files_are_batches_in_order_in_one_import(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    a = write_csv(tmp_path / "a.csv", [case("C-1", end_date="")])
    b = write_csv(tmp_path / "b.csv", [case("C-1", end_date="2019-06-01")])
    report = import_cases(store, [a, b], inasti, secret=None, imported_at=AT)
    assert [(s.batch_id, s.inserted, s.updated) for s in report.sources] == [(1, 1, 0), (2, 0, 1)]
    [row] = store.cases().to_pyarrow().to_pylist()
    assert (row["end_date"], row["batch_id"]) == (dt.date(2019, 6, 1), 2)


def test_a_failure_mid_write_leaves_the_store_unchanged(
    inasti: Contract, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with DuckDBFactStore(tmp_path / "facts.duckdb") as store:
        import_cases(
            store,
            [write_csv(tmp_path / "one.csv", [case("C-1", end_date="")])],
            inasti,
            secret=None,
            org_units=ORG_UNITS[:4],
            imported_at=AT,
        )
        before = snapshot(store)
        written: list[int] = []

        def fail(
            self: DuckDBFactStore, batch: BatchInput, result: BatchResult, at: dt.datetime
        ) -> None:
            # Cases and suspensions of this batch are already in: prove it, then fail.
            written.append(self.connection.execute("SELECT count(*) FROM cases").fetchall()[0][0])
            raise OSError("disk full")

        monkeypatch.setattr(DuckDBFactStore, "_record_batch", fail)
        two = write_csv(tmp_path / "two.csv", [case("C-1"), case("C-2"), case("C-3")])
        with pytest.raises(OSError, match="disk full"):
            import_cases(store, [two], inasti, secret=None, org_units=ORG_UNITS, imported_at=AT)
        assert written == [3]
        assert snapshot(store) == before
    monkeypatch.undo()
    with DuckDBFactStore(tmp_path / "facts.duckdb") as reopened:
        assert snapshot(reopened) == before  # and so on disk


def test_a_duckdb_error_mid_write_is_a_store_error_and_rolls_back(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(store)

    def broken(
        self: DuckDBFactStore, batch: BatchInput, result: BatchResult, at: dt.datetime
    ) -> None:
        self.connection.execute("INSERT INTO import_batches (id) VALUES (1)")  # NOT NULL columns

    monkeypatch.setattr(DuckDBFactStore, "_record_batch", broken)
    path = write_csv(tmp_path / "cases.csv", [case("C-1")])
    with pytest.raises(StoreError, match=r"^cannot write to the in-memory fact store: "):
        import_cases(store, [path], inasti, secret=None, imported_at=AT)
    monkeypatch.undo()
    assert snapshot(store) == before


def test_a_dry_run_counts_but_writes_nothing(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1"), case("C-2", office="NOWHERE")])
    report = import_cases(
        store, [path], inasti, secret=None, org_units=ORG_UNITS, dry_run=True, imported_at=AT
    )
    assert report.dry_run
    s = report.sources[0]
    assert (s.batch_id, s.inserted, s.rejected) == (1, 1, 1)
    assert snapshot(store) == {t: [] for t in TABLES}


def test_org_units_are_stored_and_offices_checked_against_the_stored_ones(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    import_cases(store, [], inasti, secret=None, org_units=ORG_UNITS, imported_at=AT)
    units = store.org_units().order_by("code").to_pyarrow().to_pylist()
    assert units[0] == {
        "code": "BRU",
        "name": "Bureau de Bruxelles",
        "parent": "R-BRB",
        "level": "office",
    }
    path = write_csv(tmp_path / "cases.csv", [case("C-1", office="LGE"), case("C-2", office="X")])
    report = import_cases(store, [path], inasti, secret=None, imported_at=AT)
    assert [(r.row, r.value) for r in report.rejections] == [(3, "X")]


def test_another_secret_than_the_stores_is_refused(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1", niss="85073003328")])
    import_cases(store, [path], inasti, secret=SECRET, imported_at=AT)
    with pytest.raises(SecretKeyError, match="not the key this fact store was built with"):
        import_cases(store, [path], inasti, secret="another-secret-key-0000", imported_at=AT)


def test_export_parquet_writes_every_table(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-2"), case("C-1")])
    import_cases(store, [path], inasti, secret=None, org_units=ORG_UNITS, imported_at=AT)
    paths = store.export_parquet(tmp_path / "export")
    assert sorted(paths) == sorted(TABLES)
    cases = pq.read_table(paths["cases"])
    assert cases.column("case_id").to_pylist() == ["C-1", "C-2"]
    assert cases.schema.field("attributes").type == CASES_SCHEMA.field("attributes").type
    assert pq.read_table(paths["org_units"]).num_rows == len(ORG_UNITS)


def test_a_store_in_use_or_missing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no fact store at .*missing\.duckdb yet: import cases"):
        DuckDBFactStore(tmp_path / "missing.duckdb", read_only=True)
    (tmp_path / "not-a-db.duckdb").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match=r"^cannot open .*not-a-db\.duckdb: "):
        DuckDBFactStore(tmp_path / "not-a-db.duckdb")
