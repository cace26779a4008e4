"""An older extract must not silently undo a newer one (issue 16): a row that reopens a case
the store holds as closed is refused as a regression, unless accepted deliberately."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pilotage.cli import main
from pilotage.contract import Contract
from pilotage.facts import DuckDBFactStore, import_cases

from .factories import case, write_csv


def _ends(store: DuckDBFactStore) -> dict[str, object]:
    rows = store.cases().select("case_id", "end_date").to_pyarrow().to_pylist()
    return {r["case_id"]: r["end_date"] for r in rows}


def test_a_closed_case_reopened_by_an_older_extract_is_refused(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    newer = write_csv(tmp_path / "newer.csv", [case("C-1"), case("C-2", end_date="")])
    import_cases(store, [newer], inasti, secret=None)
    before = _ends(store)
    older = write_csv(
        tmp_path / "older.csv",
        [case("C-1", end_date=""), case("C-2", end_date=""), case("C-3", end_date="")],
    )
    report = import_cases(store, [older], inasti, secret=None)
    assert [(r.row, r.field, r.reason.split(":")[0]) for r in report.rejections] == [
        (2, "end_date", "regression")
    ]
    assert "closed on 2019-05-10 (batch 1)" in report.rejections[0].reason
    assert "--accept-regressions" in report.rejections[0].reason
    assert (report.inserted, report.unchanged, report.rejected) == (1, 1, 1)
    assert _ends(store) == {**before, "C-3": None}  # C-1 stays closed


def test_a_regression_accepted_deliberately_is_applied_and_counted(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    import_cases(store, [write_csv(tmp_path / "a.csv", [case("C-1")])], inasti, secret=None)
    older = write_csv(tmp_path / "b.csv", [case("C-1", end_date="")])
    report = import_cases(store, [older], inasti, secret=None, accept_regressions=True)
    assert report.rejections == ()
    assert report.updated == 1
    assert _ends(store) == {"C-1": None}
    assert "1 closed case(s) reopened (regressions accepted)" in report.sources[0].summary()


def test_the_command_line_refuses_then_accepts(tmp_path: Path) -> None:
    env = {"PILOTAGE_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    args = ["cases", "import", "--contract", "inasti-2019-2020"]
    first = runner.invoke(main, [*args, str(write_csv(tmp_path / "a.csv", [case("C-1")]))], env=env)
    assert first.exit_code == 0, first.output
    older = str(write_csv(tmp_path / "b.csv", [case("C-1", end_date="")]))
    refused = runner.invoke(main, [*args, older], env=env)
    assert refused.exit_code == 0, refused.output
    assert "1 rejected" in refused.output
    assert "regression" in refused.output
    accepted = runner.invoke(main, [*args, older, "--accept-regressions"], env=env)
    assert "regressions accepted" in accepted.output, accepted.output
