from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The web commands set PILOTAGE_WEB_DEBUG and may write a development key to the data dir.
    monkeypatch.setenv("PILOTAGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PILOTAGE_WEB_DEBUG", "1")


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["migrate"],
        ["load-seeds"],
        ["sync-results"],
        ["create-demo-users"],
        ["collectstatic"],
        ["serve"],
    ],
)
def test_every_web_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(main, ["web", *command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_serve_help_names_the_production_server_and_the_development_one() -> None:
    result = CliRunner().invoke(main, ["web", "serve", "--help"])
    text = " ".join(result.output.split())
    assert "waitress, a production WSGI server" in text
    assert "--dev runs Django's development server (runserver) instead" in text
    assert "PILOTAGE_WEB_SECRET_KEY is required" in text


@pytest.mark.django_db
def test_load_seeds_twice_loads_once() -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["web", "load-seeds"])
    second = runner.invoke(main, ["web", "load-seeds"])
    assert first.exit_code == 0, first.output
    assert "inasti-2019-2020 [INASTI]: loaded" in first.output
    assert "inami-2013-2015 [INAMI]: loaded" in first.output
    assert second.output.count("unchanged") == 2
    assert ContractVersion.objects.count() == 2
    assert AuditEntry.objects.filter(action="contract.load").count() == 2


@pytest.mark.django_db
def test_create_demo_users_one_per_role_labelled_demonstration() -> None:
    runner = CliRunner()
    runner.invoke(main, ["web", "load-seeds"])
    result = runner.invoke(main, ["web", "create-demo-users"])
    assert result.exit_code == 0, result.output
    assert "DEMONSTRATION" in result.output
    for role in Role:
        assert f"demo-{role.value.replace('_', '-')} / " in result.output
    assert Grant.objects.count() == len(Role) * 2
    owner = Grant.objects.filter(user__username="demo-service-owner")
    assert {g.institution.code: g.services for g in owner} == {"INASTI": ["VOB"], "INAMI": ["11"]}
    assert "(service owner; INAMI 11, INASTI VOB)" in result.output


@pytest.mark.django_db
def test_sync_results_copies_the_published_result_sets(tmp_path: Path) -> None:
    from pilotage.facts import DuckDBFactStore

    with DuckDBFactStore(tmp_path / "facts.duckdb"):
        pass  # a store with nothing published yet
    result = CliRunner().invoke(main, ["web", "sync-results"])
    assert result.exit_code == 0, result.output
    assert f"result sets in {tmp_path / 'facts.duckdb'}: 0 copied (0 figures)" in result.output
    missing = CliRunner().invoke(main, ["web", "sync-results", "--store", str(tmp_path / "no")])
    assert missing.exit_code != 0
    assert "no fact store at" in missing.output


@pytest.mark.django_db
def test_collectstatic_copies_the_static_files_into_static_root() -> None:
    from django.conf import settings

    result = CliRunner().invoke(main, ["web", "collectstatic"])
    assert result.exit_code == 0, result.output
    assert (Path(settings.STATIC_ROOT) / "admin" / "css" / "base.css").exists()


def test_web_commands_refuse_to_start_without_a_key_outside_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PILOTAGE_WEB_DEBUG", "0")
    monkeypatch.delenv("PILOTAGE_WEB_SECRET_KEY", raising=False)
    result = CliRunner().invoke(main, ["web", "migrate"])
    assert result.exit_code == 1
    assert "PILOTAGE_WEB_SECRET_KEY is not set" in result.output
