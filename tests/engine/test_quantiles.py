"""The two forms of the exact delays: DuckDB's quantile_disc and the histogram with a running sum.

`measure` takes the first on DuckDB and the second elsewhere (Spark); both must give the nearest
rank (the smallest delay d such that at least half, nine tenths, of the cases took d days or
less), group by group, at every level, including group sizes where n x 0.9 is not exact in
floating point (30, 70, ...).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilotage.engine import Span
from pilotage.engine.compute import (
    by_unit,
    case_frame,
    delay_histogram,
    delay_quantiles,
    named,
)
from pilotage.engine.measure import queries, scan
from pilotage.engine.plan import make_plan
from pilotage.facts import DuckDBFactStore
from pilotage.legaltime import Period

from .helpers import ORG_UNITS, case, fill, timeliness, tiny_contract

CONTRACT = tiny_contract(
    timeliness("TST 6-01", {"unit": "calendar_days", "value": 30}),
    timeliness("TST 6-02", {"unit": "working_days_mon_fri", "value": 10}),
)
FIRST = dt.date(2019, 1, 1)
PERIODS = Span.of([Period.parse(p) for p in ("2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4")])
PARENT = {u.code: u.parent for u in ORG_UNITS}

drawn_cases = st.lists(
    st.tuples(
        st.sampled_from(["TST 6-01", "TST 6-02"]),
        st.sampled_from(["BRU", "LEU", "LGE"]),
        st.integers(0, 364),  # start: day of 2019
        st.one_of(st.none(), st.integers(-2, 90)),  # days to the end; none: open
    ),
    max_size=300,
)


def _rows(drawn: list[tuple[str, str, int, int | None]]) -> list[dict[str, Any]]:
    rows = []
    for code, office, start, length in drawn:
        s = FIRST + dt.timedelta(days=start)
        e = None if length is None else s + dt.timedelta(days=length)
        rows.append(case(code, s, e, office=office))
    return rows


def _both(rows: list[dict[str, Any]], level: str) -> tuple[list[tuple[Any, ...]], ...]:
    """(m_id, unit, period, ended, median, p90) by quantile_disc, and by the histogram."""
    with DuckDBFactStore.in_memory() as store:
        fill(store, rows)
        cases, units = store.cases(), store.org_units()
        plan = make_plan(CONTRACT, PERIODS)
        first, _, offices = scan(cases, plan, PERIODS)
        if first is None:
            return [], []
        q = queries(cases, units, plan, PERIODS, level, first, offices)
        ended = case_frame(cases, q.tables, ended_only=True)
        histogram = named(delay_histogram(ended), q.tables)
        slow = delay_quantiles(by_unit(histogram, q.units, ["n"]))
        out = []
        for table in (q.quantiles, slow):
            found = table.to_pyarrow().to_pylist()
            names = ("m_id", "unit", "ce", "ended", "median", "p90")
            out.append(sorted(tuple(r[n] for n in names) for r in found))
        return out[0], out[1]


LEVEL = {u.code: u.level.value for u in ORG_UNITS}


def _unit(office: str, level: str) -> str:
    unit = office
    while LEVEL[unit] != level:
        parent = PARENT[unit]
        assert parent is not None
        unit = parent
    return unit


def _nearest(values: list[int]) -> tuple[int, int, int]:
    values = sorted(values)
    n = len(values)
    return n, values[(n + 1) // 2 - 1], values[(9 * n + 9) // 10 - 1]


def test_group_sizes_where_nine_tenths_is_inexact_in_floats() -> None:
    """Groups of n = 1..84 cases (office x quarter), delays 1..n: ranks ceil(n/2), ceil(9n/10)."""
    sizes = list(range(1, 85))
    for chunk in (sizes[i : i + 12] for i in range(0, len(sizes), 12)):
        rows, expected = [], {}
        for index, n in enumerate(chunk):
            office, quarter = ("BRU", "LEU", "LGE")[index % 3], index // 3
            end = dt.date(2019, 3 * quarter + 2, 15)
            for delay in range(1, n + 1):
                start = end - dt.timedelta(days=delay)
                rows.append(case("TST 6-01", start, end, office=office))
            expected[(office, quarter)] = _nearest(list(range(1, n + 1)))
        fast, slow = _both(rows, "office")
        assert fast == slow
        assert {(u, ce): (n, m, p) for _, u, ce, n, m, p in fast} == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn_cases, st.sampled_from(["office", "region", "institution"]))
def test_quantile_disc_equals_the_histogram_and_the_nearest_rank(
    drawn: list[tuple[str, str, int, int | None]], level: str
) -> None:
    rows = _rows(drawn)
    fast, slow = _both(rows, level)
    assert fast == slow
    # And both are the nearest rank of the delays in calendar days (objective TST 6-01).
    delays: dict[tuple[str, int], list[int]] = {}
    for r in rows:
        s, e = r["start_date"], r["end_date"]
        if r["objective"] != "TST 6-01" or e is None or e < s or e.year != 2019:
            continue
        period = (e.month - 1) // 3
        delays.setdefault((_unit(r["office"], level), period), []).append((e - s).days)
    mine = {(u, ce): (n, m, p) for mid, u, ce, n, m, p in fast if mid == 0}
    assert mine == {key: _nearest(values) for key, values in delays.items()}
