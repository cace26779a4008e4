"""docs/actions.md cannot rot: its command-line session is replayed in order and compared."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from tests.docsessions import console_session
from tests.web.test_progress import inami

__all__ = ["inami"]  # the fixture: the INAMI contract in the catalogue

DOC = Path(__file__).resolve().parents[2] / "docs" / "actions.md"


def session() -> list[tuple[str, str]]:
    return console_session(DOC)


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PILOTAGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PILOTAGE_WEB_DEBUG", "1")


@pytest.mark.django_db
@pytest.mark.usefixtures("inami")
def test_the_session_replays() -> None:
    steps = session()
    assert len(steps) >= 10
    for command, output in steps:
        args = shlex.split(command)
        assert args[:2] == ["pilotage", "actions"]
        result = CliRunner().invoke(main, args[1:])
        assert result.output == output, command
        assert result.exit_code == (1 if output.startswith("error:") else 0), command
