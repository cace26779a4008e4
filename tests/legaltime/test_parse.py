"""Rules and deadlines as contracts print them, in French and Dutch."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.contract import DeadlineForm
from pilotage.errors import DeadlineSyntaxError, ImpossibleDateError
from pilotage.legaltime import (
    Convention,
    DelayUnit,
    PeriodKind,
    parse_date,
    parse_deadline,
    parse_rule,
    to_contract_deadline,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("120 jours", DelayUnit.CALENDAR_DAYS, 120),
        ("15 jours ouvrables", DelayUnit.WORKING_DAYS_MON_SAT, 15),
        ("15 werkdagen", DelayUnit.WORKING_DAYS_MON_SAT, 15),
        ("30 werkdagen", DelayUnit.WORKING_DAYS_MON_SAT, 30),
        ("10 jours ouvrés", DelayUnit.WORKING_DAYS_MON_FRI, 10),
        ("10 working days mon-fri", DelayUnit.WORKING_DAYS_MON_FRI, 10),
        ("10 werkdagen ma-vr", DelayUnit.WORKING_DAYS_MON_FRI, 10),
        ("15 jours ouvrables (lundi-samedi)", DelayUnit.WORKING_DAYS_MON_SAT, 15),
        ("90 kalenderdagen", DelayUnit.CALENDAR_DAYS, 90),
        ("120 days", DelayUnit.CALENDAR_DAYS, 120),
        ("4 mois", DelayUnit.MONTHS, 4),
        ("dans les 4 mois", DelayUnit.MONTHS, 4),
        ("dans un délai de quatre mois", DelayUnit.MONTHS, 4),
        ("binnen de 3 maanden", DelayUnit.MONTHS, 3),
        ("binnen 30 dagen", DelayUnit.CALENDAR_DAYS, 30),
        ("2 ans", DelayUnit.MONTHS, 24),
        ("3 semaines", DelayUnit.CALENDAR_DAYS, 21),
        ("quinze jours", DelayUnit.CALENDAR_DAYS, 15),
    ],
)
def test_delays(text: str, unit: DelayUnit, value: int) -> None:
    rule = parse_rule(text)
    assert (rule.unit, rule.value) == (unit, value)
    assert rule.convention is Convention.JUDICIAL
    assert rule.printed == text


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("31 mai", 5, 31),
        ("31 mei", 5, 31),
        ("le 1er janvier", 1, 1),
        ("31/05", 5, 31),
        ("29/2", 2, 29),
    ],
)
def test_fixed_days(text: str, month: int, day: int) -> None:
    rule = parse_rule(text)
    assert (rule.unit, rule.month, rule.day) == (DelayUnit.FIXED_DATE, month, day)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("fin du trimestre", PeriodKind.QUARTER),
        ("fin du mois", PeriodKind.MONTH),
        ("fin de l'année", PeriodKind.YEAR),
        ("fin du semestre", PeriodKind.SEMESTER),
        ("einde van het kwartaal", PeriodKind.QUARTER),
        ("end of the quarter", PeriodKind.QUARTER),
    ],
)
def test_period_ends(text: str, period: PeriodKind) -> None:
    rule = parse_rule(text)
    assert (rule.unit, rule.period) == (DelayUnit.PERIOD_END, period)


def test_relative_rules_name_their_event() -> None:
    rule = parse_rule("X + 6 mois (X étant la date de publication de l'arrêté royal)")
    assert (rule.unit, rule.value) == (DelayUnit.MONTHS, 6)
    assert rule.event == "la date de publication de l'arrêté royal"
    assert parse_rule("X + 6 maanden").event == "X"


def test_rule_options() -> None:
    rule = parse_rule("15 jours", convention=Convention.ELAPSED, calendar="be-federal")
    assert (rule.convention, rule.calendar_name) == (Convention.ELAPSED, "be-federal")


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("31 avril", ImpossibleDateError, "April has no day 31"),
        ("30/06/2013", DeadlineSyntaxError, "is a date, not a rule"),
        ("bientôt", DeadlineSyntaxError, "120 jours"),
        ("4 mois mon-fri", DeadlineSyntaxError, "not to months"),
        ("15 jours le dimanche", DeadlineSyntaxError, "mon-sat or mon-fri"),
    ],
)
def test_bad_rules(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        parse_rule(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30/06/2013", D(2013, 6, 30)),
        ("30/6/2015", D(2015, 6, 30)),
        ("31.12.2013", D(2013, 12, 31)),
        ("30.6.2013", D(2013, 6, 30)),
        ("31.01.2014", D(2014, 1, 31)),
        ("2013-06-30", D(2013, 6, 30)),
        ("30 juin 2013", D(2013, 6, 30)),
        ("1er janvier 2014", D(2014, 1, 1)),
        ("premier janvier 2014", D(2014, 1, 1)),
        ("31 décembre 2013", D(2013, 12, 31)),
        ("31 Decembre 2013", D(2013, 12, 31)),
        ("15 août 2014", D(2014, 8, 15)),
        ("30 juni 2013", D(2013, 6, 30)),
        ("1 maart 2014", D(2014, 3, 1)),
        ("29/02/2016", D(2016, 2, 29)),
    ],
)
def test_dates(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/04/2013", "April 2013 has 30 days.*not guessed into 30 April or 1 May"),
        ("29/02/2013", "February 2013 has 28 days.*28 February or 1 March"),
        ("31 juin 2013", "June 2013 has 30 days"),
        ("12/13/2013", "no month 13"),
    ],
)
def test_impossible_dates_are_reported_never_guessed(text: str, message: str) -> None:
    with pytest.raises(ImpossibleDateError, match=message):
        parse_date(text)
    deadline = to_contract_deadline(f"Date limite : {text}")
    assert deadline.form is DeadlineForm.INVALID
    assert deadline.dates == []
    assert deadline.diagnosis is not None
    assert text in deadline.diagnosis


def test_two_digit_years_are_refused() -> None:
    with pytest.raises(DeadlineSyntaxError, match="four digits"):
        parse_date("30/06/13")


def test_deadline_forms() -> None:
    one = to_contract_deadline("Date limite : 30 juin 2013")
    assert (one.form, one.dates) == (DeadlineForm.DATE, [D(2013, 6, 30)])
    assert one.printed == "Date limite : 30 juin 2013"

    many = to_contract_deadline("Dates limites : 31 décembre 2013 ; 31 décembre 2014")
    assert (many.form, many.dates) == (DeadlineForm.DATES, [D(2013, 12, 31), D(2014, 12, 31)])

    quarter = to_contract_deadline("1er trimestre de 2013")
    assert (quarter.form, quarter.periods, quarter.dates) == (
        DeadlineForm.PERIOD,
        ["2013-Q1"],
        [D(2013, 3, 31)],
    )

    semester = to_contract_deadline("2e semestre 2014")
    assert (semester.periods, semester.dates) == (["2014-S2"], [D(2014, 12, 31)])

    relative = to_contract_deadline("X + 6 mois (X étant la date de publication de l'arrêté royal)")
    assert relative.form is DeadlineForm.RELATIVE
    assert relative.offset is not None
    assert (relative.offset.value, relative.offset.unit) == (6, DelayUnit.MONTHS)
    assert relative.event is not None
    assert relative.event.fr == "la date de publication de l'arrêté royal"

    ongoing = to_contract_deadline("permanent")
    assert ongoing.form is DeadlineForm.CONTINUOUS


@pytest.mark.parametrize(
    ("text", "unit", "every", "period", "index", "offset"),
    [
        ("Semestriel", "semester", 1, None, None, 0),
        ("Annuel", "year", 1, None, None, 0),
        ("Trimestriel", "quarter", 1, None, None, 0),
        ("Tous les 5 ans", "year", 5, None, None, 0),
        ("Pour la fin de chaque année civile", "year", 1, None, None, 0),
        ("Pour la fin du premier trimestre de chaque année civile", "year", 1, "quarter", 1, 0),
        (
            "chaque année dans le courant du 4e trimestre de l'année X-1",
            "year", 1, "quarter", 4, -1,
        ),
        ("Halfjaarlijks", "semester", 1, None, None, 0),
        ("Jaarlijks", "year", 1, None, None, 0),
        ("Om de 5 jaar", "year", 5, None, None, 0),
        (
            "Tegen het einde van het eerste kwartaal van elk kalenderjaar",
            "year", 1, "quarter", 1, 0,
        ),
        ("elk jaar in de loop van het 4de kwartaal van het jaar X-1", "year", 1, "quarter", 4, -1),
    ],
)  # fmt: skip
def test_recurring(
    text: str, unit: str, every: int, period: str | None, index: int | None, offset: int
) -> None:
    deadline = to_contract_deadline(text)
    assert deadline.form is DeadlineForm.RECURRING
    r = deadline.recurrence
    assert r is not None
    assert (r.unit, r.every, r.period, r.index, r.year_offset) == (
        unit,
        every,
        period,
        index,
        offset,
    )


@pytest.mark.parametrize(
    ("text", "value", "unit", "event"),
    [
        ("dans les 3 mois qui suivent la table ronde", 3, DelayUnit.MONTHS, "la table ronde"),
        ("binnen de 3 maanden na de rondetafel", 3, DelayUnit.MONTHS, "de rondetafel"),
        ("X + 6 maanden (X zijnde de publicatiedatum)", 6, DelayUnit.MONTHS, "de publicatiedatum"),
        ("2 jaar na de inwerkingtreding", 24, DelayUnit.MONTHS, "de inwerkingtreding"),
        ("datum van de inproductiestelling", 0, DelayUnit.CALENDAR_DAYS, "de inproductiestelling"),
        ("30 werkdagen na de vergadering", 30, DelayUnit.WORKING_DAYS_MON_SAT, "de vergadering"),
    ],
)
def test_relative_deadlines(text: str, value: int, unit: DelayUnit, event: str) -> None:
    deadline = to_contract_deadline(text)
    assert deadline.form is DeadlineForm.RELATIVE
    assert deadline.offset is not None
    assert (deadline.offset.value, deadline.offset.unit) == (value, unit)
    assert deadline.event is not None
    assert deadline.event.text(deadline.event.languages[0]) == event


def test_dutch_events_are_kept_in_dutch() -> None:
    deadline = to_contract_deadline("binnen de 3 maanden na de rondetafel")
    assert deadline.event is not None
    assert deadline.event.nl == "de rondetafel"


def test_unreadable_text_gets_a_precise_diagnosis() -> None:
    deadline = to_contract_deadline("Date limite : quand ce sera possible")
    assert deadline.form is DeadlineForm.UNSTRUCTURED
    assert deadline.diagnosis is not None
    assert "quand ce sera possible" in deadline.diagnosis
    with pytest.raises(DeadlineSyntaxError):
        parse_deadline("Date limite : quand ce sera possible")
    with pytest.raises(DeadlineSyntaxError, match="mixes dates and periods"):
        parse_deadline("31/12/2013 ; 1er trimestre de 2014")
    with pytest.raises(DeadlineSyntaxError, match="no deadline"):
        parse_deadline("Date limite :")


def test_parsed_deadline_keeps_executable_parts() -> None:
    parsed = parse_deadline("X + 6 mois")
    assert parsed.offset is not None
    assert parsed.offset.describe() == "X + 6 months"
    schedule = parse_deadline("Semestriel").schedule
    assert schedule is not None
    assert [o.due for o in schedule.occurrences(D(2013, 1, 1), D(2013, 12, 31))] == [
        D(2013, 6, 30),
        D(2013, 12, 31),
    ]


def test_a_day_without_a_year_is_diagnosed() -> None:
    deadline = to_contract_deadline("Date limite : 31 mai")
    assert deadline.form is DeadlineForm.UNSTRUCTURED
    assert deadline.diagnosis is not None
    assert "'31 mai'" in deadline.diagnosis
    assert "no year" in deadline.diagnosis
