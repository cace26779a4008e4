"""Every path to a change goes through the same service function and leaves the same audit entry:
a comment posted, edited and withdrawn from the command line, a page and the API; a grant given,
changed and revoked from the command line and the admin."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client

from pilotage.cli import main
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.discussion.models import Comment
from tests.web.test_discussion import catalogue, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
__all__ = ["catalogue"]

CONTRACT = "inasti-2019-2020"
WHERE = {"target_type": "figure", "target": "VOB 2-01", "period": "2020-Q4", "unit": ""}


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def entry(e: AuditEntry) -> dict[str, Any]:
    """An audit entry without what differs by nature between two objects (their ids)."""
    return {
        "action": e.action,
        "object_type": e.object_type,
        "institution": e.institution.code if e.institution else None,
        "who": e.who.get_username() if e.who else None,
        "before": e.before,
        "after": e.after,
    }


def trail(object_id: int) -> list[dict[str, Any]]:
    found = AuditEntry.objects.filter(object_type="discussion.Comment", object_id=str(object_id))
    return [entry(e) for e in found.order_by("pk")]


def by_cli() -> int:
    out = cli("comments", "add", CONTRACT, "figure", WHERE["target"], "--period", WHERE["period"],
              "--kind", "justification", "--text", "Strike", "--as", "alice")  # fmt: skip
    pk = int(out.split()[0].lstrip("#"))
    cli("comments", "edit", CONTRACT, str(pk), "--text", "Strike, then flu", "--as", "alice")
    cli("comments", "withdraw", CONTRACT, str(pk), "--as", "alice")
    return pk


def by_page(client: Client) -> int:
    base = f"/contracts/{CONTRACT}/comments/"
    made = client.post(f"{base}post/", {**WHERE, "kind": "justification", "text": "Strike"})
    assert made.status_code == 302
    pk = Comment.objects.latest("pk").pk
    edited = client.post(f"{base}{pk}/edit/", {"kind": "justification", "text": "Strike, then flu"})
    assert edited.status_code == 302, edited.content.decode()[:2000]
    assert client.post(f"{base}{pk}/withdraw/").status_code == 302
    return pk


def by_api(client: Client) -> int:
    base = f"/api/contracts/{CONTRACT}/comments"
    body = {k: v for k, v in WHERE.items() if v} | {"kind": "justification", "text": "Strike"}
    made = client.post(base, json.dumps(body), content_type="application/json")
    assert made.status_code == 201, made.content
    pk = int(made.json()["id"])
    edit = json.dumps({"text": "Strike, then flu"})
    assert client.patch(f"{base}/{pk}", edit, content_type="application/json").status_code == 200
    assert client.post(f"{base}/{pk}/withdraw").status_code == 200
    return pk


def test_a_comment_leaves_the_same_trail_from_the_cli_a_page_and_the_api() -> None:
    client = login("alice", Role.CONTRACT_MANAGER, "INASTI")
    trails = {
        "cli": trail(by_cli()),
        "page": trail(by_page(client)),
        "api": trail(by_api(client)),
    }
    expected = trails["cli"]
    assert [e["action"] for e in expected] == ["comment.create", "comment.edit", "comment.withdraw"]
    assert all(e["who"] == "alice" and e["institution"] == "INASTI" for e in expected)
    assert expected[1]["before"]["text"] == "Strike"
    assert expected[1]["after"]["text"] == "Strike, then flu"
    assert expected[2]["after"]["withdrawn"] is True
    assert trails["page"] == expected
    assert trails["api"] == expected


def grant_trail(username: str) -> list[dict[str, Any]]:
    user = User.objects.get(username=username)
    grants = AuditEntry.objects.filter(object_type="accounts.Grant", object_repr__contains=username)
    return [entry(e) | {"who": None} for e in grants.order_by("pk")] + [
        {"remaining": Grant.objects.filter(user=user).count()}
    ]


def test_a_grant_leaves_the_same_trail_from_the_cli_and_the_admin() -> None:
    boss = User.objects.create_superuser("boss", password="pw-for-tests")
    admin = Client()
    admin.force_login(boss)
    inasti = Institution.objects.get(code="INASTI")

    User.objects.create_user("by-cli")
    cli("web", "grant", "by-cli", "INASTI", "service_owner", "--service", "VOB")
    cli("web", "grant", "by-cli", "INASTI", "service_owner", "--service", "VOB",
        "--service", "ZEL")  # fmt: skip
    cli("web", "grant", "by-cli", "INASTI", "--revoke")

    owner = User.objects.create_user("by-admin")
    made = admin.post(
        "/admin/accounts/grant/add/",
        {"user": owner.pk, "institution": inasti.pk, "role": "service_owner",
         "services": '["VOB"]'},
    )  # fmt: skip
    assert made.status_code == 302, made.content.decode()[:2000]
    pk = Grant.objects.get(user=owner).pk
    changed = admin.post(
        f"/admin/accounts/grant/{pk}/change/",
        {"role": "service_owner", "services": '["VOB", "ZEL"]'},
    )
    assert changed.status_code == 302
    assert admin.post(f"/admin/accounts/grant/{pk}/delete/", {"post": "yes"}).status_code == 302

    by_cli, by_admin = grant_trail("by-cli"), grant_trail("by-admin")
    assert [e.get("action") for e in by_cli] == [
        "grant.create",
        "grant.change",
        "grant.revoke",
        None,
    ]
    assert by_cli[-1] == {"remaining": 0}

    def renamed(trail: list[dict[str, Any]]) -> str:
        return json.dumps(trail, sort_keys=True).replace("by-admin", "by-cli")

    assert renamed(by_admin) == renamed(by_cli)
    authors = AuditEntry.objects.filter(object_type="accounts.Grant").values_list("who", flat=True)
    assert sorted(authors, key=str) == sorted([None] * 3 + [boss.pk] * 3, key=str)
