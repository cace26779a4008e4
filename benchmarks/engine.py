"""The indicator engine against a hand-written DuckDB query, on millions of synthetic cases.

    .venv/bin/python benchmarks/engine.py [--rows 1000000 10000000] [--data /tmp/pilotage-bench]
        [--memory-limit 700MB] [--threads 2] [--pandas-max 10000000] [--skip-hand]

For each size, the cases are generated once (`pilotage.demo.generate_cases`: 50 objectives
`BEN 01-01`.., 20 offices, 10 years, Parquet) under --data and kept for the next run; nothing is
written into the repository. The contract is built here: 50 timeliness objectives, half with a
norm in calendar days, half in Monday-Friday working days (be-legal holidays).

Three computations of the same figures, per objective x office x quarter over the 40 quarters:
cases ended, ended on time, exact median and 90th percentile delay (nearest rank, in the norm's
kind of day), and the backlog and overdue counts at every quarter end:

1. pilotage's engine (`pilotage.engine.measure`, Ibis on DuckDB);
2. a hand-written DuckDB SQL query (deadline by join to a working-day calendar, quantile_disc,
   open cases by a range join to the quarter ends);
3. pandas, for reference (only up to --pandas-max rows).

The script checks that all agree and prints times, rows per second, the DuckDB memory_limit and
the process's peak resident memory. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import ibis
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.contract import Contract, parse_contract
from pilotage.engine import measure
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
        generate_cases(rows, path, objectives=OBJECTIVES, offices=OFFICES, years=YEARS, seed=7)
        print(f"  generated {path} in {time.perf_counter() - began:.1f} s")
    return path


def connect(path: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET threads = {threads}")
    con.execute("SET preserve_insertion_order = false")
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
    result = measure(cases, units, contract(), quarters, "office")
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


HAND_SQL = """
WITH c AS (
    SELECT c.objective, c.office, c.start_date, c.end_date, o.unit,
           CASE WHEN o.unit = 'calendar_days' THEN c.start_date + o.value ELSE w.day END
               AS deadline,
           CASE WHEN o.unit = 'calendar_days' THEN c.end_date - c.start_date
                ELSE e.cum_working_mon_fri - s.cum_working_mon_fri END AS delay
    FROM cases c
    JOIN objectives o USING (objective)
    JOIN cal s ON s.day = c.start_date
    LEFT JOIN cal e ON e.day = c.end_date
    LEFT JOIN cal w ON o.unit = 'working_days_mon_fri' AND w.is_working_mon_fri
                   AND w.cum_working_mon_fri = s.cum_working_mon_fri + o.value
    WHERE c.end_date IS NULL OR c.end_date >= c.start_date
),
ended AS (
    SELECT c.objective, c.office, q.label,
           count(*) AS ended,
           count(*) FILTER (WHERE c.end_date <= c.deadline) AS on_time,
           quantile_disc(c.delay, 0.5) AS median,
           quantile_disc(c.delay, 0.9) AS p90
    FROM c JOIN quarters q ON c.end_date BETWEEN q.first AND q.last
    GROUP BY ALL
),
open AS (
    SELECT c.objective, c.office, q.label,
           count(*) AS backlog,
           count(*) FILTER (WHERE c.deadline <= q.last) AS overdue
    FROM c JOIN quarters q
      ON c.start_date <= q.last AND (c.end_date IS NULL OR c.end_date > q.last)
    GROUP BY ALL
)
SELECT objective, office, label, coalesce(ended, 0), coalesce(on_time, 0),
       coalesce(median, 0), coalesce(p90, 0), coalesce(backlog, 0), coalesce(overdue, 0)
FROM ended FULL JOIN open USING (objective, office, label)
"""


def run_hand(con: duckdb.DuckDBPyConnection, quarters: list[Period]) -> Figures:
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
    rows = con.execute(HAND_SQL).fetchall()
    return {(r[0], r[1], r[2]): tuple(int(x) for x in r[3:]) for r in rows}


def run_pandas(path: Path, quarters: list[Period]) -> Figures:
    """The same figures with pandas, vectorised: one group-by per figure, one loop per quarter."""
    import pandas as pd

    df = pd.read_parquet(path, columns=["objective", "office", "start_date", "end_date"])
    df = df.merge(
        pd.DataFrame(objectives(), columns=["objective", "unit", "value"]), on="objective"
    )
    start = df["start_date"].to_numpy().astype("datetime64[D]")
    end = pd.to_datetime(df["end_date"]).to_numpy().astype("datetime64[D]")
    keep = np.isnat(end) | (end >= start)
    df, start, end = df[keep], start[keep], end[keep]
    cal = _calendar()
    day0 = cal.column("day")[0].as_py()
    cum = cal.column("cum_working_mon_fri").to_numpy()
    working = (
        cal.column("day")
        .to_numpy()
        .astype("datetime64[D]")[cal.column("is_working_mon_fri").to_numpy(zero_copy_only=False)]
    )
    s_index = (start - np.datetime64(day0)).astype(np.int64)
    e_index = np.where(np.isnat(end), 0, (end - np.datetime64(day0)).astype(np.int64))
    calendar = (df["unit"] == "calendar_days").to_numpy()
    value = df["value"].to_numpy()
    deadline = np.where(
        calendar, start + value.astype("timedelta64[D]"), working[cum[s_index] + value - 1]
    )
    delay = np.where(calendar, (end - start).astype(np.int64), cum[e_index] - cum[s_index])
    frame = pd.DataFrame(
        {
            "objective": df["objective"].astype(str).to_numpy(),
            "office": df["office"].astype(str).to_numpy(),
            "start": start,
            "end": end,
            "deadline": deadline,
            "delay": delay,
        }
    )
    labels = {q.first.year * 4 + (q.first.month - 1) // 3: str(q) for q in quarters}
    ended = frame[~np.isnat(end)].copy()
    e = ended["end"].to_numpy()
    years = e.astype("datetime64[Y]").astype(np.int64) + 1970
    months = e.astype("datetime64[M]").astype(np.int64) % 12
    ended["q"] = years * 4 + months // 3
    ended = ended[ended["q"].isin(labels)].sort_values(["objective", "office", "q", "delay"])
    ended["on_time"] = ended["end"] <= ended["deadline"]
    keys = ["objective", "office", "q"]
    groups = ended.groupby(keys, sort=False)
    ended["rank"] = groups.cumcount() + 1
    ended["n"] = groups["delay"].transform("size")
    stats = groups.agg(ended=("delay", "size"), on_time=("on_time", "sum"))
    median = ended[ended["rank"] == (ended["n"] + 1) // 2].set_index(keys)["delay"]
    p90 = ended[ended["rank"] == (9 * ended["n"] + 9) // 10].set_index(keys)["delay"]
    out: Figures = {}
    for (objective, office, q), r in stats.assign(median=median, p90=p90).iterrows():
        out[(objective, office, labels[q])] = (
            int(r["ended"]),
            int(r["on_time"]),
            int(r["median"]),
            int(r["p90"]),
            0,
            0,
        )
    for q in quarters:
        last = np.datetime64(q.last)
        is_open = (frame["start"].to_numpy() <= last) & (
            np.isnat(frame["end"].to_numpy()) | (frame["end"].to_numpy() > last)
        )
        opened = frame[is_open]
        counts = (
            opened.assign(overdue=opened["deadline"] <= last)
            .groupby(["objective", "office"])
            .agg(backlog=("overdue", "size"), overdue=("overdue", "sum"))
        )
        for (objective, office), r in counts.iterrows():
            key = (objective, office, str(q))
            before = out.get(key, (0, 0, 0, 0, 0, 0))
            out[key] = (*before[:4], int(r["backlog"]), int(r["overdue"]))
    return out


def timed(label: str, rows: int, fn: Callable[[], Figures], repeat: int) -> Figures:
    """Run `fn` `repeat` times; print the best and the median time (the machine is shared)."""
    times = []
    out: Figures = {}
    for _ in range(repeat):
        began = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - began)
    best, median = min(times), sorted(times)[len(times) // 2]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  {label:<24} best {best:7.2f} s  median {median:7.2f} s  "
        f"{rows / best:>12,.0f} rows/s  {len(out):>6,} result rows  "
        f"process peak RSS so far {peak:,.0f} MiB"
    )
    return out


def compare(name: str, mine: Figures, theirs: Figures) -> None:
    if mine == theirs:
        print(f"  {name}: identical ({len(mine):,} objective x office x quarter rows)")
        return
    keys = sorted(set(mine) | set(theirs))
    bad = [k for k in keys if mine.get(k) != theirs.get(k)]
    print(f"  {name}: {len(bad):,} of {len(keys):,} rows DIFFER, e.g.")
    for k in bad[:5]:
        print(f"    {k}: engine {mine.get(k)} / other {theirs.get(k)}")
    raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--data", type=Path, default=Path("/tmp/pilotage-bench"))
    parser.add_argument("--memory-limit", default="700MB", help="DuckDB's, for the engine.")
    parser.add_argument(
        "--hand-memory-limit",
        default="4GB",
        help="DuckDB's, for the hand-written query (it needs more).",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandas-max", type=int, default=10_000_000)
    parser.add_argument("--skip-hand", action="store_true", help="Only run the engine.")
    args = parser.parse_args()
    quarters = periods_between(f"{LAST_YEAR - YEARS + 1}-Q1", f"{LAST_YEAR}-Q4")
    for rows in args.rows:
        print(
            f"{rows:,} cases, {OBJECTIVES} objectives, {OFFICES} offices, {len(quarters)} "
            f"quarters, {args.threads} threads"
        )
        path = cases_file(rows, args.data)
        con = connect(path, args.memory_limit, args.threads)
        print(f"  engine: DuckDB memory_limit {args.memory_limit}")
        engine = timed("pilotage engine", rows, partial(run_engine, con, quarters), args.repeat)
        if not args.skip_hand:
            con.execute(f"SET memory_limit = '{args.hand_memory_limit}'")
            print(f"  hand-written query: DuckDB memory_limit {args.hand_memory_limit}")
            began = time.perf_counter()
            try:
                hand = timed(
                    "hand-written DuckDB SQL", rows, partial(run_hand, con, quarters), args.repeat
                )
            except duckdb.OutOfMemoryException:
                seconds = time.perf_counter() - began
                print(f"  hand-written DuckDB SQL  out of memory after {seconds:.1f} s "
                      f"(memory_limit {args.hand_memory_limit})")  # fmt: skip
            else:
                compare("engine vs hand-written SQL", engine, hand)
        if rows <= args.pandas_max:
            frame = timed("pandas", rows, partial(run_pandas, path, quarters), 1)
            compare("engine vs pandas", engine, frame)
        con.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
