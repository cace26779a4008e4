"""The evaluation pages: the demonstration evaluation read and written by each role, bad input
refused with its reason and nothing changed, FR and NL."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pilotage.web.accounts.models import Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.demo import seed_demo_evaluation
from tests.web.conftest import make_user

BASE = "/contracts/inami-2013-2015/evaluation/"
YEAR = BASE + "2014/"


def _client(username: str, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(User.objects.get(username=username))
    return client


def _waiting_key(evaluation: m.Evaluation) -> str:
    return str(
        evaluation.items.filter(institution_assessment__gt="", commissioners_assessment="")
        .get()
        .key
    )


def test_each_role_reads_the_evaluation_and_its_registers(demo: m.Evaluation) -> None:
    for username in ("demo-contract-manager", "demo-government-commissioner", "demo-viewer"):
        client = _client(username)
        page = client.get(YEAR).content.decode()
        assert "DEMONSTRATION" in page
        assert "2015-03-31" in page
        assert "2015-04-20" in page
        assert "2015-05-08" in page  # the report's due date
        for url in ("", "requests/", "requests/1/", "art50/", "art51/", "meetings/"):
            assert client.get(BASE + url).status_code == 200, url
        report = client.get(YEAR + "documents/report/").content.decode()
        assert report.count("No agreement: both points of view") == 2
        draft = client.get(YEAR + "documents/draft/?version=1").content.decode()
        assert "frozen: as sent" in draft
    manager = _client("demo-contract-manager").get(YEAR).content.decode()
    assert 'name="step" value="report_sent"' in manager  # the manager's part: send the report
    viewer = _client("demo-viewer").get(YEAR).content.decode()
    assert 'name="step"' not in viewer


def test_the_pages_in_french_and_dutch(demo: m.Evaluation) -> None:
    fr = _client("demo-contract-manager", "fr").get(YEAR).content.decode()
    nl = _client("demo-contract-manager", "nl").get(YEAR).content.decode()
    assert "Calendrier légal (art. 49)" in fr
    assert "Wettelijke kalender (art. 49)" in nl
    assert "Registre art. 50" in fr
    assert "Register art. 50" in nl


def test_each_demo_account_is_told_its_part(demo: m.Evaluation) -> None:
    manager = _client("demo-contract-manager", "fr").get(YEAR).content.decode()
    commissioner = _client("demo-government-commissioner", "nl").get(YEAR).content.decode()
    viewer = _client("demo-viewer").get(YEAR).content.decode()
    assert "comme gestionnaire du contrat" in manager
    assert "rapport envoyé" in manager
    assert "als regeringscommissaris" in commissioner
    assert 'class="demo-part"' not in viewer
    lines = str(seed_demo_evaluation()).splitlines()  # as pilotage start prints it
    assert "demo-government-commissioner's part: write the commissioners' position" in lines[1]
    assert "demo-contract-manager's part: then record the step 'report sent'" in lines[2]
    demo.state = m.State.REPORT_SENT  # done its part: no longer told
    demo.save()
    assert 'class="demo-part"' not in _client("demo-contract-manager").get(YEAR).content.decode()


def test_the_commissioner_writes_their_position_and_nobody_else_can(demo: m.Evaluation) -> None:
    key = _waiting_key(demo)
    url = f"{YEAR}items/{key}/"
    form = {"action": "position", "assessment": "not_met", "text": "Too late", "party": "state"}
    for username in ("demo-contract-manager", "demo-viewer", "demo-service-owner"):
        response = _client(username).post(url, form)
        assert response.status_code == 403, username
        assert "only a government commissioner does" in response.content.decode()
    item = m.Item.objects.get(evaluation=demo, key=key)
    assert item.commissioners_assessment == ""
    response = _client("demo-government-commissioner").post(url, form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.commissioners_assessment, item.commissioners_by.username) == (
        "not_met",
        "demo-government-commissioner",
    )
    # the commissioner cannot change the institution's position
    mine = {**form, "party": "institution", "assessment": "met"}
    response = _client("demo-government-commissioner").post(url, mine)
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.institution_assessment == "met"
    assert AuditEntry.objects.filter(action="evaluation.position").count() >= 12


def test_bad_input_is_refused_with_its_reason_and_nothing_changes(demo: m.Evaluation) -> None:
    manager = _client("demo-contract-manager")
    before = list(m.Step.objects.values_list("step", "on"))
    # a date outside the legal order: the report before the meeting
    response = manager.post(YEAR, {"action": "step", "step": "report_sent", "on": "2015-04-01"})
    assert response.status_code == 409
    assert "before meeting_held on 2015-04-20" in response.content.decode()
    # a skipped step
    response = manager.post(YEAR, {"action": "step", "step": "closed", "on": "2015-05-01"})
    assert response.status_code == 409
    assert "no step is skipped" in response.content.decode()
    assert list(m.Step.objects.values_list("step", "on")) == before
    # a document edited after sending
    key = demo.items.order_by("order").first().key
    response = manager.post(f"{YEAR}items/{key}/", {"action": "narrative", "text": "changed"})
    assert response.status_code == 409
    assert "was sent on 2015-03-31 and is frozen" in response.content.decode()
    assert m.Item.objects.get(evaluation=demo, key=key).narrative != "changed"
    # a request decided after its deemed approval
    response = manager.post(BASE + "requests/1/", {"action": "reject", "on": "2014-04-30"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "deemed approved on 2014-03-" in text
    assert m.AdaptationRequest.objects.get().state == "deemed_approved"


def test_a_new_version_with_a_reason_then_the_earlier_one_stays_readable(
    demo: m.Evaluation,
) -> None:
    manager = _client("demo-contract-manager")
    key = demo.items.order_by("order").first().key
    old = m.Item.objects.get(evaluation=demo, key=key).narrative
    assert (
        manager.post(YEAR, {"action": "revise", "kind": "draft", "reason": ""}).status_code == 400
    )
    response = manager.post(YEAR, {"action": "revise", "kind": "draft", "reason": "Typo"})
    assert response.status_code == 302
    assert (
        manager.post(f"{YEAR}items/{key}/", {"action": "narrative", "text": "Fixed"}).status_code
        == 302
    )
    assert (
        manager.post(YEAR, {"action": "send", "kind": "draft", "on": "2015-04-02"}).status_code
        == 302
    )
    first = manager.get(YEAR + "documents/draft/?version=1").content.decode()
    second = manager.get(YEAR + "documents/draft/?version=2").content.decode()
    assert old in first
    assert "Fixed" in second
    assert "Typo" in second


def test_the_manager_sends_the_report_and_the_evaluation_closes(demo: m.Evaluation) -> None:
    manager = _client("demo-contract-manager")
    assert (
        manager.post(
            YEAR, {"action": "step", "step": "report_sent", "on": "2015-05-07"}
        ).status_code
        == 302
    )
    demo.refresh_from_db()
    assert demo.state == "report_sent"
    page = manager.get(YEAR).content.decode()
    assert "✔" in page
    key = _waiting_key(demo)
    response = _client("demo-government-commissioner").post(
        f"{YEAR}items/{key}/", {"action": "position", "assessment": "met", "text": "late"}
    )
    assert response.status_code == 409  # the report was sent: frozen
    assert (
        manager.post(YEAR, {"action": "step", "step": "closed", "on": "2015-05-08"}).status_code
        == 302
    )


def _clock_rows(page: str) -> list[list[str]]:
    """The cells of the clocks table (text only, the status mark dropped)."""
    table = re.search(r'<table class="clocks">(.*?)</table>', page, re.S)
    assert table
    rows = re.findall(r'<tr class="clock [^"]*">(.*?)</tr>', table.group(1), re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[" ".join(re.sub(r"<[^>]+>|[✔✖⚠◷]", "", c).split()) for c in r[:6]] for r in cells]


def test_clocks_of_a_past_year_say_met_or_late_by_how_much_never_days_left(
    demo: m.Evaluation,
) -> None:
    # The 2014 evaluation read years later: the report, due Friday 8 May 2015, sent Tuesday
    # 12 May is late by 4 days; the steps done in time are met; no days left counted from today.
    manager = _client("demo-contract-manager")
    sent = manager.post(YEAR, {"action": "step", "step": "report_sent", "on": "2015-05-12"})
    assert sent.status_code == 302
    assert _clock_rows(manager.get(YEAR).content.decode()) == [
        ["draft sent", "2015-03-31", "2015-03-31", "met", "—", "—"],
        ["meeting held", "2015-04-20", "2015-04-20", "met", "—", "—"],
        ["report sent", "2015-05-08", "2015-05-12", "late", "—", "4"],
    ]


@pytest.mark.parametrize(
    ("form", "why"),
    [
        ({"draft_due": "2015-04-15"}, "after the legal"),
        ({"meeting_within": "20"}, "meeting within 20"),
        ({"report_within": "16"}, "report within 16"),
    ],
)
def test_an_agreed_calendar_beyond_the_legal_maxima_is_refused_on_the_page(
    demo: m.Evaluation, form: dict[str, str], why: str
) -> None:
    calendar = {"action": "calendar", "agreed_on": "2015-01-20", "draft_due": "2015-03-31"}
    calendar |= {"meeting_within": "15", "report_within": "15"} | form
    response = _client("demo-contract-manager").post(YEAR, calendar)
    assert response.status_code == 409
    assert why in response.content.decode()
    demo.refresh_from_db()
    assert not demo.agreed_calendar


def test_a_commissioner_opens_nothing_and_an_outsider_sees_nothing(demo: m.Evaluation) -> None:
    response = _client("demo-government-commissioner").post(BASE, {"year": "2015"})
    assert response.status_code == 403
    assert not m.Evaluation.objects.filter(year=2015).exists()
    make_user("outsider", Role.CONTRACT_MANAGER, "INASTI")
    assert _client("outsider").get(YEAR).status_code == 403


def test_dashboards_show_neutralisations_and_open_notices(demo: m.Evaluation) -> None:
    from pilotage.web.evaluation.templatetags.evaluation_notes import evaluation_notes

    notes = evaluation_notes("inami-2013-2015", "2014-Q1")
    assert [e.number for e in notes["neutralisations"]] == [1]
    assert [n.number for n in notes["notices"]] == [1]
    assert evaluation_notes("inami-2013-2015", "2014-Q3")["neutralisations"] == []


def test_reminders_page_lists_what_is_late(
    demo: m.Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pilotage.followup.today", lambda: dt.date(2015, 5, 4))
    page = _client("demo-government-commissioner").get("/reminders/?days=10").content.decode()
    assert "2014/report_sent" in page
    assert "2015-05-08" in page
