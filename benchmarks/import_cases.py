"""Time `import_cases` on a generated CSV file of N case records (default 1,000,000).

    .venv/bin/python benchmarks/import_cases.py [--rows 1000000] [--niss] [--keep DIR]

The file has every column of docs/case-records.md: 10% of cases carry a suspension, 60% are
closed, one in four has a NISS (with --niss: replaced by its keyed hash at import). The import
runs twice: a first batch (all inserted), then the same file again (all unchanged).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from pilotage.contract import load_contract, resolve_contract_path
from pilotage.facts import DuckDBFactStore, import_cases

OFFICES = ["BRU", "LEU", "ANT", "HAS", "GNT", "BRG", "KRT", "CHA", "MON", "LGE", "NAM", "ARL"]


def generate(path: Path, rows: int, objectives: list[str], *, niss: bool, seed: int = 7) -> None:
    """A CSV of `rows` valid case records, written in chunks."""
    rng = np.random.default_rng(seed)
    epoch = np.datetime64("2019-01-01")
    chunk = 250_000
    with pacsv.CSVWriter(path, _schema(niss)) as writer:
        for first in range(0, rows, chunk):
            n = min(chunk, rows - first)
            start = epoch + rng.integers(0, 700, n).astype("timedelta64[D]")
            length = rng.integers(0, 200, n).astype("timedelta64[D]")
            closed = rng.random(n) < 0.6
            end = np.where(closed, start + length, np.datetime64("NaT"))
            suspended = rng.random(n) < 0.1
            s_from = start + rng.integers(0, 30, n).astype("timedelta64[D]")
            s_to = s_from + rng.integers(0, 20, n).astype("timedelta64[D]")
            susp = pc.if_else(
                pa.array(suspended),
                pc.binary_join_element_wise(
                    pc.cast(pa.array(s_from), pa.string()),
                    pc.cast(pa.array(s_to), pa.string()),
                    "..",
                ),
                pa.scalar(None, pa.string()),
            )
            columns = {
                "case_id": pa.array([f"C{first + i:09d}" for i in range(n)]),
                "objective": pa.array(np.array(objectives)[rng.integers(0, len(objectives), n)]),
                "office": pa.array(np.array(OFFICES)[rng.integers(0, len(OFFICES), n)]),
                "start_date": pc.cast(pa.array(start), pa.string()),
                "end_date": pc.cast(pa.array(end), pa.string()),
                "category": pa.array(np.where(rng.random(n) < 0.05, "revenu manquant", "")),
                "amount_due": pa.array((rng.integers(0, 500_000, n) / 100).astype(str)),
                "amount_collected": pa.array((rng.integers(0, 400_000, n) / 100).astype(str)),
                "planned": pa.array(np.where(rng.random(n) < 0.5, "oui", "non")),
                "suspensions": susp,
                "attr.sample": pa.array(np.where(rng.random(n) < 0.3, "30%", "")),
            }
            if niss:
                numbers = rng.integers(10**10, 10**11 - 1, n)
                has = rng.random(n) < 0.25
                columns["niss"] = pa.array(np.where(has, numbers.astype(str), ""))
            writer.write_table(pa.table(columns, schema=_schema(niss)))


def _schema(niss: bool) -> pa.Schema:
    names = [
        "case_id",
        "objective",
        "office",
        "start_date",
        "end_date",
        "category",
        "amount_due",
        "amount_collected",
        "planned",
        "suspensions",
        "attr.sample",
    ]
    return pa.schema([(n, pa.string()) for n in [*names, *(["niss"] if niss else [])]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--niss", action="store_true", help="add a niss column (hashed)")
    parser.add_argument("--keep", type=Path, help="keep the CSV and the store in this directory")
    args = parser.parse_args()
    contract = load_contract(resolve_contract_path("inasti-2019-2020"))
    objectives = [o.code for _, _, o in contract.objectives()]
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        csv_path = directory / "cases.csv"
        t0 = time.perf_counter()
        generate(csv_path, args.rows, objectives, niss=args.niss)
        size = csv_path.stat().st_size / 2**20
        print(f"generated {args.rows:,} rows ({size:.0f} MiB) in {time.perf_counter() - t0:.1f} s")
        with DuckDBFactStore(directory / "facts.duckdb") as store:
            for run in ("first import", "same file again"):
                t0 = time.perf_counter()
                report = import_cases(
                    store,
                    [csv_path],
                    contract,
                    secret="benchmark-secret-key-0123456789",
                    imported_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                )
                took = time.perf_counter() - t0
                print(
                    f"{run}: {took:.1f} s ({args.rows / took:,.0f} rows/s): "
                    f"{report.sources[0].summary()}"
                )


if __name__ == "__main__":
    main()
