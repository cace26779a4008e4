"""Both source documents end to end against their hand-encoded contracts: 100% on objectives,
norms, action deadlines and budget figures; the draft passes `pilotage contract check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.contract import Contract, Severity, load_contract
from pilotage.reading import FAMILIES, Draft, FindingKind, accuracy, read_document

from .conftest import INAMI, INASTI, needs_seeds

SEED_FILES = Path(__file__).resolve().parents[2] / "src" / "pilotage" / "seeds"

pytestmark = needs_seeds


@pytest.fixture(scope="module")
def inasti() -> Draft:
    return read_document(INASTI)


@pytest.fixture(scope="module")
def inami() -> Draft:
    return read_document(INAMI)


@pytest.mark.parametrize(
    ("name", "seed", "expected"),
    [
        ("inasti", "inasti-2019-2020", {"objectives": 50, "norms": 51, "budget": 22}),
        ("inami", "inami-2013-2015", {"deadlines": 66, "budget": 30}),
    ],
)
def test_the_four_families_match_the_hand_encoded_seed(
    name: str, seed: str, expected: dict[str, int], request: pytest.FixtureRequest
) -> None:
    draft: Draft = request.getfixturevalue(name)
    report = accuracy(draft, load_contract(SEED_FILES / f"{seed}.yaml"))
    assert report.perfect, str(report)
    assert set(report.families) == set(FAMILIES)
    for family, total in expected.items():
        assert report.families[family].total == total


@pytest.mark.parametrize("name", ["inasti", "inami"])
def test_the_draft_passes_the_contract_check(name: str, request: pytest.FixtureRequest) -> None:
    draft: Draft = request.getfixturevalue(name)
    assert not [p for p in draft.problems if p.severity is Severity.ERROR]
    text = draft.to_yaml()
    assert text.startswith("# Draft read from")


def _sources(contract: Contract) -> list[object]:
    out: list[object] = []
    for _, task, objective in contract.objectives():
        out += [task.source, objective.source]
        out += [n.source for i in objective.indicators for n in i.norms]
    out += [a.source for a in contract.articles]
    out += [act.source for _, act in contract.actions()]
    out += [m.source for m in contract.continuous_missions]
    if contract.budget:
        out += [line.source for top in contract.budget.lines for line in top.walk()]
    return out


@pytest.mark.parametrize("name", ["inasti", "inami"])
def test_every_element_has_its_line(name: str, request: pytest.FixtureRequest) -> None:
    draft: Draft = request.getfixturevalue(name)
    sources = _sources(draft.contract)
    assert sources
    assert all(s is not None and s.line for s in sources)  # type: ignore[attr-defined]


def test_inasti_review(inasti: Draft) -> None:
    norms = {o.code: o for _, _, o in inasti.contract.objectives()}
    assert norms["VOB 3-01"].indicators[0].norms[0].footnotes == ["3"]
    dutch = {f.line for f in inasti.report.of_kind(FindingKind.FOOTNOTE_LANGUAGE)}
    assert dutch == {150, 156}  # footnotes 2 and 3, printed in Dutch
    assert inasti.contract.amends == "inasti-2016-2018"
    assert [s.name for p in inasti.contract.parties for s in p.signatories][:2] == [
        "Denis DUCARME",
        "Sophie WILMES",
    ]
    chapters = {c.number: c for c in inasti.contract.chapters}
    assert chapters["2.1.1"].lineage[0].chapters == ["3.1.1"]


def test_inami_review(inami: Draft) -> None:
    (impossible,) = inami.report.of_kind(FindingKind.IMPOSSIBLE_DATE)
    assert "31/04/2013" in impossible.message
    (blank,) = inami.report.of_kind(FindingKind.BLANK_CELL)
    assert "2256577" in blank.message
    assert inami.contract.budget is not None
    assert inami.contract.budget.lines[2].amounts[2015] is None
    missions = [m.code for m in inami.contract.continuous_missions]
    assert missions[:3] == ["36.1", "36.2a", "36.2b"]
    assert len(missions) == 11
    origin = inami.contract.continuous_missions[1].origin
    assert [(o.document, o.chapters) for o in origin] == [
        ("inami-2009-amendment", ["N2"]),
        ("inami-2010-2012", ["14"]),
    ]
    assert "inami-2013-2015" not in {r.id for r in inami.contract.references}
    plain = inami.report.to_plain()
    assert all("kind" in f and "message" in f for f in plain["findings"])


@pytest.mark.parametrize(
    ("name", "seed"), [("inasti", "inasti-2019-2020"), ("inami", "inami-2013-2015")]
)
def test_identity_parties_and_legal_basis(
    name: str, seed: str, request: pytest.FixtureRequest
) -> None:
    draft: Draft = request.getfixturevalue(name)
    expected = load_contract(SEED_FILES / f"{seed}.yaml")
    contract = draft.contract
    assert (contract.id, contract.kind, contract.period) == (
        expected.id,
        expected.kind,
        expected.period,
    )
    assert [b.text() for b in contract.legal_basis] == [b.text() for b in expected.legal_basis]
    assert [[s.name for s in p.signatories] for p in contract.parties] == [
        [s.name for s in p.signatories] for p in expected.parties
    ]


def test_inasti_transfer_of_a_key_task(inasti: Draft) -> None:
    tasks = {t.code: t for _, t in inasti.contract.key_tasks()}
    (transfer,) = tasks["VOB 3"].transfers
    assert (transfer.to_service, transfer.effective.isoformat()) == ("PEN", "2020-01-01")
