"""Compare two contracts: added, removed and changed elements, provenance ignored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pilotage.contract._files import to_plain
from pilotage.contract._model import Contract

__all__ = ["Change", "ChangeKind", "diff_contracts", "format_changes"]


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    what: str  # "objective", "norm", "action", "budget line", ...
    key: str  # "VOB 2-01", "art. 11 action 3", ...
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.kind.value]
        head = f"{mark} {self.what} {self.key}"
        return head + "".join(f"\n    {d}" for d in self.details)


_CHILDREN = {
    "key_tasks",
    "objectives",
    "indicators",
    "norms",
    "caveats",
    "actions",
    "children",
    "source",
}


def _strip(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: _no_source(v) for k, v in payload.items() if k not in _CHILDREN}


def _no_source(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_source(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [_no_source(v) for v in value]
    return value


# Top-level keys whose items are compared one by one below; the rest is the contract's header.
_LISTED = {
    "services",
    "articles",
    "continuous_missions",
    "projects",
    "common_commitments",
    "budget",
    "chapters",
    "source",
}


def _elements(contract: Contract) -> Iterator[tuple[str, str, dict[str, Any]]]:
    data = to_plain(contract)
    yield "contract", data["id"], {k: _no_source(v) for k, v in data.items() if k not in _LISTED}
    for ch in data.get("chapters", []):
        yield "chapter", ch["number"], _no_source(ch)
    for s in data.get("services", []):
        yield "service", s["code"], _strip(s)
        for t in s.get("key_tasks", []):
            yield "key task", t["code"], _strip(t)
            for o in t.get("objectives", []):
                yield "objective", o["code"], _strip(o)
                for n, cav in enumerate(o.get("caveats", [])):
                    key = f"{o['code']} footnote {cav.get('footnote') or f'#{n + 1}'}"
                    yield "caveat", key, _no_source(cav)
                for ind in o.get("indicators", []):
                    yield from _indicator(o["code"], ind)
    for a in data.get("articles", []):
        yield "article", a["number"], _strip(a)
        for act in a.get("actions", []):
            yield "action", f"art. {a['number']} action {act['number']}", _no_source(act)
        for ind in a.get("result_indicators", []):
            yield from _indicator(f"art. {a['number']}", ind)
    for m in data.get("continuous_missions", []):
        yield "continuous mission", m["code"], _no_source(m)
    for p in data.get("projects", []):
        yield "project", p["code"], _no_source(p)
    for cc in data.get("common_commitments", []):
        yield "common commitment", cc["code"], _no_source(cc)
    budget = data.get("budget")
    if budget:
        for top in budget["lines"]:
            yield from _budget_lines(top)
        yield "budget line", "total", {"amounts": budget["total"]}
        cap = budget.get("statutory_personnel_cap")
        if cap:
            yield "budget line", "statutory personnel cap", {"amounts": cap}


def _indicator(owner: str, ind: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    key = owner if ind["code"] == owner else f"{owner} / {ind['code']}"
    yield "indicator", key, _strip(ind)
    for n, norm in enumerate(ind.get("norms", [])):
        label = norm.get("label")
        name = next(iter(label.values())) if label else f"#{n + 1}"
        yield "norm", f"{key} {name}", _no_source(norm)


def _budget_lines(line: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield "budget line", line["code"], _strip(line)
    for child in line.get("children", []):
        yield from _budget_lines(child)


def _field_changes(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in list(old) + [k for k in new if k not in old]:
            out += _field_changes(old.get(k), new.get(k), f"{path}.{k}" if path else str(k))
        return out
    if old != new:
        return [f"{path or 'value'}: {_show(old)} -> {_show(new)}"]
    return []


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    text = str(value)
    return text if len(text) <= 70 else text[:67] + "..."


def diff_contracts(a: Contract, b: Contract) -> list[Change]:
    """What changes from `a` to `b`, element by element, in the order of `a` then `b`."""
    old = {(what, key): payload for what, key, payload in _elements(a)}
    new = {(what, key): payload for what, key, payload in _elements(b)}
    changes = []
    for ident, payload in old.items():
        if ident not in new:
            changes.append(Change(ChangeKind.REMOVED, *ident))
        elif payload != new[ident]:
            changes.append(
                Change(ChangeKind.CHANGED, *ident, tuple(_field_changes(payload, new[ident])))
            )
    changes += [Change(ChangeKind.ADDED, *ident) for ident in new if ident not in old]
    return changes


def format_changes(changes: list[Change]) -> str:
    if not changes:
        return "no differences\n"
    counts = {k: sum(1 for c in changes if c.kind is k) for k in ChangeKind}
    lines = [str(c) for c in changes]
    lines.append(", ".join(f"{n} {k.value}" for k, n in counts.items()))
    return "\n".join(lines) + "\n"
