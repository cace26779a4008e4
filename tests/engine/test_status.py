"""Norms in force, caveats beside the figure, levels of the org-unit hierarchy."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from pilotage.contract import Contract
from pilotage.engine import IndicatorResult, Status

from .conftest import Backend
from .helpers import D, case, pick, timeliness, tiny_contract

VOB_1_01 = [
    case("VOB 1-01", D(2019, 5, 1), D(2019, 6, 20)),  # 50 days, ends in Q2: on time (60 d)
    case("VOB 1-01", D(2019, 6, 1), D(2019, 7, 20)),  # 49 days, Q3: on time
    case("VOB 1-01", D(2019, 5, 1), D(2019, 7, 20)),  # 80 days, Q3: late
]


def test_caveat_applies_vob_1_01_second_half_of_2019(backend: Backend, inasti: Contract) -> None:
    q3 = pick(backend.run(VOB_1_01, inasti), "VOB 1-01")
    # Footnote 2 announces the norm is not reachable from July to December 2019: the figure
    # is still there, with the caveat's text, and whether it meets the target.
    assert (q3.numerator, q3.denominator) == (1, 2)
    assert (q3.status, q3.meets_target) == (Status.CAVEAT_APPLIES, False)
    (note,) = q3.caveats
    assert (note.footnote, note.kind) == ("2", "not_reachable")
    assert "niet gehaald worden voor het tweede semester van 2019" in note.text
    assert note.text.startswith("[nl] ")  # the French text does not exist: marked as Dutch
    q2 = pick(backend.run(VOB_1_01, inasti, "2019-Q2"), "VOB 1-01")
    assert (q2.status, q2.caveats) == (Status.MET, ())
    # A half-year overlapping the caveat's period: it applies.
    s2 = pick(backend.run(VOB_1_01, inasti, "2019-S2"), "VOB 1-01")
    assert s2.status is Status.CAVEAT_APPLIES


def test_service_caveat_applies_to_every_objective_of_ecl(
    backend: Backend, inasti: Contract
) -> None:
    # Footnote 12 heads the ECL norm table: not reachable in the first quarter of 2019.
    rows = [case("ECL 2-01", D(2019, 1, 2), D(2019, 2, 1))]
    q1 = pick(backend.run(rows, inasti, "2019-Q1"), "ECL 2-01")
    assert (q1.status, [c.footnote for c in q1.caveats]) == (Status.CAVEAT_APPLIES, ["12"])
    assert q1.meets_target is True  # 30 days, within 90: met all the same


def test_context_caveat_without_period_is_shown_always(backend: Backend, inasti: Contract) -> None:
    rows = [case("VOB 3-01", D(2019, 7, 1), D(2019, 7, 2))]
    r = pick(backend.run(rows, inasti), "VOB 3-01")
    assert r.status is Status.MET  # a context caveat does not change the status
    assert [c.footnote for c in r.caveats] == ["3"]  # footnote 1 (2020 only) does not apply


def test_norms_in_force_by_validity(backend: Backend) -> None:
    # 60 days until June 2019, then 30 days: a quarter sees one norm, the year both.
    indicator = timeliness("TST 6-01", {"unit": "calendar_days", "value": 60})
    first = indicator["norms"][0]
    indicator["norms"] = [
        {**first, "valid": {"start": "2019-01-01", "end": "2019-06-30"}, "printed": "60"},
        {
            **first,
            "valid": {"start": "2019-07-01", "end": "2020-12-31"},
            "printed": "30",
            "delays": [{"unit": "calendar_days", "value": 30}],
        },
    ]
    contract = tiny_contract(indicator)
    rows = [case("TST 6-01", D(2019, 7, 1), D(2019, 8, 10))]  # 40 days
    q3 = backend.run(rows, contract)
    (only,) = [r for r in q3.rows if r.unit == "BRU"]
    assert (only.norm_printed, only.norm_valid_from, only.status) == (
        "30",
        D(2019, 7, 1),
        Status.NOT_MET,
    )
    year = backend.run(rows, contract, "2019")
    found = {r.norm_printed: r.status for r in year.rows if r.unit == "BRU"}
    assert found == {"60": Status.MET, "30": Status.NOT_MET}


def test_no_data_and_unit_grid(backend: Backend, inasti: Contract) -> None:
    m = backend.run([case("VOB 2-01", D(2019, 7, 1), D(2019, 7, 2))], inasti)
    # Every unit of the level gets a row for every measure, with or without cases.
    leu = pick(m, "VOB 2-01", "LEU")
    assert (leu.denominator, leu.value, leu.status) == (0, None, Status.NO_DATA)
    assert {r.unit for r in m.rows} == {"BRU", "LEU", "LGE"}
    assert leu.unit_name == "Bureau de Louvain"
    # The milestone of the common commitments is not measured from cases, and says so.
    assert m.skipped == (
        ("platina-report", "platina-report", "a milestone is not measured from cases"),
    )


LEVELS = [
    case("VOB 2-01", D(2019, 7, 1), D(2019, 7, 11)),  # BRU: 10 days, on time
    case("VOB 2-01", D(2019, 3, 1), D(2019, 7, 11)),  # BRU: 132 days, late
    case("VOB 2-01", D(2019, 7, 1), D(2019, 7, 21), office="LEU"),  # LEU: 20 days
    case("VOB 2-01", D(2019, 7, 1), D(2019, 7, 31), office="LGE"),  # LGE: 30 days
    case("VOB 2-01", D(2019, 2, 1), office="LGE"),  # LGE: open and overdue
]


def test_levels_office_region_institution(backend: Backend, inasti: Contract) -> None:
    office = backend.run(LEVELS, inasti)
    assert [
        (pick(office, "VOB 2-01", u).numerator, pick(office, "VOB 2-01", u).denominator)
        for u in ("BRU", "LEU", "LGE")
    ] == [(1, 2), (1, 1), (1, 1)]
    region = backend.run(LEVELS, inasti, level="region")
    brb, lnl = pick(region, "VOB 2-01", "R-BRB"), pick(region, "VOB 2-01", "R-LNL")
    assert (brb.numerator, brb.denominator, brb.unit_name) == (2, 3, "Région Bruxelles-Brabant")
    # R-BRB delays 10, 20, 132: median 20, 90th percentile 132.
    assert (brb.median_delay, brb.p90_delay, brb.backlog) == (20, 132, 0)
    assert (lnl.numerator, lnl.denominator, lnl.backlog, lnl.overdue) == (1, 1, 1, 1)
    whole = pick(backend.run(LEVELS, inasti, level="institution"), "VOB 2-01", "INASTI")
    assert (whole.numerator, whole.denominator, whole.value) == (3, 4, 75.0)
    assert (whole.median_delay, whole.p90_delay) == (20, 132)  # of 10, 20, 30, 132
    assert (whole.backlog, whole.overdue, whole.level) == (1, 1, "institution")
    assert whole.target_in_period == Decimal("90.00")


def test_result_rows_have_every_field_and_stay_frozen(backend: Backend, inasti: Contract) -> None:
    # Rows are built without the dataclass __init__ (status._build): all fields, still frozen.
    m = backend.run(LEVELS, inasti)
    names = {f.name for f in dataclasses.fields(IndicatorResult)}
    for row in m.rows:
        assert set(vars(row)) == names
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.rows[0].value = 1.0  # type: ignore[misc]
    assert m.rows[0] == dataclasses.replace(m.rows[0])
