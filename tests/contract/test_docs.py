"""The contract-file page documents every top-level key and every command."""

from __future__ import annotations

from pathlib import Path

from pilotage.cli import main  # noqa: F401  (registers every contract command)
from pilotage.cli._contract import contract
from pilotage.contract import Contract

PAGE = Path(__file__).resolve().parents[2] / "docs" / "contract-files.md"


def test_every_top_level_key_is_documented() -> None:
    text = PAGE.read_text(encoding="utf-8")
    missing = [key for key in Contract.model_fields if key != "source" and f"`{key}`" not in text]
    assert missing == []


def test_every_contract_command_is_documented() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert [c for c in contract.commands if f"pilotage contract {c}" not in text] == []
