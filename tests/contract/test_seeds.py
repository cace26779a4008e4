"""The two seed contracts: they pass the checks and hold everything the hand counts list.

The hand counts under data/ were written by reading the signed documents, not generated from
the seed files; where the source texts are beside the repository (../shared/seeds), each
hand-count line is also checked against the source line it cites.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from pilotage.contract import SEED_IDS, Contract, DeadlineForm, Norm, load_contract, seed_path
from pilotage.contract._checks import blank_cells, check_file
from tests.conftest import INAMI_TEXT, INASTI_TEXT, needs_shared

DATA = Path(__file__).parent / "data"


def _squash(text: str) -> str:
    return " ".join(text.replace("-\n", "-").split())


@pytest.fixture(scope="module")
def inami() -> Contract:
    return load_contract(seed_path("inami-2013-2015"))


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_passes_the_check(seed: str) -> None:
    report = check_file(seed_path(seed))
    assert report.errors == []


def _hand_actions() -> list[tuple[str, str, str, int]]:
    rows = []
    for line in (DATA / "inami-actions.txt").read_text(encoding="utf-8").splitlines():
        article, number, printed, source = (x.strip() for x in line.split(" | "))
        rows.append((article, number, printed, int(source)))
    return rows


def test_inami_holds_every_action_commitment_of_articles_11_to_35(inami: Contract) -> None:
    hand = [(a, n, p) for a, n, p, _ in _hand_actions()]
    seed = [
        (article.number, action.number, action.deadline.printed if action.deadline else "")
        for article, action in inami.actions()
    ]
    assert len(hand) == 66
    assert seed == hand
    numbers = [a.number for a in inami.articles]
    assert {n.split(".")[0] for n in numbers} == {str(n) for n in range(11, 36)}


@needs_shared(INAMI_TEXT)
def test_inami_hand_count_agrees_with_the_source_text() -> None:
    lines = INAMI_TEXT.read_text(encoding="utf-8").splitlines()
    for article, number, printed, source in _hand_actions():
        window = _squash("\n".join(lines[source - 1 : source + 12]))
        assert _squash(printed) in window, (article, number)


def test_inami_deadlines_as_printed_keep_their_form(inami: Contract) -> None:
    forms = {f"{a.number}.{x.number}": x.deadline for a, x in inami.actions() if x.deadline}
    impossible = forms["21.2"]
    assert impossible.form is DeadlineForm.INVALID
    assert "31/04/2013" in impossible.printed
    assert "does not exist" in (impossible.diagnosis or "")
    assert [d.isoformat() for d in impossible.dates] == ["2014-03-31", "2015-03-31"]
    assert forms["11.1"].dates[0].isoformat() == "2013-06-30"
    assert forms["21.1.a"].form is DeadlineForm.PERIOD
    assert forms["21.1.a"].periods == ["2013-Q1"]
    recurring = forms["21.1.b"].recurrence
    assert recurring is not None
    assert (recurring.period, recurring.index, recurring.year_offset) == ("quarter", 4, -1)
    relative = forms["26.1"]
    assert relative.form is DeadlineForm.RELATIVE
    assert relative.offset is not None
    assert (relative.offset.value, relative.offset.unit.value) == (6, "months")


def _amount(text: str) -> Decimal | None:
    return None if text == "blank" else Decimal(text.replace(".", ""))


def test_inami_budget_equals_the_hand_read_table(inami: Contract) -> None:
    budget = inami.budget
    assert budget is not None
    assert budget.years == [2013, 2014, 2015]
    rows = {}
    for line in (DATA / "inami-budget.txt").read_text(encoding="utf-8").splitlines():
        label, *cells = (x.strip() for x in line.split(" | "))
        rows[label] = cells
    by_label = {x.label.text(): x for top in budget.lines for x in top.walk()}
    for label, cells in rows.items():
        if label == "art36":
            assert len({m.code.rstrip("ab") for m in inami.continuous_missions}) == int(cells[0])
        elif label == "cap":
            assert [budget.statutory_personnel_cap[y] for y in budget.years] == [
                _amount(c) for c in cells
            ]
        elif label == "Total":
            assert [budget.total[y] for y in budget.years] == [_amount(c) for c in cells]
        else:
            line = by_label[label]
            assert [line.amounts[y] for y in budget.years] == [_amount(c) for c in cells], label


def test_inami_blank_2015_investments_cell_is_flagged_not_filled(inami: Contract) -> None:
    assert inami.budget is not None
    (cell,) = blank_cells(inami.budget)
    assert (cell.code, cell.year, cell.derived) == ("investments", 2015, Decimal(2256577))
    problems = check_file(seed_path("inami-2013-2015")).problems
    assert [p.path for p in problems] == ["budget.lines[2].amounts[2015]"]


def test_inami_strategy_and_common_commitments(inami: Contract) -> None:
    assert inami.strategy is not None
    kinds = [d.kind.value for d in inami.strategy.domains]
    assert (kinds.count("external"), kinds.count("internal")) == (10, 7)
    assert [a.code for a in inami.strategy.axes] == ["A1", "A2", "A3", "A4", "A5"]
    codes = " ".join(c.code for c in inami.common_commitments).lower()
    for word in ("telework", "disab", "gender", "platina"):
        assert word in codes, word


def test_inami_articles_carry_their_frame(inami: Contract) -> None:
    art11 = next(a for a in inami.articles if a.number == "11")
    assert art11.domain == "E1"
    assert art11.cadre
    assert art11.axes
    assert art11.expected_effects
    assert art11.external_factors
    assert art11.origin
    printed = art11.origin[0].printed
    assert printed is not None
    assert re.search(r"2010-2012", printed.text())


# --- INASTI amendment 2019-2020 ------------------------------------------------------------


@pytest.fixture(scope="module")
def inasti() -> Contract:
    return load_contract(seed_path("inasti-2019-2020"))


def _hand_norm_rows() -> list[tuple[str, str, str, str, int]]:
    rows = []
    for line in (DATA / "inasti-norm-table.txt").read_text(encoding="utf-8").splitlines():
        code, t, pct, count, source = (x.strip() for x in line.split("|"))
        rows.append((code, t, pct, count, int(source)))
    return rows


def test_inasti_holds_every_row_of_its_norm_tables(inasti: Contract) -> None:
    hand = _hand_norm_rows()
    assert len(hand) == 51
    seed = [
        (objective.code, norm.printed)
        for _, _, objective in inasti.objectives()
        for indicator in objective.indicators
        for norm in indicator.norms
    ]
    expected = [
        (code, " | ".join(c for c in (t, pct, count) if c)) for code, t, pct, count, _ in hand
    ]
    assert seed == expected
    assert len({code for code, *_ in hand}) == sum(1 for _ in inasti.objectives()) == 50


@needs_shared(INASTI_TEXT)
def test_inasti_hand_count_agrees_with_the_source_text() -> None:
    lines = INASTI_TEXT.read_text(encoding="utf-8").splitlines()
    for code, t, pct, count, source in _hand_norm_rows():
        row = _squash(" ".join(lines[source - 1 : source + 1]))
        assert code in row, code
        for cell in (t.split()[0], pct, count):
            if cell:
                assert cell in row, (code, cell, row)


def _norms(contract: Contract, code: str) -> list[Norm]:
    return [n for i in contract.objective(code).indicators for n in i.norms]


def test_inasti_special_cells_are_understood(inasti: Contract) -> None:
    (vob,) = _norms(inasti, "VOB 2-01")
    assert (vob.delays[0].value, vob.delays[0].unit.value, vob.target.value) == (
        120,
        "calendar_days",
        90,
    )
    (fin,) = _norms(inasti, "FIN 1-01")
    assert fin.delays[0].value == 0  # "0": same day
    (sovcnh,) = _norms(inasti, "SOVCNH 1-01")
    assert (sovcnh.delays[0].unit.value, sovcnh.delays[0].month, sovcnh.delays[0].day) == (
        "fixed_date",
        5,
        31,
    )
    (share,) = _norms(inasti, "SOVCNH 2-01")
    assert (share.delays, share.target.operator.value, share.target.value) == ([], ">=", 95)
    (count,) = _norms(inasti, "ECL 1-01")
    assert (count.target.value, count.target.unit.value, count.per.value) == (600, "count", "year")
    (plan,) = _norms(inasti, "EAE 1-01")
    assert inasti.objective("EAE 1-01").indicators[0].kind.value == "plan_share"
    assert (plan.target.value, plan.per.value) == (100, "year")
    (p2p,) = _norms(inasti, "P2P 1-02")
    assert sorted((d.value, d.unit.value) for d in p2p.delays) == [(3, "months"), (4, "months")]
    assert inasti.objective("P2P 1-01").indicators[0].kind.value == "amount_ratio"
    ecl = _norms(inasti, "ECL 5-01")
    assert [(n.delays[0].value, n.target.value) for n in ecl] == [(90, 50), (180, 80)]
    for norm in ecl:
        assert norm.population is not None
        assert norm.population.exclude_categories == ["revenu manquant"]
    for code in ("DVR 1-01", "DVR 1-02", "DVR 1-03"):
        (dvr,) = _norms(inasti, code)
        assert dvr.population is not None
        assert str(dvr.population.started_from) == "2019-01-01"


def test_inasti_caveats_lineage_and_transfers(inasti: Contract) -> None:
    (caveat,) = [c for c in inasti.objective("VOB 1-01").caveats if c.footnote == "2"]
    assert caveat.kind.value == "not_reachable"
    assert caveat.text.nl
    assert not caveat.text.fr
    assert caveat.period is not None
    assert (str(caveat.period.start), str(caveat.period.end)) == ("2019-07-01", "2019-12-31")
    (_, vob3) = next((s, t) for s, t in inasti.key_tasks() if t.code == "VOB 3")
    assert [(t.to_service, str(t.effective)) for t in vob3.transfers] == [("PEN", "2020-01-01")]
    ref = {r.id: r for r in inasti.references}["inasti-2016-2018"]
    assert ref.available is False
    assert inasti.amends == "inasti-2016-2018"
    kinds = {r.kind.value for ch in inasti.chapters for r in ch.lineage}
    assert {"see_chapter", "new", "adapted_text", "adapted_norm", "split_from"} <= kinds


def test_inasti_budget_projects_and_common_commitments(inasti: Contract) -> None:
    budget = inasti.budget
    assert budget is not None
    assert [budget.total[y] for y in (2019, 2020)] == [Decimal(84446821), Decimal(81699612)]
    assert budget.statutory_personnel_cap == {2019: Decimal(51618066), 2020: Decimal(51618066)}
    assert budget.prices_of == {2020: 2019}
    assert blank_cells(budget) == []
    with_it = [p for p in inasti.projects if p.it_support]
    without_it = [p for p in inasti.projects if not p.it_support]
    assert {p.reporting.value for p in with_it} == {"monthly"}
    assert {p.reporting.value for p in without_it} == {"quarterly"}
    assert len(without_it) == 4
    codes = [c.code for c in inasti.common_commitments]
    assert codes == ["telework", "disability", "gender-a3-a5", "platina-meetings", "platina-report"]
