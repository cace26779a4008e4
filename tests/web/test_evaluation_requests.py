"""Art. 42 adaptation requests on the register page: approved (consolidated with that
provenance), rejected and withdrawn (both stay in the register, nothing consolidated); an art. 43
new mission by law is recorded as needing an avenant, with no decision clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.demo import _amendment

REQUESTS = "/contracts/inami-2013-2015/evaluation/requests/"


@pytest.fixture
def manager(demo: m.Evaluation) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(username="demo-contract-manager"))
    return client


def _request(
    client: Client, title: str, kind: str = m.RequestKind.TARGETS, to: str = "2014-12-31"
) -> int:
    # the demonstration's amendment is consolidated already: this one moves its deadline again
    y, mo, d = to.split("-")
    moved = _amendment().replace("30.9.2014", f"{int(d)}.{int(mo)}.{y}").replace("2014-09-30", to)
    amendment = "" if kind == m.RequestKind.NEW_MISSION_BY_LAW else moved
    form = {"kind": kind, "title": title, "amendment": amendment}
    response = client.post(REQUESTS, form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return m.AdaptationRequest.objects.get(title=title).number


def _act(client: Client, number: int, action: str, on: str) -> m.AdaptationRequest:
    response = client.post(f"{REQUESTS}{number}/", {"action": action, "on": on, "note": "n"})
    assert response.status_code == 302, response.content.decode()
    return m.AdaptationRequest.objects.get(number=number)


def test_approved_rejected_and_withdrawn_requests_stay_in_the_register(manager: Client) -> None:
    approved = _request(manager, "Request approved", to="2014-12-31")
    rejected = _request(manager, "Request rejected", to="2014-11-30")
    withdrawn = _request(manager, "Request withdrawn", to="2014-10-31")
    req = _act(manager, withdrawn, "withdraw", "2014-08-29")  # before it was sent
    assert (req.state, req.consolidated) == (m.RequestState.WITHDRAWN, None)
    for number in (approved, rejected):
        req = _act(manager, number, "send", "2014-09-01")
        assert req.decision_due == dt.date(2014, 10, 6)  # 30 working days
    req = _act(manager, approved, "approve", "2014-09-20")
    assert req.state == m.RequestState.APPROVED
    assert req.consolidated is not None
    assert "approved by the supervising minister on 2014-09-20" in req.consolidated.source
    req = _act(manager, rejected, "reject", "2014-09-22")
    assert (req.state, req.consolidated) == (m.RequestState.REJECTED, None)
    page = manager.get(REQUESTS).content.decode()
    for title in ("Request approved", "Request rejected", "Request withdrawn"):
        assert title in page
    # a decided request is decided once: a second decision is refused, nothing changes
    response = manager.post(f"{REQUESTS}{rejected}/", {"action": "approve", "on": "2014-09-25"})
    assert response.status_code >= 400
    assert m.AdaptationRequest.objects.get(number=rejected).state == m.RequestState.REJECTED


def test_a_new_mission_by_law_needs_an_avenant_and_runs_no_clock(manager: Client) -> None:
    number = _request(manager, "Art. 43 mission", m.RequestKind.NEW_MISSION_BY_LAW)
    req = m.AdaptationRequest.objects.get(number=number)
    assert (req.state, req.decision_due, req.consolidated) == (
        m.RequestState.NEEDS_AVENANT,
        None,
        None,
    )
    response = manager.post(f"{REQUESTS}{number}/", {"action": "send", "on": "2014-09-01"})
    assert response.status_code >= 400  # not sent to the minister as an art. 42 adaptation
    assert "needs an avenant (art. 43)" in manager.get(REQUESTS).content.decode()


def test_after_the_delay_a_withdrawal_made_in_time_counts_and_a_decision_is_refused(
    manager: Client,
) -> None:
    """Sent 1 September 2014: 30 working days to 6 October, deemed approved from 7 October.
    Recorded later (today is past both), a withdrawal dated 3 October counts; a second request
    settled by silence takes no decision, even dated in time, and nothing stored changes."""
    from pilotage.web.catalogue.models import ContractVersion
    from pilotage.web.evaluation.changes import settle_requests

    in_time = _request(manager, "Withdrawn in time", to="2014-12-31")
    late = _request(manager, "Withdrawn too late", to="2014-11-30")
    silent = _request(manager, "Settled by silence", to="2014-10-31")
    for number in (in_time, late, silent):
        _act(manager, number, "send", "2014-09-01")
    response = manager.post(f"{REQUESTS}{late}/", {"action": "withdraw", "on": "2014-10-07"})
    assert response.status_code >= 400
    assert "deemed approved from 2014-10-07" in response.content.decode()
    req = _act(manager, in_time, "withdraw", "2014-10-03")
    assert (req.state, req.consolidated) == (m.RequestState.WITHDRAWN, None)
    settle_requests("inami-2013-2015")
    req = m.AdaptationRequest.objects.get(number=silent)
    assert req.state == m.RequestState.DEEMED_APPROVED
    versions = ContractVersion.objects.count()
    for action in ("approve", "reject"):
        response = manager.post(f"{REQUESTS}{silent}/", {"action": action, "on": "2014-10-02"})
        assert response.status_code >= 400
        assert "write and send a new adaptation request" in response.content.decode()
    after = m.AdaptationRequest.objects.get(number=silent)
    assert (after.state, after.decided_on, after.consolidated_id) == (
        m.RequestState.DEEMED_APPROVED,
        None,
        req.consolidated_id,
    )
    assert ContractVersion.objects.count() == versions
