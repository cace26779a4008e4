"""The indicator engine against hand-written DuckDB queries, on millions of synthetic cases.

    .venv/bin/python benchmarks/engine.py [--rows 1000000 10000000] [--data /tmp/pilotage-bench]
        [--memory-limit 700MB] [--threads 2] [--repeat 3] [--pandas-max 1000000]
        [--spark-rows 200000] [--skip-hand] [--skip-range]

For each size, the cases are generated once (`pilotage.demo.generate_cases`: 50 objectives
`BEN 01-01`.., 20 offices, 10 years, Parquet) under --data and kept for the next run; nothing is
written into the repository. The contract is built here: 50 timeliness objectives, half with a
norm in calendar days, half in Monday-Friday working days (be-legal holidays).

The same figures, per objective x office x quarter over the 40 quarters: cases ended, ended on
time, exact median and 90th percentile delay (nearest rank, in the norm's kind of day; an end
on a day off counts as the next working day), and the backlog and overdue counts at every
quarter end, by:

1. pilotage's engine (`pilotage.engine.measure`, Ibis on DuckDB);
2. a hand-written DuckDB SQL query (deadline by join to a working-day calendar, quantile_disc,
   open cases by a range join to the quarter ends): HAND_SQL;
3. the same written for speed (quarters by arithmetic, backlog by a sweep): SWEEP_SQL;
4. pandas, for reference (only up to --pandas-max rows);
5. with --spark-rows N, the engine on a local Spark session at N rows (its start-up apart).

Every round runs each computation in a fresh process (so its peak resident memory is its
own), twice: "cold" is the first call (what one `pilotage measure` pays: Ibis loads its DuckDB
backend and compiles, the day tables are built), "warm" the second (the computation itself).
The rounds of the engine and the queries alternate (the machine is shared: a busy minute hits
all of them). The script prints the best and median warm times, the best cold time, rows per
second, each one's peak resident memory and DuckDB memory_limit, the ratio engine / query, and
whether the figures agree (exit 1 if not). It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import resource
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pyarrow as pa  # type: ignore[import-untyped]
from engine_sql import HAND_SQL, SWEEP_SQL  # type: ignore[import-not-found]

from pilotage.contract import Contract, parse_contract
from pilotage.engine import Measurement, measure
from pilotage.legaltime import Period, calendar_table, periods_between

OBJECTIVES = 50
OFFICES = 20
YEARS = 10
LAST_YEAR = 2020  # pilotage.demo.bulk.BULK_END
CALENDAR_DAYS = (30, 120, 60, 7, 180)  # cycled over the even objectives
WORKING_DAYS = (15, 10, 20)  # cycled over the odd ones (Monday-Friday)


def objectives() -> list[tuple[str, str, int]]:
    """(code, unit, value) of each benchmark objective."""
    out = []
    for i in range(OBJECTIVES):
        code = f"BEN {i // 5 + 1:02d}-{i % 5 + 1:02d}"
        if i % 2 == 0:
            out.append((code, "calendar_days", CALENDAR_DAYS[(i // 2) % len(CALENDAR_DAYS)]))
        else:
            out.append((code, "working_days_mon_fri", WORKING_DAYS[(i // 2) % len(WORKING_DAYS)]))
    return out


def contract() -> Contract:
    """50 timeliness objectives, one per key task of ten services."""
    period = {"start": f"{LAST_YEAR - YEARS + 1}-01-01", "end": f"{LAST_YEAR}-12-31"}
    services: dict[str, Any] = {}
    for code, unit, value in objectives():
        name = {"en": f"Benchmark objective {code}"}
        indicator = {
            "code": code,
            "name": name,
            "kind": "timeliness",
            "start_event": "received",
            "end_event": "decided",
            "norms": [
                {
                    "valid": period,
                    "delays": [{"unit": unit, "value": value, "convention": "elapsed"}],
                    "target": {"operator": ">=", "value": 90, "unit": "percent"},
                }
            ],
        }
        service = code[:6]
        services.setdefault(service, {"code": service, "name": name, "key_tasks": []})
        services[service]["key_tasks"].append(
            {
                "code": code[:9],
                "name": name,
                "objectives": [{"code": code, "name": name, "indicators": [indicator]}],
            }
        )
    data = {
        "format": "pilotage-contract/1",
        "id": "benchmark",
        "kind": "contract",
        "title": {"en": "Benchmark contract"},
        "institution": {"code": "BENCH", "name": {"en": "Benchmark institution"}},
        "period": period,
        "languages": ["en"],
        "services": list(services.values()),
    }
    return parse_contract(data, "benchmark")


def org_units() -> pa.Table:
    regions = 5
    codes = ["BENCH", *(f"R{r + 1}" for r in range(regions))]
    codes += [f"O{o + 1:02d}" for o in range(OFFICES)]
    parents = [None, *(["BENCH"] * regions), *(f"R{o % regions + 1}" for o in range(OFFICES))]
    levels = ["institution", *(["region"] * regions), *(["office"] * OFFICES)]
    return pa.table({"code": codes, "name": codes, "parent": parents, "level": levels})


def cases_file(rows: int, directory: Path) -> Path:
    from pilotage.demo import generate_cases

    path = directory / f"cases-{rows}.parquet"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        pending = path.with_name(path.name + ".partial")  # an interrupted run leaves no file
        generate_cases(rows, pending, objectives=OBJECTIVES, offices=OFFICES, years=YEARS, seed=7)
        pending.rename(path)
        print(f"  generated {path} in {time.perf_counter() - began:.1f} s")
    return path


def connect(path: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET threads = {threads}")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    # The stored `cases` table: the generated file plus the columns an import adds.
    con.execute(
        f"""CREATE VIEW cases AS
            SELECT objective::VARCHAR AS objective, case_id, office::VARCHAR AS office,
                   start_date, end_date, category::VARCHAR AS category,
                   0::INTEGER AS suspended_days, 1::INTEGER AS batch_id,
                   NULL::VARCHAR AS person_key
            FROM read_parquet('{path}')"""
    )
    con.register("org_units_in", org_units())
    con.execute("CREATE TABLE org_units AS SELECT * FROM org_units_in")
    return con


Key = tuple[str, str, str]  # objective, office, quarter
Figures = dict[Key, tuple[int, ...]]  # ended, on_time, median, p90, backlog, overdue


def run_engine(con: duckdb.DuckDBPyConnection, quarters: list[Period]) -> Figures:
    backend = ibis.duckdb.from_connection(con)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # ibis 12 on DuckDB 2.0 (schemas)
        cases, units = backend.table("cases"), backend.table("org_units")
    return _figures(measure(cases, units, contract(), quarters, "office"))


def _figures(result: Measurement) -> Figures:
    return {
        (r.objective, r.unit, r.period): (
            int(r.denominator or 0),
            int(r.numerator),
            r.median_delay or 0,
            r.p90_delay or 0,
            r.backlog or 0,
            r.overdue or 0,
        )
        for r in result.rows
        if r.denominator or r.backlog
    }


def _calendar() -> pa.Table:
    first, last = dt.date(1990, 1, 1), dt.date(LAST_YEAR + 2, 12, 31)
    table = calendar_table(first, last, "be-legal")
    return table.select(["day", "cum_working_mon_fri", "is_working_mon_fri"])


def _register(con: duckdb.DuckDBPyConnection, quarters: list[Period]) -> None:
    objs = objectives()
    con.register(
        "objectives",
        pa.table(
            {
                "objective": [o[0] for o in objs],
                "unit": [o[1] for o in objs],
                "value": pa.array([o[2] for o in objs], pa.int32()),
            }
        ),
    )
    con.register("cal", _calendar())
    con.register(
        "quarters",
        pa.table(
            {
                "label": [str(q) for q in quarters],
                "first": [q.first for q in quarters],
                "last": [q.last for q in quarters],
            }
        ),
    )


def run_hand(con: duckdb.DuckDBPyConnection, quarters: list[Period]) -> Figures:
    _register(con, quarters)
    rows = con.execute(HAND_SQL).fetchall()
    return {(r[0], r[1], r[2]): tuple(int(x) for x in r[3:]) for r in rows}


def run_sweep(con: duckdb.DuckDBPyConnection, quarters: list[Period]) -> Figures:
    _register(con, quarters)
    first = quarters[0].first
    assert first.month == 1, "quarters from a January"
    sql = SWEEP_SQL.replace("$k", str(len(quarters))).replace("$y", str(first.year))
    rows = con.execute(sql).fetchall()
    labels = [str(q) for q in quarters]
    return {(r[0], r[1], labels[r[2]]): tuple(int(x) for x in r[3:]) for r in rows}


Run = tuple[list[float], float, Figures]  # times (s), peak resident memory (MiB), figures
CALLS = 2  # per process: cold, then warm
TASKS = {"engine": run_engine, "hand": run_hand, "sweep": run_sweep}
LABELS = {
    "engine": "pilotage engine",
    "hand": "hand SQL, range joins",
    "sweep": "hand SQL, sweep",
    "pandas": "pandas",
    "spark": "engine on Spark",
}


def _task(task: str, path: Path, memory_limit: str, threads: int, repeat: int) -> Run | str:
    """One computation, `repeat` times, in this (fresh) process: its times, peak RSS, figures."""
    quarters = periods_between(f"{LAST_YEAR - YEARS + 1}-Q1", f"{LAST_YEAR}-Q4")
    if task == "pandas":
        from engine_pandas import run_pandas  # type: ignore[import-not-found]

        fn: Callable[[], Figures] = partial(run_pandas, path, quarters)
    elif task == "spark":
        return _spark(path, quarters, threads, repeat)
    else:
        fn = partial(TASKS[task], connect(path, memory_limit, threads), quarters)
    times, out = [], {}
    try:
        for _ in range(repeat):
            began = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - began)
    except duckdb.OutOfMemoryException:
        return f"out of memory (DuckDB memory_limit {memory_limit})"
    return times, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, out


def _spark(path: Path, quarters: list[Period], threads: int, repeat: int) -> Run | str:
    """The engine on a local Spark session; its start-up time is printed apart."""
    con = connect(path, "1GB", threads)
    copy = path.with_name(path.stem + "-store")
    copy.mkdir(exist_ok=True)
    con.execute(f"COPY cases TO '{copy / 'cases.parquet'}' (FORMAT parquet)")
    con.execute(f"COPY org_units TO '{copy / 'org_units.parquet'}' (FORMAT parquet)")
    con.close()
    began = time.perf_counter()
    from pyspark.sql import SparkSession

    session = (  # as pilotage.facts.local_spark_session, without the console progress bar
        SparkSession.builder.master(f"local[{threads}]")
        .appName("pilotage-benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(2 * threads))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    backend = ibis.pyspark.connect(session)
    cases = backend.read_parquet(copy / "cases.parquet", table_name="bench_cases")
    units = backend.read_parquet(copy / "org_units.parquet", table_name="bench_org_units")
    print(f"  Spark start-up (JVM, session, tables): {time.perf_counter() - began:.1f} s")
    times, out = [], {}
    for _ in range(repeat):
        began = time.perf_counter()
        out = _figures(measure(cases, units, contract(), quarters, "office"))
        times.append(time.perf_counter() - began)
    print(f"  Spark JVM peak resident memory: {_jvm_peak(session)}")
    session.stop()
    return times, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, out


def _jvm_peak(session: Any) -> str:
    try:
        pid = session.sparkContext._gateway.proc.pid
        status = Path(f"/proc/{pid}/status").read_text()
    except (AttributeError, OSError):
        return "unknown"
    found = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")]
    return f"{int(found[0]) / 1024:,.0f} MiB" if found else "unknown"


def apart(task: str, path: Path, memory_limit: str, args: Any, repeat: int = CALLS) -> Run | str:
    """Run `task` in a fresh process, so that its peak memory is its own."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_task, task, path, memory_limit, args.threads, repeat).result()


def report(task: str, rows: int, runs: list[Run | str], memory_limit: str) -> Run | None:
    """Print one computation's line: best and median time, rows/s, peak RSS."""
    label = LABELS[task]
    failed = [r for r in runs if isinstance(r, str)]
    if failed:
        print(f"  {label:<22} {failed[0]}")
        return None
    done = [r for r in runs if not isinstance(r, str)]
    warm = sorted(t for r in done for t in r[0][1:]) or sorted(t for r in done for t in r[0])
    cold = min(r[0][0] for r in done)
    peak, out = max(r[1] for r in done), done[-1][2]
    best, median = warm[0], warm[len(warm) // 2]
    limit = f"  (DuckDB memory_limit {memory_limit})" if task in TASKS else ""
    print(
        f"  {label:<22} warm best {best:6.2f} s, median {median:6.2f} s, cold {cold:6.2f} s"
        f"  {rows / best:>11,.0f} rows/s  {len(out):>6,} rows  peak RSS {peak:>5,.0f} MiB{limit}"
    )
    return [best, cold], peak, out


def compare(name: str, mine: Figures, theirs: Figures) -> bool:
    if mine == theirs:
        print(f"  {name}: identical ({len(mine):,} objective x office x quarter rows)")
        return True
    keys = sorted(set(mine) | set(theirs))
    bad = [k for k in keys if mine.get(k) != theirs.get(k)]
    print(f"  {name}: {len(bad):,} of {len(keys):,} rows DIFFER, e.g.")
    for k in bad[:5]:
        print(f"    {k}: engine {mine.get(k)} / other {theirs.get(k)}")
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--data", type=Path, default=Path("/tmp/pilotage-bench"))
    parser.add_argument("--memory-limit", default="700MB", help="DuckDB's, for the engine.")
    parser.add_argument(
        "--hand-memory-limit",
        default="4GB",
        help="DuckDB's, for the hand-written queries (the range joins need more).",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandas-max", type=int, default=1_000_000)  # 10M: 8 min, 3.9 GB
    parser.add_argument(
        "--spark-rows", type=int, default=0, help="Also run the engine on Spark at this size."
    )
    parser.add_argument("--skip-hand", action="store_true", help="Only run the engine.")
    parser.add_argument("--skip-range", action="store_true", help="Not the range-join query.")
    args = parser.parse_args()
    agree = True
    sizes = [(rows, False) for rows in args.rows]
    if args.spark_rows:
        sizes.append((args.spark_rows, True))
    for rows, spark in sizes:
        print(
            f"{rows:,} cases, {OBJECTIVES} objectives, {OFFICES} offices, {YEARS * 4} quarters, "
            f"{args.threads} threads, {args.repeat} rounds, each in fresh processes"
        )
        path = cases_file(rows, args.data)
        tasks = ["engine"]
        if not args.skip_hand and not spark:
            tasks += ["sweep"] + ["hand"] * (not args.skip_range)
        runs: dict[str, list[Run | str]] = {task: [] for task in tasks}
        for _ in range(args.repeat):  # alternating: engine, queries, engine, queries, ...
            for task in tasks:
                limit = args.memory_limit if task == "engine" else args.hand_memory_limit
                runs[task].append(apart(task, path, limit, args))
        engine = report("engine", rows, runs["engine"], args.memory_limit)
        assert engine is not None, "the engine ran out of memory"
        for task in tasks[1:]:
            run = report(task, rows, runs[task], args.hand_memory_limit)
            if run is not None:
                agree &= compare(f"engine vs {LABELS[task]}", engine[2], run[2])
                warm, cold = engine[0][0] / run[0][0], engine[0][1] / run[0][1]
                print(f"  engine / {LABELS[task]}: {warm:.2f} x the time warm, {cold:.2f} x cold")
        extra = ["pandas"] * (rows <= args.pandas_max and not spark) + ["spark"] * spark
        for task in extra:
            calls = 1 if task == "pandas" else args.repeat + 1
            run = report(task, rows, [apart(task, path, "", args, calls)], "")
            if run is not None:
                agree &= compare(f"engine vs {LABELS[task]}", engine[2], run[2])
    if not agree:
        raise SystemExit("the figures differ")


if __name__ == "__main__":
    main()
