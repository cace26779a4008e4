"""The INASTI demonstration data: schema, labels, calibration, seasons, determinism."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from pilotage.contract import (
    Contract,
    Delay,
    DelayUnit,
    IndicatorKind,
    Norm,
    load_contract,
    seed_path,
)
from pilotage.demo import (
    CASE_COLUMNS,
    DemoDataset,
    Outcome,
    generate_demo,
    niss_is_valid,
    write_demo,
)
from pilotage.demo.calibration import MEASURED_KINDS

from .conftest import SCALE

Row = dict[str, object]


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


# --- schema and labels ---------------------------------------------------------------------


def test_columns_and_types_are_the_documented_ones(demo: DemoDataset) -> None:
    schema = demo.cases.schema
    assert schema.names == [*CASE_COLUMNS, "attr.sample"]  # ECL 2-04 filters on attr.sample
    text = {"case_id", "suspensions", "niss", "attr.sample"}
    for field in schema:
        if field.name in text:
            assert field.type == pa.string(), field.name
        elif field.name in {"objective", "office", "category"}:
            assert field.type == pa.dictionary(pa.int32(), pa.string()), field.name
    assert schema.field("start_date").type == pa.date32()
    assert schema.field("end_date").type == pa.date32()
    assert schema.field("amount_due").type == pa.decimal128(15, 2)
    assert schema.field("planned").type == pa.bool_()
    assert schema.metadata[b"pilotage.synthetic"] == b"true"


def test_every_measured_objective_has_cases_and_no_other_code(
    demo: DemoDataset, inasti: Contract
) -> None:
    codes = set(demo.cases.column("objective").to_pylist())
    measured = {
        o.code
        for _, _, o in inasti.objectives()
        if any(i.kind in MEASURED_KINDS for i in o.indicators)
    }
    assert codes == measured
    assert codes <= {o.code for _, _, o in inasti.objectives()}
    assert len(codes) == 50


def test_rows_are_valid_case_records(rows: list[Row]) -> None:
    ids: Counter[tuple[object, object]] = Counter()
    for row in rows:
        ids[row["objective"], row["case_id"]] += 1
        assert str(row["case_id"]).startswith("DEMO-")
        end = row["end_date"]
        assert end is None or _day(row["start_date"]) <= _day(end)
        assert dt.date(2016, 1, 1) <= _day(row["start_date"]) <= dt.date(2020, 12, 31)
    assert max(ids.values()) == 1  # unique within an objective


def test_open_cases_and_history_before_the_contract(rows: list[Row]) -> None:
    open_cases = [r for r in rows if r["end_date"] is None]
    assert len(open_cases) > 100
    assert any(_day(r["start_date"]).year == 2020 for r in open_cases)
    # Every norm starts in 2019, yet every objective has history from 2016 for trends.
    first_year = defaultdict(lambda: 9999)
    for row in rows:
        code = str(row["objective"])
        first_year[code] = min(first_year[code], _day(row["start_date"]).year)
    assert set(first_year.values()) == {2016}


def test_niss_are_synthetic_and_only_on_cases_about_people(rows: list[Row]) -> None:
    niss = [str(r["niss"]) for r in rows if r["niss"] is not None]
    assert len(niss) > len(rows) / 2
    assert all(re.fullmatch(r"\d{11}", n) for n in niss)
    assert not any(niss_is_valid(n) for n in niss)
    assert all(r["niss"] is None for r in rows if r["objective"] in {"EAE 1-01", "FIN 1-01"})


def test_org_units_are_labelled_and_hold_every_office(demo: DemoDataset, rows: list[Row]) -> None:
    units = demo.org_units.to_pylist()
    assert all(str(u["name"]).endswith(" (démo)") for u in units)
    levels = Counter(u["level"] for u in units)
    assert levels == {"institution": 1, "region": 5, "office": 13}  # 12 regional + central
    codes = {u["code"] for u in units}
    assert all(u["parent"] in codes for u in units if u["level"] != "institution")
    assert {r["office"] for r in rows} <= {u["code"] for u in units if u["level"] == "office"}


def test_categories_attributes_amounts_and_plans_where_indicators_use_them(
    rows: list[Row], inasti: Contract
) -> None:
    by: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by[str(row["objective"])].append(row)
    assert Counter(r["category"] for r in by["ECL 5-01"])["revenu manquant"] > 20
    p2p = inasti.objective("P2P 1-02").indicators[0].norms[0].delays
    assert {r["category"] for r in by["P2P 1-02"]} == {d.category for d in p2p}
    assert {r["attr.sample"] for r in by["ECL 2-04"]} == {"30%", None}
    for row in by["P2P 1-01"]:
        due, collected = row["amount_due"], row["amount_collected"]
        assert isinstance(due, Decimal)
        assert isinstance(collected, Decimal)
        assert Decimal(0) <= collected <= due
    assert {r["planned"] for r in by["EAE 1-01"]} == {True, False}
    assert {r["planned"] for r in by["VOB 1-01"]} == {None}


def test_suspensions_lie_inside_their_case(rows: list[Row]) -> None:
    suspended = [r for r in rows if r["suspensions"] is not None]
    assert suspended
    for row in suspended:
        for part in str(row["suspensions"]).split(";"):
            first, last = (dt.date.fromisoformat(d) for d in part.split(".."))
            assert _day(row["start_date"]) < first <= last <= _day(row["end_date"])


# --- calibration, with a plain oracle ------------------------------------------------------


def _deadline(delay: Delay, start: dt.date) -> dt.date:
    """Plain elapsed counting, enough for the seed's calendar-day, month and fixed-date norms."""
    if delay.unit is DelayUnit.CALENDAR_DAYS:
        assert delay.value is not None
        return start + dt.timedelta(days=delay.value)
    if delay.unit is DelayUnit.MONTHS:
        assert delay.value is not None
        month = start.month - 1 + delay.value
        year, month = start.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    assert delay.unit is DelayUnit.FIXED_DATE
    assert delay.month is not None
    assert delay.day is not None
    due = dt.date(start.year, delay.month, delay.day)
    return due if due >= start else dt.date(start.year + 1, delay.month, delay.day)


def _on_time(norm: Norm, row: Row) -> bool:
    delays = norm.delays
    delay = next((d for d in delays if d.category == row["category"]), None)
    delay = delay or next((d for d in delays if d.category is None), delays[0])
    return _day(row["end_date"]) <= _deadline(delay, _day(row["start_date"]))


def _in_population(norm: Norm, indicator_population: object, row: Row) -> bool:
    for population in (norm.population, indicator_population):
        if population is None:
            continue
        if row["category"] in population.exclude_categories:  # type: ignore[attr-defined]
            return False
        started_from = population.started_from  # type: ignore[attr-defined]
        if started_from and _day(row["start_date"]) < started_from:
            return False
        for name, value in population.attributes.items():  # type: ignore[attr-defined]
            if row[f"attr.{name}"] != value:
                return False
    return True


def _timeliness_2019(
    demo: DemoDataset, rows: list[Row], inasti: Contract, *, by_end: bool
) -> list[tuple[str, float, float, Outcome]]:
    by: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by[str(row["objective"])].append(row)
    shares = []
    for aim in demo.aims:
        if aim.kind is not IndicatorKind.TIMELINESS:
            continue
        population = inasti.objective(aim.objective).indicators[0].population
        cases = [r for r in by[aim.objective] if _in_population(aim.norm, population, r)]
        if by_end:  # what the engine measures: the cases that ended in the year
            cases = [r for r in cases if r["end_date"] and _day(r["end_date"]).year == 2019]
            on_time = sum(_on_time(aim.norm, r) for r in cases)
        else:  # what the generator fixes exactly: the cases that started in the year
            cases = [r for r in cases if _day(r["start_date"]).year == 2019]
            on_time = sum(r["end_date"] is not None and _on_time(aim.norm, r) for r in cases)
        shares.append((aim.objective, 100 * on_time / len(cases), aim.target, aim.outcome))
    return shares


def test_about_half_the_timeliness_norms_are_met_in_2019(
    demo: DemoDataset, rows: list[Row], inasti: Contract
) -> None:
    shares = _timeliness_2019(demo, rows, inasti, by_end=True)
    assert len(shares) == 45  # 44 timeliness objectives, ECL 5-01 with two norms
    met = sum(share >= target for _, share, target, _ in shares)
    assert met >= len(shares) / 3
    assert len(shares) - met >= len(shares) / 3
    margins = [share - target for _, share, target, _ in shares]
    assert any(-5 < m < 0 for m in margins)  # missed by a little
    assert any(m <= -15 for m in margins)  # missed by a lot
    assert any(0 <= m < 3 for m in margins)  # met by a little


def test_each_norm_gets_its_planned_outcome_among_the_cases_started_in_2019(
    demo: DemoDataset, rows: list[Row], inasti: Contract
) -> None:
    for code, share, target, outcome in _timeliness_2019(demo, rows, inasti, by_end=False):
        assert (share >= target) == outcome.met, (code, share, target, outcome)


def test_footnoted_objectives_are_missed_and_dip_in_their_announced_period(
    demo: DemoDataset, rows: list[Row]
) -> None:
    missed = {a.objective for a in demo.aims if not a.outcome.met}
    assert {"VOB 1-01", "DVR 1-01", "REK 1-01", "ECL 2-01"} <= missed
    vob = [r for r in rows if r["objective"] == "VOB 1-01" and r["end_date"] is not None]

    def share(months: range) -> float:
        cases = [r for r in vob if _day(r["start_date"]).year == 2019]
        cases = [r for r in cases if _day(r["start_date"]).month in months]
        late = [(_day(r["end_date"]) - _day(r["start_date"])).days > 60 for r in cases]
        return 1 - sum(late) / len(late)

    assert share(range(7, 13)) < share(range(1, 7)) - 0.1  # footnote: not reachable in 2019 H2


def test_other_kinds_reach_their_aims_in_2019(demo: DemoDataset, rows: list[Row]) -> None:
    aims = {a.objective: a for a in demo.aims if a.kind is not IndicatorKind.TIMELINESS}
    assert set(aims) == {"PEN 1-02", "PEN 2-01", "SOVCNH 2-01", "P2P 1-01", "ECL 1-01", "EAE 1-01"}
    started = [r for r in rows if _day(r["start_date"]).year == 2019]

    def of(code: str) -> list[Row]:
        return [r for r in started if r["objective"] == code]

    ended = sum(
        1
        for r in rows
        if r["objective"] == "ECL 1-01" and r["end_date"] and _day(r["end_date"]).year == 2019
    )
    assert ended == round(aims["ECL 1-01"].aimed * SCALE)
    paid = sum(Decimal(str(r["amount_collected"])) for r in of("P2P 1-01"))
    due = sum(Decimal(str(r["amount_due"])) for r in of("P2P 1-01"))
    assert float(100 * paid / due) == pytest.approx(aims["P2P 1-01"].aimed, abs=0.01)
    for code in ("PEN 1-02", "PEN 2-01", "SOVCNH 2-01"):
        cases = of(code)
        share = 100 * sum(r["end_date"] is not None for r in cases) / len(cases)
        assert (share >= aims[code].target) == aims[code].outcome.met, code
    plan = [r for r in of("EAE 1-01") if r["planned"]]
    done = [r for r in plan if r["end_date"] and _day(r["end_date"]).year == 2019]
    assert (len(done) == len(plan)) == aims["EAE 1-01"].outcome.met


# --- seasons -------------------------------------------------------------------------------


def test_january_and_september_peak_july_and_august_trough(rows: list[Row]) -> None:
    months = Counter(_day(r["start_date"]).month for r in rows)
    assert months[1] > months[7]
    assert months[9] > months[8]
    assert months[1] > 1.5 * months[8]
    weekdays = Counter(_day(r["start_date"]).weekday() for r in rows)
    assert weekdays[6] < weekdays[0] / 10  # hardly anything starts on a Sunday


# --- determinism and files -----------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_data(
    demo: DemoDataset, inasti: Contract, tmp_path: Path
) -> None:
    again = generate_demo(inasti, scale=SCALE)
    assert again.cases.equals(demo.cases)
    first = write_demo(demo, tmp_path / "a")
    second = write_demo(again, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    other = generate_demo(inasti, scale=SCALE, seed=7)
    assert not other.cases.equals(demo.cases)


def test_files_say_they_are_synthetic(demo: DemoDataset, tmp_path: Path) -> None:
    written = write_demo(demo, tmp_path / "parquet")
    assert [p.name for p in written] == [
        "cases.parquet",
        "org-units.csv",
        "org-units.csv.SYNTHETIC.txt",
        "calibration.csv",
        "calibration.csv.SYNTHETIC.txt",
    ]
    metadata = pq.read_schema(written[0]).metadata
    assert metadata[b"pilotage.synthetic"] == b"true"
    assert pq.read_table(written[0]).num_rows == demo.cases.num_rows
    written = write_demo(demo, tmp_path / "csv", csv=True)
    assert written[0].name == "cases.csv"
    assert "SYNTHETIC DATA" in written[1].read_text("utf-8")
    table = pacsv.read_csv(written[0])
    assert table.column_names == [*CASE_COLUMNS, "attr.sample"]
    assert table.num_rows == demo.cases.num_rows
    units = pacsv.read_csv(written[2]).column_names
    assert units == ["code", "name", "parent", "level"]


def test_a_period_before_the_contract_is_refused(inasti: Contract) -> None:
    with pytest.raises(ValueError, match="before the start"):
        generate_demo(inasti, start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1))


def test_a_contract_without_case_measured_objectives_is_refused() -> None:
    inami = load_contract(seed_path("inami-2013-2015"))
    with pytest.raises(ValueError, match="no objective measured from cases"):
        generate_demo(inami)
