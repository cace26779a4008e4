"""A figure is shown with the contract version it was computed against: a newer version in the
catalogue (a changed target) is named beside it, and its norm text is not mixed in."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from pilotage.contract import ExportFormat, dump_contract, load_contract, seed_path
from pilotage.web.catalogue.loading import check_contract_text, store_contract
from tests.web.test_dashboards import (
    CONTRACT,
    Store,
    _url,
    inasti,
    objective_url,
    store,
    synced,
    viewer,
)

pytestmark = pytest.mark.django_db
__all__ = ["inasti", "store", "synced", "viewer"]

NEW_TARGET = "77.25"


def _find(node: Any, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The first dict of a JSON tree, depth first, that `match` accepts."""
    if isinstance(node, dict):
        if match(node):
            return node
        children = list(node.values())
    else:
        children = node if isinstance(node, list) else []
    for child in children:
        found = _find(child, match)
        if found is not None:
            return found
    return None


def _first_target(node: Any) -> dict[str, Any] | None:
    holder = _find(node, lambda d: isinstance(d.get("target"), dict) and "value" in d["target"])
    return None if holder is None else holder["target"]


def _objective(node: Any, code: str) -> dict[str, Any] | None:
    return _find(node, lambda d: d.get("code") == code)


def test_a_changed_target_is_named_and_not_mixed(synced: Store, viewer: Client) -> None:
    before = viewer.get(objective_url("2019-Q4", "VOB 2-01")).content.decode()
    assert "Contract version" not in before
    content = json.loads(dump_contract(load_contract(seed_path(CONTRACT)), ExportFormat.JSON))
    target = _first_target(_objective(content, "VOB 2-01"))
    assert target is not None
    target["value"] = NEW_TARGET
    changed = check_contract_text(json.dumps(content), "changed-target.json")
    store_contract(changed, "INASTI", source="changed-target.json")
    for url in (_url("2019-Q4"), objective_url("2019-Q4", "VOB 2-01")):
        page = viewer.get(url).content.decode()
        assert "Contract version" in page
        assert "the catalogue holds a newer version" in page
        assert NEW_TARGET.rstrip("0") not in page  # the new norm text is not shown
    after = viewer.get(objective_url("2019-Q4", "VOB 2-01")).content.decode()
    norm_cells = [line for line in before.splitlines() if "%" in line and "<td" in line]
    assert norm_cells
    assert all(cell in after for cell in norm_cells[:5])  # the same norm texts as before
