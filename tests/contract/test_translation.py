"""Translation files: the texts of a contract's elements in another language, checked against
the contract and never overriding what it says itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.contract import apply_translation, load_contract, read_translation, seed_path
from pilotage.demo import demo_translations
from pilotage.errors import ContractFileError

INASTI = load_contract(seed_path("inasti-2019-2020"))


def _file(tmp_path: Path, body: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_the_demonstration_names_every_inasti_service_key_task_and_objective_in_dutch() -> None:
    (path,) = [p for p in demo_translations() if p.name.startswith("inasti-2019-2020")]
    t = read_translation(path)
    assert t.demonstration
    assert "DEMONSTRATIE" in t.note
    translated = apply_translation(INASTI, t)
    for service in translated.services:
        assert service.name.nl, service.code
        for task in service.key_tasks:
            assert task.name.nl, task.code
            for objective in task.objectives:
                assert objective.name.nl, objective.code
                assert objective.name.fr == next(  # the French is the contract's, untouched
                    o.name.fr
                    for s in INASTI.services
                    for k in s.key_tasks
                    for o in k.objectives
                    if o.code == objective.code
                )
    vob = translated.services[0]
    assert vob.name.text("nl") == "De onderwerping en de bijdrageplicht van natuurlijke personen"
    assert INASTI.services[0].name.nl is None  # the contract read is not changed


def test_a_shared_code_names_the_objective_and_a_qualified_one_its_indicator(
    tmp_path: Path,
) -> None:
    t = read_translation(
        _file(
            tmp_path,
            "translation_of: inasti-2019-2020\nlanguage: nl\ntexts:\n"
            '  "VOB 2-01": {name: "Tijdige beslissing"}\n'
            '  "indicators:VOB 2-01": {name: "% tijdige beslissingen"}\n',
        )
    )
    objective = apply_translation(INASTI, t).services[0].key_tasks[1].objectives[0]
    assert objective.name.nl == "Tijdige beslissing"
    assert objective.indicators[0].name.nl == "% tijdige beslissingen"


@pytest.mark.parametrize(
    ("texts", "line", "why"),
    [
        ('  "VOB 9-99": {name: "Onbekend"}\n', 4, "has no element 'VOB 9-99'"),
        ('  VOB: {colour: "blauw"}\n', 4, r"'colour' is not one of its texts \(name\)"),
        ('  "VOB 2-01": {name: ""}\n', 4, "expected a text"),
    ],
)
def test_a_code_or_field_the_contract_lacks_is_refused_with_its_line(
    tmp_path: Path, texts: str, line: int, why: str
) -> None:
    path = _file(tmp_path, "translation_of: inasti-2019-2020\nlanguage: nl\ntexts:\n" + texts)
    with pytest.raises(ContractFileError, match=why) as caught:
        apply_translation(INASTI, read_translation(path))
    assert caught.value.line == line
    assert caught.value.file == str(path)


def test_a_translation_never_overrides_a_text_the_contract_gives(tmp_path: Path) -> None:
    first = read_translation(
        _file(
            tmp_path, 'translation_of: inasti-2019-2020\nlanguage: nl\ntexts:\n  VOB: {name: "A"}\n'
        )
    )
    signed = apply_translation(INASTI, first)  # as if the contract gave the Dutch itself
    again = read_translation(
        _file(
            tmp_path,
            'translation_of: inasti-2019-2020\nlanguage: nl\ntexts:\n  VOB: {name: "B"}\n',
            "b.yaml",
        )
    )
    with pytest.raises(ContractFileError, match="never overrides the signed text"):
        apply_translation(signed, again)
    assert apply_translation(signed, first).services[0].name.nl == "A"  # the same text: fine


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (
            "translation_of: inami-2013-2015\nlanguage: nl\ntexts: {VOB: {name: x}}\n",
            "but the contract is",
        ),
        (
            "translation_of: inasti-2019-2020\nlanguage: xx\ntexts: {VOB: {name: x}}\n",
            "is not one of",
        ),
        ("translation_of: inasti-2019-2020\nlanguage: nl\n", "texts: give a mapping"),
        (
            "translation_of: inasti-2019-2020\nlanguage: nl\ntexts: {VOB: {name: x}}\nextra: 1\n",
            "unknown key",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_what_is_expected(
    tmp_path: Path, body: str, why: str
) -> None:
    with pytest.raises(ContractFileError, match=why):
        apply_translation(INASTI, read_translation(_file(tmp_path, body)))
