"""Adaptation requests (art. 42-44) and the art. 50 / art. 51 registers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.contract import load_contract, parse_contract, seed_path, to_plain
from pilotage.errors import AdaptationError, EvaluationOrderError, EvaluationPartyError
from pilotage.evaluation import (
    AdaptationState,
    Art50Entry,
    Art51Notice,
    Art51Stage,
    LegalCalendar,
    MeasureSource,
    Party,
    check_amendment,
    check_art50,
    check_art51_stage,
    check_decision,
    check_withdrawal,
    decision_clock,
)

INAMI = load_contract(seed_path("inami-2013-2015"))
LEGAL = LegalCalendar.of(INAMI)
AMENDMENT = {
    "format": "pilotage-contract/1",
    "id": "inami-2013-2015-adaptation-1",
    "kind": "amendment",
    "amends": "inami-2013-2015",
    "title": {"fr": "Adaptation art. 42 : art. 11 action 1"},
    "institution": {"code": "INAMI", "name": {"fr": "INAMI"}},
    "period": {"start": "2014-06-01", "end": "2015-12-31"},
    "references": [{"id": "inami-2013-2015", "title": {"fr": "CA 2013-2015"}, "available": True}],
    "languages": ["fr"],
    "articles": [
        {
            "number": "11",
            "title": {"fr": "Développement des connaissances en incapacité de travail"},
            "actions": [
                {
                    "number": "1",
                    "text": {"fr": "Création d’un Comité d’accompagnement."},
                    "deadline": {
                        "printed": "Date limite : 31 décembre 2014.",
                        "form": "date",
                        "dates": ["2014-12-31"],
                    },
                }
            ],
        }
    ],
}


def test_the_minister_decides_within_30_working_days_then_silence_approves() -> None:
    # Sent Friday 2 May 2014: 30 Monday-Saturday working days, Ascension (29 May) not counted,
    # end on Saturday 7 June, moved past Sunday and Whit Monday (9 June) to Tuesday 10 June
    # 2014; deemed approved from 11 June.
    rc = decision_clock(LEGAL, dt.date(2014, 5, 2), None, dt.date(2014, 6, 1))
    assert rc.due == dt.date(2014, 6, 10)
    assert rc.deemed_approved_on == dt.date(2014, 6, 11)
    check_decision(LEGAL, 1, AdaptationState.SENT, dt.date(2014, 5, 2), rc.due, dt.date(2014, 7, 1))


@pytest.mark.parametrize(
    ("state", "decided", "why"),
    [
        (AdaptationState.SENT, dt.date(2014, 6, 11), "deemed approved on 2014-06-11"),
        (AdaptationState.SENT, dt.date(2014, 5, 1), "before the request was sent"),
        (AdaptationState.SENT, dt.date(2014, 8, 1), "in the future"),
        (AdaptationState.WITHDRAWN, dt.date(2014, 5, 5), "is withdrawn"),
        # settled by silence already: no decision over it, even one dated in time
        (AdaptationState.DEEMED_APPROVED, dt.date(2014, 6, 5), "write and send a new adaptation"),
        (AdaptationState.DEEMED_APPROVED, dt.date(2014, 6, 20), "deemed approved on 2014-06-11"),
    ],
)
def test_a_decision_out_of_order_is_refused(
    state: AdaptationState, decided: dt.date, why: str
) -> None:
    with pytest.raises(AdaptationError, match=why):
        check_decision(LEGAL, 1, state, dt.date(2014, 5, 2), decided, dt.date(2014, 7, 1))


def test_a_withdrawal_counts_if_made_before_the_deemed_approval_even_if_recorded_after() -> None:
    sent, today = dt.date(2014, 5, 2), dt.date(2014, 7, 1)  # deemed approved from 11 June
    check_withdrawal(LEGAL, 1, AdaptationState.SENT, sent, dt.date(2014, 6, 10), today)
    check_withdrawal(LEGAL, 1, AdaptationState.DRAFT, None, dt.date(2014, 4, 1), today)
    for state, on, why in (
        (AdaptationState.SENT, dt.date(2014, 6, 11), "deemed approved from 2014-06-11"),
        (AdaptationState.SENT, dt.date(2014, 5, 1), "before the request was sent"),
        (AdaptationState.SENT, dt.date(2014, 7, 2), "in the future"),
        (AdaptationState.DEEMED_APPROVED, dt.date(2014, 6, 1), "new adaptation request"),
        (AdaptationState.REJECTED, dt.date(2014, 6, 1), "can no longer be withdrawn"),
    ):
        with pytest.raises(AdaptationError, match=why):
            check_withdrawal(LEGAL, 1, state, sent, on, today)


def test_an_amendment_draft_is_consolidated_under_the_contracts_id() -> None:
    amendment = parse_contract(AMENDMENT, "amendment")
    result, changes = check_amendment(INAMI, amendment)
    assert result.id == INAMI.id
    assert result.title == INAMI.title
    assert [str(c).splitlines()[0] for c in changes] == ["~ action art. 11 action 1"]
    action = next(a for art, a in result.actions() if art.number == "11" and a.number == "1")
    assert action.deadline is not None
    assert action.deadline.dates == [dt.date(2014, 12, 31)]
    assert any(r.id == amendment.id for r in result.references)


def test_an_amendment_draft_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    other = parse_contract({**AMENDMENT, "amends": "inasti-2019-2020"}, "x")
    with pytest.raises(AdaptationError, match="amends 'inasti-2019-2020', not 'inami-2013-2015'"):
        check_amendment(INAMI, other)
    empty = parse_contract({k: v for k, v in AMENDMENT.items() if k != "articles"}, "x")
    with pytest.raises(AdaptationError, match="changes nothing"):
        check_amendment(INAMI, empty)
    whole = parse_contract(to_plain(INAMI), "x")
    with pytest.raises(AdaptationError, match="kind: amendment"):
        check_amendment(INAMI, whole)


def test_art50_neutralises_for_its_period_and_counts_if_communicated_in_time() -> None:
    entry = Art50Entry(
        1,
        dt.date(2014, 3, 1),
        MeasureSource.ROYAL_DECREE,
        "Réforme de l'intervention majorée",
        ("14/2", "VOB 2-01"),
        communicated_on=dt.date(2014, 4, 1),
        neutralise_from=dt.date(2014, 4, 1),
        neutralise_to=dt.date(2014, 9, 30),
    )
    check_art50(entry, INAMI.signed_on, dt.date(2015, 1, 1))
    assert entry.neutralises("VOB 2-01", dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert not entry.neutralises("VOB 2-01", dt.date(2014, 10, 1), dt.date(2014, 12, 31))
    assert not entry.neutralises("VOB 1-01", dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert entry.in_time_for(LEGAL.draft_due(2014))
    assert not entry.in_time_for(dt.date(2014, 3, 31))


def test_art50_dates_out_of_order_are_refused() -> None:
    bad = Art50Entry(
        2,
        dt.date(2014, 3, 1),
        MeasureSource.LAW,
        "x",
        ("11/1",),
        communicated_on=dt.date(2014, 2, 1),
        neutralise_from=dt.date(2014, 6, 1),
        neutralise_to=dt.date(2014, 5, 1),
    )
    with pytest.raises(EvaluationOrderError) as refused:
        check_art50(bad, INAMI.signed_on, dt.date(2015, 1, 1))
    assert "before the measure was decided" in str(refused.value)
    assert "before it starts" in str(refused.value)


def test_art51_acknowledged_by_the_other_party_then_escalated_in_order() -> None:
    notice = Art51Notice(1, Party.INSTITUTION, dt.date(2014, 9, 1), "15/1", "IT delays")
    today = dt.date(2015, 1, 1)
    with pytest.raises(EvaluationPartyError, match="the other party \\(state\\)"):
        check_art51_stage(
            notice, Art51Stage.ACKNOWLEDGED, dt.date(2014, 9, 2), Party.INSTITUTION, today
        )
    with pytest.raises(EvaluationOrderError, match="not acknowledged yet"):
        check_art51_stage(notice, Art51Stage.CONCILIATION, dt.date(2014, 9, 2), Party.STATE, today)
    check_art51_stage(notice, Art51Stage.ACKNOWLEDGED, dt.date(2014, 9, 2), Party.STATE, today)
    acked = Art51Notice(
        1,
        Party.INSTITUTION,
        dt.date(2014, 9, 1),
        "15/1",
        "IT delays",
        stage=Art51Stage.ACKNOWLEDGED,
        stages={"acknowledged": "2014-09-02"},
        acknowledged_on=dt.date(2014, 9, 2),
    )
    with pytest.raises(EvaluationOrderError, match="before its last step"):
        check_art51_stage(acked, Art51Stage.CONCILIATION, dt.date(2014, 9, 1), Party.STATE, today)
    with pytest.raises(EvaluationOrderError, match="not council_of_ministers"):
        check_art51_stage(
            acked, Art51Stage.COUNCIL_OF_MINISTERS, dt.date(2014, 10, 1), Party.STATE, today
        )
    with pytest.raises(EvaluationOrderError, match="which remedial measures"):
        check_art51_stage(
            acked, Art51Stage.MEASURES_AGREED, dt.date(2014, 10, 1), Party.STATE, today
        )
    reported = Art51Notice(
        1,
        Party.INSTITUTION,
        dt.date(2014, 9, 1),
        "15/1",
        "IT delays",
        stage=Art51Stage.CONTRADICTORY_REPORT,
        stages={"acknowledged": "2014-09-02", "contradictory_report": "2014-11-02"},
    )
    with pytest.raises(EvaluationOrderError, match="opinions of the institution's management"):
        check_art51_stage(
            reported, Art51Stage.COUNCIL_OF_MINISTERS, dt.date(2014, 12, 1), Party.STATE, today
        )
    assert reported.open
