"""Rights and the audit trail on every path: the admin, the command line, a shell; the admin
limited to one's institutions; login lockout."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import Group, Permission, User
from django.http import HttpRequest
from django.test import Client

from pilotage.cli import main
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.audit.record import record
from tests.web.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def superuser_client() -> tuple[Client, User]:
    boss = User.objects.create_superuser("boss", password="pw-for-tests")
    client = Client()
    client.force_login(boss)
    return client, boss


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- every change of users, grants, roles and services is audited, whichever way ------------


def test_the_admin_creating_a_staff_user_is_audited() -> None:
    client, boss = superuser_client()
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newstaff",
            "usable_password": "true",
            "password1": "a long test password 1",
            "password2": "a long test password 1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="newstaff")
    (created,) = [e for e in entries("user.create") if e.object_repr == "newstaff"]
    assert created.who == boss
    assert created.object_id == str(user.pk)
    assert created.after["password_set"] is True
    assert "password" not in created.after  # never the hash
    page = client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert "newstaff" in page
    form = {
        "username": "newstaff",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "user_permissions": [str(Permission.objects.get(codename="view_auditentry").pk)],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
    }
    response = client.post(f"/admin/auth/user/{user.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    changes = entries("user.change")
    assert changes, "making a superuser through the admin left no audit entry"
    assert all(e.who == boss for e in changes)
    flags = [e for e in changes if e.before.get("superuser") != e.after.get("superuser")]
    assert flags[0].before["superuser"] is False
    assert flags[0].after["superuser"] is True
    assert flags[0].after["staff"] is True
    perms = [e for e in changes if e.before.get("permissions") != e.after.get("permissions")]
    assert perms[-1].after["permissions"] == ["audit.view_auditentry"]


def test_the_admin_granting_and_widening_services_is_audited() -> None:
    client, boss = superuser_client()
    owner = User.objects.create_user("owner")
    inasti = Institution.objects.get(code="INASTI")
    response = client.post(
        "/admin/accounts/grant/add/",
        {"user": owner.pk, "institution": inasti.pk, "role": "service_owner",
         "services": '["VOB"]'},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    grant = Grant.objects.get(user=owner)
    (created,) = entries("grant.create")
    assert (created.who, created.institution) == (boss, inasti)
    assert created.after["services"] == ["VOB"]
    response = client.post(
        f"/admin/accounts/grant/{grant.pk}/change/",
        {"role": "service_owner", "services": '["VOB", "ZEL"]'},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (changed,) = entries("grant.change")
    assert changed.who == boss
    assert (changed.before["services"], changed.after["services"]) == (["VOB"], ["VOB", "ZEL"])
    refused = client.post(
        f"/admin/accounts/grant/{grant.pk}/change/", {"role": "viewer", "services": '["VOB"]'}
    )
    assert refused.status_code == 200  # the form again, with the reason
    assert "services is for a service_owner" in refused.content.decode()
    response = client.post(f"/admin/accounts/grant/{grant.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    (revoked,) = entries("grant.revoke")
    assert revoked.who == boss
    assert revoked.before["role"] == "service_owner"


def test_groups_and_their_permissions_are_audited() -> None:
    user = make_user("member", Role.VIEWER, "INASTI")
    group = Group.objects.create(name="readers")
    group.permissions.add(Permission.objects.get(codename="view_auditentry"))
    user.groups.add(group)
    assert [e.action for e in AuditEntry.objects.filter(object_type="auth.Group")] == [
        "group.change",
        "group.create",
    ]  # newest first
    (joined,) = [e for e in entries("user.change") if e.after["groups"] == ["readers"]]
    assert joined.institution is not None
    assert joined.institution.code == "INASTI"


def test_the_command_line_goes_through_the_same_functions_and_is_audited() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["web", "grant", "zoe", "INASTI", "viewer", "--create-user"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(
        main, ["web", "grant", "zoe", "INASTI", "service_owner", "--service", "VOB"]
    )
    assert out.exit_code == 0, out.output
    actions = [
        e.action for e in AuditEntry.objects.filter(object_repr__startswith="zoe").order_by("pk")
    ]
    assert actions == ["user.create", "grant.create", "grant.change"]
    assert AuditEntry.objects.get(action="user.create").institution.code == "INASTI"
    assert not AuditEntry.objects.filter(action__in=actions).exclude(who=None).exists()


def test_a_change_from_a_shell_is_audited_too() -> None:
    user = make_user("quiet", Role.VIEWER, "INASTI")
    grant = Grant.objects.get(user=user)
    grant.role = Role.CONTRACT_MANAGER.value
    grant.save()
    user.is_superuser = True
    user.save()
    assert entries("grant.change")[0].after["role"] == "contract_manager"
    assert entries("user.change")[0].after["superuser"] is True


def test_a_login_stamp_is_not_a_change() -> None:
    make_user("daily", Role.VIEWER, "INASTI")
    before = AuditEntry.objects.count()
    assert Client().login(request=HttpRequest(), username="daily", password="pw-for-tests")
    assert AuditEntry.objects.count() == before


def test_demonstration_accounts_go_through_the_same_functions() -> None:
    from pilotage.cli._web import create_demo_logins

    create_demo_logins(["INASTI"])
    owner = Grant.objects.get(user__username="demo-service-owner")
    assert owner.services == ["VOB"]
    (given,) = [e for e in entries("grant.create") if e.object_id == str(owner.pk)]
    assert given.after["services"] == ["VOB"]
    create_demo_logins(["INASTI"])  # again: new passwords, audited; the grants unchanged
    assert len(entries("user.password")) == 10  # five accounts, each password set twice
    assert not entries("grant.change")
    made = {e.object_repr for e in entries("user.create")}
    assert {"demo-administrator", "demo-viewer"} <= made


# --- the admin respects institution scope ----------------------------------------------------


def commissioner_of_inasti() -> Client:
    user = make_user("commissioner", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    user.is_staff = True
    user.save()
    for codename in ("view_auditentry", "view_institution", "view_grant", "view_user"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_a_commissioner_reads_only_their_institution_under_admin() -> None:
    inami = Institution.objects.get(code="INAMI")
    secret = record("secret.change", inami, before={"x": 1}, after={"x": 2}, institution=inami)
    mine = record(
        "mine.change",
        Institution.objects.get(code="INASTI"),
        after={"y": 1},
        institution=Institution.objects.get(code="INASTI"),
    )
    make_user("inami-person", Role.VIEWER, "INAMI")
    client = commissioner_of_inasti()
    listing = client.get("/admin/audit/auditentry/").content.decode()
    assert "mine.change" in listing
    assert "secret.change" not in listing
    assert "INAMI" not in listing  # not even in the filters
    detail = client.get(f"/admin/audit/auditentry/{secret.pk}/change/")
    assert detail.status_code in {302, 403, 404}
    assert "secret.change" not in detail.content.decode()
    assert client.get(f"/admin/audit/auditentry/{mine.pk}/change/").status_code == 200
    institutions = client.get("/admin/accounts/institution/").content.decode()
    assert "INASTI" in institutions
    assert "INAMI" not in institutions
    assert client.get(f"/admin/accounts/institution/{inami.pk}/change/").status_code != 200
    users = client.get("/admin/auth/user/").content.decode()
    assert "inami-person" not in users
    grants = client.get("/admin/accounts/grant/").content.decode()
    assert "inami-person" not in grants
    versions = client.get("/admin/catalogue/contractversion/").content.decode()
    assert "inami-2013-2015" not in versions


def test_an_institution_administrator_cannot_make_a_superuser() -> None:
    admin_user = make_user("instadmin", Role.ADMINISTRATOR, "INASTI")
    admin_user.is_staff = True
    admin_user.save()
    admin_user.user_permissions.add(Permission.objects.get(codename="change_user"))
    admin_user.user_permissions.add(Permission.objects.get(codename="view_user"))
    target = make_user("target", Role.VIEWER, "INASTI")
    client = Client()
    client.force_login(admin_user)
    page = client.get(f"/admin/auth/user/{target.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {"username": "target", "is_active": "on", "is_superuser": "on"},
    )
    target.refresh_from_db()
    assert not target.is_superuser


# --- login lockout ----------------------------------------------------------------------------


def _login(client: Client, password: str) -> Any:
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    return client.post("/accounts/login/", {"username": "victim", "password": password})


def test_thirty_wrong_passwords_lock_the_login_logged_and_audited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_user("victim", Role.VIEWER, "INASTI")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="pilotage.web.login"):
        statuses = [_login(client, f"wrong {n}").status_code for n in range(30)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[5:]) == {429}
    right = _login(client, "pw-for-tests")
    assert right.status_code == 429, "the right password still worked after 30 failures"
    assert "sessionid" not in right.cookies or not right.cookies["sessionid"].value
    page = right.content.decode()
    assert "locked" in page.lower() or "verrouill" in page.lower()
    messages = [r.getMessage() for r in caplog.records]
    assert any("login failed for 'victim'" in m for m in messages)
    assert any("login locked out for 'victim'" in m for m in messages)
    (locked,) = entries("login.lockout")[:1]
    assert locked.institution.code == "INASTI"
    assert locked.object_repr == "victim"
    out = CliRunner().invoke(main, ["web", "unlock", "victim"])
    assert out.exit_code == 0, out.output
    assert "cleared" in out.output
    assert entries("login.unlock")
    assert _login(Client(), "pw-for-tests").status_code == 302


def test_the_grant_service_refuses_what_does_not_fit() -> None:
    from pilotage.web.accounts import rights

    user = User.objects.create_user("x")
    inst = Institution.objects.get(code="INASTI")
    with pytest.raises(Exception, match="service_owner's grant only"):
        rights.grant(user, inst, "viewer", ["VOB"])
    with pytest.raises(Exception, match="is not one of"):
        rights.grant(user, inst, "emperor")
    assert not Grant.objects.filter(user=user).exists()


def test_the_roles_the_command_line_offers_are_the_stored_ones() -> None:
    """`RoleName` (plain Python, for the command line before Django is set up) and the model's
    `Role` hold the same values in the same order: nothing stored changes."""
    from pilotage.web.accounts.roles import RoleName

    assert [str(r) for r in RoleName] == list(Role.values)
    assert all(Role(str(r)) == r for r in RoleName)
