"""The draft evaluation of year N, assembled from what pilotage holds, and the contradictory
report built on it: plain dataclasses a page, an export or a document builder reads.

Items of the draft, in this order:

- every operational objective (and measured common commitment) of the contract: the figures of
  year N at the institution level, each citing its published result set (id, version, when
  computed), value against the norm and the yearly target, status, caveats, and the art. 50
  entries neutralising it; the owners' justifications and comments;
- every action-commitment and continuous mission with a milestone due in year N: each
  milestone's due date, completion date and status (done on time, done late, open) as
  `pilotage.followup` computes it on the day the draft is assembled;
- every art. 50 entry and art. 51 notice that concerns year N.

The figures are locked: an item keeps the figures it was assembled with, citing their result
set version; the cell writes the narrative beside them. In the report each party writes its own
assessment with a motivation; the item is agreed when both assessments are the same, and both
points of view are shown side by side when they are not (art. 47).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import TypeAdapter

from pilotage.contract import Contract
from pilotage.engine import IndicatorResult
from pilotage.evaluation.registers import Art50Entry, Art51Notice, Party
from pilotage.followup import ActionFollowup, MilestoneState, MissionFollowup, Status

__all__ = [
    "Assessment",
    "DraftItem",
    "Fact",
    "FactKind",
    "FigureCite",
    "ItemKind",
    "MilestoneLine",
    "Note",
    "Position",
    "ReportItem",
    "ResultSetRef",
    "assemble_draft",
    "figure_cite",
    "item_from_json",
    "item_to_json",
    "year_period",
]


class ItemKind(StrEnum):
    OBJECTIVE = "objective"
    ACTION = "action"
    MISSION = "mission"
    ART50 = "art50"
    ART51 = "art51"


class Assessment(StrEnum):
    """A party's assessment of one item in the contradictory report."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NEUTRALISED = "neutralised"  # not weighed: an art. 50 measure or an art. 51 notice


@dataclass(frozen=True)
class ResultSetRef:
    """The published result set a figure is cited from."""

    id: int
    version: int
    periods: str
    computed_at: str  # ISO, UTC
    demo: bool = False

    def cite(self) -> str:
        return f"result set {self.id} v{self.version} ({self.periods}, computed {self.computed_at})"


@dataclass(frozen=True)
class FigureCite:
    """One figure of an objective for the period evaluated, locked to its result set."""

    indicator: str
    period: str
    norm: str | None  # the norm as printed ("120 d | 90%"), None for an indicator without one
    value: float | None
    target_operator: str | None
    target: str | None  # the yearly target compared (pro rata for a count), as a decimal text
    status: str  # the dashboards' status: met, not_met, caveat_applies, no_data ...
    numerator: str
    denominator: str | None
    caveats: tuple[str, ...]
    result_set: ResultSetRef


def figure_cite(result: IndicatorResult, result_set: ResultSetRef) -> FigureCite:
    target = result.target_in_period if result.target_in_period is not None else result.target
    return FigureCite(
        indicator=result.indicator,
        period=result.period,
        norm=result.norm_printed or result.norm_label,
        value=result.value,
        target_operator=result.target_operator,
        target=None if target is None else format(target.normalize(), "f"),
        status=str(result.status),
        numerator=format(result.numerator.normalize(), "f"),
        denominator=None
        if result.denominator is None
        else format(result.denominator.normalize(), "f"),
        caveats=tuple(c.text for c in result.caveats),
        result_set=result_set,
    )


@dataclass(frozen=True)
class MilestoneLine:
    key: str
    due: dt.date | None
    done_on: dt.date | None
    status: str  # a pilotage.followup Status value


@dataclass(frozen=True)
class Note:
    """A justification or comment written on the item's target (the discussion threads)."""

    kind: str
    author: str
    text: str
    written_at: str  # ISO
    period: str = ""


class FactKind(StrEnum):
    """How a page or a pack words a fact's value in its reader's language."""

    TEXT = "text"  # as written (a description, a number)
    DAY = "day"  # an ISO day
    WORD = "word"  # a code the packs' words name ("law", "institution", "not_acknowledged")
    CODES = "codes"  # objective codes or action keys, comma-separated


@dataclass(frozen=True)
class Fact:
    """One line of what a register entry says: a label (an English key the packs' words
    translate) and its value; `detail` says the same in English for the CLI."""

    label: str
    value: str
    kind: FactKind = FactKind.TEXT


@dataclass(frozen=True)
class DraftItem:
    key: str  # "objective:VOB 2-01", "action:11/2", "mission:36.1", "art50:1", "art51:1"
    kind: ItemKind
    code: str
    title: str
    status: str  # figures: the worst status; actions and missions: done_on_time/done_late/open
    figures: tuple[FigureCite, ...] = ()
    milestones: tuple[MilestoneLine, ...] = ()
    caveats: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    detail: str = ""  # for register entries: what the entry says, in English
    facts: tuple[Fact, ...] = ()  # the same, as data a page words in its reader's language


@dataclass(frozen=True)
class Position:
    """One party's point of view on an item, with its motivation and author."""

    party: Party
    assessment: Assessment
    motivation: str
    author: str
    written_at: str  # ISO


@dataclass(frozen=True)
class ReportItem:
    """An item of the draft with its narrative and, in the report, both parties' positions."""

    item: DraftItem
    narrative: str = ""
    institution: Position | None = None
    commissioners: Position | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def agreed(self) -> bool | None:
        """True when both parties gave the same assessment; None until both wrote."""
        if self.institution is None or self.commissioners is None:
            return None
        return self.institution.assessment is self.commissioners.assessment


_ITEM = TypeAdapter(DraftItem)


def item_to_json(item: DraftItem) -> dict[str, Any]:
    dumped: dict[str, Any] = _ITEM.dump_python(item, mode="json")
    return dumped


def item_from_json(data: Mapping[str, Any]) -> DraftItem:
    return _ITEM.validate_python(dict(data))


def year_period(periods: Iterable[str], year: int) -> str | None:
    """The period whose figures stand for year N: "N" when measured, else its last quarter
    measured ("N-Q4", ...), else None."""
    available = set(periods)
    if str(year) in available:
        return str(year)
    for label in (f"{year}-Q4", f"{year}-Q3", f"{year}-Q2", f"{year}-Q1"):
        if label in available:
            return label
    return None


_WORST = ("not_met", "caveat_applies", "no_data", "met", "no_target", "no_norm")


def _figure_status(figures: Sequence[FigureCite]) -> str:
    present = {f.status for f in figures}
    return next((s for s in _WORST if s in present), "no_data")


def _milestone_status(status: Status) -> str:
    if status.done:
        return status.value
    return "open"


def _due_in(m: MilestoneState, year: int) -> bool:
    return m.due is not None and m.due.year == year


def _followed(
    f: ActionFollowup | MissionFollowup, year: int
) -> tuple[str, tuple[MilestoneLine, ...]] | None:
    lines = tuple(
        MilestoneLine(
            m.key,
            m.due,
            m.completion.completed_on if m.completion else None,
            _milestone_status(m.status),
        )
        for m in f.milestones
        if _due_in(m, year)
    )
    if not lines:
        return None
    states = {line.status for line in lines}
    status = (
        "open" if "open" in states else "done_late" if "done_late" in states else "done_on_time"
    )
    return status, lines


def assemble_draft(
    contract: Contract,
    year: int,
    language: str,
    *,
    figures: Mapping[str, Sequence[FigureCite]],
    actions: Sequence[ActionFollowup],
    missions: Sequence[MissionFollowup],
    art50: Sequence[Art50Entry] = (),
    art51: Sequence[Art51Notice] = (),
    notes: Mapping[str, Sequence[Note]] | None = None,
) -> list[DraftItem]:
    """The items of the draft evaluation of `year`, in the order of the module docstring.

    `figures` maps an objective code to its figures for the year; `notes` maps an item key to
    the justifications and comments on its target.
    """
    notes = notes or {}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    items: list[DraftItem] = []
    objectives = [(o.code, o.name) for _, _, o in contract.objectives()]
    objectives += [
        (c.code, c.indicator.name) for c in contract.common_commitments if c.indicator is not None
    ]
    for code, name in objectives:
        cited = tuple(figures.get(code, ()))
        neutral = [e for e in art50 if e.neutralises(code, first, last)]
        caveats = tuple(dict.fromkeys([c for f in cited for c in f.caveats]))
        key = f"{ItemKind.OBJECTIVE.value}:{code}"
        items.append(
            DraftItem(
                key,
                ItemKind.OBJECTIVE,
                code,
                name.text(language),
                "neutralised" if neutral else _figure_status(cited),
                figures=cited,
                caveats=caveats + tuple(e.caveat() for e in neutral),
                notes=tuple(notes.get(key, ())),
            )
        )
    for kind, followups in ((ItemKind.ACTION, actions), (ItemKind.MISSION, missions)):
        for f in followups:
            followed = _followed(f, year)
            if followed is None:
                continue
            if isinstance(f, ActionFollowup):
                title = f.action.text.text(language)
            else:
                title = f.mission.title.text(language)
            key = f"{kind.value}:{f.key}"
            neutral = [e for e in art50 if e.neutralises(f.key, first, last)]
            items.append(
                DraftItem(
                    key,
                    kind,
                    f.key,
                    title,
                    followed[0],
                    milestones=followed[1],
                    caveats=tuple(e.caveat() for e in neutral),
                    notes=tuple(notes.get(key, ())),
                )
            )
    for entry in art50:
        end = entry.neutralise_to or last
        if entry.decided_on > last or (entry.neutralise_from and end < first):
            continue
        items.append(
            DraftItem(
                f"{ItemKind.ART50.value}:{entry.number}",
                ItemKind.ART50,
                str(entry.number),
                entry.description,
                "proposed_for_weighing" if entry.proposed_for_weighing else "recorded",
                detail=_art50_detail(entry),
                facts=_art50_facts(entry),
            )
        )
    for notice in art51:
        if notice.given_on > last and not notice.open:
            continue
        items.append(
            DraftItem(
                f"{ItemKind.ART51.value}:{notice.number}",
                ItemKind.ART51,
                str(notice.number),
                f"{notice.subject}: {notice.reason}",
                notice.stage.value,
                detail=_art51_detail(notice),
                facts=_art51_facts(notice),
            )
        )
    return items


def _art50_detail(e: Art50Entry) -> str:
    effect = ", ".join(
        f"{v} {unit}"
        for v, unit in ((e.effect_cases, "cases"), (e.effect_fte, "FTE"), (e.effect_days, "days"))
        if v is not None
    )
    communicated = e.communicated_on.isoformat() if e.communicated_on else "not communicated"
    return (
        f"{e.source.value} of {e.decided_on.isoformat()}; affects {', '.join(e.objectives)}; "
        f"estimated effect: {effect or 'not estimated'}; impact communicated: {communicated}"
    )


def _day_or(day: dt.date | None, missing: str) -> Fact:
    return Fact("", day.isoformat(), FactKind.DAY) if day else Fact("", missing, FactKind.WORD)


def _labelled(label: str, fact: Fact) -> Fact:
    return Fact(label, fact.value, fact.kind)


def _art50_facts(e: Art50Entry) -> tuple[Fact, ...]:
    facts = [
        Fact("Source", e.source.value, FactKind.WORD),
        Fact("Decided on", e.decided_on.isoformat(), FactKind.DAY),
        Fact("Affects", ", ".join(e.objectives), FactKind.CODES),
    ]
    effects = [
        Fact(label, format(v, "g") if isinstance(v, float) else str(v))
        for label, v in (
            ("Estimated effect (cases)", e.effect_cases),
            ("Estimated effect (FTE)", e.effect_fte),
            ("Estimated effect (days)", e.effect_days),
        )
        if v is not None
    ]
    facts += effects or [Fact("Estimated effect", "not_estimated", FactKind.WORD)]
    facts.append(
        _labelled("Impact communicated on", _day_or(e.communicated_on, "not_communicated"))
    )
    if e.neutralise_from:
        facts.append(Fact("Neutralised from", e.neutralise_from.isoformat(), FactKind.DAY))
        if e.neutralise_to:
            facts.append(Fact("Neutralised to", e.neutralise_to.isoformat(), FactKind.DAY))
    return tuple(facts)


def _art51_facts(n: Art51Notice) -> tuple[Fact, ...]:
    return (
        Fact("Given by", n.party.value, FactKind.WORD),
        Fact("Given on", n.given_on.isoformat(), FactKind.DAY),
        _labelled("Acknowledged on", _day_or(n.acknowledged_on, "not_acknowledged")),
        Fact("Remedial measures", n.remedial_measures, FactKind.TEXT)
        if n.remedial_measures
        else Fact("Remedial measures", "none_agreed", FactKind.WORD),
        Fact("Stage", n.stage.value, FactKind.WORD),
    )


def _art51_detail(n: Art51Notice) -> str:
    ack = n.acknowledged_on.isoformat() if n.acknowledged_on else "not acknowledged"
    measures = n.remedial_measures or "none agreed yet"
    return (
        f"given by the {n.party.value} on {n.given_on.isoformat()}; acknowledged: {ack}; "
        f"remedial measures: {measures}; stage: {n.stage.value}"
    )
