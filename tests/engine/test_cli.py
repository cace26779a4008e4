"""`pilotage measure` and `pilotage late` on a fact store file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.engine import kept_late_cases, list_result_sets, load_result_set
from pilotage.facts import DuckDBFactStore

from .helpers import D, case, fill

ROWS = [
    case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), case_id="A"),
    case("VOB 2-01", D(2019, 3, 1), D(2019, 8, 10), case_id="B", person_key="pk-b"),
    case("VOB 2-01", D(2019, 6, 1), case_id="E", office="LGE"),
    case("VOB 1-01", D(2019, 6, 1), D(2019, 7, 20), case_id="V"),
    case("ECL 5-01", D(2019, 4, 1), D(2019, 7, 20), case_id="M"),
]


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.duckdb"
    with DuckDBFactStore(path) as store:
        fill(store, ROWS)
    return path


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_measure_publishes_a_new_version_each_time(store_file: Path) -> None:
    base = [
        "measure",
        "--contract",
        "inasti-2019-2020",
        "--period",
        "2019-Q3",
        "--store",
        str(store_file),
    ]
    out = invoke(*base)
    lines = out.splitlines()
    assert lines[0].startswith(
        "inasti-2019-2020 2019-Q3 by office, as of 2019-09-30: result set 1 (version 1); "
        "import batches 1; contract sha256 "
    )
    assert lines[1].split() == [
        "objective",
        "norm",
        "unit",
        "value",
        "target",
        "status",
        "num/den",
        "median/p90",
        "backlog/overdue",
        "forecast",
        "notes",
    ]
    assert lines[3].split() == [
        "VOB",
        "2-01",
        "120",
        "|",
        "90%",
        "BRU",
        "50.0%",
        ">=",
        "90%",
        "not_met",
        "1/2",
        "70/162",
        "0/0",
        "50.0%",
    ]
    assert lines[4].split() == [
        "VOB",
        "2-01",
        "120",
        "|",
        "90%",
        "LGE",
        "-",
        ">=",
        "90%",
        "no_data",
        "0/0",
        "-",
        "1/1",
        "0.0%",
    ]
    assert "[2] VOB 1-01 (not_reachable): [nl] Rekening houdend" in out
    assert "not measured: platina-report (platina-report)" in out
    assert "rows without any case hidden" in out
    again = invoke(*base, "--level", "region")
    assert "result set 2 (version 1)" in again.splitlines()[0]
    third = invoke(*base)
    assert "result set 3 (version 2)" in third.splitlines()[0]
    year = invoke(*base, "--to", "2019-Q4", "--level", "institution", "--no-publish")
    assert year.splitlines()[1].split()[:2] == ["period", "objective"]
    assert year.splitlines()[0].startswith("inasti-2019-2020 2019-Q3..2019-Q4 by institution")


def test_measure_json(store_file: Path) -> None:
    out = invoke(
        "measure",
        "--contract",
        "inasti-2019-2020",
        "--period",
        "2019-Q3",
        "--level",
        "institution",
        "--json",
        "--no-publish",
        "--store",
        str(store_file),
    )
    data = json.loads(out)
    assert data["result_set"]["version"] == 0  # not published
    assert data["result_set"]["batches"] == [1]
    (vob,) = [r for r in data["rows"] if r["objective"] == "VOB 2-01"]
    assert (vob["numerator"], vob["denominator"], vob["value"]) == (1, 2, 50.0)
    assert (vob["backlog"], vob["overdue"], vob["status"], vob["unit"]) == (
        1,
        1,
        "not_met",
        "INASTI",
    )
    ecl = [r for r in data["rows"] if r["objective"] == "ECL 5-01"]
    assert [(r["norm_index"], r["numerator"]) for r in ecl] == [(0, 0), (1, 1)]


def test_late(store_file: Path) -> None:
    out = invoke(
        "late",
        "--objective",
        "VOB 2-01",
        "--period",
        "2019-Q3",
        "--contract",
        "inasti-2019-2020",
        "--store",
        str(store_file),
    )
    lines = out.splitlines()
    assert lines[0].split() == [
        "case_id",
        "person_key",
        "office",
        "start",
        "end",
        "deadline",
        "days",
        "late",
        "norm",
    ]
    assert lines[1].split() == [
        "B",
        "pk-b",
        "BRU",
        "2019-03-01",
        "2019-08-10",
        "2019-06-29",
        "42",
        "1",
    ]
    assert lines[2].split()[2:] == ["LGE", "2019-06-01", "open", "2019-09-29", "2", "1"]
    assert (
        lines[-1] == "1 ended late, 1 open and overdue (VOB 2-01, 2019-Q3, contract "
        "inasti-2019-2020)"
    )
    brb = invoke(
        "late",
        "--objective",
        "VOB 2-01",
        "--period",
        "2019-Q3",
        "--office",
        "R-BRB",
        "--contract",
        "inasti-2019-2020",
        "--store",
        str(store_file),
        "--json",
    )
    assert [c["case_id"] for c in json.loads(brb)] == ["B"]
    second = invoke(
        "late",
        "--objective",
        "ECL 5-01",
        "--period",
        "2019-Q3",
        "--norm",
        "2",
        "--contract",
        "inasti-2019-2020",
        "--store",
        str(store_file),
    )
    assert second.splitlines()[-1].startswith("0 ended late, 0 open and overdue")


def test_late_takes_the_contract_of_the_latest_result_set(store_file: Path) -> None:
    invoke(
        "measure",
        "--contract",
        "inasti-2019-2020",
        "--period",
        "2019-Q3",
        "--store",
        str(store_file),
    )
    out = invoke(
        "late",
        "--objective",
        "ECL 5-01",
        "--period",
        "2019-Q3",
        "--norm",
        "1",
        "--store",
        str(store_file),
    )
    assert out.splitlines()[1].split()[0] == "M"


def test_errors_name_the_fix(store_file: Path) -> None:
    missing = store_file.parent / "none.duckdb"
    result = CliRunner().invoke(
        main, ["measure", "--contract", "inasti-2019-2020", "--period", "2019-Q3",
               "--store", str(missing)]
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"no fact store at {missing} yet: import cases first" in result.output
    assert not missing.exists()
    result = CliRunner().invoke(
        main, ["late", "--objective", "VOB 2-01", "--period", "2019-Q3", "--store", str(store_file)]
    )
    assert result.exit_code == 1
    assert "give --contract ID_OR_FILE" in result.output
    result = CliRunner().invoke(
        main,
        [
            "late",
            "--objective",
            "VOB 2-01",
            "--period",
            "2019-Q3",
            "--norm",
            "0",
            "--contract",
            "inasti-2019-2020",
            "--store",
            str(store_file),
        ],
    )
    assert "norms are numbered from 1" in result.output


def test_measure_keeps_the_late_cases_with_the_set(store_file: Path) -> None:
    invoke("measure", "--contract", "inasti-2019-2020", "--period", "2019-Q3",
           "--store", str(store_file))  # fmt: skip
    with DuckDBFactStore(store_file, read_only=True) as store:
        (set_id,) = [s.id for s in list_result_sets(store)]
        rows = load_result_set(store, set_id).rows
        bru = next(i for i, r in enumerate(rows) if (r.objective, r.unit) == ("VOB 2-01", "BRU"))
        kept = kept_late_cases(store, set_id, bru)
    assert [(c.case_id, c.person_key, c.days_late) for c in kept or []] == [("B", "pk-b", 42)]


def test_measure_on_spark_without_a_session_says_why_and_publishes_nothing(
    store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pilotage.facts

    def no_java(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Java gateway process exited before sending its port number")

    monkeypatch.setattr(pilotage.facts, "local_spark_session", no_java)
    args = ["measure", "--contract", "inasti-2019-2020", "--period", "2019-Q3"]
    args += ["--store", str(store_file), "--engine", "spark", "--parquet", str(tmp_path / "x")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert "no Spark session on 'local[2]' (Java gateway process exited" in result.output
    from pilotage.engine import list_result_sets

    with DuckDBFactStore(store_file, read_only=True) as store:
        assert list_result_sets(store) == []
