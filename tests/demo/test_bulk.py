"""Bulk benchmark cases: chunked Parquet, CSV, the matching contract and org units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
import yaml

from pilotage.contract import IndicatorKind, dump_contract, parse_contract
from pilotage.demo import (
    CASE_COLUMNS,
    benchmark_contract,
    benchmark_objectives,
    benchmark_org_units,
    generate_cases,
    niss_is_valid,
)


def test_chunks_become_row_groups_in_start_date_order(tmp_path: Path) -> None:
    seen: list[int] = []
    out = tmp_path / "cases.parquet"
    report = generate_cases(
        25_000, out, objectives=12, offices=7, years=3, chunk_rows=10_000, progress=seen.append
    )
    assert seen == [10_000, 20_000, 25_000]
    assert report.files == (out,)
    assert report.bytes == out.stat().st_size
    file = pq.ParquetFile(out)
    assert file.metadata.num_row_groups == 3
    assert file.schema_arrow.metadata[b"pilotage.synthetic"] == b"true"
    table = file.read()
    assert table.column_names == list(CASE_COLUMNS)
    assert table.schema.field("objective").type == pa.dictionary(pa.int32(), pa.string())
    starts = table.column("start_date").to_numpy()
    assert (starts[1:] >= starts[:-1]).all()
    assert starts.min() >= dt.date(2018, 1, 1)
    assert starts.max() <= dt.date(2020, 12, 31)
    assert len(set(table.column("objective").to_pylist())) == 12
    assert len(set(table.column("office").to_pylist())) == 7
    ids = table.column("case_id")
    assert len(pc.unique(ids)) == 25_000
    assert ids[0].as_py() == "DEMO-0000000001"
    ends = table.column("end_date")
    assert 0 < ends.null_count < 2_000  # cases still open at the end of 2020
    valid = table.filter(pc.is_valid(ends))
    assert pc.all(pc.less_equal(valid.column("start_date"), valid.column("end_date"))).as_py()
    assert table.column("suspensions").null_count < 25_000
    niss = table.column("niss").to_pylist()[:2_000]
    assert not any(niss_is_valid(n) for n in niss)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.parquet", tmp_path / "b.parquet", tmp_path / "c.parquet"
    generate_cases(5_000, a, seed=3, chunk_rows=2_000)
    generate_cases(5_000, b, seed=3, chunk_rows=2_000)
    generate_cases(5_000, c, seed=4, chunk_rows=2_000)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_csv_output_gets_a_synthetic_sidecar(tmp_path: Path) -> None:
    out = tmp_path / "small.csv"
    report = generate_cases(1_000, out)
    assert [p.name for p in report.files] == ["small.csv", "small.csv.SYNTHETIC.txt"]
    assert "SYNTHETIC DATA" in report.files[1].read_text("utf-8")
    table = pacsv.read_csv(out)
    assert table.column_names == list(CASE_COLUMNS)
    assert table.num_rows == 1_000


def test_zero_rows_and_bad_sizes(tmp_path: Path) -> None:
    report = generate_cases(0, tmp_path / "empty.parquet")
    assert pq.read_table(report.files[0]).num_rows == 0
    with pytest.raises(ValueError, match="objectives"):
        generate_cases(10, tmp_path / "x.parquet", objectives=0)


def test_the_benchmark_contract_measures_every_generated_objective(tmp_path: Path) -> None:
    contract = benchmark_contract(50, years=10)
    codes = [o.code for _, _, o in contract.objectives()]
    assert codes == [o.code for o in benchmark_objectives(50)]
    assert codes[0] == "BEN 01-01"
    assert codes[-1] == "BEN 10-05"
    assert {i.kind for _, i in contract.indicators()} == {IndicatorKind.TIMELINESS}
    units = {d.unit.value for _, i in contract.indicators() for n in i.norms for d in n.delays}
    assert {"calendar_days", "working_days_mon_sat", "working_days_mon_fri"} <= units
    assert contract.period.start == dt.date(2011, 1, 1)
    reloaded = parse_contract(yaml.safe_load(dump_contract(contract)))
    assert reloaded == contract
    out = tmp_path / "c.parquet"
    generate_cases(3_000, out)
    assert set(pq.read_table(out).column("objective").to_pylist()) <= set(codes)


def test_benchmark_org_units_hold_every_office() -> None:
    units = benchmark_org_units(20).to_pylist()
    offices = [u for u in units if u["level"] == "office"]
    assert [u["code"] for u in offices][:2] == ["O01", "O02"]
    assert len(offices) == 20
    assert all(str(u["name"]).endswith(" (démo)") for u in units)
    assert {u["parent"] for u in offices} == {"R1", "R2", "R3", "R4", "R5"}
