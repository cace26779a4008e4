"""The drill-down list of late cases behind a timeliness figure."""

from __future__ import annotations

import pytest

from pilotage.contract import Contract
from pilotage.engine import LateState, MeasureError, late_cases, measure, offices_under

from .conftest import Backend
from .helpers import D, case, pick

ROWS = [
    case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), case_id="A"),  # on time
    case("VOB 2-01", D(2019, 4, 1), D(2019, 7, 31), case_id="D"),  # 1 day late
    case(
        "VOB 2-01", D(2019, 3, 1), D(2019, 8, 10), case_id="B", person_key="pk-b"
    ),  # due 29 Jun: 42 days late
    case("VOB 2-01", D(2019, 6, 1), case_id="E"),  # open, due 29 Sep: overdue
    case("VOB 2-01", D(2019, 7, 15), case_id="F"),  # open, not yet due
    case("VOB 2-01", D(2019, 1, 1), D(2019, 7, 20), case_id="L", office="LGE"),  # late, LGE
    case("VOB 2-01", D(2019, 8, 1), D(2019, 7, 1), case_id="G"),  # invalid: not listed
]


def test_late_cases_match_the_figure(backend: Backend, inasti: Contract) -> None:
    store = backend.store(ROWS)
    found = late_cases(store.cases(), inasti, "VOB 2-01", "2019-Q3")
    assert [(c.case_id, c.state, c.days_late) for c in found] == [
        ("L", LateState.ENDED_LATE, 80),  # due 1 May, ended 20 Jul
        ("B", LateState.ENDED_LATE, 42),
        ("E", LateState.OPEN_OVERDUE, 2),  # due 29 Sep: at least 2 days late on 1 Oct
        ("D", LateState.ENDED_LATE, 1),
    ]
    b = found[1]
    assert (b.start, b.end, b.deadline, b.office) == (
        D(2019, 3, 1),
        D(2019, 8, 10),
        D(2019, 6, 29),
        "BRU",
    )
    assert b.person_key == "pk-b"
    assert not hasattr(b, "niss")
    # The ended late cases are exactly the gap between denominator and numerator, per office.
    m = measure(store.cases(), store.org_units(), inasti, "2019-Q3", "office")
    for office in ("BRU", "LGE"):
        r = pick(m, "VOB 2-01", office)
        ended = [c for c in found if c.office == office and c.state is LateState.ENDED_LATE]
        overdue = [c for c in found if c.office == office and c.state is LateState.OPEN_OVERDUE]
        assert len(ended) == r.denominator - r.numerator
        assert len(overdue) == r.overdue
    only_ended = late_cases(store.cases(), inasti, "VOB 2-01", "2019-Q3", include_open=False)
    assert [c.case_id for c in only_ended] == ["L", "B", "D"]


def test_late_cases_by_office_region_and_norm(backend: Backend, inasti: Contract) -> None:
    store = backend.store(
        [*ROWS, case("ECL 5-01", D(2019, 4, 1), D(2019, 7, 20), case_id="M")]  # 110 days
    )
    brb = offices_under(store.org_units(), "R-BRB")
    assert brb == {"BRU", "LEU"}
    assert offices_under(store.org_units(), "LGE") == {"LGE"}
    found = late_cases(store.cases(), inasti, "VOB 2-01", "2019-Q3", offices=brb)
    assert {c.case_id for c in found} == {"B", "E", "D"}
    # ECL 5-01: late against 90 days (norm 0), on time against 180 days (norm 1).
    assert [
        c.case_id for c in late_cases(store.cases(), inasti, "ECL 5-01", "2019-Q3", norm=0)
    ] == ["M"]
    assert late_cases(store.cases(), inasti, "ECL 5-01", "2019-Q3", norm=1) == []
    both = late_cases(store.cases(), inasti, "ECL 5-01", "2019-Q3")
    assert [(c.case_id, c.norm_index, c.days_late) for c in both] == [("M", 0, 20)]


def test_late_cases_of_what_has_no_deadline(backend: Backend, inasti: Contract) -> None:
    store = backend.store(ROWS)
    with pytest.raises(MeasureError, match="'XYZ 9-99' is not measured"):
        late_cases(store.cases(), inasti, "XYZ 9-99", "2019-Q3")
    with pytest.raises(MeasureError, match="PEN 1-02 has no norm with a deadline"):
        late_cases(store.cases(), inasti, "PEN 1-02", "2019-Q3")
    with pytest.raises(MeasureError, match="at position 5"):
        late_cases(store.cases(), inasti, "VOB 2-01", "2019-Q3", norm=5)
