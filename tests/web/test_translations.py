"""A translation file loaded into the catalogue: the pages show its texts in its language
(no "[fr]" marker left on the names it gives), the contract versions keep the signed text, the
load is audited and idempotent, and a file that does not fit is refused whole."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from pilotage.demo import demo_translations
from pilotage.errors import ContractFileError
from pilotage.facts.settings import DATA_DIR_ENV, STORE_FILE
from pilotage.web.accounts.models import Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.loading import load_translation_file
from pilotage.web.catalogue.models import ContractTranslation, ContractVersion
from pilotage.web.dashboards.sync import sync_results
from tests.web.conftest import demo_fact_store, make_user

pytestmark = pytest.mark.django_db
INASTI = "inasti-2019-2020"
DUTCH = next(p for p in demo_translations() if p.name.startswith(INASTI))


@pytest.fixture(scope="module")
def fact_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("translations")
    demo_fact_store(root, ("2019-Q4", "2019-Q4"), start=dt.date(2018, 7, 1), scale=0.02)
    return root


def test_the_dutch_pages_show_the_translated_names_and_the_versions_keep_the_signed_text(
    seeded: None, fact_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(fact_store))
    sync_results(fact_store / STORE_FILE)
    make_user("reader", Role.VIEWER, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.get(username="reader"))
    url = f"/contracts/{INASTI}/dashboard/2019-Q4/objectives/{urllib.parse.quote('VOB 2-01')}/"
    before = client.get(url).content.decode()
    assert "[fr] Décision prise dans les temps" in before
    versions = list(ContractVersion.objects.values_list("pk", "sha256"))

    row = load_translation_file(DUTCH)
    after = client.get(url).content.decode()
    assert "Tijdige beslissing over aanvragen tot gelijkstelling" in after
    assert "[fr] Décision prise dans les temps" not in after
    dashboard = client.get(f"/contracts/{INASTI}/dashboard/2019-Q4/").content.decode()
    assert "[fr] L'assujettissement" not in dashboard  # the service's name, in Dutch too
    french = Client(HTTP_ACCEPT_LANGUAGE="fr")
    french.force_login(User.objects.get(username="reader"))
    assert "Décision prise dans les temps" in french.get(url).content.decode()

    assert list(ContractVersion.objects.values_list("pk", "sha256")) == versions
    signed = ContractVersion.objects.filter(contract_id=INASTI).first()
    assert signed is not None
    assert signed.contract().services[0].name.nl is None  # consolidations read the signed text
    assert AuditEntry.objects.filter(action="translation.load", object_id=str(row.pk)).count() == 1
    assert load_translation_file(DUTCH).pk == row.pk  # the same file again: nothing new
    assert ContractTranslation.objects.count() == 1


def test_a_file_that_does_not_fit_the_contract_is_refused_whole(
    seeded: None, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.nl.yaml"
    bad.write_text(
        f"translation_of: {INASTI}\nlanguage: nl\ntexts:\n"
        '  VOB: {name: "Goed"}\n  "VOB 9-99": {name: "Bestaat niet"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ContractFileError, match=r"bad.nl.yaml:5: .*no element 'VOB 9-99'"):
        load_translation_file(bad)
    assert not ContractTranslation.objects.exists()
    assert not AuditEntry.objects.filter(action="translation.load").exists()
