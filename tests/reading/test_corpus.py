"""Real contracts of the shared corpus, read where they are (never copied into the project):
each imports without error, with its parties, period, structure, commitments in sentences,
budget and coverage. Skipped when the folder is absent; under CI=true that is a failure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.contract import Severity
from pilotage.reading import Draft, FindingKind, read_document
from tests.conftest import missing_shared

from . import conftest
from .conftest import corpus_folder

NAMES = ["belgocontrol-2014.txt", "enabel-2022.txt"]


@pytest.fixture(scope="module")
def corpus() -> Path:
    return corpus_folder()


@pytest.fixture(scope="module")
def drafts(corpus: Path) -> dict[str, Draft]:
    return {name: read_document(corpus / name) for name in NAMES if (corpus / name).exists()}


@pytest.mark.parametrize("name", NAMES)
def test_every_family_is_found(name: str, drafts: dict[str, Draft]) -> None:
    if name not in drafts:
        missing_shared((conftest.CORPUS / name,))
    draft = drafts[name]
    contract = draft.contract
    assert contract is not None, draft.missing
    assert not [p for p in draft.problems if p.severity is Severity.ERROR]
    assert [p.role.value for p in contract.parties] == ["state", "institution"]
    assert contract.period.end is not None
    assert contract.period.start < contract.period.end
    assert len(contract.chapters) >= 10
    assert len(contract.articles) >= 30
    norms = sum(len(i.norms) for a in contract.articles for i in a.result_indicators)
    actions = sum(len(a.actions) for a in contract.articles)
    assert norms >= 5
    assert actions >= 1
    assert contract.budget is not None
    assert contract.budget.lines
    assert draft.report.chapters
    assert "unread_paragraphs" in draft.report.counts
    assert contract.institution.code
    assert contract.languages[0].value == "fr"


def test_enabel_period_from_the_decree_and_the_term(drafts: dict[str, Draft]) -> None:
    if "enabel-2022.txt" not in drafts:
        missing_shared((conftest.CORPUS / "enabel-2022.txt",))
    draft = drafts["enabel-2022.txt"]
    contract = draft.contract
    assert contract is not None
    assert (contract.period.start, contract.period.end) == (
        dt.date(2023, 1, 1),
        dt.date(2027, 12, 31),
    )
    state, institution = contract.parties
    assert [s.name for s in state.signatories] == ["Frank Vandenbroucke"]
    assert [s.name for s in institution.signatories] == ["Delphine Moralis", "Alain Coheur"]
    first = contract.articles[0]  # the decree's own articles are not the contract's
    assert first.number == "2"
    assert first.source is not None
    assert first.source.chapter == "CHAPITRE 1"


def test_belgocontrol_period_is_a_reported_guess(drafts: dict[str, Draft]) -> None:
    if "belgocontrol-2014.txt" not in drafts:
        missing_shared((conftest.CORPUS / "belgocontrol-2014.txt",))
    draft = drafts["belgocontrol-2014.txt"]
    contract = draft.contract
    assert contract is not None
    assert contract.period.start == dt.date(2014, 4, 11)  # the document's date: a guess
    guesses = [f for f in draft.report.of_kind(FindingKind.GUESS) if f.message.startswith("period")]
    assert guesses
    assert "confirm it from the approving decree" in guesses[0].message
    repeated = draft.report.of_kind(FindingKind.REPEATED)
    assert repeated  # the consolidated text prints an article twice
    missing = " ".join(f.message for f in draft.report.of_kind(FindingKind.MISSING))
    assert "represented by" in missing


def test_a_missing_corpus_is_skipped_and_under_ci_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(conftest, "CORPUS", tmp_path / "absent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent"):
        corpus_folder()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        corpus_folder()
