from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.catalogue.loading import load_contract_file

INSTITUTION_OF = {"inasti-2019-2020": "INASTI", "inami-2013-2015": "INAMI"}


@pytest.fixture(autouse=True, scope="session")
def _secret_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    # WhiteNoise warns when STATIC_ROOT is missing; the servers collect it, tests use an empty one.
    django_settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))
    django_settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    # Outside debug mode the settings leave the key empty unless PILOTAGE_WEB_SECRET_KEY is set.
    django_settings.SECRET_KEY = "tests-only-not-a-secret"
    # A fast hasher: the real one is slow on purpose, and tests create many accounts.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
