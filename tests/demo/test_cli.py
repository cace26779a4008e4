"""`pilotage cases generate`, end to end through click."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.contract import load_contract


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_shows_examples() -> None:
    code, out, _ = run("cases", "generate", "--help")
    assert code == 0
    assert "pilotage cases generate --rows 10000000 --out cases-10m.parquet" in out
    assert "pilotage cases generate --demo --out demo/" in out


def test_benchmark_rows_with_their_contract_and_org_units(tmp_path: Path) -> None:
    out, contract, units = tmp_path / "b.parquet", tmp_path / "b.yaml", tmp_path / "units.csv"
    code, stdout, _ = run(
        "cases", "generate", "--rows", "2000", "--out", str(out), "--objectives", "8",
        "--offices", "4", "--years", "2",
        "--write-contract", str(contract), "--write-org-units", str(units),
    )  # fmt: skip
    assert code == 0, stdout
    assert stdout.startswith(f"wrote 2,000 synthetic cases to {out} (")
    assert pq.read_table(out).num_rows == 2000
    assert len(list(load_contract(contract).objectives())) == 8
    assert units.read_text("utf-8").startswith('"code","name","parent","level"\n')
    assert (tmp_path / "units.csv.SYNTHETIC.txt").exists()


def test_demo_writes_the_inasti_files(tmp_path: Path) -> None:
    code, stdout, _ = run("cases", "generate", "--demo", "--scale", "0.02", "--out", str(tmp_path))
    assert code == 0, stdout
    assert "synthetic cases of 50 objectives" in stdout
    assert (tmp_path / "cases.parquet").exists()
    assert (tmp_path / "org-units.csv.SYNTHETIC.txt").exists()
    code, _, err = run(
        "cases", "generate", "--demo", "--contract", "inami-2013-2015", "--out", str(tmp_path)
    )
    assert code == 2
    assert "has no objective measured from cases" in err


def test_rows_or_demo_but_not_both_nor_neither(tmp_path: Path) -> None:
    code, _, err = run("cases", "generate", "--out", str(tmp_path / "x.parquet"))
    assert code == 2
    assert "give either --rows N (benchmark data) or --demo (INASTI data)" in err
    code, _, _ = run("cases", "generate", "--demo", "--rows", "5", "--out", str(tmp_path))
    assert code == 2
