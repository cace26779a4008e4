from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import Client

from pilotage.contract import seed_path
from pilotage.web.accounts.demo import create_demo_users
from pilotage.web.accounts.models import Role
from pilotage.web.catalogue.loading import load_contract_text
from tests.web.conftest import INSTITUTION_OF, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("role", list(Role))
def test_overview_only_for_the_granted_institution(client: Client, role: Role) -> None:
    make_user("someone", role, "INASTI")
    client.login(request=HttpRequest(), username="someone", password="pw-for-tests")
    own = client.get("/contracts/inasti-2019-2020/")
    other = client.get("/contracts/inami-2013-2015/")
    assert own.status_code == 200
    assert other.status_code == 403


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("contract_id", list(INSTITUTION_OF))
def test_anonymous_is_sent_to_login(client: Client, contract_id: str) -> None:
    response = client.get(f"/contracts/{contract_id}/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/contracts/{contract_id}/"


@pytest.mark.usefixtures("seeded")
def test_overview_shows_the_contract(client: Client) -> None:
    make_user("reader", Role.VIEWER, "INAMI")
    client.login(request=HttpRequest(), username="reader", password="pw-for-tests")
    page = client.get("/contracts/inami-2013-2015/").content.decode()
    assert "Laurette Onkelinx" in page  # a signatory
    assert "2013-01-01" in page
    assert "31/04/2013" in page  # a deadline as printed, impossible date and all
    inasti = Client()
    make_user("inasti-reader", Role.VIEWER, "INASTI")
    inasti.login(request=HttpRequest(), username="inasti-reader", password="pw-for-tests")
    page = inasti.get("/contracts/inasti-2019-2020/").content.decode()
    assert page.count('class="norm"') == 51
    assert "VOB 1-01" in page


@pytest.mark.usefixtures("seeded")
def test_contract_texts_in_the_reader_language(client: Client) -> None:
    make_user("lezer", Role.VIEWER, "INASTI")
    client.login(request=HttpRequest(), username="lezer", password="pw-for-tests")
    page = client.get("/contracts/inasti-2019-2020/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Kerntaken" in page
    assert "[fr] " in page  # a text missing in Dutch is marked with the language shown


def test_unknown_contract_is_404(client: Client) -> None:
    make_user("someone", Role.VIEWER, "INASTI")
    client.login(request=HttpRequest(), username="someone", password="pw-for-tests")
    assert client.get("/contracts/no-such-contract/").status_code == 404


def test_login_form_requires_the_csrf_token() -> None:
    make_user("someone", Role.VIEWER, "INASTI")
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/accounts/login/", {"username": "someone", "password": "pw-for-tests"})
    assert refused.status_code == 403
    form = client.get("/accounts/login/")
    token = form.cookies["csrftoken"].value
    accepted = client.post(
        "/accounts/login/",
        {"username": "someone", "password": "pw-for-tests", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302


@pytest.mark.usefixtures("seeded")
def test_language_switch_changes_the_interface(client: Client) -> None:
    make_user("someone", Role.CONTRACT_MANAGER, "INASTI")
    client.login(request=HttpRequest(), username="someone", password="pw-for-tests")
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    nl = client.get("/contracts/inasti-2019-2020/").content.decode()
    assert '<html lang="nl">' in nl
    assert "Kerntaken" in nl
    assert "contractbeheerder" in nl
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    fr = client.get("/contracts/inasti-2019-2020/").content.decode()
    assert '<html lang="fr">' in fr
    assert "Tâches clés" in fr
    assert "gestionnaire du contrat" in fr


def test_security_headers(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ADMINISTRATOR, 200), (Role.CONTRACT_MANAGER, 200), (Role.VIEWER, 302)],
)
def test_catalogue_and_audit_trail_in_the_admin_for_those_allowed(role: Role, status: int) -> None:
    users = {u.role: u for u in create_demo_users()}
    client = Client()
    assert client.login(
        request=HttpRequest(), username=users[role].username, password=users[role].password
    )
    assert client.get("/admin/catalogue/contractversion/").status_code == status
    assert client.get("/admin/audit/auditentry/").status_code == status


def inasti_overview_in_english(client: Client) -> str:
    make_user("reader", Role.VIEWER, "INASTI")
    client.login(request=HttpRequest(), username="reader", password="pw-for-tests")
    return client.get("/contracts/inasti-2019-2020/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.usefixtures("seeded")
def test_overview_shows_amendments_lineage_and_transfers(client: Client) -> None:
    page = inasti_overview_in_english(client)
    assert "This contract amends inasti-2016-2018." in page
    # 112 remarks on chapters, 6 on services, 6 on key tasks, 17 on objectives
    assert "141 lineage remarks tie this contract" in page
    assert "norm adapted (" in page
    assert "no: not available as a contract file" in page
    assert "<td>VOB 3</td><td>VOB</td><td>PEN</td><td>2020-01-01</td>" in page
    assert "First version loaded." in page


@pytest.mark.usefixtures("seeded")
def test_overview_says_what_changed_between_catalogue_versions(client: Client) -> None:
    text = seed_path("inasti-2019-2020").read_text(encoding="utf-8")
    edited = text.replace(
        "start: 2019-01-01, end: 2020-12-31}", "start: 2019-01-01, end: 2021-12-31}", 1
    )
    assert edited != text
    load_contract_text(edited, "INASTI", source="edited in a test")
    page = inasti_overview_in_english(client)
    assert "1 change from the version before" in page
    assert "~ contract inasti-2019-2020" in page
    assert "2021-12-31" in page
    assert "edited in a test" in page


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("role", "audit_link"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.CONTRACT_MANAGER, True),
        (Role.SERVICE_OWNER, False),
        (Role.GOVERNMENT_COMMISSIONER, True),
        (Role.VIEWER, False),
    ],
)
def test_every_contract_page_links_the_contract_parts(
    client: Client, role: Role, audit_link: bool
) -> None:
    make_user("someone", role, "INAMI")
    client.login(request=HttpRequest(), username="someone", password="pw-for-tests")
    page = client.get("/contracts/inami-2013-2015/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for href in (
        "dashboard/",
        "actions/",
        "actions/upcoming/",
        "events/",
        "missions/",
        "comments/",
    ):
        assert f'href="/contracts/inami-2013-2015/{href}"' in page
        assert client.get(f"/contracts/inami-2013-2015/{href}").status_code in {200, 302}
    assert ('href="/audit/"' in page) is audit_link
    assert 'rel="stylesheet" href="/static/pilotage/site.css"' in page


@pytest.mark.usefixtures("seeded")
def test_refusals_and_missing_pages_say_why_in_the_interface(client: Client) -> None:
    make_user("someone", Role.VIEWER, "INASTI")
    client.login(request=HttpRequest(), username="someone", password="pw-for-tests")
    refused = client.get("/contracts/inami-2013-2015/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert "Your account may not open this page" in refused.content.decode()
    assert 'href="/contracts/"' in refused.content.decode()
    missing = client.get("/contracts/no-such-contract/", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert "There is no such page" in missing.content.decode()
