from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from pilotage.contract import (
    ExportFormat,
    dump_contract,
    load_contract,
    parse_contract,
    resolve_contract_path,
)
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.discussion.models import Comment
from tests.web.conftest import INSTITUTION_OF, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@lru_cache(maxsize=1)
def _seed_rows() -> tuple[tuple[str, dict[str, Any]], ...]:
    rows = []
    for seed_id, institution in INSTITUTION_OF.items():
        path = resolve_contract_path(seed_id)
        content = dump_contract(load_contract(path), ExportFormat.JSON)
        contract = parse_contract(json.loads(content), seed_id)
        fields = {
            "contract_id": contract.id,
            "title": contract.title.text("fr")[:500],
            "period_start": contract.period.start,
            "period_end": contract.period.end,
            "content": content,
            "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
            "source": str(path),
        }
        rows.append((institution, fields))
    return tuple(rows)


@pytest.fixture
def catalogue(db: None) -> None:
    """Both seed contracts in the catalogue, as `seeded` loads them, read and checked only once."""
    for institution, fields in _seed_rows():
        inst, _ = Institution.objects.get_or_create(code=institution)
        ContractVersion.objects.create(institution=inst, **fields)


INASTI = "/contracts/inasti-2019-2020/comments/"
INAMI = "/contracts/inami-2013-2015/comments/"


def login(username: str, role: Role, institution: str, services: list[str] | None = None) -> Client:
    user = make_user(username, role, institution)
    if services is not None:
        Grant.objects.filter(user=user).update(services=services)
    client = Client()
    client.force_login(user)
    return client


def figure(text: str = "Backlog after the strike", **extra: str) -> dict[str, str]:
    return {
        "target_type": "figure",
        "target": "VOB 2-01",
        "period": "2020-Q4",
        "unit": "",
        "kind": "justification",
        "text": text,
        **extra,
    }


def action(target: str = "11/2") -> dict[str, str]:
    return {"target_type": "action", "target": target, "kind": "comment", "text": "On track"}


@pytest.mark.parametrize(
    ("role", "services", "allowed"),
    [
        (Role.ADMINISTRATOR, None, True),
        (Role.CONTRACT_MANAGER, None, True),
        (Role.GOVERNMENT_COMMISSIONER, None, True),
        (Role.SERVICE_OWNER, ["VOB"], True),
        (Role.SERVICE_OWNER, ["PEN"], False),
        (Role.SERVICE_OWNER, [], False),
        (Role.VIEWER, None, False),
    ],
)
def test_who_may_comment_on_a_figure(role: Role, services: list[str] | None, allowed: bool) -> None:
    client = login("u", role, "INASTI", services)
    response = client.post(f"{INASTI}post/", figure())
    assert response.status_code == (302 if allowed else 403)
    assert Comment.objects.count() == (1 if allowed else 0)


@pytest.mark.parametrize(
    ("services", "allowed"),
    [(["11"], True), (["E1"], True), (["12", "E2"], False)],
)
def test_service_owner_comments_on_the_actions_of_their_articles(
    services: list[str], allowed: bool
) -> None:
    client = login("owner", Role.SERVICE_OWNER, "INAMI", services)
    assert client.post(f"{INAMI}post/", action()).status_code == (302 if allowed else 403)


def test_mission_belongs_to_its_service() -> None:
    client = login("owner", Role.SERVICE_OWNER, "INAMI", ["SSS"])
    mission = {"target_type": "mission", "target": "36.1", "kind": "comment", "text": "Done"}
    assert client.post(f"{INAMI}post/", mission).status_code == 302
    assert client.post(f"{INAMI}post/", {**mission, "target": "36.3"}).status_code == 403
    article = login("article-owner", Role.SERVICE_OWNER, "INAMI", ["36"])
    assert article.post(f"{INAMI}post/", {**mission, "target": "36.3"}).status_code == 302


def test_other_institution_is_refused() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INAMI")
    assert client.post(f"{INASTI}post/", figure()).status_code == 403
    assert client.get(INASTI).status_code == 403


def test_unknown_target_is_404_and_bad_fields_are_400() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    assert client.post(f"{INASTI}post/", figure(target="VOB 9-99")).status_code == 404
    assert client.post(f"{INASTI}post/", figure(period="2020 Q4; drop")).status_code == 400
    assert client.post(f"{INASTI}post/", figure(text="  ")).status_code == 400
    assert client.get(f"{INASTI}post/").status_code == 405
    assert Comment.objects.count() == 0


def test_anonymous_is_sent_to_login() -> None:
    response = Client().post(f"{INASTI}post/", figure())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_posting_requires_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("manager", Role.CONTRACT_MANAGER, "INASTI"))
    assert client.post(f"{INASTI}post/", figure()).status_code == 403
    token = client.get(INASTI).cookies["csrftoken"].value
    accepted = client.post(f"{INASTI}post/", {**figure(), "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert Comment.objects.count() == 1


def test_next_goes_back_to_the_page_only_on_this_site() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    page = "/contracts/inasti-2019-2020/dashboard/VOB%202-01/?period=2020-Q4"
    assert client.post(f"{INASTI}post/", figure(next=page))["Location"] == page
    away = client.post(f"{INASTI}post/", figure(next="https://evil.example/"))
    assert away["Location"] == INASTI


def test_edit_and_withdraw_are_audited_and_nothing_is_deleted() -> None:
    client = login("commissioner", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    client.post(f"{INASTI}post/", figure("first"))
    comment = Comment.objects.get()
    assert client.get(f"{INASTI}{comment.pk}/edit/").status_code == 200
    edited = client.post(f"{INASTI}{comment.pk}/edit/", {"kind": "comment", "text": "second"})
    assert edited.status_code == 302
    assert client.post(f"{INASTI}{comment.pk}/withdraw/").status_code == 302
    comment.refresh_from_db()
    assert comment.withdrawn
    assert comment.text == "second"
    trail = list(AuditEntry.objects.filter(object_type="discussion.Comment").order_by("pk"))
    assert [e.action for e in trail] == ["comment.create", "comment.edit", "comment.withdraw"]
    assert trail[0].before is None
    assert {e.institution.code for e in trail if e.institution} == {"INASTI"}
    assert trail[0].after["text"] == "first"
    assert (trail[1].before["text"], trail[1].after["text"]) == ("first", "second")
    assert (trail[1].before["kind"], trail[1].after["kind"]) == ("justification", "comment")
    assert (trail[2].before["withdrawn"], trail[2].after["withdrawn"]) == (False, True)
    assert all(e.who is not None and e.who.get_username() == "commissioner" for e in trail)
    # withdrawn: no more editing, no second withdrawal
    assert (
        client.post(f"{INASTI}{comment.pk}/edit/", {"kind": "comment", "text": "x"}).status_code
        == 403
    )
    assert client.post(f"{INASTI}{comment.pk}/withdraw/").status_code == 403


def test_only_the_author_edits_and_the_manager_may_withdraw_any() -> None:
    author = login("author", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    author.post(f"{INASTI}post/", figure())
    pk = Comment.objects.get().pk
    other = login("other", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    assert other.post(f"{INASTI}{pk}/edit/", {"kind": "comment", "text": "x"}).status_code == 403
    assert other.post(f"{INASTI}{pk}/withdraw/").status_code == 403
    manager = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    assert manager.post(f"{INASTI}{pk}/edit/", {"kind": "comment", "text": "x"}).status_code == 403
    assert manager.post(f"{INASTI}{pk}/withdraw/").status_code == 302
    assert Comment.objects.get().withdrawn
    outsider = login("outsider", Role.ADMINISTRATOR, "INAMI")
    assert outsider.post(f"{INASTI}{pk}/withdraw/").status_code == 403


def test_service_owner_who_lost_the_service_no_longer_edits() -> None:
    owner = login("owner", Role.SERVICE_OWNER, "INASTI", ["VOB"])
    owner.post(f"{INASTI}post/", figure())
    pk = Comment.objects.get().pk
    Grant.objects.filter(user__username="owner").update(services=["PEN"])
    assert owner.post(f"{INASTI}{pk}/edit/", {"kind": "comment", "text": "x"}).status_code == 403


def render_thread(user: User, *args: str) -> str:
    request = RequestFactory().get("/contracts/inasti-2019-2020/dashboard/?period=2020-Q4")
    request.user = user
    request.LANGUAGE_CODE = "en"
    grant = Grant.objects.filter(user=user).select_related("institution").first()
    template = Template(
        "{% load discussion %}{% comment_thread grant cid ttype target period unit %}"
    )
    context = {"grant": grant, "cid": args[0], "ttype": args[1], "target": args[2]}
    with translation.override("en"):
        return template.render(
            Context({**context, "period": args[3], "unit": args[4], "request": request})
        )


def test_thread_tag_shows_comments_and_the_form_when_allowed() -> None:
    author = make_user("author", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    author.first_name, author.last_name = "Anne", "Dupont"
    author.save()
    client = Client()
    client.force_login(author)
    client.post(f"{INASTI}post/", figure("Strike in October"))
    client.post(f"{INASTI}post/", figure("Mistake"))
    listed = client.get(INASTI).content.decode()
    assert 'href="/contracts/inasti-2019-2020/dashboard/2020-Q4/objectives/VOB%202-01/"' in listed
    Comment.objects.filter(text="Mistake").update(withdrawn=True)
    args = ("inasti-2019-2020", "figure", "VOB 2-01", "2020-Q4", "")
    page = render_thread(author, *args)
    assert "Strike in October" in page
    assert "Anne Dupont" in page
    assert "government commissioner" in page
    assert "justification" in page
    assert "Mistake" not in page  # withdrawn: shown as such, its text is in the audit trail
    assert "Withdrawn" in page
    assert 'name="next" value="/contracts/inasti-2019-2020/dashboard/?period=2020-Q4"' in page
    assert "<textarea" in page
    viewer = make_user("viewer", Role.VIEWER, "INASTI")
    page = render_thread(viewer, *args)
    assert "Strike in October" in page
    assert "<textarea" not in page
    assert "Withdraw</button>" not in page
    other_period = render_thread(author, *args[:3], "2020-Q3", "")
    assert "Strike in October" not in other_period


def test_thread_tag_is_empty_without_a_grant_for_the_contract() -> None:
    inami = make_user("inami", Role.CONTRACT_MANAGER, "INAMI")
    assert render_thread(inami, "inasti-2019-2020", "figure", "VOB 2-01", "2020-Q4", "") == ""


def test_list_page_filters_by_period_target_type_and_kind() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INAMI")
    client.post(f"{INAMI}post/", action("11/2"))
    mission = {"target_type": "mission", "target": "36.1", "period": "2014-Q2"}
    client.post(f"{INAMI}post/", {**mission, "kind": "justification", "text": "Late data"})
    page = client.get(INAMI).content.decode()
    assert "On track" in page
    assert "Late data" in page
    assert f'href="{INAMI}"' in page  # linked from the contract nav
    assert 'href="/contracts/inami-2013-2015/actions/11/2/"' in page
    assert 'href="/contracts/inami-2013-2015/missions/36.1/"' in page
    assert "On track" not in client.get(INAMI, {"target_type": "mission"}).content.decode()
    assert "Late data" not in client.get(INAMI, {"kind": "comment"}).content.decode()
    by_period = client.get(INAMI, {"period": "2014-Q2"}).content.decode()
    assert "Late data" in by_period
    assert "On track" not in by_period
    viewer = login("viewer", Role.VIEWER, "INAMI")
    assert "Late data" in viewer.get(INAMI).content.decode()


def test_common_commitment_figure_belongs_to_its_own_code() -> None:
    telework = {**figure(), "target": "telework"}
    manager = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    assert manager.post(f"{INASTI}post/", telework).status_code == 302
    hr = login("hr", Role.SERVICE_OWNER, "INASTI", ["telework"])
    assert hr.post(f"{INASTI}post/", telework).status_code == 302
    assert hr.post(f"{INASTI}post/", figure()).status_code == 403


def test_thread_on_the_action_page_and_back_to_it_without_javascript() -> None:
    page_url = "/contracts/inami-2013-2015/actions/11/2/"
    manager = login("manager", Role.CONTRACT_MANAGER, "INAMI")
    before = manager.get(page_url).content.decode()
    assert f'action="{INAMI}post/"' in before
    assert f'name="next" value="{page_url}"' in before
    done = manager.post(f"{INAMI}post/", {**action("11/2"), "next": page_url})
    assert done["Location"] == page_url
    assert "On track" in manager.get(page_url).content.decode()
    viewer = login("viewer", Role.VIEWER, "INAMI").get(page_url).content.decode()
    assert "On track" in viewer
    assert f'action="{INAMI}post/"' not in viewer


def test_two_threads_on_one_page_have_their_own_form_ids() -> None:
    manager = make_user("manager", Role.CONTRACT_MANAGER, "INASTI")
    q3 = render_thread(manager, "inasti-2019-2020", "figure", "VOB 2-01", "2020-Q3", "")
    q4 = render_thread(manager, "inasti-2019-2020", "figure", "VOB 2-01", "2020-Q4", "")
    ids = [set(re.findall(r'id="([^"]+)"', page)) for page in (q3, q4)]
    assert ids[0]
    assert not ids[0] & ids[1]
