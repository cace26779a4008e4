"""`pilotage cases import` and `pilotage cases batches`, end to end through click."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pilotage.cli import main
from pilotage.facts import DuckDBFactStore

from .factories import SECRET, case, write_csv

OFFICES = "code,name,parent,level\nINASTI,INASTI,,institution\nR,Région,INASTI,region\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"PILOTAGE_DATA_DIR": str(tmp_path / "data"), "PILOTAGE_SECRET_KEY": SECRET}


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["cases", *args], env=env)


def test_import_prints_the_counts_and_the_rejects(tmp_path: Path, env: dict[str, str]) -> None:
    path = write_csv(
        tmp_path / "cases.csv", [case("C-1", niss="85073003328"), case("C-2", niss="123")]
    )
    (tmp_path / "offices.csv").write_text(OFFICES + "BRU,Bruxelles,R,office\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = run(
        env,
        "import",
        str(path),
        "--contract",
        "inasti-2019-2020",
        "--org-units",
        str(tmp_path / "offices.csv"),
        "--rejects",
        str(rejects),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: 2 row(s): 1 inserted, 0 updated, 0 unchanged, 1 rejected [batch 1]\n"
        f"1 row(s) rejected, 1 problem(s), listed in {rejects}:\n"
        f"  {path}: row 3: niss '(withheld: 3 characters)': NISS is not 11 digits\n"
        f"store: {tmp_path / 'data' / 'facts.duckdb'}\n"
    )
    again = run(env, "import", str(path), "--contract", "inasti-2019-2020", "--dry-run")
    assert again.exit_code == 0, again.output
    lines = again.stdout.splitlines()
    assert lines[0] == "dry run: every row checked, nothing written"
    assert lines[1] == (
        f"{path}: 2 row(s): 0 inserted, 0 updated, 1 unchanged, 1 rejected "
        "(same content as batch 1) [would be batch 2]"
    )
    default_rejects = list((tmp_path / "data" / "rejects").glob("import-*.csv"))
    assert len(default_rejects) == 1  # without --rejects, they go to the data directory
    assert f"listed in {default_rejects[0]}:" in again.stdout

    batches = run(env, "batches")
    assert batches.exit_code == 0, batches.output
    head, row = batches.stdout.splitlines()
    assert head.split() == [
        "id",
        "imported",
        "at",
        "(UTC)",
        "contract",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "sha256",
        "source",
    ]
    assert row.split()[0] == "1"
    assert row.split()[3:8] == ["inasti-2019-2020", "1", "0", "0", "1"]
    assert row.endswith(str(path))


def test_import_from_an_sqlite_query(tmp_path: Path, env: dict[str, str]) -> None:
    db = tmp_path / "export.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE c (case_id, objective, office, start_date)")
        con.execute("INSERT INTO c VALUES ('C-1', 'VOB 2-01', 'BRU', '2019-01-02')")
    con.close()
    result = run(env, "import", "--sql", "SELECT * FROM c", "--db", f"sqlite:///{db}")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "objective codes not checked: no --contract",
        f"sql:sqlite:///{db}: 1 row(s): 1 inserted, 0 updated, 0 unchanged, 0 rejected [batch 1]",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "error: {path}: no such file\n"),
        (
            b"PAR1\x00garbage",
            "error: {path}: not a CSV text file: it holds a Parquet file; "
            "give Parquet files the .parquet extension and workbooks .xlsx\n",
        ),
        (
            b"case_id,objective\nC-1,VOB 2-01\n",
            "error: {path}: missing required column(s) office, start_date; columns found: "
            "case_id, objective; columns expected: case_id, objective, office, start_date, "
            "end_date, category, amount_due, amount_collected, planned, suspensions, niss, "
            "attr.<name> (the first row must be the header)\n",
        ),
    ],
)
def test_a_file_that_cannot_be_read_exits_1_with_a_clear_message(
    tmp_path: Path, env: dict[str, str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "cases.csv"
    if content is not None:
        path.write_bytes(content)
    result = run(env, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr == message.format(path=path)
    assert result.stdout == ""


def test_a_corrupt_parquet_file_exits_1(tmp_path: Path, env: dict[str, str]) -> None:
    path = tmp_path / "cases.parquet"
    path.write_bytes(b"PAR1" + b"\x00" * 64 + b"PAR1")
    result = run(env, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: {path}: not a readable Parquet file (corrupt or truncated?): "
    )


def test_a_niss_without_the_secret_exits_1(tmp_path: Path, env: dict[str, str]) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1", niss="85073003328")])
    result = run({**env, "PILOTAGE_SECRET_KEY": ""}, "import", str(path))
    assert result.exit_code == 1
    assert "PILOTAGE_SECRET_KEY is not set" in result.stderr
    with DuckDBFactStore(tmp_path / "data" / "facts.duckdb", read_only=True) as store:
        assert store.cases().count().to_pyarrow().as_py() == 0


def test_usage_errors(env: dict[str, str]) -> None:
    assert run(env, "import").exit_code == 2
    assert "--sql needs --db" in run(env, "import", "--sql", "SELECT 1").stderr
    assert "--db needs --sql" in run(env, "import", "--db", "sqlite:///x.db").stderr


def test_batches_of_a_store_not_yet_made(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(env, "batches")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no fact store at {tmp_path / 'data' / 'facts.duckdb'} yet: import cases first "
        "(pilotage cases import FILE)\n"
    )


@pytest.mark.parametrize("command", [[], ["import"], ["batches"]])
def test_every_help_has_examples(env: dict[str, str], command: list[str]) -> None:
    result = run(env, *command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_import_demonstration_marks_the_batch(tmp_path: Path, env: dict[str, str]) -> None:
    """--demonstration is the batch's own field, shown by `cases batches`; a batch imported
    without it is real data, whatever directory it was read from."""
    demo = tmp_path / "demo"
    demo.mkdir()
    real = write_csv(demo / "real.csv", [case("C-1")])
    synthetic = write_csv(tmp_path / "synthetic.csv", [case("C-2")])
    assert run(env, "import", str(real)).exit_code == 0
    result = run(env, "import", str(synthetic), "--demonstration")
    assert result.exit_code == 0, result.output
    listed = run(env, "batches").stdout.splitlines()
    assert listed[1].endswith(str(real))
    assert listed[2].endswith(f"{synthetic} (demonstration data)")
    with DuckDBFactStore(tmp_path / "data" / "facts.duckdb", read_only=True) as store:
        flags = store.connection.execute(
            "SELECT demonstration FROM import_batches ORDER BY id"
        ).fetchall()
    assert flags == [(False,), (True,)]
