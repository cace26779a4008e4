"""A change of an audited object, field by field: its state before and after compared."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pilotage.web.audit.labels import field_label

__all__ = ["Change", "diff"]


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str
    label: str = ""  # the field in the reader's language


def diff(before: Any, after: Any, object_type: str = "") -> list[Change]:
    """The fields that differ between two states; a state that is not a mapping is one field.
    Each is named in the reader's language when `object_type` (a model label) is given."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        return [] if before == after else [Change("", _shown(before), _shown(after))]
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    return [
        Change(
            str(key),
            _shown(old.get(key)),
            _shown(new.get(key)),
            field_label(object_type, str(key)) if object_type else "",
        )
        for key in sorted({*old, *new})
        if old.get(key) != new.get(key)
    ]
