"""The draft evaluation assembled from figures, follow-up and registers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from pilotage.contract import load_contract, seed_path
from pilotage.engine import CaveatNote, IndicatorResult, Status
from pilotage.evaluation import (
    Art50Entry,
    Art51Notice,
    Assessment,
    ItemKind,
    MeasureSource,
    Party,
    Position,
    ReportItem,
    ResultSetRef,
    assemble_draft,
    figure_cite,
    year_period,
)
from pilotage.evaluation.draft import item_from_json, item_to_json
from pilotage.followup import Completion, Progress, follow_actions, follow_missions

INAMI = load_contract(seed_path("inami-2013-2015"))
INASTI = load_contract(seed_path("inasti-2019-2020"))
SET = ResultSetRef(7, 2, "2019-Q1..2019-Q4", "2020-01-15T10:00:00+00:00", demo=True)


def _result(**changes: object) -> IndicatorResult:
    values: dict[str, object] = dict(  # noqa: C408
        objective="VOB 2-01", indicator="VOB 2-01", kind="timeliness", period="2019-Q4",
        period_first=dt.date(2019, 10, 1), period_last=dt.date(2019, 12, 31),
        as_of=dt.date(2019, 12, 31), level="institution", unit="INASTI", unit_name=None,
        norm_index=0, norm_label=None, norm_printed="120 d | 90%", norm_valid_from=None,
        norm_valid_to=None, rule=None, day_kind=None, target_operator=">=",
        target=Decimal("90"), target_unit="percent", target_per=None, target_in_period=None,
        pro_rata=False, numerator=Decimal("625.00"), denominator=Decimal("658.00"), value=95.0,
        invalid=0, unclassified=0, median_delay=40, p90_delay=85, backlog=None, overdue=None,
        forecast_lost=None, forecast_open=None, forecast_best=None, forecast_worst=None,
        status=Status.MET, meets_target=True,
        caveats=(CaveatNote("3", "expected_shortfall", "Norm not met in 2019-H2"),),
    )  # fmt: skip
    values.update(changes)
    return IndicatorResult(**values)  # type: ignore[arg-type]


def test_year_period_prefers_the_year_then_its_last_quarter() -> None:
    assert year_period(["2019-Q1", "2019", "2019-Q4"], 2019) == "2019"
    assert year_period(["2019-Q1", "2019-Q3"], 2019) == "2019-Q3"
    assert year_period(["2020-Q1"], 2019) is None


def test_objectives_carry_their_cited_figures_caveats_and_neutralisations() -> None:
    cite = figure_cite(_result(), SET)
    assert (cite.numerator, cite.denominator, cite.target) == ("625", "658", "90")
    entry = Art50Entry(
        1, dt.date(2019, 5, 1), MeasureSource.LAW, "Nouvelle loi", ("VOB 2-01",),
        communicated_on=dt.date(2019, 6, 1), neutralise_from=dt.date(2019, 7, 1),
    )  # fmt: skip
    items = assemble_draft(
        INASTI, 2019, "fr", figures={"VOB 2-01": [cite]}, actions=[], missions=[], art50=[entry]
    )
    by_key = {i.key: i for i in items}
    vob = by_key["objective:VOB 2-01"]
    assert vob.figures == (cite,)
    assert vob.status == "neutralised"
    assert vob.caveats[0] == "Norm not met in 2019-H2"
    assert vob.caveats[1].startswith("art. 50 no. 1, neutralised 2019-07-01..")
    assert by_key["objective:VOB 1-01"].status == "no_data"  # no figure: shown, not hidden
    assert by_key["art50:1"].kind is ItemKind.ART50
    assert item_from_json(item_to_json(vob)) == vob


def test_actions_and_missions_due_in_the_year_with_their_dates() -> None:
    progress = Progress(
        completions={
            "11/2": {
                "2014-12-31": Completion(dt.date(2014, 12, 20)),
                "2013-12-31": Completion(dt.date(2014, 1, 15)),
            },
            "11/3": {"2014-12-31": Completion(dt.date(2015, 1, 10))},
        }
    )
    as_of = dt.date(2015, 3, 1)
    notice = Art51Notice(1, Party.INSTITUTION, dt.date(2014, 10, 1), "15/1", "Retard IT")
    items = assemble_draft(
        INAMI,
        2014,
        "fr",
        figures={},
        actions=follow_actions(INAMI, progress, as_of),
        missions=follow_missions(INAMI, progress, as_of),
        art51=[notice],
    )
    by_key = {i.key: i for i in items}
    assert "action:11/1" not in by_key  # due 30 June 2013 only
    two = by_key["action:11/2"]
    assert [(m.key, m.done_on, m.status) for m in two.milestones] == [
        ("2014-12-31", dt.date(2014, 12, 20), "done_on_time")
    ]
    assert two.status == "done_on_time"
    assert by_key["action:11/3"].status == "done_late"
    assert by_key["action:11/4"].status == "open"
    assert any(i.kind is ItemKind.MISSION for i in items)
    assert by_key["art51:1"].status == "notified"
    from pilotage.reports import fact_lines

    assert fact_lines(by_key["art51:1"], "fr") == (
        ("Notifiée par", "l'institution"),
        ("Notifiée le", "2014-10-01"),
        ("Accusé de réception le", "pas encore"),
        ("Mesures correctrices", "aucune convenue à ce jour"),
        ("Stade", "notifiée"),
    )
    assert fact_lines(by_key["art51:1"], "nl")[0] == ("Gemeld door", "de instelling")
    # an item sent before its facts were kept shows its English detail, as sent
    old = replace(by_key["art51:1"], facts=())
    assert fact_lines(old, "fr") == (("", old.detail),)


def test_a_report_item_is_agreed_when_both_assessments_are_the_same() -> None:
    common = assemble_draft(INAMI, 2014, "fr", figures={}, actions=[], missions=[])
    # INAMI's measured objectives are its common commitments; with no figure, no data
    assert {(i.kind, i.status) for i in common} == {(ItemKind.OBJECTIVE, "no_data")}
    [vob] = [
        i
        for i in assemble_draft(INASTI, 2019, "fr", figures={}, actions=[], missions=[])
        if i.code == "VOB 2-01"
    ]
    mine = Position(Party.INSTITUTION, Assessment.MET, "95%", "cm", "2020-04-01")
    theirs = Position(Party.STATE, Assessment.PARTLY_MET, "backlog", "gc", "2020-04-02")
    assert ReportItem(vob).agreed is None
    assert ReportItem(vob, institution=mine, commissioners=mine).agreed is True
    assert ReportItem(vob, institution=mine, commissioners=theirs).agreed is False
