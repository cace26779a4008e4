"""Belgian holiday calendars, and the kinds of day a delay can count.

The ten legal public holidays come from the `holidays` package, reduced to the legal days (it
also lists Easter Sunday and Whit Sunday), then corrected by `data/legal-corrections.yaml`.
Layers (federal civil service, community days, an institution's closing days) are data too:
`data/calendars.yaml` defines the built-in calendars, and an institution's own YAML file of the
same shape adds more (`load_calendars`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import holidays as holidays_package
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pilotage.errors import CalendarError

__all__ = [
    "DEFAULT_CALENDAR",
    "FIRST_YEAR",
    "LAST_YEAR",
    "Calendar",
    "DayKind",
    "Holiday",
    "Layer",
    "YearlyDay",
    "calendar_names",
    "easter_sunday",
    "get_calendar",
    "legal_holidays",
    "load_calendars",
    "resolve_calendar",
]

DEFAULT_CALENDAR = "be-legal"
# The span the `holidays` package computes for Belgium; outside it we would silently have none.
FIRST_YEAR = 1901
LAST_YEAR = 2100
LEGAL_SOURCE = "Arrêté royal du 18 avril 1974 (les dix jours fériés légaux)"


class DayKind(StrEnum):
    """Which days a delay counts."""

    CALENDAR = "calendar"  # every day
    MON_SAT = "mon-sat"  # "jours ouvrables" / "werkdagen" in social security law
    MON_FRI = "mon-fri"  # "jours ouvrés", Civil Code art. 1.7


@dataclass(frozen=True)
class Holiday:
    """A non-working day of a calendar, named in French and Dutch, with where it comes from."""

    day: dt.date
    fr: str
    nl: str
    layer: str
    source: str

    @property
    def label(self) -> str:
        return self.fr if self.fr == self.nl else f"{self.fr} / {self.nl}"


@dataclass(frozen=True)
class YearlyDay:
    """A day off every year on the same day of the year."""

    month: int
    day: int
    fr: str
    nl: str
    source: str

    def on(self, year: int) -> dt.date | None:
        """This day in `year`, or None (29 February in a common year)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True)
class Layer:
    """A named set of non-working days added on top of the legal holidays."""

    name: str
    yearly: tuple[YearlyDay, ...] = ()
    dates: tuple[Holiday, ...] = ()

    def holidays(self, year: int) -> list[Holiday]:
        found = [h for h in self.dates if h.day.year == year]
        for y in self.yearly:
            day = y.on(year)
            if day is not None:
                found.append(Holiday(day, y.fr, y.nl, self.name, y.source))
        return found


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError(
            f"year {year} is outside the years Belgian holidays are known for "
            f"({FIRST_YEAR}-{LAST_YEAR}); use a date within that span"
        )


@dataclass(frozen=True, eq=False)
class Calendar:
    """The legal public holidays plus the days of its layers; equal only to itself."""

    name: str
    description: str = ""
    layers: tuple[Layer, ...] = ()
    _years: dict[int, dict[dt.date, Holiday]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _year(self, year: int) -> dict[dt.date, Holiday]:
        known = self._years.get(year)
        if known is None:
            _check_year(year)
            known = {}
            # A legal holiday keeps its legal name when a layer's day falls on it: stronger rule.
            for h in [
                *legal_holidays(year),
                *(h for layer in self.layers for h in layer.holidays(year)),
            ]:
                known.setdefault(h.day, h)
            self._years[year] = known
        return known

    def holidays(self, year: int) -> list[Holiday]:
        """The non-working days of `year` other than weekends, in date order."""
        return sorted(self._year(year).values(), key=lambda h: h.day)

    def holidays_between(self, first: dt.date, last: dt.date) -> list[Holiday]:
        """The non-working days other than weekends from `first` to `last` inclusive."""
        return [
            h
            for year in range(first.year, last.year + 1)
            for h in self.holidays(year)
            if first <= h.day <= last
        ]

    def holiday(self, day: dt.date) -> Holiday | None:
        """The holiday on `day`, or None."""
        return self._year(day.year).get(day)

    def is_working(self, day: dt.date, kind: DayKind) -> bool:
        """Whether `day` counts in a delay of `kind` (every day counts as a calendar day)."""
        if kind is DayKind.CALENDAR:
            return True
        limit = 5 if kind is DayKind.MON_SAT else 4  # weekday(): Monday 0 .. Sunday 6
        return day.weekday() <= limit and day not in self._year(day.year)

    def next_working(self, day: dt.date, kind: DayKind = DayKind.MON_FRI) -> dt.date:
        """`day` itself if it is a working day of `kind`, else the next one."""
        while not self.is_working(day, kind):
            day += dt.timedelta(days=1)
        return day


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@functools.lru_cache(maxsize=512)
def legal_holidays(year: int) -> tuple[Holiday, ...]:
    """The legal public holidays of `year`, corrected by the package data."""
    _check_year(year)
    fr = holidays_package.country_holidays("BE", years=year, language="fr")
    nl = holidays_package.country_holidays("BE", years=year, language="nl")
    easter = easter_sunday(year)
    # Easter Sunday and Whit Sunday are feasts, not legal holidays: they are Sundays anyway.
    not_legal = {easter, easter + dt.timedelta(days=49)}
    days = {
        day: Holiday(day, str(name), str(nl.get(day, name)), "legal", LEGAL_SOURCE)
        for day, name in fr.items()
        if day not in not_legal
    }
    for c in _corrections():
        if c.date.year != year:
            continue
        if c.action == "add":
            days[c.date] = Holiday(c.date, c.fr, c.nl, "legal", c.source)
        else:
            days.pop(c.date, None)
    return tuple(sorted(days.values(), key=lambda h: h.day))


# ---- files -------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _YearlySpec(_Model):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    fr: str
    nl: str
    source: str = ""

    @model_validator(mode="after")
    def _exists(self) -> _YearlySpec:
        dt.date(2000, self.month, self.day)  # a leap year: 29 February is allowed
        return self


class _DateSpec(_Model):
    date: dt.date
    fr: str
    nl: str
    source: str = ""


class _LayerSpec(_Model):
    fr: str | None = None
    nl: str | None = None
    yearly: list[_YearlySpec] = Field(default_factory=list)
    dates: list[_DateSpec] = Field(default_factory=list)


class _CalendarSpec(_LayerSpec):
    description: str = ""
    base: str | None = None
    layers: list[str] = Field(default_factory=list)


class _CalendarFile(_Model):
    layers: dict[str, _LayerSpec] = Field(default_factory=dict)
    calendars: dict[str, _CalendarSpec] = Field(default_factory=dict)


class _Correction(_Model):
    date: dt.date
    action: Literal["add", "remove"]
    fr: str
    nl: str
    source: str = Field(min_length=1)


class _CorrectionFile(_Model):
    corrections: list[_Correction] = Field(default_factory=list)


def _read_yaml(text: str, where: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CalendarError(f"{where}: not valid YAML ({exc})") from exc


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


@functools.cache
def _corrections() -> tuple[_Correction, ...]:
    text = resources.files("pilotage.legaltime").joinpath("data/legal-corrections.yaml")
    data = _read_yaml(text.read_text(encoding="utf-8"), "legal-corrections.yaml")
    try:
        return tuple(_CorrectionFile.model_validate(data).corrections)
    except ValidationError as exc:
        raise CalendarError(f"legal-corrections.yaml: {_problems(exc)}") from exc


def _layer(name: str, spec: _LayerSpec) -> Layer:
    return Layer(
        name=name,
        yearly=tuple(YearlyDay(y.month, y.day, y.fr, y.nl, y.source) for y in spec.yearly),
        dates=tuple(Holiday(d.date, d.fr, d.nl, name, d.source) for d in spec.dates),
    )


def _build(
    data: Any, where: str, known: Mapping[str, Calendar], known_layers: Mapping[str, Layer]
) -> tuple[dict[str, Calendar], dict[str, Layer]]:
    """Calendars and layers of one parsed file, whose bases may be `known` or in the file."""
    try:
        spec = _CalendarFile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise CalendarError(f"{where}: {_problems(exc)}") from exc
    layers = {**known_layers, **{n: _layer(n, s) for n, s in spec.layers.items()}}
    built: dict[str, Calendar] = {}

    def build(name: str, seen: tuple[str, ...]) -> Calendar:
        if name in built:
            return built[name]
        if name in seen:
            raise CalendarError(f"{where}: calendar bases loop: {' -> '.join((*seen, name))}")
        cal_spec = spec.calendars.get(name)
        if cal_spec is None:
            if name in known:
                return known[name]
            names = sorted({*known, *spec.calendars})
            raise CalendarError(
                f"{where}: calendar {seen[-1]!r} has unknown base {name!r}; "
                f"known: {', '.join(names)}"
            )
        base = build(cal_spec.base, (*seen, name)).layers if cal_spec.base else ()
        own: list[Layer] = []
        for layer_name in cal_spec.layers:
            if layer_name not in layers:
                raise CalendarError(
                    f"{where}: calendar {name!r} names unknown layer {layer_name!r}; "
                    f"known layers: {', '.join(sorted(layers))}"
                )
            own.append(layers[layer_name])
        if cal_spec.yearly or cal_spec.dates:
            own.append(_layer(name, cal_spec))
        built[name] = Calendar(name, cal_spec.description, (*base, *own))
        return built[name]

    for name in spec.calendars:
        build(name, ())
    return built, layers


@functools.cache
def _builtin() -> tuple[dict[str, Calendar], dict[str, Layer]]:
    text = resources.files("pilotage.legaltime").joinpath("data/calendars.yaml")
    data = _read_yaml(text.read_text(encoding="utf-8"), "calendars.yaml")
    return _build(data, "calendars.yaml", {}, {})


def calendar_names(extra: Iterable[str] = ()) -> list[str]:
    """The built-in calendar names, and any `extra` ones, sorted."""
    return sorted({*_builtin()[0], *extra})


def get_calendar(name: str, extra: Mapping[str, Calendar] | None = None) -> Calendar:
    """The calendar called `name`, among `extra` (loaded from a file) and the built-in ones."""
    if extra and name in extra:
        return extra[name]
    builtin = _builtin()[0]
    if name in builtin:
        return builtin[name]
    names = calendar_names(extra or ())
    raise CalendarError(f"unknown calendar {name!r}; known calendars: {', '.join(names)}")


def resolve_calendar(calendar: str | Calendar) -> Calendar:
    """`calendar` itself, or the built-in calendar of that name."""
    return calendar if isinstance(calendar, Calendar) else get_calendar(calendar)


def load_calendars(path: str | Path) -> dict[str, Calendar]:
    """The calendars of an institution's YAML file; bases and layers may be built-in ones.

    The file has the shape of the built-in `data/calendars.yaml`, for example::

        calendars:
          inami:
            base: be-federal
            layers: [french-community]
            yearly:
              - {month: 11, day: 2, fr: Jour des défunts, nl: Allerzielen}
              - {month: 12, day: 26, fr: Lendemain de Noël, nl: Tweede kerstdag}
            dates:
              - {date: 2019-12-24, fr: Fermeture, nl: Sluiting}
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read the calendar file ({exc.strerror})") from exc
    builtin, layers = _builtin()
    calendars, _ = _build(_read_yaml(text, str(path)), str(path), builtin, layers)
    return calendars
