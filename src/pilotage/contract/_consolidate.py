"""Consolidation (INAMI art. 44): the contract in force at a date, from a base and its amendments.

Elements are matched by their code (services, key tasks, objectives, indicators, articles,
actions, budget lines, ...). An amendment's element replaces the base's fields it gives and
merges its children (a budget chapter is replaced whole); norms keep their history (a base
norm ends the day before the amendment takes effect); caveats and lineage remarks accumulate;
`removes` deletes elements; a key task whose competence moves to another service (`transfers`)
sits under that service from the transfer's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pilotage.contract._files import parse_contract, to_plain
from pilotage.contract._model import Contract
from pilotage.errors import ConsolidationError

__all__ = ["consolidate"]

_KEYS = {
    "services": "code",
    "key_tasks": "code",
    "objectives": "code",
    "indicators": "code",
    "articles": "number",
    "actions": "number",
    "continuous_missions": "code",
    "projects": "code",
    "common_commitments": "code",
    "references": "id",
    "domains": "code",
    "axes": "code",
    "mission_categories": "code",
    "lines": "code",
    "children": "code",
    "provisions": "number",
}
_ACCUMULATE = {"caveats", "lineage", "origin", "transfers", "notes"}
# The document structure follows the latest text; a budget is voted per contract period and an
# amendment's budget chapter replaces the base's ("les chapitres 9.3.10 et 9.3.11 sont remplacés").
_REPLACE_WHOLE = {"chapters", "budget"}


def consolidate(
    base: Contract, amendments: Sequence[Contract], at: dt.date, *, history: bool = False
) -> Contract:
    """The contract in force on `at`; with `history`, norms of every period are kept."""
    known = {base.id}
    applied: list[Contract] = []
    for amendment in sorted(amendments, key=lambda a: a.starts):
        if amendment.amends not in known:
            raise ConsolidationError(
                f"{amendment.id} amends {amendment.amends!r}, which is neither the base "
                f"{base.id!r} nor an amendment given before it; give the files in order "
                "BASE AMENDMENT..."
            )
        known.add(amendment.id)
        if amendment.starts <= at:
            applied.append(amendment)
    end = max([base.period.end or base.period.start] + [a.period.end or at for a in applied])
    if not base.period.start <= at <= end:
        raise ConsolidationError(
            f"{at} is outside the period of {base.id} and its amendments "
            f"({base.period.start} .. {end}); pick a date within it"
        )
    data: dict[str, Any] = to_plain(base)
    for amendment in applied:
        patch: dict[str, Any] = to_plain(amendment)
        for key in ("id", "kind", "amends", "period", "effective", "title", "format", "removes"):
            patch.pop(key, None)
        _remove(data, amendment)  # first, so that a code can be removed and given a new meaning
        _merge(data, patch, amendment.starts)
    _apply_transfers(data, at)
    if not history:
        _keep_norms_in_force(data, at)
    data["id"] = f"{base.id}@{at.isoformat()}"
    data["period"] = {"start": base.period.start, "end": end}
    data["title"] = _consolidated_title(data["title"], at, [a.id for a in applied])
    refs = data.setdefault("references", [])
    for doc in [base, *applied]:
        if not any(r["id"] == doc.id for r in refs):
            refs.append(
                {
                    "id": doc.id,
                    "title": to_plain(doc.title),
                    "available": True,
                    "period_start": doc.period.start,
                    "period_end": doc.period.end,
                }
            )
        else:
            for r in refs:
                if r["id"] == doc.id:
                    r["available"] = True
    return parse_contract(data, f"consolidation of {base.id} at {at}")


def _consolidated_title(title: dict[str, str], at: dt.date, ids: list[str]) -> dict[str, str]:
    suffix = {
        "fr": f" - version consolidée au {at:%d/%m/%Y}",
        "nl": f" - geconsolideerde versie op {at:%d/%m/%Y}",
        "en": f" - consolidated as of {at.isoformat()}",
        "de": f" - konsolidierte Fassung zum {at:%d.%m.%Y}",
    }
    out = {lang: text + suffix[lang] for lang, text in title.items()}
    if ids:
        out.setdefault("en", f"Consolidated as of {at.isoformat()}")
        out["en"] += " (with " + ", ".join(ids) + ")"
    return out


def _merge(into: dict[str, Any], patch: dict[str, Any], starts: dt.date) -> None:
    for key, value in patch.items():
        old = into.get(key)
        if key == "norms" and isinstance(old, list):
            into[key] = _norm_history(old, value, starts)
        elif key in _REPLACE_WHOLE or old is None:
            into[key] = value
        elif key in _ACCUMULATE and isinstance(old, list):
            into[key] = old + [v for v in value if v not in old]
        elif key in _KEYS and isinstance(old, list) and all(isinstance(v, dict) for v in value):
            into[key] = _merge_keyed(old, value, _KEYS[key], starts)
        elif isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value, starts)
        elif key == "years" and isinstance(old, list):
            into[key] = sorted(set(old) | set(value))
        else:
            into[key] = value


def _merge_keyed(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: str, starts: dt.date
) -> list[dict[str, Any]]:
    out = [dict(item) for item in old]
    index = {item[key]: item for item in out}
    for item in new:
        if item[key] in index:
            _merge(index[item[key]], item, starts)
        else:
            out.append(item)
    return out


def _norm_history(
    old: list[dict[str, Any]], new: list[dict[str, Any]], starts: dt.date
) -> list[dict[str, Any]]:
    kept = []
    for norm in old:
        valid = dict(norm["valid"])
        if valid["start"] >= starts:
            continue  # replaced by the amendment from its first day
        if valid.get("end") is None or valid["end"] >= starts:
            valid["end"] = starts - dt.timedelta(days=1)
        kept.append({**norm, "valid": valid})
    return kept + new


def _remove(data: dict[str, Any], amendment: Contract) -> None:
    for code in amendment.removes:
        if not _remove_code(data, code):
            raise ConsolidationError(
                f"{amendment.id} removes {code!r}, which the contract it amends does not hold"
            )


def _remove_code(node: Any, code: str) -> bool:
    found = False
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _KEYS and isinstance(value, list):
                field = _KEYS[key]
                kept = [v for v in value if not (isinstance(v, dict) and v.get(field) == code)]
                if len(kept) != len(value):
                    node[key] = kept
                    found = True
            found = _remove_code(value, code) or found
    elif isinstance(node, list):
        for item in node:
            found = _remove_code(item, code) or found
    return found


def _apply_transfers(data: dict[str, Any], at: dt.date) -> None:
    services = {s["code"]: s for s in data.get("services", [])}
    moves = []
    for service in data.get("services", []):
        for task in service.get("key_tasks", []):
            due = [t for t in task.get("transfers", []) if t["effective"] <= at]
            if due:
                target = max(due, key=lambda t: t["effective"])["to_service"]
                if target != service["code"]:
                    moves.append((service, task, target))
    for service, task, target in moves:
        if target not in services:
            raise ConsolidationError(
                f"key task {task['code']} moves to service {target!r}, which the contract "
                "does not define"
            )
        service["key_tasks"].remove(task)
        services[target].setdefault("key_tasks", []).append(task)


def _keep_norms_in_force(data: dict[str, Any], at: dt.date) -> None:
    for indicator in _indicators(data):
        norms = indicator.get("norms", [])
        in_force = [
            n
            for n in norms
            if n["valid"]["start"] <= at
            and (n["valid"].get("end") is None or at <= n["valid"]["end"])
        ]
        indicator["norms"] = in_force
        if not in_force and "no_norm_reason" not in indicator:
            indicator["no_norm_reason"] = {"en": f"No norm in force on {at.isoformat()}."}


def _indicators(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("indicators", "result_indicators") and isinstance(value, list):
                found.extend(value)
            elif key == "indicator" and isinstance(value, dict):
                found.append(value)
            else:
                found.extend(_indicators(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_indicators(item))
    return found
