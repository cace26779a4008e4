"""The web tests run on the database `scripts/test` says they run on: SQLite, then PostgreSQL."""

from __future__ import annotations

import os

import pytest
from django.db import connection

# Set by scripts/test for each run of the web tests: "sqlite" (the default run), "postgresql"
# (the second run, with DATABASE_URL); unset when pytest is run by hand.
EXPECTED_ENV = "PILOTAGE_TEST_WEB_DATABASE"


@pytest.mark.django_db
def test_the_tests_use_the_database_they_were_told_to() -> None:
    expected = os.environ.get(EXPECTED_ENV)
    if not expected:
        pytest.skip(f"{EXPECTED_ENV} is not set (scripts/test sets it)")
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    if expected == "postgresql":
        assert connection.settings_dict["NAME"].startswith("test_")  # pytest-django's own
