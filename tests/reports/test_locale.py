"""Numbers, percentages and norms written in the reader's language (reports/_locale.py,
reports/_norm_words.py): the cells a page and a pack print beside a figure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from pydantic import BaseModel

from pilotage.contract import Delay, Norm, load_contract, seed_path
from pilotage.reports import (
    day_month_text,
    decimal_text,
    delay_words,
    norm_words,
    number_text,
    percent_text,
    share_text,
)

ENGLISH = ("within", "calendar", "working day", "elapsed", "each year", "by the end", "per year")


@pytest.mark.parametrize(
    ("language", "share", "count", "amount"),
    [
        ("fr", "58,2\xa0%", "1\u202f503", "1\u202f234\u202f567,5"),
        ("nl", "58,2%", "1.503", "1.234.567,5"),
        ("en", "58.2%", "1,503", "1,234,567.5"),
    ],
)
def test_numbers_follow_the_language(language: str, share: str, count: str, amount: str) -> None:
    assert share_text(58.24, language) == share
    assert number_text(1503, language) == count
    assert number_text(Decimal("1234567.50"), language) == amount
    assert number_text(None, language) == "—"


def test_a_share_is_rounded_once_whatever_the_language() -> None:
    # Python rounds the float to the places shown; Babel only lays the digits out.
    for value in (0.05, 12.25, 99.95, 100.0, 33.333):
        expected = f"{value:.1f}"
        assert share_text(value, "en") == expected + "%"
        assert share_text(value, "nl") == expected.replace(".", ",") + "%"
    assert percent_text(Decimal("90"), "fr") == "90\xa0%"
    assert decimal_text(Decimal("12.50"), "nl") == "12,50"


def test_a_day_of_the_year() -> None:
    assert day_month_text(5, 31, "fr") == "31 mai"
    assert day_month_text(5, 31, "nl") == "31 mei"
    assert day_month_text(5, 31, "en") == "31 May"


@pytest.mark.parametrize(
    ("spec", "fr", "nl"),
    [
        (
            {"unit": "working_days_mon_fri", "value": 30, "convention": "judicial"},
            "dans les 30 jours ouvrés (lundi à vendredi) (Code judiciaire)",
            "binnen 30 werkdagen (maandag tot vrijdag) (Gerechtelijk Wetboek)",
        ),
        (
            {"unit": "months", "value": 1},
            "dans le mois (jours écoulés)",
            "binnen 1 maand (verstreken dagen)",
        ),
        (
            {"unit": "fixed_date", "month": 5, "day": 31, "rolls_forward": True},
            "au plus tard le 31 mai de chaque année (reporté au jour ouvrable suivant)",
            "uiterlijk op 31 mei van elk jaar (verschoven naar de volgende werkdag)",
        ),
        (
            {"unit": "period_end", "period": "quarter"},
            "pour la fin du trimestre",
            "tegen het einde van het kwartaal",
        ),
        (
            {"unit": "calendar_days", "value": 120, "category": "late"},
            "dans les 120 jours calendrier (jours écoulés) pour late",
            "binnen 120 kalenderdagen (verstreken dagen) voor late",
        ),
    ],
)
def test_a_delay_in_words(spec: dict[str, object], fr: str, nl: str) -> None:
    delay = Delay.model_validate(spec)
    assert delay_words(delay, "fr") == fr
    assert delay_words(delay, "nl") == nl


def _norms(node: object) -> Iterator[Norm]:
    """Every norm held anywhere in a contract (objectives, articles, common commitments)."""
    if isinstance(node, Norm):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _norms(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _norms(item)


@pytest.mark.parametrize("seed", ["inasti-2019-2020", "inami-2013-2015"])
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_norm_of_the_seeds_is_written_without_english(seed: str, language: str) -> None:
    contract = load_contract(seed_path(seed))
    norms = list(_norms(contract))
    assert len(norms) > 5
    for norm in norms:
        text = norm_words(norm, language)
        assert text, norm
        assert [w for w in ENGLISH if w in text] == [], (language, text)
