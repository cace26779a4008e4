from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from pilotage.contract import dump_contract, load_contract, seed_path
from pilotage.errors import ContractInvalidError
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.loading import load_contract_file
from pilotage.web.catalogue.models import ContractVersion

pytestmark = pytest.mark.django_db


def test_migrations_apply_and_match_the_models() -> None:
    tables = set(connection.introspection.table_names())
    assert {"accounts_institution", "accounts_grant", "catalogue_contractversion"} <= tables
    assert "audit_auditentry" in tables
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_load_stores_the_canonical_json_and_is_idempotent() -> None:
    first = load_contract_file("inasti-2019-2020", "INASTI")
    again = load_contract_file(str(seed_path("inasti-2019-2020")), "INASTI")
    assert first.created
    assert not again.created
    assert again.version.pk == first.version.pk
    assert ContractVersion.objects.count() == 1
    v = first.version
    contract = load_contract(seed_path("inasti-2019-2020"))
    assert v.content == dump_contract(contract, "json")
    assert (v.contract_id, v.institution.code) == ("inasti-2019-2020", "INASTI")
    assert (v.period_start, v.period_end) == (contract.period.start, contract.period.end)
    assert len(v.sha256) == 64
    assert v.contract() == contract


def test_audit_trail_written_once_per_new_version() -> None:
    load_contract_file("inami-2013-2015", "INAMI")
    load_contract_file("inami-2013-2015", "INAMI")
    (entry,) = AuditEntry.objects.filter(action="contract.load")
    assert AuditEntry.objects.filter(action="institution.create").count() == 1
    version = ContractVersion.objects.get()
    assert entry.action == "contract.load"
    assert entry.object_type == "catalogue.ContractVersion"
    assert entry.object_id == str(version.pk)
    assert entry.before is None
    assert entry.after["sha256"] == version.sha256
    assert entry.who is None
    assert entry.at is not None
    json.dumps(entry.after)


def test_a_contract_is_loaded_only_under_its_own_institution() -> None:
    with pytest.raises(ContractInvalidError, match="institution 'INAMI', not 'INASTI'"):
        load_contract_file("inami-2013-2015", "INASTI")
    assert ContractVersion.objects.count() == 0
