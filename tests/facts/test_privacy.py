"""A NISS is never stored in clear: not in the DuckDB files, not in any table, not in rejects."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pilotage.contract import Contract
from pilotage.errors import SecretKeyError
from pilotage.facts import DuckDBFactStore, import_cases, person_key

from .factories import AT, SECRET, case, write_csv

NISS = ["85073003328", "90010112345", "01022399912"]
CONTROL = "control-value-stored-in-clear"


def variants(niss: str) -> list[bytes]:
    dotted = f"{niss[:2]}.{niss[2:4]}.{niss[4:6]}-{niss[6:9]}.{niss[9:]}"
    return [niss.encode(), dotted.encode(), niss.encode("utf-16-le")]


def test_person_key_is_hmac_sha256_of_the_digits() -> None:
    expected = hmac.new(SECRET.encode(), b"85073003328", hashlib.sha256).hexdigest()
    assert person_key("85073003328", SECRET.encode()) == expected
    assert person_key("85.07.30-033.28", SECRET.encode()) == expected
    assert person_key("85073003328", b"another-key-0123456789") != expected


def test_no_clear_niss_in_the_store_files_or_tables(inasti: Contract, tmp_path: Path) -> None:
    rows = [
        case("C-1", niss=NISS[0], category=CONTROL),
        case("C-2", niss=f"{NISS[1][:6]}-{NISS[1][6:]}", category=""),
        case("C-3", niss=NISS[2], category=""),
        case("C-4", niss=NISS[0][:10], category=""),  # malformed: rejected, still not stored
    ]
    source = write_csv(tmp_path / "cases.csv", rows)
    data = tmp_path / "data"
    rejects = tmp_path / "rejects.csv"
    with DuckDBFactStore(data / "facts.duckdb") as store:
        report = import_cases(
            store, [source], inasti, secret=SECRET, rejects=rejects, imported_at=AT
        )
        assert (report.inserted, report.rejected) == (3, 1)
        con = store.connection
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        assert sorted(tables) == [
            "case_suspensions",
            "cases",
            "import_batches",
            "late_cases",
            "late_lists",
            "org_units",
            "publications",
            "schema_version",
        ]
        dumped = "\n".join(
            repr(con.sql(f"SELECT * FROM {t}").to_arrow_table().to_pylist()) for t in tables
        )
        keys = con.sql("SELECT person_key FROM cases ORDER BY case_id").to_arrow_table()
        store.export_parquet(tmp_path / "export")
    assert CONTROL in dumped  # the dump shows stored text...
    for niss in NISS:
        assert niss not in dumped  # ...and no NISS, in any form
        assert niss[:10] not in dumped
    assert keys.column(0).to_pylist() == [person_key(n, SECRET.encode()) for n in NISS]

    files = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert {p.name for p in files} >= {"facts.duckdb", "rejects.csv", "cases.parquet"}
    assert not any(p.name.endswith(".wal") for p in files)  # closed: all in the file
    content = {p: p.read_bytes() for p in files}
    duckdb_file = content[data / "facts.duckdb"]
    assert CONTROL.encode() in duckdb_file  # the byte scan sees stored strings...
    for path, data_bytes in content.items():
        for niss in NISS:
            for form in variants(niss):
                assert form not in data_bytes, (path, form)  # ...and finds no NISS
            assert niss[:10].encode() not in data_bytes, path
    assert "(withheld: 10 characters)" in rejects.read_text(encoding="utf-8")
    exported = pq.read_table(tmp_path / "export" / "cases.parquet")
    assert "niss" not in exported.column_names


def test_a_niss_column_without_a_secret_imports_nothing(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1", niss=NISS[0])])
    with pytest.raises(SecretKeyError) as caught:
        import_cases(store, [path], inasti, secret=None, imported_at=AT)
    assert str(caught.value) == (
        f"{path} has a niss column, but PILOTAGE_SECRET_KEY is not set: set it to the "
        "institution's secret key (at least 16 characters) so that each NISS is replaced by "
        "a keyed hash; nothing was imported"
    )
    with pytest.raises(SecretKeyError, match="is 5 characters long: a key of at least 16"):
        import_cases(store, [path], inasti, secret="short", imported_at=AT)
    assert store.cases().count().to_pyarrow().as_py() == 0
    assert store.batches().count().to_pyarrow().as_py() == 0


def test_a_numeric_niss_column_gets_back_its_leading_zero(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    table = pa.table({**{k: [v] for k, v in case("C-1").items()}, "niss": [1022399912]})
    pq.write_table(table, tmp_path / "cases.parquet")
    report = import_cases(
        store, [tmp_path / "cases.parquet"], inasti, secret=SECRET, imported_at=AT
    )
    assert report.rejections == ()
    [key] = store.cases().person_key.to_pyarrow().to_pylist()
    assert key == person_key("01022399912", SECRET.encode())


def test_a_niss_in_any_other_column_is_never_stored_and_its_row_refused(
    inasti: Contract, tmp_path: Path
) -> None:
    """11 digits with a valid NISS check, printed or not, in an extra attribute or free text:
    masked before anything holds them, the row rejected with the value withheld. Numbers that
    fail the check are only numbers."""
    real = "85073003328"  # the documentation's example: its check digits are right
    rows = [
        case("C-1", category="", **{"attr.niss": "", "attr.INSZ": ""}),
        case("C-2", category="", **{"attr.niss": real, "attr.INSZ": ""}),
        case("C-3", category="", **{"attr.niss": "", "attr.INSZ": "85.07.30-033.28"}),
        case("C-4", category="dossier 850730 033 28", **{"attr.niss": "", "attr.INSZ": ""}),
        case("C-5", category="ref 85073003329", **{"attr.niss": "", "attr.INSZ": ""}),
    ]
    path = write_csv(tmp_path / "cases.csv", rows)
    rejects = tmp_path / "rejects.csv"
    with DuckDBFactStore(tmp_path / "facts.duckdb") as store:
        report = import_cases(store, [path], inasti, secret=SECRET, rejects=rejects)
        kept = store.cases().select("case_id", "category", "attributes").to_pyarrow().to_pylist()
    assert [(r.row, r.field, r.value) for r in report.rejections] == [
        (3, "attr.niss", "(withheld)"),
        (4, "attr.INSZ", "(withheld)"),
        (5, "category", "(withheld)"),
    ]
    assert all("niss column" in r.reason for r in report.rejections)
    assert [k["case_id"] for k in kept] == ["C-1", "C-5"]
    assert kept[1]["category"] == "ref 85073003329"  # fails the check: not a NISS
    stored = (tmp_path / "facts.duckdb").read_bytes() + rejects.read_bytes()
    for printed in (real, "85.07.30-033.28", "850730 033 28"):
        assert printed.encode() not in stored
