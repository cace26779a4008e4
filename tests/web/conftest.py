from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from pilotage.contract import load_contract, seed_path
from pilotage.demo import generate_demo, write_demo
from pilotage.engine import ResultSet, measure, publish
from pilotage.facts import DuckDBFactStore, import_cases, read_org_units
from pilotage.facts.settings import STORE_FILE
from pilotage.legaltime import Period, periods_between
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.catalogue.loading import load_contract_file

INSTITUTION_OF = {"inasti-2019-2020": "INASTI", "inami-2013-2015": "INAMI"}

# The web tests whose outcome can differ between SQLite and PostgreSQL, the only ones the
# PostgreSQL pass runs (scripts/test: -m db_differs): whole modules here, with what differs;
# a test elsewhere says it with @pytest.mark.db_differs. Everything else (pages, forms, rights
# over rows, templates, help texts) runs the same queries on either and ran on SQLite.
DB_DIFFERS: dict[str, str] = {
    "test_server_database.py": "the server's own database, its vendor and settings",
    "test_catalogue.py": "the migrations against the models; one version per content (unique)",
    "test_publication.py": "a published set refused change and deletion, by raw SQL too",
    "test_rights.py": "grants under select_for_update; audit entries in the change's transaction",
    "test_one_path.py": "each path's change and its audit entry in one transaction",
    "test_audit_page.py": "date filters at day boundaries in the installation's time zone",
    "test_evaluation_requests.py": "requests and notices locked, numbered and consolidated",
    "test_evaluation_pages.py": "an evaluation's steps locked (select_for_update), rolled back",
    "test_progress.py": "progress recorded under select_for_update, one row per key",
}


def db_differs(item: pytest.Item) -> bool:
    """Whether `item` is one of the tests the PostgreSQL pass runs."""
    marks = ("db_differs", "database")  # database: a subprocess on DATABASE_URL
    return item.path.name in DB_DIFFERS or any(item.get_closest_marker(m) for m in marks)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the modules of DB_DIFFERS db_differs; the PostgreSQL pass (scripts/test,
    PILOTAGE_TEST_WEB_DATABASE=postgresql) runs only the db_differs tests of tests/web."""
    web = Path(__file__).parent
    for item in items:
        if web in item.path.parents and db_differs(item):
            item.add_marker(pytest.mark.db_differs)  # so that -m db_differs selects them
    if os.environ.get("PILOTAGE_TEST_WEB_DATABASE") != "postgresql":
        return
    kept = [i for i in items if web not in i.path.parents or db_differs(i)]
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept


@pytest.fixture(autouse=True, scope="session")
def _secret_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    # WhiteNoise warns when STATIC_ROOT is missing; the servers collect it, tests use an empty one.
    django_settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))
    django_settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    # Outside debug mode the settings leave the key empty unless PILOTAGE_WEB_SECRET_KEY is set.
    django_settings.SECRET_KEY = "tests-only-not-a-secret"
    # A fast hasher: the real one is slow on purpose, and tests create many accounts.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with nothing kept from another (the pages' cache is per process)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded(db: None) -> None:
    """Both seed contracts in the catalogue."""
    for seed_id, institution in INSTITUTION_OF.items():
        load_contract_file(seed_id, institution)


def make_user(username: str, role: Role, institution: str) -> User:
    user = User.objects.create_user(username, password="pw-for-tests")
    inst, _ = Institution.objects.get_or_create(code=institution)
    Grant.objects.create(user=user, institution=inst, role=role.value)
    return user


def demo_fact_store(
    root: Path,
    periods: tuple[str, str],
    *,
    contract_id: str = "inasti-2019-2020",
    start: dt.date = dt.date(2018, 1, 1),
    scale: float = 0.05,
) -> dict[str, ResultSet]:
    """A fact store `root/facts.duckdb` of demonstration cases (from `start` to the end of the
    last period, at `scale`), measured and published per office, region and institution over
    `periods` (first, last); returns the result sets by level."""
    contract = load_contract(seed_path(contract_id))
    quarters = periods_between(Period.parse(periods[0]), Period.parse(periods[1]))
    data = generate_demo(contract, start=start, end=quarters[-1].last, scale=scale)
    write_demo(data, root / "demo")
    sets = {}
    with DuckDBFactStore(root / STORE_FILE) as facts:
        import_cases(
            facts,
            [root / "demo" / "cases.parquet"],
            contract,
            secret="web-tests-demo-key-" + "0" * 16,
            org_units=read_org_units(root / "demo" / "org-units.csv"),
            demonstration=True,
        )
        for level in ("office", "region", "institution"):
            sets[level] = publish(
                facts, measure(facts.cases(), facts.org_units(), contract, quarters, level)
            )
    return sets


@pytest.fixture
def demo(seeded: None) -> Any:
    """The demonstration evaluation of INAMI 2014, with the demo accounts, as pilotage start
    sets it up."""
    from pilotage.web.accounts.demo import create_demo_users
    from pilotage.web.evaluation import models as m
    from pilotage.web.evaluation.demo import seed_demo_evaluation
    from pilotage.web.progress.demo import seed_demo_progress

    create_demo_users(["INASTI", "INAMI"])
    seed_demo_progress("inami-2013-2015")
    seed_demo_evaluation()
    return m.Evaluation.objects.get(contract_id="inami-2013-2015", year=2014)
