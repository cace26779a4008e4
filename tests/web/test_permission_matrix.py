"""Every page, export and API endpoint that reads a contract, for every role, in one matrix.

A user granted the contract's institution reads it (200) whatever their role, except the audit
trail, which only administrators, contract managers and commissioners read. A user granted only
the other institution is refused (403) everywhere, through pages, XLSX exports and the API alike;
anonymous users are sent to log in (pages) or answered 401 (API). Writes have their own
matrices beside their code (test_progress, test_discussion, test_api, test_catalogue_admin).

The last test walks the URL configuration: a new route must be added here, or to WRITES with
the test that covers it, so no page can appear without its permission row.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from pilotage.facts.settings import DATA_DIR_ENV, STORE_FILE
from pilotage.web.accounts.models import Institution, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.dashboards.sync import sync_results
from pilotage.web.discussion.models import Comment
from pilotage.web.progress.models import Completion
from tests.web.conftest import demo_fact_store, make_user

pytestmark = pytest.mark.django_db

INASTI, INAMI = "inasti-2019-2020", "inami-2013-2015"
OBJ = urllib.parse.quote("VOB 2-01")
DASH = f"/contracts/{INASTI}/dashboard/2019-Q4"

# (route name, URL) per institution; {evidence} and {comment} are filled in by the fixture.
READS = {
    "INASTI": [
        ("catalogue:contract-overview", f"/contracts/{INASTI}/"),
        ("dashboards:latest", f"/contracts/{INASTI}/dashboard/"),
        ("dashboards:contract", f"{DASH}/"),
        ("dashboards:contract-xlsx", f"{DASH}/export.xlsx"),
        ("dashboards:service", f"{DASH}/services/VOB/"),
        ("dashboards:service-xlsx", f"{DASH}/services/VOB/export.xlsx"),
        ("dashboards:objective", f"{DASH}/objectives/{OBJ}/"),
        ("dashboards:objective-xlsx", f"{DASH}/objectives/{OBJ}/export.xlsx"),
        ("dashboards:late", f"{DASH}/objectives/{OBJ}/late/?unit=INASTI"),
        ("dashboards:late-xlsx", f"{DASH}/objectives/{OBJ}/late/export.xlsx?unit=INASTI"),
        ("dashboards:late-csv", f"{DASH}/objectives/{OBJ}/late/export.csv?unit=INASTI"),
        ("dashboards:contract-pack", f"{DASH}/report.docx?lang=fr"),
        ("dashboards:service-pack", f"{DASH}/services/VOB/report.pdf?lang=nl"),
        ("dashboards:objective-pack", f"{DASH}/objectives/{OBJ}/report.docx"),
        ("discussion:list", f"/contracts/{INASTI}/comments/"),
        ("api:contract_detail", f"/api/contracts/{INASTI}"),
        ("api:contract_file", f"/api/contracts/{INASTI}/file"),
        ("api:results", f"/api/contracts/{INASTI}/results?period=2019-Q4"),
        (
            "api:dashboard_pack",
            f"/api/contracts/{INASTI}/reports/dashboard?period=2019-Q4&service=VOB",
        ),
        ("api:comment_list", f"/api/contracts/{INASTI}/comments"),
    ],
    "INAMI": [
        ("progress:action-list", f"/contracts/{INAMI}/actions/"),
        ("progress:upcoming", f"/contracts/{INAMI}/actions/upcoming/"),
        ("progress:action-detail", f"/contracts/{INAMI}/actions/11/1/"),
        ("progress:evidence-file", f"/contracts/{INAMI}/evidence/completion/{{evidence}}/"),
        ("progress:events", f"/contracts/{INAMI}/events/"),
        ("progress:mission-list", f"/contracts/{INAMI}/missions/"),
        ("progress:mission-detail", f"/contracts/{INAMI}/missions/36.1/"),
        ("api:actions", f"/api/contracts/{INAMI}/actions"),
        ("api:missions", f"/api/contracts/{INAMI}/missions"),
        ("budget:index", f"/contracts/{INAMI}/budget/"),
        ("budget:year", f"/contracts/{INAMI}/budget/2014/"),
        ("budget:statement", f"/contracts/{INAMI}/budget/2014/statement.xlsx?lang=nl"),
        ("api:budget_year", f"/api/contracts/{INAMI}/budget/2014"),
    ],
}
# The evaluation cycle of the INAMI demonstration (year 2014); the pages also take the posts
# whose matrix is in test_evaluation_pages.py.
EVAL = f"/contracts/{INAMI}/evaluation"
EVALUATION_READS = [
    ("evaluation:list", f"{EVAL}/"),
    ("evaluation:detail", f"{EVAL}/2014/"),
    ("evaluation:item", f"{EVAL}/2014/items/action:11/2/"),
    ("evaluation:document", f"{EVAL}/2014/documents/draft/?version=1"),
    ("evaluation:pack", f"{EVAL}/2014/documents/report/report.pdf?lang=nl"),
    ("evaluation:requests", f"{EVAL}/requests/"),
    ("evaluation:request", f"{EVAL}/requests/1/"),
    ("evaluation:art50", f"{EVAL}/art50/"),
    ("evaluation:art51", f"{EVAL}/art51/"),
    ("evaluation:meetings", f"{EVAL}/meetings/"),
    ("api:evaluation_list", f"/api/contracts/{INAMI}/evaluations"),
    ("api:evaluation_detail", f"/api/contracts/{INAMI}/evaluations/2014"),
    ("api:evaluation_pack", f"/api/contracts/{INAMI}/evaluations/2014/documents/draft/pack"),
]
# Not per contract: answered to every logged-in user, showing only what they are granted.
OWN_ONLY = [
    ("home", "/"),
    ("catalogue:contract-list", "/contracts/"),
    ("api:contract_list", "/api/contracts"),
    ("audit:list", "/audit/"),
    ("audit:export", "/audit/export.xlsx"),
    ("reminders:list", "/reminders/"),
    ("api:reminder_list", "/api/reminders"),
]
# Routes that write, with the test that holds their permission matrix; and routes that hold no
# institution's data.
WRITES = {
    "discussion:post": "test_discussion.py::test_posting_follows_the_role",
    "discussion:edit": "test_discussion.py",
    "discussion:withdraw": "test_discussion.py",
    "api:comment_post": "test_api.py",
    "api:comment_edit": "test_api.py",
    "api:comment_withdraw": "test_api.py",
    "api:evaluation_step": "test_evaluation_cli.py::test_the_api_answers_as_the_pages",
    "api:evaluation_position": "test_evaluation_cli.py::test_the_api_answers_as_the_pages",
    # A candidate's review: any grant reads it, a contract manager or administrator publishes.
    "dashboards:review": (
        "test_publication.py::test_the_review_page_shows_what_moved_and_a_manager_publishes"
    ),
}
PUBLIC = {"login", "logout", "set_language", "api:api-root", "api:openapi-json"}
PUBLIC |= {"api:openapi-view"}  # the browsable documentation of that schema
AUDIT_READERS = {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER, Role.GOVERNMENT_COMMISSIONER}


@pytest.fixture(scope="module")
def fact_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("matrix")
    demo_fact_store(root, ("2019-Q4", "2019-Q4"), start=dt.date(2018, 7, 1), scale=0.02)
    return root


@pytest.fixture
def urls(seeded: None, fact_store: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The READS filled in, with data behind each: published figures, a comment, evidence."""
    monkeypatch.setenv(DATA_DIR_ENV, str(fact_store))
    sync_results(fact_store / STORE_FILE)
    author = make_user("author", Role.CONTRACT_MANAGER, "INASTI")
    inasti = Institution.objects.get(code="INASTI")
    Comment.objects.create(
        institution=inasti,
        contract_id=INASTI,
        target_type="figure",
        target="VOB 2-01",
        period="2019-Q4",
        text="INASTI-ONLY-COMMENT",
        author=author,
    )
    row = Completion.objects.create(
        contract_id=INAMI,
        institution=Institution.objects.get(code="INAMI"),
        article="11",
        action="1",
        milestone="2013-06-30",
        completed_on=dt.date(2013, 6, 28),
        evidence="INAMI-ONLY-EVIDENCE",
    )
    row.evidence_file.save("pv.txt", ContentFile(b"proces-verbal"))
    filled = {
        code: [(name, url.format(evidence=row.pk)) for name, url in rows]
        for code, rows in READS.items()
    }
    return filled


def client_for(role: Role, institution: str, services: list[str] | None = None) -> Client:
    user = make_user(f"{role.value}-{institution}", role, institution)
    if services:
        grant = user.grants.get()
        grant.services = services
        grant.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def fetch(client: Client, url: str, *, follow: bool = False) -> tuple[int, bytes]:
    response = client.get(url, follow=follow)  # dashboard/ redirects to the latest period
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


@pytest.mark.parametrize("role", list(Role))
def test_a_granted_role_reads_every_page_export_and_endpoint(
    urls: dict[str, list[tuple[str, str]]], role: Role
) -> None:
    for institution, rows in urls.items():
        client = client_for(
            role, institution, ["VOB", "11"] if role is Role.SERVICE_OWNER else None
        )
        for name, url in rows:
            status, body = fetch(client, url, follow=True)
            assert status == 200, (role, name, url, body[:300])
        for audit in ("/audit/", "/audit/export.xlsx"):
            status, _ = fetch(client, audit)
            assert status == (200 if role in AUDIT_READERS else 403), (role, institution, audit)


@pytest.mark.parametrize("role", list(Role))
def test_the_other_institution_is_refused_everywhere(
    urls: dict[str, list[tuple[str, str]]], role: Role
) -> None:
    for institution, other in (("INASTI", "INAMI"), ("INAMI", "INASTI")):
        client = client_for(role, other)
        for name, url in urls[institution]:
            status, body = fetch(client, url)
            assert status == 403, (role, other, name, url, status)
            assert b"INASTI-ONLY-COMMENT" not in body
            assert b"INAMI-ONLY-EVIDENCE" not in body
            assert b"proces-verbal" not in body


@pytest.mark.parametrize("role", list(AUDIT_READERS))
def test_lists_show_only_the_granted_institution(
    urls: dict[str, list[tuple[str, str]]], role: Role
) -> None:
    assert AuditEntry.objects.filter(institution__code="INASTI").exists()
    client = client_for(role, "INAMI")
    for name, url in OWN_ONLY:
        status, body = fetch(client, url)
        assert status == 200, (name, url)
        if url.endswith(".xlsx"):  # a zip: read the cells
            body = _workbook_text(body)
            assert b"INAMI" in body, (name, url)  # the granted institution's own entries
        assert INASTI.encode() not in body, (name, url)
        assert b"INASTI-ONLY-COMMENT" not in body
    assert INAMI.encode() in fetch(client, "/contracts/")[1]


def _workbook_text(content: bytes) -> bytes:
    import io

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    sheet = load_workbook(io.BytesIO(content)).active
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return "\n".join(cells).encode()


def test_anonymous_is_sent_to_log_in_or_answered_401(
    urls: dict[str, list[tuple[str, str]]],
) -> None:
    client = Client()
    for rows in urls.values():
        for name, url in rows:
            response = client.get(url)
            if url.startswith("/api/"):
                assert response.status_code == 401, (name, url)
            else:
                assert response.status_code == 302, (name, url)
                assert response["Location"].startswith("/accounts/login/?next="), (name, url)


@pytest.fixture
def evaluation(seeded: None) -> None:
    from pilotage.web.accounts.demo import create_demo_users
    from pilotage.web.evaluation.demo import seed_demo_evaluation
    from pilotage.web.progress.demo import seed_demo_progress

    create_demo_users(["INASTI", "INAMI"])
    seed_demo_progress(INAMI)
    seed_demo_evaluation()


@pytest.mark.parametrize("role", list(Role))
def test_the_evaluation_is_read_by_its_institution_only(evaluation: None, role: Role) -> None:
    granted = client_for(role, "INAMI", ["11"] if role is Role.SERVICE_OWNER else None)
    other = client_for(role, "INASTI")
    for name, url in EVALUATION_READS:
        status, body = fetch(granted, url)
        assert status == 200, (role, name, url, body[:300])
        status, body = fetch(other, url)
        assert status == 403, (role, name, url, status)
        assert b"DEMONSTRATION" not in body
    for name, url in OWN_ONLY[-2:]:
        status, body = fetch(other, url)
        assert status == 200, (name, url)
        assert INAMI.encode() not in body, (name, url)


def test_the_evaluation_asks_anonymous_to_log_in(evaluation: None) -> None:
    client = Client()
    for name, url in EVALUATION_READS:
        response = client.get(url)
        expected = 401 if url.startswith("/api/") else 302
        assert response.status_code == expected, (name, url)


def _routes(patterns: list[URLPattern | URLResolver], ns: str | None = None) -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            inner = p.namespace if ns is None else f"{ns}:{p.namespace}" if p.namespace else ns
            yield from _routes(p.url_patterns, inner)
        elif p.name:
            yield f"{ns}:{p.name}" if ns else p.name


def test_every_route_has_its_permission_row() -> None:
    covered = {name for rows in READS.values() for name, _ in rows}
    covered |= {name for name, _ in EVALUATION_READS}
    covered |= {name for name, _ in OWN_ONLY} | set(WRITES) | PUBLIC
    routes = set(_routes(get_resolver().url_patterns))
    assert routes - covered == set(), "add the new routes to the permission matrix"
    assert covered - routes == set(), "the matrix names routes that no longer exist"


def test_every_form_on_every_page_carries_and_needs_the_csrf_token(
    urls: dict[str, list[tuple[str, str]]],
) -> None:
    """Each POST form the pages show holds the token, and its target refuses a POST without it
    (403), for a contract manager of both institutions, who sees every form."""
    import re

    user = make_user("manager-both", Role.CONTRACT_MANAGER, "INASTI")
    user.grants.create(institution=Institution.objects.get(code="INAMI"), role="contract_manager")
    comment = Comment.objects.get()
    comment.author = user
    comment.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    client.force_login(user)
    not_pages = ("api:", "progress:evidence-file")  # JSON, and a file left unread here
    pages = [url for rows in urls.values() for name, url in rows if not name.startswith(not_pages)]
    pages += ["/contracts/", "/audit/", f"/contracts/{INASTI}/comments/{comment.pk}/edit/"]
    targets: dict[str, str] = {}
    for page in pages:
        response = client.get(page, follow=True)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I):
            head = form[: form.index(">") + 1]
            if not re.search(r'method="post"', head, flags=re.I):
                continue
            assert 'name="csrfmiddlewaretoken"' in form, (page, head)
            action = re.search(r'action="([^"]*)"', head)
            target = (
                action.group(1).replace("&amp;", "&") if action else response.request["PATH_INFO"]
            )
            targets.setdefault(target or page, page)
    assert len(targets) >= 8, targets  # language, log out, completion, event, delivery, comments
    before = Comment.objects.count(), Completion.objects.count(), AuditEntry.objects.count()
    for target, page in targets.items():
        refused = client.post(target, {"text": "x", "language": "nl"})
        assert refused.status_code == 403, (target, page, refused.status_code)
    assert (Comment.objects.count(), Completion.objects.count(), AuditEntry.objects.count()) == (
        before
    )
    api = client.post(
        f"/api/contracts/{INASTI}/comments",
        {"target_type": "figure", "target": "VOB 2-01", "text": "x"},
        content_type="application/json",
    )
    assert api.status_code == 403
