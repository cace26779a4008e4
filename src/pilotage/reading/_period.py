"""The contract's period, from the text's own words, strongest evidence first.

1. Two dates: "pour la période du 1er janvier 2019 au 31 décembre 2020", "prenant cours le ...
   et se terminant le ...", "voor de periode van 1 januari 2016 tot en met 31 december 2018",
   "die ingaat op ... en eindigt op ...".
2. A term and its first day: "pour une durée de trois ans prenant cours le 1er janvier 2016",
   "conclu pour une durée de cinq ans" with the entry into force the approving royal decree
   sets ("produisent leurs effets le 1er janvier 2023", "treedt in werking op ...").
3. Years: "POUR LA PERIODE 2019-2021", "voor de periode 2022-2025", a year range in the title
   ("contrat d'administration 2016-2018"), "pour les années 2019 à 2021".
4. A term whose first day the text does not print: the document's date is taken as a guess,
   with the words it came from, for the reviewer to confirm.

Legal time counts the term (`months_from`): three years from 1 January 2016 end on
31 December 2018.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pilotage.legaltime import months_from
from pilotage.reading._dates import DATE_TEXT, duration_months, find_dates
from pilotage.reading._source import Line

__all__ = ["PeriodReading", "read_period"]


@dataclass
class PeriodReading:
    start: dt.date
    end: dt.date
    line: Line | None
    printed: str
    how: str  # "dates" | "term" | "years" | "guess"
    confidence: str  # "high" | "medium" | "low"
    note: str | None = None


_D = DATE_TEXT
_TWO_DATES = [
    re.compile(rf"\b(?:du|van|vanaf|à partir du|à dater du)\s+(?P<a>{_D})\s*,?\s+(?:et\s+|en\s+)?"
               rf"(?:au|jusqu['’]au|tot en met|t/m|tot|bis zum|bis)\s+(?P<b>{_D})", re.IGNORECASE),
    re.compile(rf"(?:prenant cours|prend cours|commençant|débutant|entre en vigueur|ingaat|"
               rf"aanvangt|begint|treedt in werking|beginnt)\s+(?:le|op|am)?\s*(?P<a>{_D})"
               rf".{{0,40}}?(?:se terminant|se termine|prenant fin|prend fin|finissant|expire|"
               rf"eindigt|eindigend|afloopt|endet)\s+(?:le|op|am)?\s*(?P<b>{_D})", re.IGNORECASE),
]  # fmt: skip
_TERM = re.compile(
    r"(?:pour|voor|für)\s+(?:une durée|un terme|une période|un délai|een (?:duur|termijn|periode)"
    r"|de duur|eine Dauer|einen Zeitraum)\s+(?:de|van|von)\s+(?P<n>\S+(?:\s+\S+)?)\s*"
    r"(?P<u>ans?|années?|jaar|jaren|Jahren?|mois|maanden)\b",
    re.IGNORECASE,
)
_TERM_START = re.compile(
    rf"(?:prenant cours|à partir du|à compter du|ingaand op|die ingaat op|vanaf|met ingang van|"
    rf"ab dem)\s+(?:le\s+)?(?P<a>{_D})",
    re.IGNORECASE,
)
_ENTRY = re.compile(
    rf"(?:entre(?:nt)? en vigueur|produi(?:t|sent) (?:ses|leurs) effets|treedt in werking|"
    rf"treden in werking|heeft uitwerking|tritt in Kraft)\s+(?:le|op|met ingang van|am)?\s*"
    rf"(?P<a>{_D})",
    re.IGNORECASE,
)
_THIS = re.compile(
    r"présent(?:e)? (?:contrat|avenant|convention)|ce contrat|cet avenant|deze (?:bestuurs)?"
    r"overeenkomst|dit (?:aanhangsel|addendum)|de bestuursovereenkomst|le contrat"
    r"|dieser Vertrag|diesen Vertrag",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?P<a>(?:19|20)\d{2})\s*(?:[-–/]|à|au|tot(?: en met)?|t/m|bis)\s*(?P<b>(?:19|20)\d{2})"
)
_PERIOD_WORDS = re.compile(
    r"(?:pour la période|pour les années|période|pour|voor de periode|periode|voor de jaren"
    r"|für den Zeitraum|Zeitraum)\s+(?:de |van )?$",
    re.IGNORECASE,
)
_CONTRACT_WORDS = re.compile(
    r"(?:contrat d['’]administration|contrat de gestion|bestuursovereenkomst|"
    r"beheersovereenkomst|beheerscontract|avenant|aanhangsel|addendum|Verwaltungsvertrag|"
    r"Geschäftsführungsvertrag)\s*(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


def _first_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0].date if dates else None


def _term(text: str) -> int | None:
    match = _TERM.search(text)
    if not match:
        return None
    return duration_months(f"{match.group('n')} {match.group('u')}")


def _two_dates(texts: list[tuple[Line, str]], anywhere: bool) -> PeriodReading | None:
    for line, text in texts:
        if anywhere and not (_THIS.search(text) or re.search(r"p[ée]riode", text, re.I)):
            continue
        for rx in _TWO_DATES:
            match = rx.search(text)
            if not match:
                continue
            a, b = _first_date(match.group("a")), _first_date(match.group("b"))
            if a and b and a < b and (b - a).days >= 180:
                return PeriodReading(a, b, line, match.group(0), "dates", "high")
    return None


def read_period(
    lines: list[Line],
    head: list[Line],
    title: str | None = None,
    effective: tuple[dt.date, Line, str] | None = None,
    document_date: tuple[dt.date, Line] | None = None,
    other: tuple[int, int] | None = None,
) -> PeriodReading | None:
    """The period of the contract; `head`: its preamble (title to the party block); `other`:
    the years of a contract this one amends."""
    window = [(line, " ".join(x.text for x in lines[i : i + 3])) for i, line in enumerate(lines)]
    head_numbers = {x.number for x in head}
    in_head = [(line, text) for line, text in window if line.number in head_numbers]
    found = _two_dates(in_head, False) or _two_dates(window, True)
    if found:
        return found
    for line, text in window:  # a term with its first day in the same sentence
        months = _term(text)
        if months is None:
            continue
        start = _TERM_START.search(text)
        first = _first_date(start.group("a")) if start else None
        if first is None:
            entry = _ENTRY.search(text)
            first = _first_date(entry.group("a")) if entry else None
        if first is not None:
            term = months_from(first, months)
            return PeriodReading(first, term.last, line, text[:200], "term", "high")
    term_at = next(((line, _term(line.text)) for line, _ in window if _term(line.text)), None)
    if term_at is None:
        term_at = next(((line, _term(text)) for line, text in window if _term(text)), None)
    if term_at is not None:
        line, months = term_at
        assert months is not None
        entry_at = effective or _contract_entry(lines)
        if entry_at is not None:
            first, where, printed = entry_at
            term = months_from(first, months)
            return PeriodReading(
                first,
                term.last,
                line,
                f"{line.text[:160]} / {printed}",
                "term",
                "high",
                f"a term of {months} months from the entry into force on {first.isoformat()} "
                f"(line {where.number})",
            )
    years = _years(head, title, other)
    if years is not None:
        (a, b), where_years, printed, confidence = years
        return PeriodReading(
            dt.date(a, 1, 1), dt.date(b, 12, 31), where_years, printed, "years", confidence
        )
    if term_at is not None and document_date is not None:
        line, months = term_at
        assert months is not None
        first, where = document_date
        term = months_from(first, months)
        return PeriodReading(
            first,
            term.last,
            line,
            line.text[:200],
            "guess",
            "low",
            f"the text gives a term of {months} months but not its first day (its entry into "
            f"force); the document's date {first.isoformat()} (line {where.number}) is taken as "
            "the first day: confirm it from the approving decree",
        )
    return None


def _contract_entry(lines: list[Line]) -> tuple[dt.date, Line, str] | None:
    """ "Le présent contrat entre en vigueur le ..." / "Deze overeenkomst treedt in werking op"."""
    for line in lines:
        match = _ENTRY.search(line.text)
        if match and _THIS.search(line.text):
            first = _first_date(match.group("a"))
            if first:
                return first, line, match.group(0)
    return None


def _years(
    lines: list[Line], title: str | None, other: tuple[int, int] | None
) -> tuple[tuple[int, int], Line | None, str, str] | None:
    """A year range that names this contract's period, not another contract's."""
    candidates: list[tuple[int, tuple[int, int], Line | None, str]] = []
    sources: list[tuple[Line | None, str]] = [(None, title)] if title else []
    sources += [(x, x.text) for x in lines]
    for line, text in sources:
        for match in _RANGE.finditer(text):
            a, b = int(match.group("a")), int(match.group("b"))
            if not (0 < b - a <= 6) or (a, b) == other:
                continue
            before = text[: match.start()]
            if _PERIOD_WORDS.search(before):
                rank = 0
            elif _CONTRACT_WORDS.search(before) or line is None:
                rank = 1
            else:
                continue
            candidates.append((rank, (a, b), line, text.strip()[:200]))
    if not candidates:
        return None
    rank, years, line, printed = min(candidates, key=lambda c: c[0])
    return years, line, printed, "medium" if rank == 0 else "low"
