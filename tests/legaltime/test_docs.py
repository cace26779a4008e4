"""docs/legal-time.md cannot rot: every command it shows is run and its output compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from tests.docsessions import console_session

DOC = Path(__file__).resolve().parents[2] / "docs" / "legal-time.md"


def examples() -> list[tuple[str, str]]:
    return console_session(DOC)


def test_the_page_has_examples() -> None:
    assert len(examples()) >= 15


@pytest.mark.parametrize(("command", "output"), examples())
def test_example(command: str, output: str) -> None:
    args = shlex.split(command)
    assert args[0] == "pilotage"
    result = CliRunner().invoke(main, args[1:])
    assert result.output == output
    assert result.exit_code == (1 if output.startswith("error:") else 0)


def test_the_calendar_file_shown_loads(tmp_path: Path) -> None:
    from pilotage.legaltime import load_calendars

    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block is not None
    path = tmp_path / "calendars.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    inami = load_calendars(path)["inami"]
    assert {h.day.isoformat() for h in inami.holidays(2019)} >= {
        "2019-09-27", "2019-11-02", "2019-11-15", "2019-12-24", "2019-12-26",
    }  # fmt: skip
