"""Deadlines stated in sentences, read through legal time.

    pour le 30 septembre 2010 / au plus tard le 31 décembre 2022 / le 31 janvier 2023 au plus tard
    durant le deuxième trimestre 2011 / pour la fin 2012 / dans le courant de l'année 2021
    au cours de la première année du contrat / d'ici la fin du contrat d'administration
    dans les six mois de l'entrée en vigueur du présent contrat
    uiterlijk op 30 juni 2020 / tegen eind 2004 / in de loop van het tweede kwartaal van 2011
    tijdens het eerste jaar van de overeenkomst / tegen het einde van de bestuursovereenkomst
    au plus tard le 31 mai de chaque année / uiterlijk op 31 maart van elk jaar    (every year)

A deadline relative to the contract is resolved against its period (`nth_year`,
`months_from`); without a period it stays relative to the contract's start, with its words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pilotage.contract import Deadline, DeadlineForm, DelayUnit, LocalText, Offset
from pilotage.legaltime import Period, months_from, nth_year, to_contract_deadline
from pilotage.reading._dates import DATE_TEXT, MONTHS, duration_months

__all__ = ["DueFact", "read_due_facts"]

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_ORD = (
    r"(?:premier|première|1er|1re|1e|deuxième|second|seconde|2e|2ème|troisième|3e|3ème|"
    r"quatrième|4e|4ème|eerste|tweede|derde|vierde|1ste|2de|3de|4de|erste[nms]?|zweite[nms]?|"
    r"dritte[nms]?|vierte[nms]?)"
)
_PERIOD = r"(?:trimestre|semestre|kwartaal|semester|jaarhelft|Quartal[s]?|Halbjahr(?:es)?)"
_INTRO = (
    r"(?:(?:échéance|echeance|date d['’]échéance|timing|planning|deadline|einddatum|termijn|"
    r"tijdpad|Frist)\s*:\s*(?:le |op |pour le |tegen )?|au plus tard (?:pour |le |à |au |en )?|"
    r"pour (?:le |la )?|avant (?:le |la |fin )?|"
    r"d['’]ici (?:le |la |à la |à |au )?|durant (?:le |la |l['’])?|au cours (?:du |de la |de l['’]|"
    r"des )?|dans le courant (?:du |de la |de l['’])?|pendant (?:le |la |l['’])?|à la |"
    r"uiterlijk (?:op |tegen |in |eind |einde )?|ten laatste (?:op |tegen |in )?|"
    r"tegen (?:het |eind |einde )?|vóór (?:het |de )?|voor (?=\d)|in de loop van (?:het |de )?|"
    r"tijdens (?:het |de )?|gedurende (?:het |de )?|op het einde van (?:het |de )?|"
    r"spätestens (?:am |bis |zum )?|bis (?:zum |Ende )?|im Laufe (?:des |der )?)"
)
_CONTRACT = (
    r"(?:(?:présent |même )?(?:contrat(?: d['’]administration| de gestion)?|avenant)|"
    r"(?:bestuurs|beheers)?overeenkomst|aanhangsel|Vertrag(?:es|s)?)"
)
_EXPR = (
    rf"(?P<date>{DATE_TEXT})"
    rf"|(?P<quarter>(?:[TQK][1-4]|[1-4](?:e|er|de|ste)?\s*(?:trim\.|kw\.|Q))\s*{_YEAR}|{_YEAR}\s*[-/]?\s*"
    rf"[TQK][1-4]|S[12]\s*{_YEAR}|{_YEAR}\s*[-/]?\s*S[12])"
    rf"|(?P<period>{_ORD}\s+{_PERIOD}\s+(?:de l['’]année |de |van |van het jaar |des Jahres )?"
    rf"{_YEAR})"
    rf"|(?P<yearly>(?:\d{{1,2}}(?:er)?\s+(?:{_MONTH})|fin (?:du |de )?{_ORD}\s+{_PERIOD}|"
    rf"einde van het {_ORD}\s+{_PERIOD})\s+(?:de chaque année|de l['’]année|van elk jaar|"
    rf"van ieder jaar|van het jaar|jedes Jahres)(?: civile)?)"
    rf"|(?P<nthyear>(?:la |het )?{_ORD}\s+(?:année|jaar|Jahr(?:es)?)\s+(?:du |de ce |de l['’]|"
    rf"de la durée du |van de |van het |van deze |des )?{_CONTRACT})"
    rf"|(?P<contractend>(?:la )?fin (?:du |de l['’]|de la durée du )?{_CONTRACT}|(?:het )?(?:einde|"
    rf"eind) van (?:de |het |deze )?{_CONTRACT}|Ende des Vertrag(?:es|s))"
    rf"|(?P<yearend>(?:la )?fin (?:de l['’]année |de )?{_YEAR}|(?:eind|einde) {_YEAR}|"
    rf"(?:l['’]année |het jaar |année |jaar )?{_YEAR}(?!\s*[-–/]\s*\d))"
    rf"|(?P<month>(?:(?:la )?fin (?:du mois )?(?:de |d['’])?|eind )?(?:{_MONTH})\s+{_YEAR})"
)
_DUE = re.compile(rf"(?<![\w])(?P<intro>{_INTRO})(?P<expr>{_EXPR})", re.IGNORECASE)
_DATE_THEN_LATEST = re.compile(
    rf"(?<![\w])(?:le |op )?(?P<expr>{DATE_TEXT})\s+(?:au plus tard|ten laatste|uiterlijk)",
    re.IGNORECASE,
)
_AFTER_START = re.compile(
    rf"(?:dans les|endéans les|binnen (?:de )?)\s*(?P<n>\S+(?:\s+et demi)?)\s+(?P<u>mois|"
    rf"maanden|jours|dagen|ans|années|jaar)\s+(?:de|à compter de|suivant|qui suivent|na|vanaf|"
    rf"volgend op)\s+(?:l['’]|la |de |het )?(?P<ev>(?:entrée en vigueur|signature|"
    rf"inwerkingtreding|ondertekening|début)(?:\s+(?:du|de|van)\s+(?:de |het |la |l['’])?"
    rf"{_CONTRACT})?)",
    re.IGNORECASE,
)
_LATEST = re.compile(
    r"(?:au plus tard|uiterlijk|ten laatste|tegen|d['’]ici|avant|vóór|spätestens)", re.I
)
_ORDINALS = {
    "premier": 1, "première": 1, "1er": 1, "1re": 1, "1e": 1, "eerste": 1, "1ste": 1,
    "deuxième": 2, "second": 2, "seconde": 2, "2e": 2, "2ème": 2, "tweede": 2, "2de": 2,
    "troisième": 3, "3e": 3, "3ème": 3, "derde": 3, "3de": 3,
    "quatrième": 4, "4e": 4, "4ème": 4, "vierde": 4, "4de": 4,
}  # fmt: skip
_QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_SEMESTER_ENDS = {1: (6, 30), 2: (12, 31)}


@dataclass
class DueFact:
    """A deadline read in a sentence: `yearly` (month, day) when it comes back every year."""

    printed: str
    deadline: Deadline | None
    yearly: tuple[int, int] | None = None
    position: int = 0


def _ordinal(text: str) -> int | None:
    word = text.lower().split()[0] if text.split() else ""
    return _ORDINALS.get(word) or _ORDINALS.get(
        re.sub(r"^(?:la|het)\s+", "", text.lower()).split()[0]
    )


def _yearly(expr: str) -> tuple[int, int] | None:
    """ "31 mai de chaque année" -> (5, 31); "fin du premier trimestre ..." -> (3, 31)."""
    date = re.match(rf"(\d{{1,2}})(?:er)?\s+({_MONTH})", expr, re.IGNORECASE)
    if date:
        return MONTHS[date.group(2).lower()], int(date.group(1))
    nth = re.search(rf"({_ORD})\s+({_PERIOD})", expr, re.IGNORECASE)
    if nth:
        n = _ordinal(nth.group(1)) or 0
        ends = (
            _QUARTER_ENDS if nth.group(2).lower()[:3] in {"tri", "kwa", "qua"} else _SEMESTER_ENDS
        )
        return ends.get(n)
    return None


def _relative(printed: str, event: str, months: int) -> Deadline:
    return Deadline(
        printed=printed,
        form=DeadlineForm.RELATIVE,
        event=LocalText(fr=event),
        offset=Offset(value=months, unit=DelayUnit.MONTHS),
        diagnosis="relative to the contract's start, which the document does not date",
    )


def _resolve(
    kind: str, expr: str, printed: str, period: tuple[dt.date, dt.date] | None
) -> DueFact | None:
    if kind == "yearly":
        found = _yearly(expr)
        return DueFact(printed, None, found) if found else None
    if kind == "nthyear":
        n = _ordinal(expr)
        if n is None:
            return None
        if period is None:
            return DueFact(printed, _relative(printed, "début du contrat", 12 * n))
        year = nth_year(period[0], n)
        calendar = year.first.year == year.last.year and (year.first.month, year.first.day) == (
            1,
            1,
        )
        label = str(year.first.year) if calendar and year.last.month == 12 else str(year)
        deadline = Deadline(
            printed=printed, form=DeadlineForm.PERIOD, periods=[label], dates=[year.last]
        )
        return DueFact(printed, deadline)
    if kind == "quarter":
        printed_year = re.search(_YEAR, expr)
        part = re.search(r"([TQKS])\s*([1-4])|([1-4])(?:e|er|de|ste)?\s*(?:trim|kw|Q)", expr, re.I)
        if not printed_year or not part:
            return None
        semester = (part.group(1) or "").upper() == "S"
        index = int(part.group(2) or part.group(3))
        label = f"{printed_year.group(0)}-{'S' if semester else 'Q'}{index}"
        last = Period.parse(label).last
        return DueFact(
            printed,
            Deadline(printed=printed, form=DeadlineForm.PERIOD, periods=[label], dates=[last]),
        )
    if kind == "contractend":
        if period is None:
            return None
        deadline = Deadline(printed=printed, form=DeadlineForm.DATE, dates=[period[1]])
        return DueFact(printed, deadline)
    core = re.sub(r"^(?:l['’]année|het jaar|année|jaar)\s+", "", expr, flags=re.IGNORECASE)
    core = re.sub(r"^(?:la )?fin du mois (?:de |d['’])?", "fin ", core, flags=re.IGNORECASE)
    core = re.sub(r"^la fin", "fin", core, flags=re.IGNORECASE)
    parsed = to_contract_deadline(core)
    if parsed.form in (DeadlineForm.UNSTRUCTURED, DeadlineForm.CONTINUOUS):
        return DueFact(printed, parsed.model_copy(update={"printed": printed}))
    return DueFact(printed, parsed.model_copy(update={"printed": printed}))


def read_due_facts(sentence: str, period: tuple[dt.date, dt.date] | None) -> list[DueFact]:
    """The deadlines a sentence sets, in order; `period`: the contract's, for relative ones."""
    out: list[DueFact] = []
    taken: list[tuple[int, int]] = []
    for match in _DUE.finditer(sentence):
        kind = next(k for k, v in match.groupdict().items() if v and k not in ("intro", "expr"))
        intro = match.group("intro").lower()
        reference = intro.startswith(("pour", "voor")) or (
            re.fullmatch(_YEAR, match.group(kind)) is not None and not _LATEST.match(intro)
        )
        if kind == "yearend" and reference and not re.search(r"fin|eind", match.group(0), re.I):
            continue  # "pour 2002", "pour l'année 2014": a year of reference, not a deadline
        fact = _resolve(kind, match.group(kind), match.group(0).strip(), period)
        if fact is not None:
            fact.position = match.start()
            out.append(fact)
            taken.append(match.span())
    for match in _DATE_THEN_LATEST.finditer(sentence):
        if any(a <= match.start() < b for a, b in taken):
            continue
        fact = _resolve("date", match.group("expr"), match.group(0).strip(), period)
        if fact is not None:
            fact.position = match.start()
            out.append(fact)
    for match in _AFTER_START.finditer(sentence):
        months = duration_months(f"{match.group('n')} {match.group('u')}")
        if months is None:
            continue
        printed = match.group(0).strip()
        if period is None:
            out.append(DueFact(printed, _relative(printed, match.group("ev"), months), None))
        else:
            last = months_from(period[0], months).last
            out.append(DueFact(printed, Deadline(printed=printed, form=DeadlineForm.DATE,
                                                 dates=[last]), None, match.start()))  # fmt: skip
    return sorted(out, key=lambda f: f.position)
