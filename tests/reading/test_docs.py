"""docs/reading.md stays true: its console session is replayed on the fixture it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.reading import FindingKind
from tests.docsessions import DOCS, console_session

from .conftest import FIXTURES

PAGE = DOCS / "reading.md"


def test_the_documented_session_replays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = console_session(PAGE)
    assert [command.split()[:3] for command, _ in steps] == [
        ["pilotage", "contract", "import-document"],
        ["pilotage", "contract", "check"],
    ]
    monkeypatch.chdir(tmp_path)
    for command, expected in steps:
        words = [
            str(FIXTURES / Path(w).name) if w.startswith("tests/") else w for w in command.split()
        ]
        result = CliRunner().invoke(main, words[1:])
        assert result.output == expected, command


def test_every_finding_kind_is_documented() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert [k.value for k in FindingKind if f"`{k.value}`" not in page] == []
