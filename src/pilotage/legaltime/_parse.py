"""Deadlines and delay rules as contracts print them, in French and Dutch (English for the CLI).

`parse_rule` reads a rule ("15 jours ouvrables", "30 werkdagen", "4 mois", "31 mai", "fin du
trimestre", "X + 6 mois"). `parse_deadline` reads a deadline line of a contract ("Date limite :
30/06/2013", "Dates limites : 31 décembre 2013 ; 31 décembre 2014", "1er trimestre de 2013",
"Semestriel", "X + 6 mois (X étant ...)") into a `ParsedDeadline`; an impossible date such as
"31/04/2013" raises ImpossibleDateError and is never guessed. `to_contract_deadline` always gives
the contract model's `Deadline`: form INVALID or UNSTRUCTURED with a diagnosis when it must.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pilotage.errors import DeadlineSyntaxError, ImpossibleDateError
from pilotage.legaltime import _words as w
from pilotage.legaltime._calendars import DEFAULT_CALENDAR, Calendar, DayKind
from pilotage.legaltime._counting import MONTH_NAMES, UNIT_OF, Rule
from pilotage.legaltime._periods import Period, PeriodKind
from pilotage.legaltime._schedules import Schedule
from pilotage.legaltime._terms import (
    Convention,
    Deadline,
    DeadlineForm,
    DelayUnit,
    LocalText,
    Offset,
)

__all__ = ["ParsedDeadline", "parse_date", "parse_deadline", "parse_rule", "to_contract_deadline"]

_RULE_EXAMPLES = (
    "'120 jours', '15 jours ouvrables', '15 werkdagen', '10 working days mon-fri', '4 mois', "
    "'31 mai', 'fin du trimestre', 'X + 6 mois'"
)


@dataclass(frozen=True)
class ParsedDeadline:
    """A deadline as printed, read into dates, periods, an offset from an event or a schedule."""

    printed: str
    form: DeadlineForm
    dates: tuple[dt.date, ...] = ()
    periods: tuple[Period, ...] = ()
    event: str | None = None  # the event X of a relative deadline, as printed
    offset: Rule | None = None  # X + offset
    schedule: Schedule | None = None
    note: str | None = None  # what part of the text was not reduced, or must be known
    language: str = "fr"

    def to_contract(self) -> Deadline:
        """The contract model's `Deadline` for this reading."""
        offset = None
        if self.offset is not None and self.offset.value is not None:
            offset = Offset(value=self.offset.value, unit=self.offset.unit)
        return Deadline(
            printed=self.printed,
            form=self.form,
            dates=list(self.dates),
            periods=[str(p) for p in self.periods],
            event=LocalText(**{self.language: self.event}) if self.event else None,
            offset=offset,
            recurrence=self.schedule.to_recurrence() if self.schedule else None,
            diagnosis=self.note,
        )


# ---- rules -------------------------------------------------------------------------------------

_RULE_PREFIX = re.compile(
    r"^(?:(?:date limite|uiterste datum|deadline)\s*:\s*|dans (?:les|un delai de|le delai de)\s+"
    r"|endeans(?: les)?\s+|binnen(?: de| een termijn van)?\s+|within\s+|au plus tard(?: le)?\s+"
    r"|uiterlijk(?: op)?\s+|pour le\s+|tegen\s+|by\s+|d'ici (?:le|la)\s+)"
)
_DELAY = re.compile(rf"(?P<count>{w.COUNT})\s*(?P<unit>{w.UNIT})(?P<kind>.*)")
_X_PLUS = re.compile(r"x\b\s*(?:\((?P<def>[^)]*)\))?\s*\+\s*(?P<rest>.+)")
_FIXED = re.compile(
    rf"(?:le |the )?(?P<d>\d{{1,2}})(?:er|re|e|ste|de|st|nd|rd|th)?\s*(?:(?P<m>{w.MONTH})\b"
    r"|[/.](?P<mn>\d{1,2}))"
)
_PERIOD_END = re.compile(
    r"(?:la |the )?(?:fin|einde|eind|end)\s+(?:du |de la |de l'|de |van de |van het |of the |of )?"
    rf"(?P<p>{w.PERIOD})(?:\s+(?:civile|en cours|courant|lopend))?"
)


def _unit_of(unit_text: str, kind_text: str) -> tuple[DelayUnit, int]:
    found = [(n, f) for pattern, n, f in w.UNIT_WORDS if re.fullmatch(pattern, unit_text)]
    if not found:  # pragma: no cover - UNIT is built from UNIT_WORDS
        raise DeadlineSyntaxError(f"unknown unit {unit_text!r}")
    name, factor = found[0]
    kind_text = kind_text.strip()
    if kind_text:
        for pattern, kind in w.DAY_KIND_WORDS:
            if re.fullmatch(pattern, kind_text):
                if name == "months":
                    raise DeadlineSyntaxError(f"{kind_text!r} applies to days, not to months")
                return UNIT_OF[kind], factor
        raise DeadlineSyntaxError(
            f"cannot read {kind_text!r} after the delay; expected mon-sat or mon-fri "
            "(lundi-samedi, ma-za, lundi-vendredi, ma-vr)"
        )
    if name == "months":
        return DelayUnit.MONTHS, factor
    return UNIT_OF[DayKind(name)], factor


def parse_rule(
    text: str,
    convention: Convention = Convention.JUDICIAL,
    calendar: str | Calendar = DEFAULT_CALENDAR,
) -> Rule:
    """Read a delay or deadline rule, French, Dutch or English, under `convention`."""
    printed = w.normalise(text)
    folded = w.fold(printed).rstrip(" .;")
    while (m := _RULE_PREFIX.match(folded)) is not None:
        folded = folded[m.end() :]
    event = None
    x = _X_PLUS.fullmatch(folded)
    if x is not None:
        # "6 mois (X étant ...)" / "6 mois, X correspondant à ...": the delay, then what X is
        head, *tail = re.split(r"(?=[,(;])", x.group("rest"), maxsplit=1)
        event, folded = _x_definition(printed, x.group("def"), "".join(tail)), head.strip()

    def rule(unit: DelayUnit, **fields: Any) -> Rule:
        return Rule(
            unit, convention=convention, calendar=calendar, event=event, printed=printed, **fields
        )

    if (m := _DELAY.fullmatch(folded)) is not None:
        unit, factor = _unit_of(m.group("unit"), m.group("kind"))
        return rule(unit, value=w.number(m.group("count")) * factor)
    if event is None and (m := _FIXED.fullmatch(folded)) is not None:
        month = w.MONTHS[m.group("m")] if m.group("m") else int(m.group("mn"))
        day = int(m.group("d"))
        try:
            dt.date(2000, month, day)
        except ValueError as exc:
            raise ImpossibleDateError(
                f"{printed!r} is never a date: {_month_name(month)} has no day {day}"
            ) from exc
        return rule(DelayUnit.FIXED_DATE, month=month, day=day)
    if event is None and (m := _PERIOD_END.fullmatch(folded)) is not None:
        return rule(DelayUnit.PERIOD_END, period=w.PERIOD_WORDS[m.group("p")])
    if event is None and _date_or_none(folded, printed) is not None:
        raise DeadlineSyntaxError(
            f"{printed!r} is a date, not a rule: the deadline is that day; a rule is e.g. "
            f"{_RULE_EXAMPLES}"
        )
    raise DeadlineSyntaxError(f"cannot read the rule {printed!r}; write e.g. {_RULE_EXAMPLES}")


def _month_name(month: int) -> str:
    return MONTH_NAMES[month - 1] if 1 <= month <= 12 else f"month {month}"


# ---- dates and periods -------------------------------------------------------------------------

_NUMERIC = re.compile(r"(?:le |op )?(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORDY = re.compile(
    r"(?:le |op |on )?(\d{1,2}|premier)\s*(?:er|re|e|ste|de|st|nd|rd|th)?"
    rf"\s+({w.MONTH})\s+(\d{{4}})"
)
_PERIOD_IN = re.compile(
    r"(?:(?:la |het |the )?(?:fin|einde|eind|end)\s+"
    r"(?:du |de la |de l'|van het |van de |of the )?)?"
    rf"(?P<o>{w.ORDINAL})\s*(?P<p>trimestre|semestre|kwartaal|semester|quarter|half)"
    r"\s+(?:de |d'|van |of )?(?:l'annee |het jaar |)(?P<y>\d{4})"
)
_YEAR_IN = re.compile(
    r"(?:(?:la |het |the )?(?:fin|einde|eind|end|courant|in de loop van)\s+(?:de l'annee |van het "
    r"jaar |of )?|l'annee |het jaar |)(?P<y>\d{4})"
)
_MONTH_IN = re.compile(
    rf"(?:(?:la |the )?(?:fin|einde|eind|end|courant)\s+(?:de |d'|van |of )?)?(?P<m>{w.MONTH})"
    r"\s+(?P<y>\d{4})"
)


def _make_date(year: int, month: int, day: int, printed: str) -> dt.date:
    if not 1 <= month <= 12:
        raise ImpossibleDateError(
            f"{printed!r} is not a date: there is no month {month}; reported as printed, not "
            "guessed: correct the text or record the intended date"
        )
    last = _stdcal.monthrange(year, month)[1]
    if not 1 <= day <= last:
        after = dt.date(year, month, last) + dt.timedelta(days=1)
        raise ImpossibleDateError(
            f"{printed!r} is not a date: {_month_name(month)} {year} has {last} days, so day "
            f"{day} does not exist; it is reported as printed, not guessed into {last} "
            f"{_month_name(month)} or {after.day} {_month_name(after.month)}: correct the text "
            "or record the intended date"
        )
    return dt.date(year, month, day)


def _date_or_none(folded: str, printed: str) -> dt.date | None:
    if (m := _NUMERIC.fullmatch(folded)) is not None:
        if len(m.group(3)) != 4:
            raise DeadlineSyntaxError(f"{printed!r}: write the year with four digits")
        return _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), printed)
    if (m := _ISO.fullmatch(folded)) is not None:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), printed)
    if (m := _WORDY.fullmatch(folded)) is not None:
        day = 1 if m.group(1) == "premier" else int(m.group(1))
        return _make_date(int(m.group(3)), w.MONTHS[m.group(2)], day, printed)
    return None


def parse_date(text: str) -> dt.date:
    """One printed date: 30/06/2013, 30.6.2013, 2013-06-30, 30 juin 2013, 1er janvier 2014."""
    printed = w.normalise(text)
    day = _date_or_none(w.fold(printed).rstrip(" ."), printed)
    if day is None:
        raise DeadlineSyntaxError(
            f"cannot read the date {printed!r}; write e.g. 30/06/2013, 30.6.2013, 30 juin 2013, "
            "30 juni 2013 or 2013-06-30"
        )
    return day


def _period_or_none(folded: str) -> Period | None:
    if (m := _PERIOD_IN.fullmatch(folded)) is not None:
        kind = (
            PeriodKind.QUARTER
            if m.group("p") in ("trimestre", "kwartaal", "quarter")
            else (PeriodKind.SEMESTER)
        )
        index = w.ordinal(m.group("o"))
        text = f"{m.group('y')}-{'Q' if kind is PeriodKind.QUARTER else 'S'}{index}"
        return Period.parse(text)
    if (m := _YEAR_IN.fullmatch(folded)) is not None:
        return Period.parse(m.group("y"))
    if (m := _MONTH_IN.fullmatch(folded)) is not None:
        return Period.parse(f"{m.group('y')}-{w.MONTHS[m.group('m')]:02d}")
    try:
        return Period.parse(folded.upper())
    except DeadlineSyntaxError:
        return None


# ---- deadlines ---------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:dates?\s+limites?|uiterste\s+data|uiterste\s+datum|deadlines?|termijn)\s*:\s*"
)
# "by ...": the deadline is the day or period named, so the words are dropped before reading.
_BY = re.compile(
    r"^(?:d'ici (?:le |la )?|pour le |au plus tard (?:le |pour le )?|uiterlijk (?:op )?|tegen |by )"
    r"(?=\d|fin |einde |eind |end |premier|eerste|first)"
)
_CONTINUOUS = re.compile(r"(?:en )?(?:permanent|permanente|continu|continue|doorlopend|ongoing)")
_PARENS = re.compile(r"\([^()]*\)")
_SPLIT = re.compile(r"\s*(?:;|,|\bet\b|\ben\b|\band\b)\s*")
_X_DEF = re.compile(
    r"\s*[,(;]?\s*(?:ou |waarbij |with )?x\s*(?:etant|correspondant a|zijnde|being|=|is)\s*"
    r"(?P<def>.+?)\s*$"
)
_AFTER = re.compile(
    rf"(?:(?:dans|endeans)\s+(?:les|un delai de|le delai de)?\s*|binnen\s+(?:de\s+)?|within\s+)?"
    rf"(?P<count>{w.COUNT})\s+(?P<unit>{w.UNIT})\s+(?:qui suivent|qui suit|suivant|apres|a compter"
    r" de|a partir de|na|volgend op|vanaf|after|of|following)\s+(?P<event>.+)"
)
_EVENT_DAY = re.compile(r"(?:la )?(?:date|datum|day) (?:de |d'|du |van |of )(?P<event>.+)")
_BEFORE = re.compile(
    r"(?:au cours des|dans le courant des|pendant les|in de loop van de|tijdens de|during the)\s+"
    r"(?P<list>.+?)\s+(?:mois|maanden|months)\s+(?:precedant|qui precedent|avant|voorafgaand aan|"
    r"voor|before)\s+(?P<event>.+)"
)
_RECURRING = [
    (re.compile(r"semestriel(?:le)?s?|halfjaarlijks|semi-annual|half-yearly"), PeriodKind.SEMESTER),
    (re.compile(r"trimestriel(?:le)?s?|driemaandelijks|quarterly"), PeriodKind.QUARTER),
    (re.compile(r"mensuel(?:le)?s?|maandelijks|monthly"), PeriodKind.MONTH),
    (re.compile(r"annuel(?:le)?(?:ment)?s?|jaarlijks|annual(?:ly)?|yearly"), PeriodKind.YEAR),
]
_EVERY = re.compile(
    rf"(?:tous les|toutes les|om de|elke|every)\s+(?P<n>{w.COUNT})\s+(?P<u>{w.UNIT})"
)
_END_OF_EACH = re.compile(
    rf"(?:pour |d'ici |tegen |by )?(?:la |het |the )?(?:fin|einde|end)\s+(?:(?:du|de la|van het|"
    rf"van de|of the)\s+(?P<o>{w.ORDINAL})\s*(?P<p>{w.PERIOD})\s+(?:de|d'|van|of)\s*)?"
    r"(?:de )?(?:chaque|toute|elk|ieder|each|every)\s+"
    r"(?:annee|kalenderjaar|jaar|year|calendar year)(?: civile)?"
)
_DURING_EACH = re.compile(
    r"(?:chaque annee|elk jaar|ieder jaar|each year)\s*,?\s+(?:dans le courant du|au cours du|"
    rf"pendant le|in de loop van het|tijdens het|during the)\s+(?P<o>{w.ORDINAL})\s*"
    rf"(?P<p>{w.PERIOD})\s+(?:de l'annee|van het jaar|of year)\s+x\s*(?P<off>[-+]\s*\d+)?"
)


def _language(folded: str) -> str:
    dutch = (
        r"\b(?:maanden|maand|dagen|werkdagen|binnen|na|van|het|jaar|jaarlijks|kwartaal|elk"
        r"|zijnde)\b"
    )
    return "nl" if re.search(dutch, folded) else "fr"


def _x_definition(printed: str, in_parens: str | None, rest_folded: str) -> str:
    """The event X as printed: "X (réunion ...)" or "X étant la date ...", else just "X"."""
    if in_parens:
        start = w.fold(printed).find(in_parens)
        return printed[start : start + len(in_parens)].strip() if start >= 0 else in_parens
    m = _X_DEF.match(rest_folded)
    if m is None:
        return "X"
    start = w.fold(printed).rfind(m.group("def"))
    event = printed[start : start + len(m.group("def"))].strip(" .")
    # "(X étant ...)" closes a parenthesis that is not part of the event's own text.
    if event.endswith(")") and event.count(")") > event.count("("):
        event = event[:-1].rstrip(" .")
    return event


def _original(printed: str, folded_part: str) -> str:
    start = w.fold(printed).find(folded_part)
    return printed[start : start + len(folded_part)] if start >= 0 else folded_part


def parse_deadline(text: str) -> ParsedDeadline:
    """Read a printed deadline; ImpossibleDateError for a date that does not exist."""
    printed = w.normalise(text)
    body = _BY.sub("", _LABEL.sub("", w.fold(printed)).rstrip(" .;,"))
    lang = _language(body)
    if not body:
        raise DeadlineSyntaxError(f"{printed!r} gives no deadline after its label")
    if _CONTINUOUS.fullmatch(body):
        return ParsedDeadline(printed, DeadlineForm.CONTINUOUS, language=lang)
    found = _relative(printed, body, lang) or _recurring(printed, body, lang)
    if found is not None:
        return found
    return _dates(printed, body, lang)


def _relative(printed: str, body: str, lang: str) -> ParsedDeadline | None:
    def relative(count: str, unit_text: str, event: str, note: str | None) -> ParsedDeadline:
        unit, factor = _unit_of(unit_text, "")
        rule = Rule(unit, value=w.number(count) * factor, event=event, printed=printed)
        return ParsedDeadline(
            printed, DeadlineForm.RELATIVE, event=event, offset=rule, note=note, language=lang
        )

    if (m := _X_PLUS.fullmatch(body)) is not None:
        d = re.match(rf"(?P<count>{w.COUNT})\s*(?P<unit>{w.UNIT})(?P<rest>.*)", m.group("rest"))
        if d is None:
            raise DeadlineSyntaxError(
                f"{printed!r}: after 'X +' expected a delay such as '6 mois' or '12 maanden'"
            )
        rest = d.group("rest")
        note = None
        if ";" in rest and m.group("def"):
            rest, more = rest.split(";", 1)
            more = _original(printed, more.strip())
            note = f"only the first deadline is reduced; the rest is not: {more!r}"
        event = _x_definition(printed, m.group("def"), rest)
        if event == "X" and rest.strip(" .,;"):
            note = (
                f"the event X is not defined in the text read: {_original(printed, rest.strip())!r}"
            )
        elif event == "X":
            note = "the event X is defined in the action's text, not in the deadline"
        return relative(d.group("count"), d.group("unit"), event, note)
    if (m := _AFTER.fullmatch(body)) is not None:
        return relative(
            m.group("count"), m.group("unit"), _original(printed, m.group("event")), None
        )
    if (m := _EVENT_DAY.fullmatch(body)) is not None:
        event = _original(printed, m.group("event"))
        rule = Rule(DelayUnit.CALENDAR_DAYS, value=0, event=event, printed=printed)
        return ParsedDeadline(
            printed, DeadlineForm.RELATIVE, event=event, offset=rule, language=lang
        )
    if (m := _BEFORE.fullmatch(body)) is not None:
        months = [w.ordinal(o) for o in re.findall(w.ORDINAL, m.group("list"))]
        which = " and ".join(f"month {n}" for n in months) or m.group("list")
        return ParsedDeadline(
            printed,
            DeadlineForm.UNSTRUCTURED,
            event=_original(printed, m.group("event")),
            note=(
                f"a window before an event: during {which} before X (X = the event); the "
                "contract model's offsets only count forward from X, so no due date is derived "
                "until X is known"
            ),
            language=lang,
        )
    return None


def _recurring(printed: str, body: str, lang: str) -> ParsedDeadline | None:
    plain = _PARENS.sub("", body).strip(" .;,")
    schedule, rest = None, ""
    for pattern, rhythm in _RECURRING:
        m = pattern.match(plain)
        if m is not None and (m.end() == len(plain) or plain[m.end()] == " "):
            schedule, rest = Schedule(rhythm), plain[m.end() :]
            break
    if schedule is None and (m := _EVERY.match(plain)) is not None:
        unit, factor = _unit_of(m.group("u"), "")
        if unit is not DelayUnit.MONTHS:
            raise DeadlineSyntaxError(f"{printed!r}: a recurrence runs in months or years")
        count = w.number(m.group("n")) * factor
        schedule = (
            Schedule(PeriodKind.YEAR, count // 12)
            if count % 12 == 0
            else Schedule(PeriodKind.MONTH, count)
        )
        rest = plain[m.end() :]
    if schedule is None and (m := _END_OF_EACH.match(plain)) is not None:
        sub = (w.PERIOD_WORDS[m.group("p")], w.ordinal(m.group("o"))) if m.group("p") else None
        schedule = Schedule(PeriodKind.YEAR, 1, *(sub or (None, None)))
        rest = plain[m.end() :]
    if schedule is None and (m := _DURING_EACH.match(plain)) is not None:
        offset = int(m.group("off").replace(" ", "")) if m.group("off") else 0
        period = w.PERIOD_WORDS[m.group("p")]
        schedule = Schedule(PeriodKind.YEAR, 1, period, w.ordinal(m.group("o")), offset, True)
        rest = plain[m.end() :]
    if schedule is None:
        return None
    rest = rest.strip(" .;,")
    note = f"followed by text not reduced: {_original(printed, rest)!r}" if rest else None
    return ParsedDeadline(
        printed, DeadlineForm.RECURRING, schedule=schedule, note=note, language=lang
    )


def _dates(printed: str, body: str, lang: str) -> ParsedDeadline:
    plain = _PARENS.sub(" ", body)
    items = [i.strip(" .") for i in _SPLIT.split(plain) if i.strip(" .")]
    dates: list[dt.date] = []
    periods: list[Period] = []
    for item in items:
        day = _date_or_none(item, _original(printed, item))
        if day is not None:
            dates.append(day)
            continue
        period = _period_or_none(item)
        if period is None and _FIXED.fullmatch(item):
            raise DeadlineSyntaxError(
                f"{_original(printed, item)!r} in {printed!r} gives a day but no year: write the "
                "year, or state a yearly rule such as 'Annuel' or 'Pour la fin de chaque année "
                "civile'"
            )
        if period is None:
            raise DeadlineSyntaxError(
                f"cannot read {_original(printed, item)!r} in {printed!r}: expected a date "
                "(30/06/2013, 30 juin 2013), a period (1er trimestre de 2013), a delay from an "
                "event (X + 6 mois) or a rhythm (Semestriel, Annuel, Tous les 5 ans)"
            )
        periods.append(period)
    if dates and periods:
        raise DeadlineSyntaxError(
            f"{printed!r} mixes dates and periods; give one deadline per line"
        )
    if periods:
        periods = sorted(set(periods))
        return ParsedDeadline(
            printed,
            DeadlineForm.PERIOD,
            dates=tuple(p.last for p in periods),
            periods=tuple(periods),
            language=lang,
        )
    unique = tuple(sorted(set(dates)))
    form = DeadlineForm.DATE if len(unique) == 1 else DeadlineForm.DATES
    return ParsedDeadline(printed, form, dates=unique, language=lang)


def to_contract_deadline(printed: str) -> Deadline:
    """The contract model's `Deadline` for a printed text: INVALID or UNSTRUCTURED with why."""
    try:
        return parse_deadline(printed).to_contract()
    except ImpossibleDateError as exc:
        return Deadline(printed=printed, form=DeadlineForm.INVALID, diagnosis=str(exc))
    except DeadlineSyntaxError as exc:
        return Deadline(printed=printed, form=DeadlineForm.UNSTRUCTURED, diagnosis=str(exc))
