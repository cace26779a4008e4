"""Reading and writing contract files: round trips and the exact messages for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.contract import Contract, check_file, dump_contract, load_contract
from pilotage.errors import ContractFileError, ContractInvalidError

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip_gives_an_equal_model(tmp_path: Path, fmt: str) -> None:
    original = load_contract(DATA / "valid" / "sample.yaml")
    out = tmp_path / f"export.{fmt}"
    out.write_text(dump_contract(original, fmt), encoding="utf-8")
    again = load_contract(out)
    assert again == original
    # and the export of the export is byte-identical: the writer is deterministic
    assert dump_contract(again, fmt) == out.read_text(encoding="utf-8")


def test_sample_is_valid_with_one_flagged_blank_budget_cell() -> None:
    report = check_file(DATA / "valid" / "sample.yaml")
    assert report.ok
    assert [str(p) for p in report.problems] == [
        f"{DATA / 'valid' / 'sample.yaml'}:236: warning: budget.lines[1].amounts[2020]: blank in "
        "the printed text; sum of its sub-lines gives 20; expected a reviewed value, or keep it "
        "blank and flagged"
    ]


def _messages(name: str) -> list[str]:
    path = BROKEN / name
    return [str(p).removeprefix(f"{path}") for p in check_file(path).problems]


UNKNOWN_TOP = (
    ":8: error: colour: unknown key 'colour': not part of the pilotage-contract/1 format; "
    "expected one of: source, format, id, kind, title, institution, period, effective, amends, "
    "languages, legal_basis, parties, signed_at, signed_on, references, chapters, strategy, "
    "services, articles, continuous_missions, projects, budget, common_commitments, evaluation, "
    "removes"
)
NORM = "services[0].key_tasks[0].objectives[0].indicators[0].norms"
EXPECTED = {
    "unknown_keys.yaml": [
        f":27: error: {NORM}[0].targt: unknown key 'targt': not part of the pilotage-contract/1 "
        "format; expected one of: source, valid, label, printed, delays, target, trend, per, "
        "population, footnotes",
        UNKNOWN_TOP,
    ],
    "bad_values.yaml": [
        f":26: error: {NORM}[0].target.operator: not an allowed value; got '=>'; expected one "
        "of '>=', '<=' or '='",
        f":28: error: {NORM}[1].delays[0].unit: not an allowed value; got 'fortnights'; expected "
        "one of 'calendar_days', 'working_days_mon_sat', 'working_days_mon_fri', 'months', "
        "'fixed_date' or 'period_end'",
        f":29: error: {NORM}[1].target.value: Input should be a valid decimal; got 'ninety'; "
        "expected a number such as 90 or 55603297",
    ],
    "impossible_date.yaml": [
        ":6: error: 2019-02-30 is not a date (day is out of range for month); expected an "
        "existing date YYYY-MM-DD"
    ],
    "duplicate_key.yaml": [":8: error: not valid YAML: duplicate key 'id' (first given on line 2)"],
    "bad_indentation.yaml": [
        ":3: error: not valid YAML: mapping values are not allowed here; check the indentation "
        "and quote values that contain ': ' or start with a symbol"
    ],
    "not_a_mapping.yaml": [
        ": error: a contract file is a mapping of keys (format, id, kind, ...), not a list"
    ],
    "wrong_header.yaml": [
        ":1: error: format: not an allowed value; got 'pilotage-contract/2'; expected one of "
        "'pilotage-contract/1'",
        ":1: error: id: required key 'id' is missing",
        ":2: error: kind: not an allowed value; got 'treaty'; expected one of 'contract' or "
        "'amendment'",
        ":3: error: title: give the text in at least one language (fr, nl, en or de)",
        ":5: error: period: end 2019-01-01 is before start 2020-12-31",
        ":6: error: languages: List should have at least 1 item after validation, not 0",
    ],
    "broken_rules.yaml": [
        ":26: error: services[0].key_tasks[0].objectives[1].code: duplicate objective code "
        "'VOB 1-01', already at services[0].key_tasks[0].objectives[0].code; expected each "
        "objective code once",
        ":37: error: articles[0].actions[1].number: duplicate action number in article 11 '1', "
        "already at articles[0].actions[0].number; expected each action number in article 11 once",
        ":19: error: services[0].key_tasks[0].lineage[0].document: lineage names a document not "
        "listed in references; got 'ca-2013-2015'; expected one of: broken, ca-2016-2018",
        ":20: error: services[0].key_tasks[0].transfers[0].to_service: transfer to a service that "
        "the contract does not define; got 'PEN'; expected one of: VOB",
        ":33: error: articles[0].domain: unknown strategic domain; got 'E9'; expected one of: E1",
        ":34: error: articles[0].axes[1]: unknown axis; got 'A7'; expected one of: A1",
        ":25: warning: services[0].key_tasks[0].objectives[0].indicators[0].norms[0].valid: norm "
        "valid outside the contract period; got '2019-01-01..2021-06-30'; expected within "
        "2019-01-01..2020-12-31",
        ":48: error: budget.lines[1].amounts[2019]: sub-lines add up to 40, not to the line's 50; "
        "got 50; expected 40 (or correct a sub-line)",
        ":52: error: budget.total[2020]: categories add up to 150, not to the total 160; got 160; "
        "expected 150",
    ],
}


def test_the_broken_corpus_is_complete() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_every_problem_exactly(name: str) -> None:
    assert _messages(name) == EXPECTED[name]
    assert not check_file(BROKEN / name).ok


def test_load_raises_our_errors() -> None:
    with pytest.raises(ContractFileError, match="no such file"):
        load_contract(BROKEN / "missing.yaml")
    with pytest.raises(ContractInvalidError) as info:
        load_contract(BROKEN / "wrong_header.yaml")
    assert len(info.value.problems) == 6


def test_non_utf8_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: {fr: Contrat cass\xe9}\n".encode("latin-1"))
    assert [p.message for p in check_file(path).problems] == [
        "not UTF-8 text (byte 25); save the file as UTF-8"
    ]


def test_the_model_is_frozen() -> None:
    contract = load_contract(DATA / "valid" / "sample.yaml")
    with pytest.raises(ValueError, match="frozen"):
        contract.id = "other"  # type: ignore[misc]
    assert isinstance(contract, Contract)
