"""The published JSON Schema of contract files, generated from the model."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pilotage.contract._model import Contract

__all__ = ["SCHEMA_ID", "contract_schema", "published_schema"]

SCHEMA_ID = "https://pilotage.example/schema/pilotage-contract-1.json"


def contract_schema() -> dict[str, Any]:
    """The JSON Schema the model implies (what `pilotage contract schema` prints)."""
    schema = Contract.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "pilotage contract file (pilotage-contract/1)",
    }


def published_schema() -> dict[str, Any]:
    """The schema file shipped in the package; a test keeps it equal to `contract_schema()`."""
    text = (resources.files("pilotage") / "schema" / "contract.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
