"""Headers every response carries, and errors that are answered and logged, never silent."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import pilotage.web
from pilotage.web.accounts.models import Role
from tests.web.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

TEMPLATES = Path(pilotage.web.__file__).resolve().parent / "templates"
INAMI = "/contracts/inami-2013-2015"


@pytest.fixture
def client() -> Client:
    user: User = make_user("reader", Role.CONTRACT_MANAGER, "INAMI")
    client = Client()
    client.force_login(user)
    return client


def test_a_strict_content_security_policy_on_every_page(client: Client) -> None:
    for url in ("/accounts/login/", "/contracts/", f"{INAMI}/actions/", "/api/contracts"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'none'"
        assert directives["script-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy
        assert "http" not in policy  # nothing from elsewhere


def test_no_template_holds_an_inline_script_or_style() -> None:
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 20
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert "<style" not in text, template
        assert not re.search(r"\sstyle=", text), template
        assert not re.search(r"\son[a-z]+=", text), template  # onclick= and the like


def test_pages_are_never_stored_static_files_are(client: Client) -> None:
    for url in (
        "/contracts/",
        f"{INAMI}/actions/",
        "/audit/",
        "/api/contracts",
        "/accounts/login/",
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url
    static = client.get("/static/pilotage/site.css")
    assert "no-store" not in static.get("Cache-Control", "")
    static.close()  # a file response


def test_a_day_out_of_range_is_a_400_that_says_what_is_expected(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        page = client.get(
            f"{INAMI}/actions/upcoming/?as_of=9999-12-01&within=3660", HTTP_ACCEPT_LANGUAGE="en"
        )
        api = client.get("/api/contracts/inami-2013-2015/actions?as_of=9999-12-31")
    assert page.status_code == 400
    assert "as_of=9999-12-01 is out of range: a day from 1900-01-01 to 2199-12-31" in (
        page.content.decode()
    )
    french = client.get(f"{INAMI}/actions/?as_of=0001-01-01", HTTP_ACCEPT_LANGUAGE="fr")
    assert "as_of=0001-01-01 est hors limites : un jour du 1900-01-01 au 2199-12-31" in (
        french.content.decode()
    )
    assert api.status_code == 400
    assert "as_of=9999-12-31 est hors limites" in api.json()["detail"]
    ids = {page["X-Request-ID"], api["X-Request-ID"]}
    logged = [r for r in caplog.records if r.name == "pilotage.web"]
    assert {getattr(r, "request_id", None) for r in logged} >= ids
    assert page["X-Request-ID"] in page.content.decode()  # the reference to report


def test_a_server_error_is_logged_with_its_request_id_and_shown(
    client: Client, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pilotage.web.catalogue import views

    def broken(user: object) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "institutions_for", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get("/contracts/")
    assert response.status_code == 500
    rid = response["X-Request-ID"]
    assert rid in response.content.decode()
    (error,) = [r for r in caplog.records if r.name == "django.request"]
    assert error.exc_info is not None
    assert getattr(error, "request_id", None) == rid
    assert "a bug" not in response.content.decode()  # the details stay in the log
