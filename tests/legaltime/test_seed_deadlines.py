"""Every deadline of the INAMI seed contract either parses or gets a precise diagnosis."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.contract import Deadline, DeadlineForm, DelayUnit
from pilotage.legaltime import to_contract_deadline
from tests.conftest import needs_shared

from .seed_lines import INAMI, inami_deadlines

pytestmark = needs_shared(INAMI)

D = dt.date
F = DeadlineForm


@pytest.fixture(scope="module")
def readings() -> dict[str, Deadline]:
    return {text: to_contract_deadline(text) for text in inami_deadlines()}


def test_the_seed_has_its_deadlines(readings: dict[str, Deadline]) -> None:
    # 62 labelled deadlines ("Date(s) limite(s) :") and 12 rhythms printed without a label.
    assert len(inami_deadlines()) == 74
    assert len(readings) > 40  # many deadlines are printed identically


def test_every_deadline_parses_or_is_diagnosed(readings: dict[str, Deadline]) -> None:
    for text, deadline in readings.items():
        if deadline.form in (F.INVALID, F.UNSTRUCTURED):
            assert deadline.diagnosis, text
        else:
            assert deadline.dates or deadline.offset or deadline.recurrence, text
    unreduced = sorted(t for t, d in readings.items() if d.form in (F.INVALID, F.UNSTRUCTURED))
    assert unreduced == [
        "Date limite : au cours des 10e et 3e mois précédant la date de mise en route de la "
        "suppression de la carte SIS",
        "Dates limites : 31/04/2013 (activités de septembre 2012 au février 2013), 31/03/2014 "
        "(activités de l'année 2013), 31/03/2015 (activités de l'année 2014)",
    ]


def one(readings: dict[str, Deadline], fragment: str) -> Deadline:
    matches = [d for text, d in readings.items() if fragment in text]
    assert len(matches) == 1, f"{fragment!r} matches {len(matches)} seed deadlines"
    return matches[0]


# Written by hand from the printed text, not from the parser's output.
DATES = [
    ("Date limite : 30 juin 2013", [D(2013, 6, 30)]),
    ("Date limite : 31 janvier 2014", [D(2014, 1, 31)]),
    ("Date limite : 1er janvier 2014", [D(2014, 1, 1)]),
    ("Date limite : 31/03/2013", [D(2013, 3, 31)]),
    ("Date limite : 30/6/2015", [D(2015, 6, 30)]),
    ("Date limite : 31.1.2013", [D(2013, 1, 31)]),
    ("Date limite : 30.6.2013", [D(2013, 6, 30)]),
    ("Date limite: 31.01.2014", [D(2014, 1, 31)]),
    ("Date limite : 31.3.2014 ; 31.3.2015", [D(2014, 3, 31), D(2015, 3, 31)]),
    (
        "Date limite : 31 décembre 2013, 31 décembre 2014 et 31 décembre 2015",
        [D(2013, 12, 31), D(2014, 12, 31), D(2015, 12, 31)],
    ),
    (
        "Dates limites : 31/12/2013, 31/12/2014, 31/12/2015",
        [D(2013, 12, 31), D(2014, 12, 31), D(2015, 12, 31)],
    ),
    (
        "Dates limites : 31.7.2013 ; 31.12.2013 ; 31.7.2014 ; 31.12.2014 ; 31.7.2015 ; 31.12.2015",
        [D(2013, 7, 31), D(2013, 12, 31), D(2014, 7, 31), D(2014, 12, 31), D(2015, 7, 31),
         D(2015, 12, 31)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("fragment", "dates"), DATES)
def test_dates_by_hand(readings: dict[str, Deadline], fragment: str, dates: list[dt.date]) -> None:
    deadline = one(readings, fragment)
    assert deadline.form is (F.DATE if len(dates) == 1 else F.DATES)
    assert deadline.dates == dates


def test_the_impossible_31_april_2013(readings: dict[str, Deadline]) -> None:
    deadline = one(readings, "31/04/2013")
    assert deadline.form is F.INVALID
    assert deadline.dates == []
    assert deadline.diagnosis is not None
    assert "'31/04/2013' is not a date" in deadline.diagnosis
    assert "April 2013 has 30 days" in deadline.diagnosis


def test_first_quarter_of_2013(readings: dict[str, Deadline]) -> None:
    deadline = one(readings, "Date limite : 1er trimestre de 2013")
    assert (deadline.form, deadline.periods, deadline.dates) == (
        F.PERIOD,
        ["2013-Q1"],
        [D(2013, 3, 31)],
    )
    cadastre = one(readings, "d'ici la fin du 1er trimestre 2013")
    assert cadastre.dates == [D(2013, 3, 31)]


@pytest.mark.parametrize(
    ("fragment", "value", "unit", "event"),
    [
        ("qui suivent la table ronde", 3, DelayUnit.MONTHS, "la table ronde"),
        ("ASBL eCare) + 6 mois", 6, DelayUnit.MONTHS, "réunion d'installation de l'ASBL eCare"),
        ("ASBL eCare) + 12 mois", 12, DelayUnit.MONTHS, "réunion d'installation de l'ASBL eCare"),
        ("+ 2 ans", 24, DelayUnit.MONTHS, 'accord formel sur les processus " TO BE "'),
        ("X étant la date de publication de l'arrêté royal", 6, DelayUnit.MONTHS,
         "la date de publication de l'arrêté royal"),
        ("où X = date de publication", 6, DelayUnit.MONTHS,
         "date de publication de la nouvelle loi relative aux implants (les art. 35septies et "
         "suivants de la loi SSI)"),
        ("date de mise en production de la procédure", 0, DelayUnit.CALENDAR_DAYS,
         "mise en production de la procédure de remboursement"),
        ("2 ans après l'entrée en vigueur", 24, DelayUnit.MONTHS,
         "l'entrée en vigueur du nouveau système de remboursement"),
        ("dans les six mois", 6, DelayUnit.MONTHS,
         "l'entrée en vigueur des dispositions réglementaires, en collaboration totale avec l'ONP"),
        ("Date limite : X + 3 mois", 3, DelayUnit.MONTHS, "X"),
    ],
)  # fmt: skip
def test_relative_by_hand(
    readings: dict[str, Deadline], fragment: str, value: int, unit: DelayUnit, event: str
) -> None:
    deadline = one(readings, fragment)
    assert deadline.form is F.RELATIVE
    assert deadline.offset is not None
    assert (deadline.offset.value, deadline.offset.unit) == (value, unit)
    assert deadline.event is not None
    assert deadline.event.fr == event


def test_undefined_x_and_second_deadlines_are_said(readings: dict[str, Deadline]) -> None:
    bare = one(readings, "Date limite : X + 3 mois")
    assert bare.diagnosis == "the event X is defined in the action's text, not in the deadline"
    flow = one(readings, "ensuite annuellement")
    assert flow.form is F.RELATIVE
    assert flow.diagnosis is not None
    assert "et ensuite annuellement avant le 30 septembre" in flow.diagnosis


def test_window_before_an_event(readings: dict[str, Deadline]) -> None:
    deadline = one(readings, "au cours des 10e et 3e mois")
    assert deadline.form is F.UNSTRUCTURED
    assert deadline.diagnosis is not None
    assert "month 10 and month 3 before X" in deadline.diagnosis
    assert deadline.event is not None
    assert deadline.event.fr == "la date de mise en route de la suppression de la carte SIS"


@pytest.mark.parametrize(
    ("fragment", "every", "unit", "period", "index", "offset"),
    [
        ("Semestriel", 1, "semester", None, None, 0),
        ("Annuel (statistiques de base)", 1, "year", None, None, 0),
        ("Tous les 5 ans", 5, "year", None, None, 0),
        ("4e trimestre de l'année X-1", 1, "year", "quarter", 4, -1),
        ("Pour la fin du troisième trimestre", 1, "year", "quarter", 3, 0),
        ("pour la fin du premier trimestre de chaque année", 1, "year", "quarter", 1, 0),
    ],
)
def test_recurring_by_hand(
    readings: dict[str, Deadline],
    fragment: str,
    every: int,
    unit: str,
    period: str | None,
    index: int | None,
    offset: int,
) -> None:
    deadline = one(readings, fragment)
    assert deadline.form is F.RECURRING
    r = deadline.recurrence
    assert r is not None
    assert (r.every, r.unit, r.period, r.index, r.year_offset) == (
        every,
        unit,
        period,
        index,
        offset,
    )


def test_end_of_each_calendar_year(readings: dict[str, Deadline]) -> None:
    deadline = readings["Pour la fin de chaque année civile"]
    assert deadline.recurrence is not None
    assert (deadline.recurrence.unit, deadline.recurrence.period) == ("year", None)
