from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator

from pilotage.web.accounts.models import Institution, Role
from pilotage.web.api.views import api
from pilotage.web.audit.models import AuditEntry
from pilotage.web.dashboards.models import Figure, Publication, PublishedSet
from pilotage.web.discussion.models import Comment
from tests.web.test_discussion import catalogue, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
__all__ = ["catalogue"]  # the fixture, shared with the discussion tests

INASTI = "/api/contracts/inasti-2019-2020"
INAMI = "/api/contracts/inami-2013-2015"
GETS = ["", "/file", "/results", "/actions", "/missions", "/comments"]
NOTE = {"target_type": "figure", "target": "VOB 2-01", "period": "2020-Q4", "text": "Strike"}


def post_json(client: Client, url: str, body: dict[str, Any], **headers: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def publish(code: str = "INASTI", contract_id: str = "inasti-2019-2020") -> PublishedSet:
    s = PublishedSet.objects.create(
        store_id=7,
        contract_id=contract_id,
        institution=Institution.objects.get(code=code),
        contract_sha256="x" * 64,
        periods="2020-Q3..2020-Q4",
        level="institution",
        version=1,
        as_of=dt.date(2021, 1, 15),
        computed_at=timezone.now(),
        row_count=3,
        period_list=[
            ["2020-Q3", "2020-07-01", "2020-09-30"],
            ["2020-Q4", "2020-10-01", "2020-12-31"],
        ],
    )
    for row, (objective, period, value) in enumerate(
        [("VOB 2-01", "2020-Q3", 0.91), ("VOB 2-01", "2020-Q4", 0.87), ("PEN 1-02", "2020-Q4", 0.9)]
    ):
        Figure.objects.create(
            published_set=s,
            row=row,
            objective=objective,
            indicator="1",
            kind="share_within",
            period=period,
            period_first=dt.date(2020, 7, 1),
            period_last=dt.date(2020, 12, 31),
            as_of=s.as_of,
            level="institution",
            unit=code,
            numerator=Decimal("87"),
            denominator=Decimal("100"),
            value=value,
            target=Decimal("0.9"),
            status="met" if value >= 0.9 else "not_met",
            caveats=[{"footnote": "3", "kind": "not_met", "text": "strike"}],
        )
    Publication.objects.create(published_set=s, published_at=s.computed_at)
    return s


def test_anonymous_gets_401() -> None:
    client = Client()
    for url in ["/api/contracts", *(INASTI + g for g in GETS)]:
        assert client.get(url).status_code == 401, url
    assert post_json(client, f"{INASTI}/comments", NOTE).status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_its_institution_and_nothing_else(role: Role) -> None:
    client = login("reader", role, "INASTI")
    for g in GETS:
        assert client.get(INASTI + g).status_code == 200, g
        other = client.get(INAMI + g)
        assert other.status_code == 403, g
        assert other.json() == {"detail": "not granted institution INAMI"}
        assert client.get(f"/api/contracts/nope{g}").status_code == 404, g
    listed = client.get("/api/contracts").json()
    assert [(c["id"], c["institution"], c["role"]) for c in listed] == [
        ("inasti-2019-2020", "INASTI", role.value)
    ]


@pytest.mark.parametrize(
    ("role", "services", "status"),
    [
        (Role.ADMINISTRATOR, None, 201),
        (Role.CONTRACT_MANAGER, None, 201),
        (Role.GOVERNMENT_COMMISSIONER, None, 201),
        (Role.SERVICE_OWNER, ["VOB"], 201),
        (Role.SERVICE_OWNER, ["PEN"], 403),
        (Role.VIEWER, None, 403),
    ],
)
def test_who_may_post_a_comment(role: Role, services: list[str] | None, status: int) -> None:
    client = login("writer", role, "INASTI", services)
    assert post_json(client, f"{INASTI}/comments", NOTE).status_code == status
    assert post_json(client, f"{INAMI}/comments", NOTE).status_code == 403
    assert Comment.objects.count() == (1 if status == 201 else 0)


def test_comment_post_and_list() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    made = post_json(client, f"{INASTI}/comments", {**NOTE, "kind": "justification"})
    assert made.status_code == 201
    body = made.json()
    assert (body["author"], body["author_role"], body["kind"]) == (
        "manager",
        "contract_manager",
        "justification",
    )
    post_json(client, f"{INASTI}/comments", {**NOTE, "period": "2020-Q3", "text": "Q3"})
    assert [c["text"] for c in client.get(f"{INASTI}/comments").json()] == ["Strike", "Q3"]
    q4 = client.get(f"{INASTI}/comments", {"target": "VOB 2-01", "period": "2020-Q4"}).json()
    assert [c["text"] for c in q4] == ["Strike"]
    Comment.objects.filter(text="Q3").update(withdrawn=True)
    withdrawn = client.get(f"{INASTI}/comments", {"period": "2020-Q3"}).json()
    assert [(c["text"], c["withdrawn"]) for c in withdrawn] == [(None, True)]
    assert client.get(f"{INASTI}/comments", {"kind": "comment"}).json()[0]["period"] == "2020-Q3"


def test_comment_post_checks_the_target_and_fields() -> None:
    client = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    assert post_json(client, f"{INASTI}/comments", {**NOTE, "target": "XX 1"}).status_code == 404
    assert post_json(client, f"{INASTI}/comments", {**NOTE, "period": "a b"}).status_code == 422
    assert post_json(client, f"{INASTI}/comments", {**NOTE, "text": ""}).status_code == 422
    bad_type = post_json(client, f"{INASTI}/comments", {**NOTE, "target_type": "x"})
    assert bad_type.status_code == 422
    assert Comment.objects.count() == 0


def test_comment_post_needs_the_csrf_token() -> None:
    login("manager", Role.CONTRACT_MANAGER, "INASTI")
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="manager"))
    assert post_json(client, f"{INASTI}/comments", NOTE).status_code == 403
    token = client.get("/accounts/login/").cookies["csrftoken"].value
    accepted = post_json(client, f"{INASTI}/comments", NOTE, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_contract_detail_and_file() -> None:
    client = login("viewer", Role.VIEWER, "INAMI")
    detail = client.get(INAMI).json()
    assert detail["counts"]["actions"] == 66
    assert detail["counts"]["missions"] > 0
    assert (detail["kind"], detail["period_start"]) == ("contract", "2013-01-01")
    assert detail["result_periods"] == []
    file = client.get(f"{INAMI}/file").json()
    assert (file["id"], file["institution"]["code"]) == ("inami-2013-2015", "INAMI")
    assert len(file["articles"]) == 30


def test_results_of_a_period_from_the_published_set() -> None:
    publish()
    publish("INAMI", "inami-2013-2015")
    client = login("viewer", Role.VIEWER, "INASTI")
    latest = client.get(f"{INASTI}/results").json()
    assert latest["period"] == "2020-Q4"
    assert latest["result_set"]["id"] == 7
    assert [f["objective"] for f in latest["figures"]] == ["VOB 2-01", "PEN 1-02"]
    assert latest["figures"][0]["caveats"][0]["text"] == "strike"
    q3 = client.get(f"{INASTI}/results", {"period": "2020-Q3", "objective": "VOB 2-01"}).json()
    assert [(f["period"], f["value"]) for f in q3["figures"]] == [("2020-Q3", 0.91)]
    assert client.get(f"{INASTI}/results", {"unit": "OTHER"}).json()["figures"] == []
    assert client.get(f"{INASTI}/results", {"level": "office"}).json()["result_set"] is None
    assert client.get(f"{INASTI}/results", {"level": "planet"}).status_code == 422
    assert client.get(f"{INASTI}/results", {"period": "1999"}).json()["figures"] == []
    assert client.get(f"{INASTI}").json()["result_periods"] == ["2020-Q3", "2020-Q4"]


def test_actions_and_missions_with_their_status() -> None:
    client = login("viewer", Role.VIEWER, "INAMI")
    early = client.get(f"{INAMI}/actions", {"as_of": "2013-01-02"}).json()
    assert early["as_of"] == "2013-01-02"
    assert len(early["actions"]) == 66
    first = next(a for a in early["actions"] if a["key"] == "11/1")
    assert first["article"] == "11"
    late = client.get(f"{INAMI}/actions", {"as_of": "2016-06-30"}).json()
    statuses = {a["status"] for a in late["actions"]}
    assert "overdue" in statuses
    assert "not_due" not in statuses
    overdue = client.get(f"{INAMI}/actions", {"as_of": "2016-06-30", "status": "overdue"}).json()
    assert {a["status"] for a in overdue["actions"]} == {"overdue"}
    missions = client.get(f"{INAMI}/missions", {"as_of": "2014-01-01"}).json()["missions"]
    assert "36.1" in {m["code"] for m in missions}
    assert client.get(f"{INAMI}/actions", {"as_of": "soon"}).status_code == 422


def test_schema_is_openapi_3_and_documents_every_route() -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"openapi", "info", "paths", "components"} <= set(schema)
    assert schema["info"]["title"] == "pilotage API"
    assert schema["components"]["securitySchemes"]
    for component in schema["components"]["schemas"].values():
        Draft202012Validator.check_schema(component)
    refs = {ref.removeprefix("#/components/schemas/") for ref in _values(schema, "$ref")}
    assert refs <= set(schema["components"]["schemas"])
    routes = {"/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern)) for p in api.urls[0]}
    documented = set(schema["paths"])
    assert routes - {"/api/", "/api/openapi.json", "/api/docs"} == documented
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"], (path, method)
            assert "200" in operation["responses"] or "201" in operation["responses"]
            assert "401" in operation["responses"], (path, method)
            if "{contract_id}" in path:
                assert {"403", "404"} <= set(operation["responses"]), (path, method)


def _values(node: Any, key: str) -> list[Any]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == key] + [
            x for v in node.values() for x in _values(v, key)
        ]
    if isinstance(node, list):
        return [x for v in node for x in _values(v, key)]
    return []


def test_the_browsable_api_documentation_loads_nothing_from_elsewhere() -> None:
    """The docs page is served with Swagger UI from the package's static files (the machines
    are offline), public as the schema is; every page links to it, the admin only for staff."""
    client = login("viewer", Role.VIEWER, "INASTI")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "https://" not in page
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts
    assert all(src.startswith("/static/ninja/") for src in scripts), scripts
    assert Client().get("/api/docs").status_code == 200  # public, as openapi.json is
    home = client.get("/contracts/").content.decode()
    assert 'href="/api/docs"' in home
    assert 'href="/admin/"' not in home
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    assert 'href="/admin/"' in client.get("/contracts/").content.decode()


def test_edit_and_withdraw_a_comment() -> None:
    author = login("author", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    pk = post_json(author, f"{INASTI}/comments", NOTE).json()["id"]
    url = f"{INASTI}/comments/{pk}"

    def patch(client: Client, body: dict[str, Any]) -> Any:
        return client.patch(url, json.dumps(body), content_type="application/json")

    edited = patch(author, {"text": "Strike, then the flu"})
    assert edited.status_code == 200
    assert (edited.json()["text"], edited.json()["kind"]) == ("Strike, then the flu", "comment")
    assert patch(author, {"kind": "justification"}).json()["text"] == "Strike, then the flu"
    other = login("other", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    assert patch(other, {"text": "mine now"}).status_code == 403
    assert other.post(f"{url}/withdraw").status_code == 403
    outsider = login("outsider", Role.ADMINISTRATOR, "INAMI")
    assert outsider.post(f"{url}/withdraw").status_code == 403
    assert author.post(f"{INASTI}/comments/999/withdraw").status_code == 404
    assert author.post(f"{INAMI}/comments/{pk}/withdraw").status_code == 403
    manager = login("manager", Role.CONTRACT_MANAGER, "INASTI")
    withdrawn = manager.post(f"{url}/withdraw")
    assert withdrawn.status_code == 200
    assert (withdrawn.json()["withdrawn"], withdrawn.json()["text"]) == (True, None)
    assert patch(author, {"text": "again"}).status_code == 403
    actions = AuditEntry.objects.filter(object_type="discussion.Comment").order_by("pk")
    assert [e.action for e in actions] == [
        "comment.create",
        "comment.edit",
        "comment.edit",
        "comment.withdraw",
    ]
