"""Pages of action-commitments, events and missions; recording progress, its rights and audit."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pilotage.contract import ExportFormat, dump_contract, load_contract, seed_path
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.progress.models import Completion, EventOccurrence, MissionDelivery
from tests.web.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inami")]


@cache
def seed_content(seed_id: str) -> str:
    """A seed as the catalogue stores it, read once (reading YAML takes a second)."""
    return dump_contract(load_contract(seed_path(seed_id)), ExportFormat.JSON)


def store(seed_id: str, institution: str) -> ContractVersion:
    """A seed contract in the catalogue, stored the way `load-seeds` stores it."""
    content = seed_content(seed_id)
    inst, _ = Institution.objects.get_or_create(code=institution)
    version: ContractVersion = ContractVersion.objects.create(
        contract_id=seed_id,
        institution=inst,
        title=seed_id,
        period_start=dt.date(2013, 1, 1),
        period_end=dt.date(2015, 12, 31),
        content=content,
        sha256=hashlib.sha256(content.encode()).hexdigest(),
    )
    return version


@pytest.fixture
def inami(db: None) -> ContractVersion:
    """The INAMI 2013-2015 contract in the catalogue."""
    return store("inami-2013-2015", "INAMI")


BASE = "/contracts/inami-2013-2015"
# Art. 11 (domain E1) action 1: "Date limite : 30 juin 2013".
ACTION = f"{BASE}/actions/11/1/"
COMPLETE = {
    "milestone": "2013-06-30",
    "completed_on": "2013-06-28",
    "evidence": "Note au Comité général de gestion du 28/06/2013",
}


def login(role: Role, services: list[str] | None = None, name: str = "u") -> Client:
    user = make_user(name, role, "INAMI")
    if services is not None:
        Grant.objects.filter(user=user).update(services=services)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "services", "allowed"),
    [
        (Role.ADMINISTRATOR, None, True),
        (Role.CONTRACT_MANAGER, None, True),
        (Role.SERVICE_OWNER, ["11"], True),  # the article
        (Role.SERVICE_OWNER, ["E1"], True),  # its strategic domain
        (Role.SERVICE_OWNER, ["12", "E2"], False),  # other articles and domains
        (Role.SERVICE_OWNER, [], False),
        (Role.GOVERNMENT_COMMISSIONER, None, False),
        (Role.VIEWER, None, False),
    ],
)
def test_who_may_record_a_completion(role: Role, services: list[str] | None, allowed: bool) -> None:
    client = login(role, services)
    page = client.get(ACTION)
    assert page.status_code == 200
    assert ('name="evidence"' in page.content.decode()) is allowed
    response = client.post(ACTION, COMPLETE)
    assert response.status_code == (302 if allowed else 403)
    assert Completion.objects.count() == (1 if allowed else 0)
    assert AuditEntry.objects.filter(action="action.complete").count() == (1 if allowed else 0)


def test_service_owner_of_a_parent_article() -> None:
    # Art. 29.1 is part of art. 29 (domain E10).
    client = login(Role.SERVICE_OWNER, ["29"])
    data = {**COMPLETE, "milestone": "2013-12-31", "completed_on": "2013-12-20"}
    assert client.post(f"{BASE}/actions/29.1/1/", data).status_code == 302
    assert client.post(f"{BASE}/actions/30.1/1/", data).status_code == 403


def test_other_institution_is_refused() -> None:
    user = make_user("inasti", Role.ADMINISTRATOR, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    assert client.get(f"{BASE}/actions/").status_code == 403
    assert client.post(ACTION, COMPLETE).status_code == 403


def test_csrf_is_enforced() -> None:
    user = make_user("manager", Role.CONTRACT_MANAGER, "INAMI")
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    assert client.post(ACTION, COMPLETE).status_code == 403
    assert Completion.objects.count() == 0
    page = client.get(ACTION)
    token = page.cookies["csrftoken"].value
    assert client.post(ACTION, {**COMPLETE, "csrfmiddlewaretoken": token}).status_code == 302
    assert Completion.objects.count() == 1


def test_correction_keeps_before_and_after_in_the_audit_trail() -> None:
    client = login(Role.CONTRACT_MANAGER)
    client.post(ACTION, COMPLETE)
    client.post(ACTION, {**COMPLETE, "completed_on": "2013-07-02", "evidence": "corrected"})
    assert Completion.objects.count() == 1
    first, second = AuditEntry.objects.filter(object_type="progress.Completion").order_by("pk")
    assert first.action == "action.complete"
    assert first.before is None
    assert first.after["completed_on"] == "2013-06-28"
    assert second.action == "action.correct"
    assert second.before["completed_on"] == "2013-06-28"
    assert second.after == {
        **second.before,
        "completed_on": "2013-07-02",
        "evidence": "corrected",
    }
    assert second.who is not None
    assert second.institution is not None
    assert second.institution.code == "INAMI"
    page = client.get(ACTION).content.decode()
    assert "done late" in page
    assert "History (audit trail)" in page  # a contract manager reads the trail
    assert "action.correct" in page
    viewer = login(Role.VIEWER, name="v")
    assert "History (audit trail)" not in viewer.get(ACTION).content.decode()


def test_a_milestone_the_contract_no_longer_has_is_still_shown(inami: ContractVersion) -> None:
    Completion.objects.create(
        contract_id=inami.contract_id,
        institution=inami.institution,
        article="11",
        action="1",
        milestone="2013-05-31",
        completed_on=dt.date(2013, 5, 30),
        evidence="recorded under an earlier version of the contract",
    )
    page = login(Role.VIEWER).get(ACTION).content.decode()
    assert "this contract version does not have" in page
    assert "recorded under an earlier version" in page


def test_validation_errors_are_shown(today: dt.date) -> None:
    client = login(Role.ADMINISTRATOR)
    future = (today + dt.timedelta(days=10)).isoformat()
    response = client.post(ACTION, {**COMPLETE, "evidence": "  ", "completed_on": future})
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page
    assert "in the future" in page
    assert client.post(ACTION, {**COMPLETE, "milestone": "2099-01-01"}).status_code == 200
    assert Completion.objects.count() == 0


def test_evidence_file_is_stored_and_served_to_the_institution() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(Role.ADMINISTRATOR)
    upload = SimpleUploadedFile("pv.txt", b"proces-verbal", content_type="text/plain")
    data = {**COMPLETE, "evidence_link": "https://example.org/pv", "evidence_file": upload}
    assert client.post(ACTION, data).status_code == 302
    row = Completion.objects.get()
    assert row.evidence_file.name.startswith("evidence/")
    assert row.evidence_link == "https://example.org/pv"
    page = client.get(ACTION).content.decode()
    link = f"{BASE}/evidence/completion/{row.pk}/"
    assert link in page
    download = client.get(link)
    assert download.status_code == 200
    # Reading the stream to its end closes the file; closing the response again would fire
    # request_finished, which closes the test's database connection on PostgreSQL.
    assert b"".join(download.streaming_content) == b"proces-verbal"
    outsider = make_user("outsider", Role.ADMINISTRATOR, "INASTI")
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(outsider)
    assert other.get(link).status_code == 403
    assert client.get(f"{BASE}/evidence/completion/999/").status_code == 404
    too_big = SimpleUploadedFile("big.pdf", b"x" * (20 * 2**20 + 1))
    response = client.post(ACTION, {**COMPLETE, "evidence_file": too_big})
    assert "larger than 20 MB" in response.content.decode()


def test_list_counts_filter_and_as_of() -> None:
    client = login(Role.VIEWER)
    page = client.get(f"{BASE}/actions/?as_of=2013-06-15").content.decode()
    assert "Art. 21" in page
    assert "31/04/2013" in page
    assert "unreadable deadline" in page
    assert "✖" in page  # status readable without colour: symbol and text
    only = client.get(f"{BASE}/actions/?as_of=2013-06-15&status=unreadable").content.decode()
    assert "Showing 2 of 66" in only
    assert "Art. 21" in only
    assert "Art. 11" not in only
    assert client.get(f"{BASE}/actions/?status=nonsense").status_code == 400
    assert client.get(f"{BASE}/actions/?as_of=2013-02-30").status_code == 400
    bad = client.get(f"{BASE}/actions/?as_of=<script>x</script>")
    assert bad.status_code == 400
    shown = bad.content.decode()  # the value is echoed escaped, never as HTML
    assert "<script>x" not in shown
    assert "as_of=&lt;script&gt;x&lt;/script&gt; is not a date" in shown


def test_language_marker_for_a_text_missing_in_dutch() -> None:
    client = login(Role.VIEWER)
    page = client.get(f"{BASE}/actions/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "[fr] " in page  # the INAMI contract file is in French only


def test_event_recording_makes_a_relative_deadline_due() -> None:
    client = login(Role.SERVICE_OWNER, ["E7"])  # art. 26 is in domain E7
    event = "date de publication de l’arrêté royal"
    before = client.get(f"{BASE}/actions/26/1/?as_of=2013-08-01").content.decode()
    assert "waiting for an event" in before
    response = client.post(f"{BASE}/events/", {"event": event, "occurred_on": "2013-06-30"})
    assert response.status_code == 302
    after = client.get(f"{BASE}/actions/26/1/?as_of=2013-08-01").content.decode()
    assert "2013-12-31" in after
    assert "not due yet" in after
    entry = AuditEntry.objects.get(action="event.record")
    assert entry.after["occurred_on"] == "2013-06-30"
    # An event of an article the owner does not answer for is refused.
    other = client.post(f"{BASE}/events/", {"event": "table ronde", "occurred_on": "2013-03-15"})
    assert other.status_code == 403
    assert EventOccurrence.objects.count() == 1


@pytest.mark.parametrize("role", [Role.VIEWER, Role.GOVERNMENT_COMMISSIONER])
def test_readers_cannot_record_events_or_deliveries(role: Role) -> None:
    client = login(role)
    assert client.get(f"{BASE}/events/").status_code == 200
    data = {"event": "table ronde", "occurred_on": "2013-03-15"}
    assert client.post(f"{BASE}/events/", data).status_code == 403
    delivery = {"cycle": "2013-S1", "delivered_on": "2013-06-30", "evidence": "x"}
    assert client.post(f"{BASE}/missions/36.1/", delivery).status_code == 403


def test_missions_and_deliveries() -> None:
    client = login(Role.SERVICE_OWNER, ["SSS"])
    page = client.get(f"{BASE}/missions/?as_of=2013-07-15").content.decode()
    assert "36.1" in page
    assert "2013-S1" in page
    assert "No due date within the contract period" in page  # 36.2b, every 5 years
    data = {"cycle": "2013-S1", "delivered_on": "2013-06-28", "evidence": "Rapport S1"}
    assert client.post(f"{BASE}/missions/36.1/", data).status_code == 302
    assert MissionDelivery.objects.count() == 1
    assert AuditEntry.objects.filter(action="mission.deliver").count() == 1
    assert client.post(f"{BASE}/missions/36.4/", data).status_code == 403  # SECM
    detail = client.get(f"{BASE}/missions/36.1/?as_of=2013-07-15").content.decode()
    assert "done on time" in detail


def test_upcoming_page() -> None:
    client = login(Role.VIEWER)
    page = client.get(f"{BASE}/actions/upcoming/?as_of=2013-06-10&within=30").content.decode()
    assert "2013-06-30" in page
    assert "/actions/21/3/" in page
    assert "36.1" in page
    assert client.get(f"{BASE}/actions/upcoming/?within=x").status_code == 400


def test_unknown_action_is_404() -> None:
    client = login(Role.VIEWER)
    assert client.get(f"{BASE}/actions/99/1/").status_code == 404
    assert client.get(f"{BASE}/missions/99/").status_code == 404


def test_anonymous_is_sent_to_login() -> None:
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(f"{BASE}/actions/").status_code == 302
    assert User.objects.count() == 0


def test_looking_back_hides_what_was_done_later() -> None:
    login(Role.CONTRACT_MANAGER).post(ACTION, COMPLETE)
    client = login(Role.VIEWER, name="v")  # the audit trail, for its readers, shows everything
    before = client.get(f"{ACTION}?as_of=2013-06-27").content.decode()
    assert "Looking back" in before
    assert "due soon" in before
    assert COMPLETE["evidence"] not in before
    after = client.get(f"{ACTION}?as_of=2013-06-28").content.decode()
    assert COMPLETE["evidence"] in after
    assert "done on time" in after


def test_a_contract_without_action_commitments() -> None:
    # The INASTI amendment is organised by objectives and norms: no article, no mission.
    store("inasti-2019-2020", "INASTI")
    user = make_user("inasti-reader", Role.VIEWER, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    for page in ("actions/", "actions/upcoming/", "events/", "missions/"):
        response = client.get(f"/contracts/inasti-2019-2020/{page}")
        assert response.status_code == 200, page
    listing = client.get("/contracts/inasti-2019-2020/actions/").content.decode()
    assert "No action-commitment has this status." in listing


def test_a_recorded_milestone_opens_filled_in_for_correction() -> None:
    client = login(Role.CONTRACT_MANAGER)
    client.post(ACTION, {**COMPLETE, "evidence_link": "https://example.org/note"})
    row = Completion.objects.get()
    page = client.get(ACTION).content.decode()
    assert f'href="?milestone={row.milestone}#record"' in page
    form = client.get(f"{ACTION}?milestone={row.milestone}").content.decode()
    assert f'value="{row.completed_on.isoformat()}"' in form
    assert "https://example.org/note" in form
    assert row.evidence in form
    assert 'name="target" value="11/1"' in form  # the comment thread stays the action's
    fresh = client.get(f"{ACTION}?milestone=no-such-milestone")
    assert fresh.status_code == 200  # an unknown key falls back to the first open milestone


def _seen(page: str) -> str:
    import re

    found = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert found, "the form carries what it saw"
    return found.group(1)


def test_after_a_save_the_form_stays_on_the_milestone_it_recorded() -> None:
    """Art. 11 action 2 has three yearly milestones: recording the first must not open the form
    on the second, which a second click would then record."""
    client = login(Role.CONTRACT_MANAGER)
    url = f"{BASE}/actions/11/2/"
    seen = _seen(client.get(url).content.decode())
    data = {**COMPLETE, "milestone": "2013-12-31", "completed_on": "2013-12-20", "seen": seen}
    response = client.post(url, data)
    assert response.status_code == 302
    assert "saved=2013-12-31" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert '<option value="2013-12-31" selected>' in page
    assert '<option value="2014-12-31" selected>' not in page
    assert "This form is open on milestone 2013-12-31, recorded as completed on 2013-12-20" in page
    assert "<strong>2013-12-31</strong>: Recorded." in page


def test_a_stale_form_is_refused_and_nothing_changes() -> None:
    """Two tabs, or a double click: a form drawn before the last change is not applied."""
    client = login(Role.CONTRACT_MANAGER)
    url = f"{BASE}/actions/11/2/"
    old = _seen(client.get(url).content.decode())
    first = {**COMPLETE, "milestone": "2013-12-31", "completed_on": "2013-12-20", "seen": old}
    assert client.post(url, first).status_code == 302
    before = list(Completion.objects.values_list("milestone", "completed_on", "evidence"))
    audit = AuditEntry.objects.count()
    again = {**first, "milestone": "2014-12-31", "completed_on": "2014-12-19"}
    response = client.post(url, again)
    assert response.status_code == 409
    assert "This form is out of date" in response.content.decode()
    assert list(Completion.objects.values_list("milestone", "completed_on", "evidence")) == before
    assert AuditEntry.objects.count() == audit
    fresh = _seen(client.get(url).content.decode())
    assert client.post(url, {**again, "seen": fresh}).status_code == 302


def test_date_inputs_hold_iso_dates_in_every_language() -> None:
    """A date input shows empty unless its value is 2013-06-28, whatever the page's locale."""
    client = login(Role.CONTRACT_MANAGER)
    client.post(ACTION, COMPLETE)
    for language in ("fr", "nl", "en"):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        page = client.get(f"{ACTION}?milestone=2013-06-30").content.decode()
        assert 'type="date" name="completed_on" value="2013-06-28"' in page, language


def test_the_comment_thread_has_one_heading() -> None:
    """The page gives the thread its heading; the thread does not add a second one."""
    page = login(Role.CONTRACT_MANAGER).get(ACTION).content.decode()
    assert page.count("<h2>Comments</h2>") == 1
    assert "<h3>Comments and justifications</h3>" not in page


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_every_status_symbol_is_drawn_by_the_default_font() -> None:
    """Browsers here fall back to DejaVu Sans; a symbol it lacks shows as an empty box."""
    from pathlib import Path

    from fontTools.ttLib import TTFont

    import pilotage.web
    from pilotage.followup import Status
    from pilotage.reports import STATUS_SYMBOLS

    cmap = TTFont(DEJAVU).getBestCmap()
    clocks = (Path(pilotage.web.__file__).parent / "templates/evaluation/_clocks.html").read_text()
    glyphs = {c for s in Status for c in s.symbol}
    glyphs |= {c for s in STATUS_SYMBOLS.values() for c in s}
    glyphs |= {c for c in clocks if ord(c) > 0x2000}
    assert "◷" in glyphs
    missing = sorted(f"U+{ord(c):04X} {c}" for c in glyphs if ord(c) not in cmap)
    assert not missing, f"not in DejaVu Sans: {missing}"
