"""The catalogue edited through the admin: new versions, checked, audited, per institution."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pilotage.contract import seed_path
from pilotage.web.accounts.models import Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from tests.web.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

ADD = "/admin/catalogue/contractversion/add/"


def staff(username: str, role: Role, institution: str) -> Client:
    user: User = make_user(username, role, institution)
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def inasti_text(title: str) -> str:
    text = seed_path("inasti-2019-2020").read_text(encoding="utf-8")
    assert text.count("Avenant 2019-2020 du contrat d'administration INASTI 2016-2018") >= 1
    return text.replace("Avenant 2019-2020 du contrat d'administration INASTI 2016-2018", title, 1)


def inasti_pk() -> int:
    return ContractVersion.objects.get(contract_id="inasti-2019-2020").pk


def test_a_contract_manager_uploads_a_corrected_file_as_a_new_version() -> None:
    client = staff("manager", Role.CONTRACT_MANAGER, "INASTI")
    inst = ContractVersion.objects.get(contract_id="inasti-2019-2020").institution
    upload = SimpleUploadedFile("inasti.yaml", inasti_text("Avenant corrigé").encode())
    response = client.post(ADD, {"institution": inst.pk, "upload": upload, "text": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    versions = ContractVersion.objects.filter(contract_id="inasti-2019-2020")
    assert versions.count() == 2  # the older version is kept
    newest = versions.first()
    assert newest is not None
    assert newest.title == "Avenant corrigé"
    assert newest.source == "upload inasti.yaml"
    entry = AuditEntry.objects.filter(action="contract.load").first()
    assert entry is not None
    assert entry.who is not None
    assert entry.who.username == "manager"
    assert entry.institution == inst
    assert entry.before is not None
    assert entry.after["sha256"] == newest.sha256


def test_editing_the_text_saves_a_new_version_and_keeps_the_old() -> None:
    client = staff("manager", Role.CONTRACT_MANAGER, "INASTI")
    old = inasti_pk()
    page = client.get(f"/admin/catalogue/contractversion/{old}/change/").content.decode()
    assert "id: inasti-2019-2020" in page  # the YAML of the version, ready to edit
    response = client.post(
        f"/admin/catalogue/contractversion/{old}/change/",
        {"text": inasti_text("Titre modifié")},
    )
    assert response.status_code == 302
    assert ContractVersion.objects.filter(pk=old).exists()
    assert ContractVersion.objects.filter(contract_id="inasti-2019-2020").first().title == (
        "Titre modifié"
    )


def test_a_broken_file_is_refused_with_its_line_and_nothing_is_stored() -> None:
    client = staff("manager", Role.CONTRACT_MANAGER, "INASTI")
    inst = ContractVersion.objects.get(contract_id="inasti-2019-2020").institution
    broken = inasti_text("x").replace("start: 2019-01-01", "start: 2019-02-30", 1)
    before = ContractVersion.objects.count(), AuditEntry.objects.count()
    response = client.post(ADD, {"institution": inst.pk, "text": broken})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"admin form:\d+: .*2019-02-30 is not a date", page), page[-3000:]
    assert (ContractVersion.objects.count(), AuditEntry.objects.count()) == before


def test_a_contract_manager_edits_only_their_institution() -> None:
    client = staff("manager", Role.CONTRACT_MANAGER, "INASTI")
    inami = ContractVersion.objects.get(contract_id="inami-2013-2015")
    listing = client.get("/admin/catalogue/contractversion/").content.decode()
    assert "inasti-2019-2020" in listing
    assert "inami-2013-2015" not in listing
    other = client.get(f"/admin/catalogue/contractversion/{inami.pk}/change/")
    assert other.status_code == 302  # the admin's "does not exist" redirect: nothing shown
    text = seed_path("inami-2013-2015").read_text(encoding="utf-8")
    refused = client.post(ADD, {"institution": inami.institution.pk, "text": text})
    assert refused.status_code == 200  # the institution is not among the choices
    assert ContractVersion.objects.filter(contract_id="inami-2013-2015").count() == 1


@pytest.mark.parametrize("role", [Role.GOVERNMENT_COMMISSIONER])
def test_readers_see_versions_but_cannot_change_them(role: Role) -> None:
    client = staff("reader", role, "INASTI")
    pk = inasti_pk()
    assert client.get("/admin/catalogue/contractversion/").status_code == 200
    assert client.get(f"/admin/catalogue/contractversion/{pk}/change/").status_code == 200
    assert client.get(ADD).status_code == 403
    refused = client.post(
        f"/admin/catalogue/contractversion/{pk}/change/", {"text": inasti_text("non")}
    )
    assert refused.status_code == 403
    assert ContractVersion.objects.count() == 2


@pytest.mark.parametrize("role", [Role.SERVICE_OWNER, Role.VIEWER])
def test_other_roles_have_no_catalogue_in_the_admin(role: Role) -> None:
    client = staff("someone", role, "INASTI")
    assert client.get("/admin/catalogue/contractversion/").status_code == 403
    assert client.get(ADD).status_code == 403


def test_nobody_deletes_a_version() -> None:
    client = staff("manager", Role.CONTRACT_MANAGER, "INASTI")
    pk = inasti_pk()
    response = client.post(f"/admin/catalogue/contractversion/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ContractVersion.objects.filter(pk=pk).exists()
