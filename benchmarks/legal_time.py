"""How fast legal time answers over many cases: vectorised deadlines and elapsed counts.

    .venv/bin/python benchmarks/legal_time.py [--cases 10000000]

Prints, for each rule, the time to compute the deadlines of N random start days with
`pilotage.legaltime.vectorised.deadlines`, and the time of N elapsed working-day counts; then
checks a sample of the answers against the scalar functions (the two must agree).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np

from pilotage.contract import Convention
from pilotage.legaltime import DayKind, counting, parse_rule, vectorised


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    first = np.datetime64("2011-01-01", "D")
    starts = first + rng.integers(0, 3650, args.cases).astype("timedelta64[D]")
    ends = starts + rng.integers(0, 400, args.cases).astype("timedelta64[D]")
    n = args.cases
    print(f"{n:,} cases, start days 2011-2020")
    rules = {
        "120 jours (elapsed)": parse_rule("120 jours", Convention.ELAPSED),
        "120 jours (judicial)": parse_rule("120 jours", Convention.JUDICIAL),
        "15 jours ouvrables (judicial)": parse_rule("15 jours ouvrables", Convention.JUDICIAL),
        "30 jours ouvrés mon-fri (elapsed)": parse_rule("30 jours ouvrés", Convention.ELAPSED),
        "4 mois (judicial)": parse_rule("4 mois", Convention.JUDICIAL),
        "31 mai (fixed date)": parse_rule("31 mai", Convention.ELAPSED),
    }
    sample = rng.integers(0, n, 2000)
    for name, rule in rules.items():
        t0 = time.perf_counter()
        due = vectorised.deadlines(starts, rule)
        seconds = time.perf_counter() - t0
        for i in sample:
            start = starts[i].astype(dt.date)
            assert due[i].astype(dt.date) == counting.deadline(start, rule).day, (name, start)
        print(f"  deadlines {name:<36} {seconds:6.2f} s  {n / seconds / 1e6:6.1f} M cases/s")
    for kind in (DayKind.CALENDAR, DayKind.MON_SAT, DayKind.MON_FRI):
        t0 = time.perf_counter()
        counts = vectorised.elapsed(starts, ends, kind)
        seconds = time.perf_counter() - t0
        for i in sample[:500]:
            s, e = starts[i].astype(dt.date), ends[i].astype(dt.date)
            assert counts[i] == counting.elapsed(s, e, kind)
        print(f"  elapsed   {kind.value:<36} {seconds:6.2f} s  {n / seconds / 1e6:6.1f} M cases/s")
    print("vectorised answers agree with the scalar ones on the sampled cases")


if __name__ == "__main__":
    main()
