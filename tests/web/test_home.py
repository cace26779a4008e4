"""The home page of each person: their figures (a roll-up per status, a service owner's own
objectives), their deadlines, the threads awaiting their answer, what changed since their
previous visit; anonymous people are sent to log in."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pilotage.facts.settings import DATA_DIR_ENV, STORE_FILE
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.dashboards.sync import sync_results
from pilotage.web.discussion.models import Comment
from pilotage.web.home.models import Visit
from tests.web.conftest import demo_fact_store, make_user

pytestmark = pytest.mark.django_db
INASTI = "inasti-2019-2020"


@pytest.fixture(scope="module")
def fact_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("home")
    demo_fact_store(root, ("2019-Q4", "2019-Q4"), start=dt.date(2018, 7, 1), scale=0.02)
    return root


@pytest.fixture
def published(seeded: None, fact_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(fact_store))
    sync_results(fact_store / STORE_FILE)


def _comment(author: User, text: str) -> Comment:
    """A comment on VOB 2-01's figure of 2019-Q4."""
    return Comment.objects.create(
        institution=Institution.objects.get(code="INASTI"),
        contract_id=INASTI,
        target_type="figure",
        target="VOB 2-01",
        period="2019-Q4",
        text=text,
        author=author,
    )


def _client(username: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(User.objects.get(username=username))
    return client


def test_anonymous_is_sent_to_log_in() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_service_owner_finds_their_objectives_and_the_thread_awaiting_them(
    published: None,
) -> None:
    owner = make_user("owner", Role.SERVICE_OWNER, "INASTI")
    Grant.objects.filter(user=owner).update(services=["VOB"])
    manager = make_user("manager", Role.CONTRACT_MANAGER, "INASTI")
    _comment(manager, "Pourquoi ce recul au quatrième trimestre ?")
    page = _client("owner").get("/").content.decode()
    assert "Mes objectifs" in page
    mine = page.split("Mes objectifs", 1)[1].split("Commentaires en attente", 1)[0]
    listed = re.findall(r'/objectives/([^/"]+)/"', mine)
    assert "VOB%202-01" in listed  # one of the objectives of their service, with its status
    assert listed
    assert all(code.startswith("VOB") for code in listed), listed  # and only theirs
    assert 'class="status status-' in mine
    assert "Pourquoi ce recul" in page.split("Commentaires en attente", 1)[1]
    quoted = urllib.parse.quote("VOB 2-01")
    assert f"/dashboard/2019-Q4/objectives/{quoted}/" in page
    # once they answered, the thread no longer awaits them
    _comment(owner, "Un départ à la retraite non remplacé.")
    again = _client("owner").get("/").content.decode()
    assert "Pourquoi ce recul" not in again
    assert "Aucun fil n'attend votre réponse." in again


def test_a_commissioner_sees_the_roll_up_and_what_changed_since_their_visit(
    published: None,
) -> None:
    make_user("commissioner", Role.GOVERNMENT_COMMISSIONER, "INASTI")
    manager = make_user("manager", Role.CONTRACT_MANAGER, "INASTI")
    client = _client("commissioner")
    first = client.get("/").content.decode()
    assert "atteint" in first  # the roll-up per status of the latest period
    assert "Mes objectifs" not in first  # no services of their own
    assert "C'est votre première visite" in first
    assert Visit.objects.filter(user__username="commissioner").exists()
    _comment(manager, "Objectif revu à la hausse.")
    second = client.get("/").content.decode()
    changes = second.split("Ce qui a changé depuis votre visite précédente", 1)[1]
    assert "VOB 2-01" in changes
    assert "manager" in changes
    third = client.get("/").content.decode()  # nothing new since the second visit
    assert "Rien n'a changé depuis votre visite précédente." in third


def test_a_person_without_a_grant_is_told_what_to_do(seeded: None) -> None:
    User.objects.create_user("nobody", password="pw-for-tests")
    page = _client("nobody").get("/").content.decode()
    assert "administrateur" in page
