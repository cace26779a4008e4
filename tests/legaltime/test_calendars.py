"""Calendars: the ten legal holidays, their corrections, layers and institution files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.errors import CalendarError
from pilotage.legaltime import DayKind, calendar_names, get_calendar, legal_holidays, load_calendars
from pilotage.legaltime._calendars import FIRST_YEAR, LAST_YEAR, easter_sunday

D = dt.date


def test_the_ten_legal_holidays_of_2019() -> None:
    # Royal Decree of 18 April 1974; Easter Sunday 2019 was 21 April.
    assert [h.day for h in legal_holidays(2019)] == [
        D(2019, 1, 1),  # Nouvel An
        D(2019, 4, 22),  # Easter Monday
        D(2019, 5, 1),
        D(2019, 5, 30),  # Ascension: Easter + 39 days
        D(2019, 6, 10),  # Whit Monday: Easter + 50 days
        D(2019, 7, 21),  # a Sunday
        D(2019, 8, 15),
        D(2019, 11, 1),
        D(2019, 11, 11),
        D(2019, 12, 25),
    ]


def test_easter_sunday_and_whit_sunday_are_not_legal_holidays() -> None:
    cal = get_calendar("be-legal")
    assert cal.holiday(D(2019, 4, 21)) is None
    assert cal.holiday(D(2019, 6, 9)) is None


def test_holidays_are_named_in_french_and_dutch() -> None:
    national = get_calendar("be-legal").holiday(D(2019, 7, 21))
    assert national is not None
    assert (national.fr, national.nl) == ("Fête nationale", "Nationale feestdag")
    assert national.layer == "legal"


def test_ascension_2008_on_1_may_has_its_substitute_on_2_may() -> None:
    cal = get_calendar("be-legal")
    first_may = cal.holiday(D(2008, 5, 1))
    substitute = cal.holiday(D(2008, 5, 2))
    assert first_may is not None
    assert "Ascension" in first_may.fr
    assert substitute is not None
    assert "remplacement" in substitute.fr
    assert "Vervangingsdag" in substitute.nl
    assert "4 janvier 1974" in substitute.source


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),
        (2019, D(2019, 4, 21)),
        (2038, D(2038, 4, 25)),
    ],
)
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_every_year_has_exactly_the_legal_days() -> None:
    # An independent formula for the ten days, plus the one correction on file.
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        easter = easter_sunday(year)
        expected = {
            D(year, 1, 1),
            easter + dt.timedelta(days=1),
            D(year, 5, 1),
            easter + dt.timedelta(days=39),
            easter + dt.timedelta(days=50),
            D(year, 7, 21),
            D(year, 8, 15),
            D(year, 11, 1),
            D(year, 11, 11),
            D(year, 12, 25),
        }
        if year == 2008:
            expected.add(D(2008, 5, 2))
        assert {h.day for h in legal_holidays(year)} == expected, year


def test_builtin_calendars() -> None:
    assert {"be-legal", "be-federal", "be-flemish", "be-french", "be-german"} <= set(
        calendar_names()
    )
    king = get_calendar("be-federal").holiday(D(2019, 11, 15))
    assert king is not None
    assert king.layer == "federal-civil-service"
    assert get_calendar("be-legal").holiday(D(2019, 11, 15)) is None
    assert get_calendar("be-flemish").holiday(D(2019, 7, 11)) is not None
    assert get_calendar("be-french").holiday(D(2019, 9, 27)) is not None


def test_unknown_calendar_lists_the_known_names() -> None:
    with pytest.raises(CalendarError, match=r"unknown calendar 'nope'.*be-federal.*be-legal"):
        get_calendar("nope")


def test_years_beyond_the_known_span_are_refused() -> None:
    with pytest.raises(CalendarError, match="2101"):
        get_calendar("be-legal").holidays(2101)


def test_day_kinds() -> None:
    cal = get_calendar("be-legal")
    saturday, sunday, national = D(2019, 7, 13), D(2019, 7, 14), D(2019, 7, 21)
    monday = D(2019, 7, 15)
    assert cal.is_working(saturday, DayKind.MON_SAT)
    assert not cal.is_working(saturday, DayKind.MON_FRI)
    assert not cal.is_working(sunday, DayKind.MON_SAT)
    assert not cal.is_working(national, DayKind.MON_SAT)
    assert cal.is_working(national, DayKind.CALENDAR)
    assert cal.is_working(monday, DayKind.MON_FRI)
    assert not cal.is_working(D(2019, 4, 22), DayKind.MON_FRI)  # Easter Monday
    assert cal.next_working(D(2019, 7, 20)) == D(2019, 7, 22)


INSTITUTION = """
layers:
  closing:
    yearly:
      - {month: 11, day: 2, fr: Jour des défunts, nl: Allerzielen}
      - {month: 12, day: 26, fr: Lendemain de Noël, nl: Tweede kerstdag}
calendars:
  inami:
    description: INAMI closing days
    base: be-federal
    layers: [french-community, closing]
    dates:
      - {date: 2019-12-24, fr: Fermeture, nl: Sluiting, source: note de service}
  inami-nl:
    base: inami
    layers: [flemish-community]
"""


def test_an_institution_file_layers_its_days(tmp_path: Path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(INSTITUTION, encoding="utf-8")
    calendars = load_calendars(path)
    days = {h.day for h in calendars["inami"].holidays(2019)}
    assert {
        D(2019, 11, 2),
        D(2019, 11, 15),
        D(2019, 9, 27),
        D(2019, 12, 24),
        D(2019, 12, 26),
    } <= days
    assert D(2019, 12, 24) not in {h.day for h in calendars["inami"].holidays(2020)}
    assert D(2019, 7, 11) in {h.day for h in calendars["inami-nl"].holidays(2019)}
    assert get_calendar("inami", calendars) is calendars["inami"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("calendars: {x: {layers: [nope]}}", "unknown layer 'nope'"),
        ("calendars: {x: {base: y}, y: {base: x}}", "loop"),
        ("calendars: {x: {base: nowhere}}", "unknown base 'nowhere'"),
        ("calendars: {x: {yearly: [{month: 2, day: 30, fr: a, nl: b}]}}", "day is out of range"),
        ("calendars: {x: {colour: red}}", "colour"),
        ("calendars: [unclosed", "not valid YAML"),
    ],
)
def test_bad_calendar_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=message) as info:
        load_calendars(path)
    assert str(path) in str(info.value)


def test_missing_calendar_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="cannot read"):
        load_calendars(tmp_path / "none.yaml")
