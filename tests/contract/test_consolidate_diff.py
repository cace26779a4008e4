"""Consolidation of a base with its amendment, and the diff between versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.contract import (
    ChangeKind,
    Contract,
    check_contract,
    consolidate,
    diff_contracts,
    format_changes,
    load_contract,
    seed_path,
)
from pilotage.errors import ConsolidationError

DATA = Path(__file__).parent / "data" / "consolidation"


@pytest.fixture
def base() -> Contract:
    return load_contract(DATA / "base.yaml")


@pytest.fixture
def amendment() -> Contract:
    return load_contract(DATA / "amendment.yaml")


def _norm_targets(contract: Contract, code: str) -> list[tuple[str, str, int]]:
    indicator = contract.objective(code).indicators[0]
    return [
        (str(n.valid.start), str(n.valid.end), int(n.target.value))
        for n in indicator.norms
        if n.target is not None
    ]


def _service_of(contract: Contract, task_code: str) -> str:
    return next(s.code for s, t in contract.key_tasks() if t.code == task_code)


def test_before_the_amendment_the_base_is_in_force(base: Contract, amendment: Contract) -> None:
    c = consolidate(base, [amendment], dt.date(2018, 6, 30))
    assert _norm_targets(c, "VOB 1-01") == [("2016-01-01", "2018-12-31", 80)]
    assert c.objective("VOB 3-01").name.text() == "Renonciation dans les temps"
    with pytest.raises(KeyError):
        c.objective("REK 1-01")
    assert c.budget is not None
    assert c.budget.years == [2016]


def test_after_the_amendment_its_norms_and_new_objectives_apply(
    base: Contract, amendment: Contract
) -> None:
    c = consolidate(base, [amendment], dt.date(2019, 6, 30))
    assert c.id == "x-2016-2018@2019-06-30"
    assert (c.period.start, c.period.end) == (dt.date(2016, 1, 1), dt.date(2020, 12, 31))
    assert _norm_targets(c, "VOB 1-01") == [("2019-01-01", "2020-12-31", 70)]
    # VOB 3-01 was removed and given a new meaning by the amendment
    assert c.objective("VOB 3-01").name.text() == "Décision dans les temps (études)"
    assert _norm_targets(c, "REK 1-01") == [("2019-01-01", "2020-12-31", 90)]
    assert _service_of(c, "VOB 3") == "VOB"
    assert c.budget is not None
    assert c.budget.years == [2019, 2020]
    assert [a.number for a in c.articles] == ["11"]  # untouched by the amendment, kept
    assert {r.id: r.available for r in c.references} == {"x-2016-2018": True, "x-2019-2020": True}
    assert [p for p in check_contract(c) if p.severity.value == "error"] == []


def test_a_competence_moves_to_another_service_from_its_date(
    base: Contract, amendment: Contract
) -> None:
    assert _service_of(consolidate(base, [amendment], dt.date(2019, 12, 31)), "VOB 3") == "VOB"
    assert _service_of(consolidate(base, [amendment], dt.date(2020, 1, 1)), "VOB 3") == "PEN"


def test_history_keeps_the_base_norm_ended_the_day_before(
    base: Contract, amendment: Contract
) -> None:
    c = consolidate(base, [amendment], dt.date(2019, 6, 30), history=True)
    assert _norm_targets(c, "VOB 1-01") == [
        ("2016-01-01", "2018-12-31", 80),
        ("2019-01-01", "2020-12-31", 70),
    ]


def test_consolidation_errors_say_what_to_do(base: Contract, amendment: Contract) -> None:
    with pytest.raises(ConsolidationError, match=r"outside the period .* pick a date within it"):
        consolidate(base, [amendment], dt.date(2021, 1, 1))
    with pytest.raises(ConsolidationError, match="amends 'x-2016-2018', which is neither"):
        consolidate(amendment, [amendment], dt.date(2019, 6, 30))
    stray = amendment.model_copy(update={"removes": ["NOPE 1-01"]})
    with pytest.raises(ConsolidationError, match="removes 'NOPE 1-01', which the contract"):
        consolidate(base, [stray], dt.date(2019, 6, 30))


def test_diff_lists_added_removed_and_changed(base: Contract, amendment: Contract) -> None:
    new = consolidate(base, [amendment], dt.date(2019, 6, 30))
    changes = diff_contracts(base, new)
    summary = {(c.kind, c.what, c.key) for c in changes}
    assert (ChangeKind.ADDED, "objective", "REK 1-01") in summary
    assert (ChangeKind.ADDED, "service", "REK") in summary
    assert (ChangeKind.CHANGED, "norm", "VOB 1-01 #1") in summary
    assert (ChangeKind.CHANGED, "objective", "VOB 3-01") in summary
    assert (ChangeKind.REMOVED, "budget line", "personnel") not in summary
    norm = next(c for c in changes if c.key == "VOB 1-01 #1")
    assert "target.value: 80 -> 70" in norm.details
    assert "valid.start: 2016-01-01 -> 2019-01-01" in norm.details
    personnel = next(c for c in changes if c.what == "budget line" and c.key == "personnel")
    assert personnel.details == (
        "amounts.2016: 100 -> (none)",
        "amounts.2019: (none) -> 110",
        "amounts.2020: (none) -> 110",
    )
    added = sum(1 for c in changes if c.kind is ChangeKind.ADDED)
    removed = sum(1 for c in changes if c.kind is ChangeKind.REMOVED)
    changed = sum(1 for c in changes if c.kind is ChangeKind.CHANGED)
    assert format_changes(changes).splitlines()[-1] == (
        f"{added} added, {removed} removed, {changed} changed"
    )


def test_diff_of_a_contract_with_itself_is_empty(base: Contract) -> None:
    assert diff_contracts(base, base) == []
    assert format_changes([]) == "no differences\n"


def test_diff_ignores_provenance(base: Contract) -> None:
    from pilotage.contract import Source

    objective = base.services[0].key_tasks[0].objectives[0]
    moved = objective.model_copy(update={"source": Source(line=999)})
    task = base.services[0].key_tasks[0].model_copy(update={"objectives": [moved]})
    service = base.services[0].model_copy(
        update={"key_tasks": [task, *base.services[0].key_tasks[1:]]}
    )
    other = base.model_copy(update={"services": [service, *base.services[1:]]})
    assert other != base
    assert diff_contracts(base, other) == []


def test_diff_reports_the_contract_header_and_chapters(base: Contract) -> None:
    longer = base.period.model_copy(update={"end": dt.date(2030, 12, 31)})
    other = base.model_copy(update={"period": longer, "signed_at": "Bruxelles (test)"})
    changes = diff_contracts(base, other)
    assert [(c.kind, c.what, c.key) for c in changes] == [(ChangeKind.CHANGED, "contract", base.id)]
    assert f"period.end: {base.period.end} -> 2030-12-31" in changes[0].details
    assert any(d.startswith("signed_at: ") for d in changes[0].details)
    inasti = load_contract(seed_path("inasti-2019-2020"))
    first = inasti.chapters[0].model_copy(update={"number": "99.9"})
    renumbered = inasti.model_copy(update={"chapters": [first, *inasti.chapters[1:]]})
    found = [(c.kind, c.what, c.key) for c in diff_contracts(inasti, renumbered)]
    assert found == [
        (ChangeKind.REMOVED, "chapter", inasti.chapters[0].number),
        (ChangeKind.ADDED, "chapter", "99.9"),
    ]
