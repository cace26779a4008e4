"""The demonstration evaluation of INAMI 2014, set up as `pilotage start` does."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.web.accounts.demo import create_demo_users
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.demo import seed_demo_evaluation
from pilotage.web.evaluation.services import document_of
from pilotage.web.progress.demo import seed_demo_progress


@pytest.mark.usefixtures("seeded")
def test_the_demonstration_evaluation_is_complete_and_idempotent() -> None:
    create_demo_users(["INASTI", "INAMI"])
    seed_demo_progress("inami-2013-2015")
    first = seed_demo_evaluation()
    assert first.created
    evaluation = m.Evaluation.objects.get(contract_id="inami-2013-2015", year=2014)
    assert evaluation.state == m.State.MEETING_HELD
    assert evaluation.demo
    draft = document_of(evaluation, "draft")
    assert (draft.version, draft.sent_on) == (1, "2015-03-31")
    report = document_of(evaluation, "report")
    assert report.sent_on is None
    assert len(report.disagreed) == 2
    for item in report.disagreed:
        assert item.institution is not None
        assert item.commissioners is not None
        assert item.institution.author == "demo-contract-manager"
        assert item.commissioners.author == "demo-government-commissioner"
    waiting = [i for i in report.items if i.institution and not i.commissioners]
    assert len(waiting) == 1  # the commissioner's part
    req = m.AdaptationRequest.objects.get(contract_id="inami-2013-2015")
    assert req.state == m.RequestState.DEEMED_APPROVED
    assert req.consolidated is not None
    assert "deemed approved on 2014-03-" in req.consolidated.source
    latest = ContractVersion.objects.filter(contract_id="inami-2013-2015").first()
    assert latest == req.consolidated
    actions = {(art.number, a.number): a for art, a in latest.contract().actions()}
    deadline = actions["22", "3"].deadline
    assert deadline is not None
    assert deadline.dates == [dt.date(2014, 9, 30)]
    assert m.Art50Entry.objects.count() == 2
    assert m.Art51Notice.objects.get().stage == "acknowledged"
    counts = [
        model.objects.count()
        for model in (m.Item, m.Step, m.DocumentVersion, m.AdaptationRequest, ContractVersion)
    ]
    assert not seed_demo_evaluation().created
    assert counts == [
        model.objects.count()
        for model in (m.Item, m.Step, m.DocumentVersion, m.AdaptationRequest, ContractVersion)
    ]
