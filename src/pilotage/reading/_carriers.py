"""Commitments read in sentences, placed in the contract where the document puts them.

A sentence is read where it stands: in an article of the contract (Art. / Article / Artikel),
or, in a document without articles, in its numbered chapter. A norm becomes one of the
article's result indicators, a dated deadline one of its actions, a deadline that comes back
every year an indicator due on that day each year; a sentence whose subject is every
institution ("Les IPSS s'engagent", "Chaque IPSS", "De OISZ verbinden zich") is a common
commitment. A unit that the document already structures (a project's list of actions, the
key-task blocks of a chapter, a table) is not read again: its sentences go to the coverage
report only. Amounts are kept apart for the budget.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pilotage.contract import (
    Action,
    CommonCommitment,
    DeadlineForm,
    Delay,
    DelayUnit,
    Indicator,
    IndicatorKind,
    LocalText,
    Norm,
    Operator,
    PeriodKind,
    Target,
    TargetUnit,
    Validity,
)
from pilotage.reading._amounts import AmountFact, read_amount_facts
from pilotage.reading._due import DueFact, read_due_facts
from pilotage.reading._institutions import fold
from pilotage.reading._passage import Passage, Sentence, paragraphs
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line, provenance
from pilotage.reading._targets import NormFact, read_norm_facts
from pilotage.reading._year_tables import read_year_tables

__all__ = [
    "Placed",
    "SentenceFacts",
    "Unit",
    "common_heading",
    "place_sentences",
    "read_sentences",
]

_ALL_INSTITUTIONS = re.compile(
    r"^(?:(?:En outre|Enfin|Par ailleurs|Pour ce faire|De plus|Daarnaast|Verder|Tot slot)\s*,\s*)?"
    r"(?:Chaque IPSS|Toutes? les IPSS|Les IPSS|Chaque institution publique de sécurité sociale|"
    r"Les institutions publiques de sécurité sociale|Elke OISZ|Iedere OISZ|De OISZ|Alle OISZ|"
    r"De openbare instellingen van sociale zekerheid)\b",
    re.IGNORECASE,
)
_EVENT_SLUG = re.compile(r"[^a-z0-9]+")
_ITEM = re.compile(r"^\s*(?:[-−–•▪]|\d{1,2}°|[a-z]\))\s")
_COMMON_HEADING = re.compile(
    r"\bcommun(?:e|s|es)?\b|entre (?:les )?IPSS|synergies?\b|institutions publiques de sécurité "
    r"sociale|gemeenschappelijke?|tussen (?:de )?OISZ|synergieën|openbare instellingen van "
    r"sociale zekerheid",
    re.IGNORECASE,
)
_BOTH_PARTIES = re.compile(r"deux parties|beide partijen|beiden partijen", re.IGNORECASE)


def common_heading(titles: list[str]) -> bool:
    """Is a unit under a heading of commitments every institution shares ("Synergies entre
    IPSS", "Engagements ... des institutions publiques de sécurité sociale")? "Communs aux
    deux parties" is the State's and the institution's, not every institution's."""
    return any(_COMMON_HEADING.search(t) and not _BOTH_PARTIES.search(t) for t in titles)


@dataclass
class Unit:
    """A part of the document sentences are read in: an article or a numbered chapter."""

    number: str  # "12", "2.1.4"
    title: str
    line: Line
    lines: list[Line]
    chapter: str | None  # the heading it is under, for provenance
    carrier: bool  # may it hold the facts read in its sentences?
    common: bool = False  # under a heading of commitments shared by every institution
    reason: str = ""  # why it holds no facts of its own, when it is not a carrier


@dataclass
class SentenceFacts:
    sentence: Sentence
    unit: Unit
    norms: list[NormFact] = field(default_factory=list)
    dues: list[DueFact] = field(default_factory=list)
    amounts: list[AmountFact] = field(default_factory=list)
    lead: str = ""  # the words that introduce a list item ("les IPSS s'engagent à : − ...")

    @property
    def common(self) -> bool:
        return self.unit.common or bool(
            _ALL_INSTITUTIONS.match(self.sentence.text) or _ALL_INSTITUTIONS.search(self.lead)
        )

    @property
    def any(self) -> bool:
        return bool(self.norms or self.dues or self.amounts)


@dataclass
class Placed:
    """What the sentences gave: articles, common commitments, amounts; lines that gave a fact."""

    by_unit: dict[str, tuple[list[Indicator], list[Action]]] = field(default_factory=dict)
    common: list[CommonCommitment] = field(default_factory=list)
    amounts: list[tuple[AmountFact, Sentence, Unit]] = field(default_factory=list)
    fact_lines: set[int] = field(default_factory=set)
    unplaced: list[SentenceFacts] = field(default_factory=list)


def read_sentences(
    units: list[Unit],
    period: tuple[dt.date, dt.date] | None,
    per_line: bool,
    skip: set[int] | None = None,
) -> list[SentenceFacts]:
    """The facts of every sentence of `units`; `per_line`: the document prints one paragraph a
    line; `skip`: lines already read as part of a table or a list of actions."""
    skip = skip or set()
    out: list[SentenceFacts] = []
    for unit in units:
        lead = ""
        rows = read_year_tables(unit.lines)
        for row in rows:
            sentence = Sentence(row.line.text, row.line, Passage([row.line]), 0)
            out.append(SentenceFacts(sentence, unit, [row.fact]))
        table_lines = {n for row in rows for n in (row.line.number, row.header.number)}
        for passage in paragraphs(unit.lines, per_line):
            if not _ITEM.match(passage.text):
                lead = ""
            sentences = list(passage.sentences())
            for sentence in sentences:
                if sentence.numbers & (skip | table_lines):
                    continue
                dues = read_due_facts(sentence.text, period)
                years = [d.dates[0].year for d in (f.deadline for f in dues) if d and d.dates]
                facts = SentenceFacts(
                    sentence,
                    unit,
                    read_norm_facts(sentence.text),
                    dues,
                    read_amount_facts(sentence.text, years),
                    lead,
                )
                if facts.any:
                    out.append(facts)
            if sentences and sentences[-1].text.rstrip().endswith(":"):
                lead = sentences[-1].text
    return out


def _language_text(text: str, language: str) -> LocalText:
    return LocalText.model_validate({language if language in ("fr", "nl", "de") else "fr": text})


def _slug(text: str) -> str:
    plain = _EVENT_SLUG.sub("_", fold(text)).strip("_")
    return plain[:60] or "event"


def _event(printed: str) -> str:
    """ "la réception du dossier" -> "reception_du_dossier": the event in its own words."""
    words = re.sub(
        r"^(?:la|le|les|l['’]|de|het|der|die|den|das)\s*", "", printed.strip(), flags=re.I
    )
    return _slug(words)


def _validity(year: int | None, period: tuple[dt.date, dt.date]) -> Validity:
    if year is None:
        return Validity(start=period[0], end=period[1])
    start = max(period[0], dt.date(year, 1, 1))
    end = min(period[1], dt.date(year, 12, 31))
    if end < start:
        return Validity(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    return Validity(start=start, end=end)


def _indicator(
    code: str,
    fact: NormFact,
    sentence: Sentence,
    chapter: str | None,
    period: tuple[dt.date, dt.date],
    language: str,
    report: ReviewReport,
) -> Indicator:
    line = sentence.line_of(fact.position)
    norms = [
        Norm(
            valid=_validity(year, period),
            printed=fact.printed,
            delays=fact.delays,
            target=target,
            per=fact.per,
            source=provenance(line, chapter),
        )
        for target, year in fact.targets
    ]
    start = end = None
    if fact.kind is IndicatorKind.TIMELINESS:
        start = _event(fact.start_event) if fact.start_event else "start_not_printed"
        end = "end_not_printed"
        report.add(
            FindingKind.GUESS,
            f"indicator {code}: the delay {fact.delay_printed!r} runs "
            + (
                f"from {fact.start_event!r} (start_event {start!r})"
                if fact.start_event
                else "from an event the sentence does not name"
            )
            + "; the event that ends a case is not printed: set start_event and end_event",
            line.number,
            line.page,
            sentence.text[:200],
        )
    return Indicator(
        code=code,
        name=_language_text(sentence.text, language),
        kind=fact.kind,
        start_event=start,
        end_event=end,
        unit=fact.targets[0][0].unit,
        baseline=fact.baseline,
        norms=norms,
        source=provenance(line, chapter),
    )


def _yearly_indicator(
    code: str,
    fact: DueFact,
    sentence: Sentence,
    chapter: str | None,
    period: tuple[dt.date, dt.date],
    language: str,
) -> Indicator:
    assert fact.yearly is not None
    month, day = fact.yearly
    line = sentence.line_of(fact.position)
    return Indicator(
        code=code,
        name=_language_text(sentence.text, language),
        kind=IndicatorKind.MILESTONE,
        unit=TargetUnit.COUNT,
        norms=[
            Norm(
                valid=Validity(start=period[0], end=period[1]),
                printed=fact.printed,
                per=PeriodKind.YEAR,
                delays=[Delay(unit=DelayUnit.FIXED_DATE, month=month, day=day)],
                target=Target(operator=Operator.GE, value=1, unit=TargetUnit.COUNT),
                source=provenance(line, chapter),
            )
        ],
        source=provenance(line, chapter),
    )


def _usable(fact: DueFact) -> bool:
    return fact.yearly is not None or (
        fact.deadline is not None
        and fact.deadline.form not in (DeadlineForm.UNSTRUCTURED, DeadlineForm.CONTINUOUS)
    )


def place_sentences(
    found: list[SentenceFacts],
    period: tuple[dt.date, dt.date] | None,
    language: str,
    report: ReviewReport,
) -> Placed:
    """Articles, common commitments and amounts from the facts read in sentences."""
    placed = Placed()
    common_codes: dict[str, int] = {}
    for facts in found:
        unit, sentence = facts.unit, facts.sentence
        placed.amounts += [(a, sentence, unit) for a in facts.amounts]
        if facts.amounts and not facts.norms and not facts.dues:
            continue
        dues = [d for d in facts.dues if _usable(d)]
        if period is None or not (facts.norms or dues):
            placed.unplaced.append(facts)
            continue
        if facts.common:
            base = _slug(" ".join(sentence.text.split()[:6]))[:32]
            common_codes[base] = common_codes.get(base, 0) + 1
            code = base if common_codes[base] == 1 else f"{base}-{common_codes[base]}"
            indicator = None
            yearly = [d for d in dues if d.yearly is not None]
            if facts.norms:
                indicator = _indicator(
                    code, facts.norms[0], sentence, unit.chapter, period, language, report
                )
            elif yearly:
                indicator = _yearly_indicator(
                    code, yearly[0], sentence, unit.chapter, period, language
                )
            placed.common.append(
                CommonCommitment(
                    code=code,
                    text=_language_text(sentence.text, language),
                    indicator=indicator,
                    source=provenance(sentence.line, unit.number),
                )
            )
            placed.fact_lines.add(sentence.line.number)
            continue
        if not unit.carrier:
            placed.unplaced.append(facts)
            continue
        indicators, actions = placed.by_unit.setdefault(unit.number, ([], []))
        for fact in facts.norms:
            code = f"{unit.number}-{len(indicators) + 1}"
            indicators.append(
                _indicator(code, fact, sentence, unit.number, period, language, report)
            )
        for due in dues:
            if due.yearly is not None:
                code = f"{unit.number}-{len(indicators) + 1}"
                indicators.append(
                    _yearly_indicator(code, due, sentence, unit.number, period, language)
                )
            elif due.deadline is not None:
                line = sentence.line_of(due.position)
                if due.deadline.form is DeadlineForm.INVALID:
                    report.add(
                        FindingKind.IMPOSSIBLE_DATE,
                        f"{due.deadline.diagnosis}; kept as printed, not guessed",
                        line.number,
                        line.page,
                        due.printed,
                    )
                actions.append(
                    Action(
                        number=str(len(actions) + 1),
                        text=_language_text(sentence.text, language),
                        deadline=due.deadline,
                        source=provenance(line, unit.number),
                    )
                )
        placed.fact_lines.add(sentence.line.number)
    return placed
