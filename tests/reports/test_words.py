"""The catalogue of the packs: every message written has its French and Dutch wording."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import pilotage.reports
from pilotage.reports._evaluation_words import WORDS
from pilotage.reports._words import MESSAGES, language_of, say

PACKAGE = Path(pilotage.reports.__file__).parent


def _said(function: str = "say") -> set[str]:
    """Every literal message given to say() (or a builder's self.say()) in the package."""
    found = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != function:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
            elif isinstance(first, ast.IfExp):  # "a" if quarter else "b"
                found |= {
                    b.value for b in (first.body, first.orelse) if isinstance(b, ast.Constant)
                }
    return found


def test_every_message_said_is_in_the_catalogue() -> None:
    said = _said()
    assert len(said) > 30
    assert said - set(MESSAGES) == set()


def test_every_word_of_the_evaluation_pack_is_in_its_catalogue() -> None:
    said = _said("word")
    assert len(said) > 30
    assert said - set(WORDS) == set()
    for message, (fr, nl) in WORDS.items():
        assert fr.strip(), message
        assert nl.strip(), message
        assert re.findall(r"%\((\w+)\)s", fr) == re.findall(r"%\((\w+)\)s", message), message
        assert sorted(re.findall(r"%\((\w+)\)s", nl)) == sorted(
            re.findall(r"%\((\w+)\)s", message)
        ), message


@pytest.mark.parametrize("message", sorted(MESSAGES))
def test_every_message_has_both_languages_and_the_same_placeholders(message: str) -> None:
    fr, nl = MESSAGES[message]
    assert fr.strip()
    assert nl.strip()
    values = dict.fromkeys(("n", "o", "target", "per", "period", "code", "name"), "x")
    values |= {"source": "x", "id": 1, "version": 1, "periods": "p", "computed": "c"}
    values |= {"as_of": "a", "batches": "b", "sha": "s", "text": "t"}
    values |= {"date": "d", "category": "c", "event": "e", "delta": "+1"}
    for language in ("fr", "nl", "en"):
        assert "%(" not in say(message, language, **values)


def test_language_codes() -> None:
    assert language_of("nl-be") == "nl"
    assert language_of("de") == "en"
    assert say("not met", "fr") == "non atteint"
    assert say("not met", "nl") == "niet behaald"
    assert say("not met", "en") == "not met"
