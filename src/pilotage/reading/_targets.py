"""Norms stated in sentences: a share to reach, within a delay, per year; a count to reach.

    dans les 15 jours ouvrables ... pour au moins 90 % des dossiers      (90 % within 15 d)
    dans 80 % des cas ... dans le mois                                   (80 % within 1 month)
    75 % en 2010, 78 % en 2011 / (2013-10%; 2014-20%; 2015-30%)           (a target per year)
    2010 2011 2012 60 % 65 % 70 %                                        (a flattened table)
    binnen de 30 dagen in 90 % van de gevallen                           (NL)
    au moins 4 réunions par année civile / ten minste 4 vergaderingen per jaar   (a count)
    ne peut pas dépasser 0.13 minutes par vol                            (an upper bound)

A percentage becomes a norm only when the sentence commits to it (a delay, or words such as
"s'engage", "vise", "au moins", "zal", "streeft", "ten minste"); a percentage that describes
("représente plus de 75 % de toutes affiliations") stays in the coverage report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pilotage.contract import (
    Convention,
    Delay,
    DelayUnit,
    IndicatorKind,
    Operator,
    PeriodKind,
    Target,
    TargetUnit,
)
from pilotage.errors import PilotageError
from pilotage.legaltime import parse_rule

__all__ = ["PERCENT", "NormFact", "delay_of", "read_norm_facts"]

_NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
PERCENT = re.compile(
    rf"(?<![\w.,-])(?P<v>{_NUMBER})\s*(?:%|pour\s*-?\s*cent\b|pourcents?\b|procent\b|percent\b|Prozent\b)",
    re.IGNORECASE,
)
_YEAR = r"(?:19|20)\d{2}"
_PER_YEAR_AFTER = re.compile(
    rf"(?P<v>{_NUMBER})\s*%\s*(?:[a-zà-ÿ]+\s+){{0,2}}?(?:en|in|pour|voor|für|im Jahr|tegen|d'ici)"
    rf"\s+(?:fin\s+|eind\s+)?(?P<y>{_YEAR})",
    re.IGNORECASE,
)
_PER_YEAR_BEFORE = re.compile(rf"(?P<y>{_YEAR})\s*[-:–]\s*(?P<v>{_NUMBER})\s*%")
_FLAT_TABLE = re.compile(
    rf"(?P<years>(?:{_YEAR}\s+){{1,5}}{_YEAR})\s+(?P<values>(?:{_NUMBER}\s*%\s*){{2,6}})"
)
_UNIT_WORDS = (
    r"jours?\s+ouvrables?|jours?\s+ouvrés?|jours?\s+calendriers?|jours?\s+calendrier|jours?|"
    r"semaines?|mois|ans|années?|werkdagen|kalenderdagen|dagen|weken|maanden|jaar|jaren|"
    r"Werktagen|Arbeitstagen|Kalendertagen|Tagen|Wochen|Monaten|Jahren"
)
_COUNT_WORD = (
    r"\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|soixante|"
    r"een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|vijftien|twintig|dertig|zestig"
)
_DELAY = re.compile(
    rf"(?<![\w])(?:dans (?:les|un délai(?: maximum| maximal)? de|le délai de|un délai de)"
    rf"|endéans(?: les)?"
    rf"|en(?: moins de)?|sous|binnen(?: de| een termijn van| een periode van)?|innerhalb(?: von)?"
    rf"|au plus tard|uiterlijk|ten laatste)\s+(?P<n>{_COUNT_WORD})\s+(?P<u>{_UNIT_WORDS})\b",
    re.IGNORECASE,
)
_DELAY_WORD = re.compile(
    r"(?P<p>dans le mois|dans la semaine|dans l['’]année|binnen de maand|binnen de week|"
    r"binnen het jaar|innerhalb eines Monats)",
    re.IGNORECASE,
)
_WORD_DELAYS = {
    "mois": "1 mois", "semaine": "7 jours", "année": "12 mois", "maand": "1 maand",
    "week": "7 dagen", "jaar": "12 maanden", "monats": "1 maand",
}  # fmt: skip
_START = re.compile(
    r"^\s*(?:à compter de|à partir de|à dater de|de|qui suivent|suivant|après|te rekenen vanaf|"
    r"vanaf|na|volgend op|nach|ab)\s+(?P<ev>(?:la |le |l['’]|les |de |het |der |die |den )?"
    r"[^,.;()]{3,70})",
    re.IGNORECASE,
)
_EVENT_STOP = re.compile(
    r"\s(?:pour|dans|en|et|ou|in|voor|binnen|bij|of|für|und|au moins|ten minste)\s|\s\d", re.I
)
_COMMITS = re.compile(
    r"\b(?:s['’]engag\w*|engag\w*|vis(?:e|ent|era)|veill\w*|atteind\w*|atteint|réalis\w*|trait"
    r"(?:e|ent|era|eront|er)|doi(?:t|vent)|devr\w*|assur\w*|objectif|norme|diminu\w*|rédui\w*|"
    r"réduction|augment\w*|au moins|minimum|maximum|tendre vers|port(?:er|era)|taux|"
    r"zal|zullen|verbind\w* zich|engageert|streef\w*|streven|doelstelling|norm|bereik\w*|"
    r"behal\w*|realiseer\w*|realiseren|behandel\w*|ten minste|minstens|verminder\w*|verhog\w*|"
    r"verlag\w*|moet|moeten|verpflichtet|mindestens|erreich\w*|soll|sollen)\b",
    re.IGNORECASE,
)
# a count needs a verb that commits: "au moins 4 réunions seront organisées", not "est au moins 4"
_VERBS = re.compile(
    r"\b(?:s['’]engag\w*|vis(?:e|ent|era)|veill\w*|atteind\w*|réalis\w*|trait(?:e|ent|era|"
    r"eront|er)|doi(?:t|vent)|devr\w*|assur\w*|organis\w*|sera|seront|effectu\w*|"
    r"zal|zullen|verbind\w* zich|streef\w*|bereik\w*|realiseer\w*|behandel\w*|moet|moeten|"
    r"organiseer\w*|tendre|tendent|wird|werden|soll|sollen|verpflichtet)\b",
    re.IGNORECASE,
)
_NOT_A_NORM = re.compile(
    r"pouvant excéder|ne pouvant|indemnité|amende|pénalit|sanction|boete|schadevergoeding|"
    r"peut adapter|kan aanpassen|cumulés|cumulé|du budget total|van het totale budget",
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"(?:au maximum|maximum|au plus|ne (?:peut|peuvent|pourra|doit) (?:pas )?(?:dépasser|excéder)"
    r"|inférieure?s? à|moins de|maximaal|hoogstens|ten hoogste|niet meer dan|niet hoger dan|"
    r"minder dan|höchstens|nicht mehr als)\s*(?:de\s+|à\s+|van\s+)?$",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"(?P<op>au moins|minimum|au minimum|ten minste|minstens|minimaal|mindestens)\s+"
    r"(?P<n>\d+)\s+(?P<what>[a-zà-ÿ]+(?:\s+(?:de|d['’]|du|des|van|der)\s+[\wà-ÿ'-]+)?)",
    re.IGNORECASE,
)
_PER = re.compile(
    r"par (?:an|année)(?: civile)?|chaque année|annuellement|par exercice|per jaar|jaarlijks|"
    r"elk jaar|ieder jaar|per kalenderjaar|pro Jahr|jährlich",
    re.IGNORECASE,
)
_UPPER = re.compile(
    rf"(?:ne (?:peut|peuvent|pourra) (?:pas )?(?:dépasser|excéder)|mag niet meer bedragen dan|"
    rf"mag niet hoger zijn dan|maximaal|au maximum)\s+(?P<v>{_NUMBER})\s+(?P<u>[a-zà-ÿ]+(?:\s+"
    rf"(?:par|per)\s+[a-zà-ÿ]+)?)",
    re.IGNORECASE,
)


# "un tiers du genre sous-représenté", "la moitié des emplois vacants", "de helft"
_FRACTIONS = {
    "un tiers": Decimal("33.33"), "deux tiers": Decimal("66.67"), "la moitié": Decimal(50),
    "un quart": Decimal(25), "trois quarts": Decimal(75), "een derde": Decimal("33.33"),
    "twee derde": Decimal("66.67"), "de helft": Decimal(50), "een kwart": Decimal(25),
    "drie kwart": Decimal(75), "ein drittel": Decimal("33.33"), "die hälfte": Decimal(50),
}  # fmt: skip
_FRACTION = re.compile(
    rf"(?<!\w)(?P<f>{'|'.join(re.escape(f) for f in _FRACTIONS)})\s+"
    r"(?:du|des|de|d['’]|van|der)\b",
    re.IGNORECASE,
)


@dataclass
class NormFact:
    """A norm read in a sentence, with the words it comes from."""

    printed: str
    kind: IndicatorKind
    targets: list[tuple[Target, int | None]]  # (target, the year it is for; None: every year)
    delays: list[Delay] = field(default_factory=list)
    delay_printed: str | None = None
    start_event: str | None = None
    per: PeriodKind | None = None
    position: int = 0  # where in the sentence it starts
    baseline: Decimal | None = None  # the value the table gives as a starting point


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def delay_of(sentence: str) -> tuple[Delay, str, str | None, int] | None:
    """The delay a sentence allows, its printed words, the start event and where it is."""
    match = _DELAY.search(sentence)
    printed: str
    if match:
        printed = match.group(0)
        rule_text = f"{match.group('n')} {match.group('u')}"
        end = match.end()
    else:
        word = _DELAY_WORD.search(sentence)
        if not word:
            return None
        printed = word.group(0)
        rule_text = _WORD_DELAYS[word.group(0).split()[-1].lower().replace("l'", "")]
        match, end = word, word.end()
    try:
        rule = parse_rule(rule_text)
    except PilotageError:
        return None
    if rule.value is None:
        return None
    units = {
        "calendar_days": DelayUnit.CALENDAR_DAYS,
        "working_days_mon_sat": DelayUnit.WORKING_DAYS_MON_SAT,
        "working_days_mon_fri": DelayUnit.WORKING_DAYS_MON_FRI,
        "months": DelayUnit.MONTHS,
    }
    unit = units.get(rule.unit.value)
    if unit is None:
        return None
    start = _START.match(sentence[end:])
    event = _EVENT_STOP.split(start.group("ev"))[0].strip() if start else None
    delay = Delay(unit=unit, value=rule.value, convention=Convention.ELAPSED)
    return delay, printed, event, match.start()


def _operator(before: str) -> Operator:
    return Operator.LE if _AT_MOST.search(before[-40:]) else Operator.GE


def _yearly(sentence: str) -> list[tuple[Decimal, int, int]]:
    """(value, year, position) of targets given per year, in the sentence's three forms."""
    out: list[tuple[Decimal, int, int]] = []
    for rx in (_PER_YEAR_AFTER, _PER_YEAR_BEFORE):
        for m in rx.finditer(sentence):
            out.append((_decimal(m.group("v")), int(m.group("y")), m.start()))
    for m in _FLAT_TABLE.finditer(sentence):
        years = [int(y) for y in re.findall(_YEAR, m.group("years"))]
        values = [_decimal(v) for v in re.findall(_NUMBER, m.group("values"))]
        if len(years) == len(values):
            out += [(v, y, m.start()) for v, y in zip(values, years, strict=True)]
    seen: dict[int, tuple[Decimal, int, int]] = {}
    for value, year, at in sorted(out, key=lambda t: t[2]):
        seen.setdefault(year, (value, year, at))
    return sorted(seen.values(), key=lambda t: t[1])


def read_norm_facts(sentence: str) -> list[NormFact]:
    """The norms a sentence states; none when it only describes."""
    if _NOT_A_NORM.search(sentence):
        return []
    out: list[NormFact] = []
    delay = delay_of(sentence)
    percents = [m for m in PERCENT.finditer(sentence) if 0 <= _decimal(m.group("v")) <= 100]
    commits = bool(_COMMITS.search(sentence))
    yearly = _yearly(sentence) if percents else []
    if percents and (delay is not None or commits or len(yearly) >= 2):
        if yearly and len(yearly) >= 2:
            targets: list[tuple[Target, int | None]] = [
                (Target(operator=Operator.GE, value=v, unit=TargetUnit.PERCENT), y)
                for v, y, _ in yearly
            ]
        else:
            first = percents[0]
            op = _operator(sentence[: first.start()])
            value = _decimal(first.group("v"))
            targets = [(Target(operator=op, value=value, unit=TargetUnit.PERCENT), None)]
        start = min(percents[0].start(), delay[3] if delay else len(sentence))
        end = max(percents[-1].end(), (delay[3] + len(delay[1])) if delay else 0)
        out.append(
            NormFact(
                printed=sentence[start:end].strip(),
                kind=IndicatorKind.TIMELINESS if delay else IndicatorKind.RESULT,
                targets=targets,
                delays=[delay[0]] if delay else [],
                delay_printed=delay[1] if delay else None,
                start_event=delay[2] if delay else None,
                per=PeriodKind.YEAR if _PER.search(sentence) else None,
                position=start,
            )
        )
        return out
    fraction = _FRACTION.search(sentence)
    if fraction and _VERBS.search(sentence):
        value = _FRACTIONS[fraction.group("f").lower().replace("’", "'")]
        op = _operator(sentence[: fraction.start()])
        target = Target(operator=op, value=value, unit=TargetUnit.PERCENT)
        out.append(
            NormFact(
                printed=fraction.group("f"),
                kind=IndicatorKind.RESULT,
                targets=[(target, None)],
                per=PeriodKind.YEAR if _PER.search(sentence) else None,
                position=fraction.start(),
            )
        )
        return out
    count = _COUNT.search(sentence)
    if count and _VERBS.search(sentence):
        op = Operator.GE
        target = Target(operator=op, value=Decimal(count.group("n")), unit=TargetUnit.COUNT)
        out.append(
            NormFact(
                printed=count.group(0),
                kind=IndicatorKind.COUNT,
                targets=[(target, None)],
                per=PeriodKind.YEAR if _PER.search(sentence) else None,
                position=count.start(),
            )
        )
        return out
    upper = _UPPER.search(sentence)
    if upper:
        target = Target(
            operator=Operator.LE, value=_decimal(upper.group("v")), unit=TargetUnit.NUMBER
        )
        out.append(
            NormFact(
                printed=upper.group(0),
                kind=IndicatorKind.RESULT,
                targets=[(target, None)],
                per=PeriodKind.YEAR if _PER.search(sentence) else None,
                position=upper.start(),
            )
        )
    return out
