"""The published JSON Schema and the public names of the contract package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import pilotage.contract
import pilotage.legaltime
from pilotage.contract import contract_schema, published_schema

DATA = Path(__file__).parent / "data"


def test_published_schema_is_up_to_date() -> None:
    # Regenerate with: pilotage contract schema > src/pilotage/schema/contract.schema.json
    assert published_schema() == contract_schema()


def _as_json(path: Path) -> object:
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


def test_schema_accepts_the_sample_and_rejects_unknown_keys() -> None:
    schema = contract_schema()
    jsonschema.validate(_as_json(DATA / "valid" / "sample.yaml"), schema)
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.validate(_as_json(DATA / "broken" / "unknown_keys.yaml"), schema)


def test_exported_names_are_what_we_mean() -> None:
    exported = set(pilotage.contract.__all__)
    assert {"Contract", "Objective", "Norm", "Deadline", "Budget", "LocalText"} <= exported
    assert pilotage.contract.FORMAT == "pilotage-contract/1"
    for name in exported - {"FORMAT", "SEED_IDS"}:
        value = getattr(pilotage.contract, name)
        # The vocabulary of legal time is legaltime's, re-exported; the rest is the contract's.
        home = "pilotage.legaltime" if name in pilotage.legaltime.__all__ else "pilotage.contract"
        assert value.__module__.startswith(home), name
