from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.audit.diffs import Change, diff
from pilotage.web.audit.models import AuditEntry
from pilotage.web.audit.record import record
from pilotage.web.catalogue.models import ContractVersion
from tests.web.conftest import make_user
from tests.web.test_discussion import catalogue, figure, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
__all__ = ["catalogue"]  # the fixture, shared with the discussion tests


def version(code: str) -> ContractVersion:
    found: ContractVersion = ContractVersion.objects.get(institution__code=code)
    return found


def entry(code: str, action: str, who: User | None = None, **state: object) -> AuditEntry:
    return record(action, version(code), who=who, before={"sha256": "old"}, after=state or None)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.CONTRACT_MANAGER, 200),
        (Role.GOVERNMENT_COMMISSIONER, 200),
        (Role.SERVICE_OWNER, 403),
        (Role.VIEWER, 403),
    ],
)
def test_who_may_read_the_trail(role: Role, status: int) -> None:
    assert login("u", role, "INASTI").get("/audit/").status_code == status


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_only_the_institutions_the_reader_may_audit() -> None:
    entry("INASTI", "inasti.change", sha256="new-inasti")
    entry("INAMI", "inami.change", sha256="new-inami")
    page = login("manager", Role.CONTRACT_MANAGER, "INASTI").get("/audit/").content.decode()
    assert "inasti.change" in page
    assert "inami.change" not in page
    # granted INAMI too, but only as a viewer: still not its trail, even when asked by filter
    Grant.objects.create(
        user=User.objects.get(username="manager"),
        institution=Institution.objects.get(code="INAMI"),
        role=Role.VIEWER,
    )
    client = Client()
    client.force_login(User.objects.get(username="manager"))
    asked = client.get("/audit/", {"institution": "INAMI"}).content.decode()
    assert "inami.change" not in asked


def test_entries_of_no_institution_only_for_superusers() -> None:
    AuditEntry.objects.create(action="site.setting", object_type="x.Y", object_id="1")
    manager = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    assert "site.setting" not in manager.get("/audit/").content.decode()
    root = User.objects.create_superuser("root", password="pw")
    client = Client()
    client.force_login(root)
    assert "site.setting" in client.get("/audit/").content.decode()


def test_filters_by_institution_object_type_user_and_dates() -> None:
    auditor = make_user("auditor", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    Grant.objects.create(
        user=auditor, institution=Institution.objects.get(code="INAMI"), role=Role.ADMINISTRATOR
    )
    writer = login("writer", Role.CONTRACT_MANAGER, "INASTI")
    writer.post("/contracts/inasti-2019-2020/comments/post/", figure("a comment"))
    entry("INAMI", "inami.change", sha256="new")
    old = entry("INASTI", "old.change", sha256="older")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.make_aware(dt.datetime(2025, 3, 1, 12)))
    client = Client()
    client.force_login(auditor)

    def shown(**query: str) -> set[str]:
        page = client.get("/audit/", query).content.decode()
        # comment.create is named in words (the page is French); unknown actions as stored
        marks = {"comment.create": "commentaire rédigé", "inami.change": "inami.change"}
        marks["old.change"] = "old.change"
        return {action for action, mark in marks.items() if mark in page}

    assert shown() == {"comment.create", "inami.change", "old.change"}
    assert shown(institution="INAMI") == {"inami.change"}
    assert shown(object_type="discussion.Comment") == {"comment.create"}
    assert shown(who="writer") == {"comment.create"}
    assert shown(since="2025-02-01", until="2025-03-01") == {"old.change"}
    assert shown(since="2025-03-02") == {"comment.create", "inami.change"}


def test_pages_of_fifty() -> None:
    for n in range(55):
        entry("INASTI", f"change.{n:02d}")
    client = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    first = client.get("/audit/", {"object_type": "catalogue.ContractVersion"}).content.decode()
    assert first.count('<tr class="entry">') == 50
    assert "page=2" in first
    assert "object_type=catalogue.ContractVersion" in first
    second = client.get(
        "/audit/", {"page": "2", "object_type": "catalogue.ContractVersion"}
    ).content.decode()
    assert second.count('<tr class="entry">') == 5
    assert "change.00" in second


def test_a_change_is_shown_field_by_field() -> None:
    writer = login("writer", Role.CONTRACT_MANAGER, "INASTI")
    writer.post("/contracts/inasti-2019-2020/comments/post/", figure("before the edit"))
    pk = AuditEntry.objects.get(action="comment.create").object_id
    url = f"/contracts/inasti-2019-2020/comments/{pk}/edit/"
    writer.post(url, {"kind": "justification", "text": "after the edit"})
    page = writer.get("/audit/", {"object_type": "discussion.Comment"}).content.decode()
    assert (
        "<td>texte</td><td><del>before the edit</del></td><td><ins>after the edit</ins></td>"
        in page
    )


def test_diff() -> None:
    assert diff({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": [1]}) == [
        Change("b", "x", "y"),
        Change("c", "—", "[1]"),
    ]
    assert [c.field for c in diff(None, {"a": 1})] == ["a"]
    assert [(c.before, c.after) for c in diff({"a": 1}, None)] == [("1", "—")]
    assert diff("same", "same") == []
    assert [(c.before, c.after) for c in diff(1, 2)] == [("1", "2")]


def test_actions_and_fields_are_named_in_the_reader_s_language() -> None:
    writer = login("writer", Role.CONTRACT_MANAGER, "INASTI")
    writer.post("/contracts/inasti-2019-2020/comments/post/", figure("before the edit"))
    pk = AuditEntry.objects.get(action="comment.create").object_id
    writer.post(
        f"/contracts/inasti-2019-2020/comments/{pk}/edit/",
        {"kind": "justification", "text": "after the edit"},
    )
    writer.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    page = writer.get("/audit/", {"object_type": "discussion.Comment"}).content.decode()
    assert "<td>commentaire modifié</td>" in page
    assert "comment.edit" not in page
    assert "<td>texte</td><td><del>before the edit</del>" in page
    writer.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = writer.get("/audit/", {"object_type": "discussion.Comment"}).content.decode()
    assert "<td>commentaar gewijzigd</td>" in page


def test_the_trail_exports_to_xlsx_with_its_filters() -> None:
    import io

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    writer = login("writer", Role.CONTRACT_MANAGER, "INASTI")
    writer.post("/contracts/inasti-2019-2020/comments/post/", figure("first"))
    entry("INASTI", "contract.load", sha256="new")
    writer.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    response = writer.get("/audit/export.xlsx", {"object_type": "catalogue.ContractVersion"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="audit-trail.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Quand", "Qui", "Institution", "Action", "Objet", "Champ")
    assert [r[3:] for r in rows[1:]] == [
        ("version du contrat chargée", str(version("INASTI")), "SHA-256", "old", "new")
    ]
    assert isinstance(rows[1][0], dt.datetime)  # a date-time cell, not text
    assert login("viewer", Role.VIEWER, "INASTI").get("/audit/export.xlsx").status_code == 403


def test_every_action_written_has_its_words() -> None:
    """Each action the code writes to the trail is named in the catalogue of labels."""
    import re
    from pathlib import Path

    import pilotage
    from pilotage.web.audit.labels import ACTIONS

    root = Path(pilotage.__file__).parent
    written = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'record\(\s*"([a-z0-9_]+\.[a-z0-9_]+)"', text))
        written |= set(re.findall(r'\baction="([a-z0-9_]+\.[a-z0-9_]+)"', text))
    assert len(written) > 15
    assert written - set(ACTIONS) == set()


def test_an_export_with_a_bad_filter_exports_nothing() -> None:
    entry("INASTI", "contract.load", sha256="new")
    manager = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    response = manager.get("/audit/export.xlsx", {"since": "not-a-day"})
    assert response.status_code == 400
    assert b"since" in response.content
