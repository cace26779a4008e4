"""The late cases behind a published figure are the ones it counted, as of its measurement."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilotage.contract import Contract
from pilotage.engine import (
    LATE_SCHEMA,
    IndicatorResult,
    LateState,
    Measurement,
    ResultSet,
    discard_set,
    kept_late_cases,
    late_cases,
    list_result_sets,
    measure,
    measured_late_cases,
    publish,
)
from pilotage.errors import MeasureError, StoreError
from pilotage.facts import DuckDBFactStore
from pilotage.legaltime import Period, periods_between

from .helpers import D, case, fill

ROWS = [
    case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), case_id="A"),  # on time
    case("VOB 2-01", D(2019, 4, 1), D(2019, 7, 31), case_id="D"),  # 1 day late
    case("VOB 2-01", D(2019, 3, 1), D(2019, 8, 10), case_id="B", person_key="pk-b"),  # 42 late
    case("VOB 2-01", D(2019, 6, 1), case_id="E"),  # open, due 29 Sep: overdue on 30 Sep
    case("VOB 2-01", D(2019, 7, 15), case_id="F"),  # open, not yet due
    case("VOB 2-01", D(2019, 1, 1), D(2019, 7, 20), case_id="L", office="LGE"),  # late, LGE
    case("VOB 2-01", D(2019, 8, 1), D(2019, 7, 1), case_id="G"),  # invalid: not listed
]


def _measure_and_keep(
    store: DuckDBFactStore, contract: Contract, periods: Any, level: str = "office"
) -> tuple[Measurement, ResultSet]:
    m = measure(store.cases(), store.org_units(), contract, periods, level)
    late = measured_late_cases(store.cases(), store.org_units(), contract, m)
    return m, publish(store, m, late=late, now=True)


def _reconciles(store: DuckDBFactStore, set_id: int, rows: Sequence[IndicatorResult]) -> None:
    """Every timeliness row's kept list holds denominator - numerator ended late cases and
    `overdue` open ones (counted in one query; `kept_late_cases` read for the rows with any)."""
    counts = Counter(
        {
            (row, LateState(state)): n
            for row, state, n in store.connection.execute(
                "SELECT row, state, count(*) FROM late_cases WHERE result_set_id = ? GROUP BY ALL",
                [set_id],
            ).fetchall()
        }
    )
    for i, r in enumerate(rows):
        ended, overdue = counts[i, LateState.ENDED_LATE], counts[i, LateState.OPEN_OVERDUE]
        if r.overdue is None:  # no deadline: nothing late
            assert ended == overdue == 0
            continue
        assert ended == (r.denominator or 0) - r.numerator, r
        assert overdue == r.overdue, r
        if ended or overdue:
            found = kept_late_cases(store, set_id, i)
            assert found is not None
            assert (
                Counter(c.state for c in found)
                == Counter({LateState.ENDED_LATE: ended, LateState.OPEN_OVERDUE: overdue})
                - Counter()
            )


def test_the_list_is_the_measurement_s_after_a_re_import(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    fill(store, ROWS)
    m, rs = _measure_and_keep(store, inasti, "2019-Q3")
    bru = next(i for i, r in enumerate(m.rows) if (r.objective, r.unit) == ("VOB 2-01", "BRU"))
    figure = m.rows[bru]
    assert (figure.denominator - figure.numerator, figure.overdue) == (2, 1)
    # Re-imported after the measurement: A and E now ended late in Q3, four more late cases.
    store.connection.execute(
        "UPDATE cases SET end_date = DATE '2019-09-30' WHERE case_id IN ('E', 'A')"
    )
    fill(
        store,
        [case("VOB 2-01", D(2019, 3, 1), D(2019, 9, 1), case_id=f"N{i}") for i in range(4)],
    )
    today = late_cases(store.cases(), inasti, "VOB 2-01", "2019-Q3", offices={"BRU"})
    assert len([c for c in today if c.state is LateState.ENDED_LATE]) == 8  # not what it counted
    kept = kept_late_cases(store, rs.id, bru)
    assert kept is not None
    assert [(c.case_id, c.state, c.days_late, c.end) for c in kept] == [
        ("B", LateState.ENDED_LATE, 42, D(2019, 8, 10)),
        ("E", LateState.OPEN_OVERDUE, 2, None),
        ("D", LateState.ENDED_LATE, 1, D(2019, 7, 31)),
    ]
    b = kept[0]
    assert (b.objective, b.norm_index, b.person_key, b.office, b.start, b.deadline) == (
        "VOB 2-01",
        0,
        "pk-b",
        "BRU",
        D(2019, 3, 1),
        D(2019, 6, 29),
    )
    _reconciles(store, rs.id, m.rows)
    columns = store.connection.execute("DESCRIBE late_cases").fetchall()
    assert "niss" not in {c[0] for c in columns}


@pytest.mark.parametrize("level", ["office", "region", "institution"])
def test_every_row_of_a_run_of_periods_reconciles(
    store: DuckDBFactStore, inasti: Contract, level: str
) -> None:
    rows = [
        *ROWS,
        case("VOB 2-01", D(2018, 11, 1), case_id="OLD"),  # open and overdue at every cut
        case("VOB 2-01", D(2019, 1, 2), D(2019, 11, 5), case_id="LONG", office="LEU"),
        case("ECL 5-01", D(2019, 4, 1), D(2019, 7, 20), case_id="M"),  # late on 90 d only
    ]
    fill(store, rows)
    quarters = periods_between(Period.parse("2019-Q1"), Period.parse("2019-Q4"))
    m, rs = _measure_and_keep(store, inasti, quarters, level)
    _reconciles(store, rs.id, m.rows)
    old = [
        (m.rows[i].period, c.state)
        for i in range(len(m.rows))
        for c in kept_late_cases(store, rs.id, i) or []
        if c.case_id == "OLD"
    ]
    assert sorted(old) == [(str(q), LateState.OPEN_OVERDUE) for q in quarters]


def test_a_set_kept_without_its_list_says_so(store: DuckDBFactStore, inasti: Contract) -> None:
    fill(store, ROWS)
    m = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    rs = publish(store, m)
    assert kept_late_cases(store, rs.id, 0) is None
    with pytest.raises(StoreError, match="no result set 99"):
        kept_late_cases(store, 99, 0)
    _, kept = _measure_and_keep(store, inasti, "2019-Q3")
    with pytest.raises(StoreError, match=f"result set {kept.id} has no row 100000"):
        kept_late_cases(store, kept.id, 100000)


def test_a_discarded_candidate_takes_its_list_with_it(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    fill(store, ROWS)
    _measure_and_keep(store, inasti, "2019-Q3")
    m = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    candidate = publish(
        store, m, late=measured_late_cases(store.cases(), store.org_units(), inasti, m)
    )
    assert candidate.published_at is None
    discard_set(store, candidate.id)
    con = store.connection
    for table in ("late_cases", "late_lists"):
        (n,) = con.execute(
            f"SELECT count(*) FROM {table} WHERE result_set_id = ?", [candidate.id]
        ).fetchone() or (None,)
        assert n == 0


def test_a_bad_list_or_another_contract_is_refused(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    fill(store, ROWS)
    m = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    other = inasti.model_copy(update={"id": "inasti-changed"})
    with pytest.raises(MeasureError, match="against the contract it was measured with"):
        measured_late_cases(store.cases(), store.org_units(), other, m)
    late = measured_late_cases(store.cases(), store.org_units(), inasti, m)
    with pytest.raises(StoreError, match="the late cases of a result set have the columns"):
        publish(store, m, late=late.drop_columns(["state"]))
    bad = late.set_column(0, "row", late.column("row").cast("int64")).cast(LATE_SCHEMA)
    too_far = bad.set_column(0, "row", [[len(m.rows)] * bad.num_rows]).cast(LATE_SCHEMA)
    with pytest.raises(StoreError, match="a result row the measurement does not have"):
        publish(store, m, late=too_far)
    assert list_result_sets(store) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 500),  # start, days after 2018-06-01
            st.one_of(st.none(), st.integers(-5, 400)),  # end, days after the start
            st.sampled_from(["BRU", "LEU", "LGE", "XXX"]),  # XXX: not in the org units
        ),
        max_size=30,
    ),
    st.sampled_from(["office", "region", "institution"]),
    st.one_of(st.none(), st.integers(0, 80)),
)
def test_kept_lists_always_reconcile(
    inasti: Contract, spec: list[tuple[int, int | None, str]], level: str, as_of: int | None
) -> None:
    base = D(2018, 6, 1)
    rows = [
        case(
            objective,
            base + dt.timedelta(days=s),
            None if e is None else base + dt.timedelta(days=s + e),
            office=office,
        )
        for s, e, office in spec
        for objective in ("VOB 2-01", "ECL 5-01")
    ]
    quarters = periods_between(Period.parse("2019-Q1"), Period.parse("2019-Q3"))
    cut = None if as_of is None else D(2019, 7, 1) + dt.timedelta(days=as_of)
    with DuckDBFactStore.in_memory() as fresh:
        fill(fresh, rows)
        m = measure(fresh.cases(), fresh.org_units(), inasti, quarters, level, as_of=cut)
        late = measured_late_cases(fresh.cases(), fresh.org_units(), inasti, m)
        rs = publish(fresh, m, late=late)
        _reconciles(fresh, rs.id, m.rows)
