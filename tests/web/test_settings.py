from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pilotage.web import settings as web_settings


def test_sqlite_in_the_data_dir_by_default(tmp_path: Path) -> None:
    db = web_settings.database({"PILOTAGE_DATA_DIR": str(tmp_path)})
    assert db == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "web.sqlite3")}


def test_sqlite_under_data_when_no_data_dir() -> None:
    assert web_settings.database({})["NAME"] == str(Path("data") / "web.sqlite3")


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    db = web_settings.database(
        {"PILOTAGE_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://u:p@db.example:5433/pil"}
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "pil",
        "u",
        "p",
        "db.example",
        5433,
    )


def test_secret_key_required_outside_debug(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="PILOTAGE_WEB_SECRET_KEY is not set"):
        web_settings.secret_key({"PILOTAGE_DATA_DIR": str(tmp_path)}, debug_mode=False)
    assert not list(tmp_path.iterdir())


def test_secret_key_from_the_environment(tmp_path: Path) -> None:
    env = {"PILOTAGE_DATA_DIR": str(tmp_path), "PILOTAGE_WEB_SECRET_KEY": "k" * 50}
    assert web_settings.secret_key(env, debug_mode=False) == "k" * 50


def test_development_key_generated_once_in_the_data_dir(tmp_path: Path) -> None:
    env = {"PILOTAGE_DATA_DIR": str(tmp_path / "data")}
    first = web_settings.secret_key(env, debug_mode=True)
    assert len(first) >= 50
    assert web_settings.secret_key(env, debug_mode=True) == first
    assert (tmp_path / "data" / "web-secret-key.txt").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_debug_from_the_environment(value: str, expected: bool) -> None:
    assert web_settings.debug({"PILOTAGE_WEB_DEBUG": value}) is expected


def test_security_and_language_defaults() -> None:
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "nl", "en"]
    assert settings.USE_TZ
