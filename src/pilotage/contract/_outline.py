"""A readable outline of a contract, for `pilotage contract show` and for reviewers."""

from __future__ import annotations

from decimal import Decimal

from pilotage.contract._actions import Deadline, DeadlineForm
from pilotage.contract._base import Language, LocalText
from pilotage.contract._model import Contract
from pilotage.contract._norms import Delay, DelayUnit, Norm, TargetUnit

__all__ = ["describe_deadline", "describe_delay", "describe_norm", "outline"]

_UNITS = {
    DelayUnit.CALENDAR_DAYS: "calendar days",
    DelayUnit.WORKING_DAYS_MON_SAT: "working days Mon-Sat",
    DelayUnit.WORKING_DAYS_MON_FRI: "working days Mon-Fri",
    DelayUnit.MONTHS: "months",
}


def _count(value: int | None, unit: DelayUnit) -> str:
    name = _UNITS[unit]
    if value == 1:
        name = name.replace("days", "day").replace("months", "month")
    return f"{value} {name}"


def describe_delay(delay: Delay) -> str:
    if delay.unit is DelayUnit.FIXED_DATE:
        text = f"by {delay.day:02d}-{delay.month:02d} each year"
        text += " (rolls forward)" if delay.rolls_forward else ""
    else:
        text = f"within {_count(delay.value, delay.unit)} ({delay.convention.value})"
    if delay.category:
        text += f" for {delay.category}"
    if delay.start_event:
        text += f" from {delay.start_event}"
    return text


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def describe_norm(norm: Norm) -> str:
    """ "within 120 calendar days (elapsed): >= 90%" and the like."""
    parts = []
    if norm.delays:
        parts.append(" / ".join(describe_delay(d) for d in norm.delays))
    if norm.target is not None:
        t = norm.target
        unit = "%" if t.unit == TargetUnit.PERCENT else f" {t.unit.value}"
        parts.append(f"{t.operator.value} {_number(t.value)}{unit}")
    if norm.trend is not None:
        parts.append(f"trend: {norm.trend.value}")
    if norm.per is not None:
        parts.append(f"per {norm.per.value}")
    return ": ".join(parts) if norm.delays else ", ".join(parts)


def describe_deadline(deadline: Deadline) -> str:
    f = deadline.form
    if f in (DeadlineForm.DATE, DeadlineForm.DATES, DeadlineForm.PERIOD):
        return ", ".join(d.isoformat() for d in deadline.dates)
    if f is DeadlineForm.RELATIVE:
        assert deadline.event is not None
        assert deadline.offset is not None
        off = deadline.offset
        return f"{deadline.event.text()} + {_count(off.value, off.unit)}"
    if f is DeadlineForm.RECURRING:
        assert deadline.recurrence is not None
        r = deadline.recurrence
        text = f"every {r.every} {r.unit}" + ("s" if r.every > 1 else "")
        if r.period and r.index:
            text += f", {r.period} {r.index}"
        if r.year_offset:
            text += f" of year X{r.year_offset:+d}"
        return text
    if f is DeadlineForm.CONTINUOUS:
        return "continuous"
    return f"{f.value.upper()}: {deadline.diagnosis}"


def outline(contract: Contract, language: Language | str = Language.FR) -> str:
    """Plain-text outline: identity, structure with norms and caveats, articles, budget."""
    lang = Language(language)
    out: list[str] = []

    def t(text: LocalText | None) -> str:
        return text.text(lang) if text is not None else ""

    c = contract
    out.append(f"{t(c.title)}  [{c.id}]")
    out.append(f"  institution: {c.institution.code} - {t(c.institution.name)}")
    kind = c.kind.value
    if c.amends:
        ref = next((r for r in c.references if r.id == c.amends), None)
        held = "held" if ref and ref.available else "not held by pilotage"
        kind += f" of {c.amends} ({held})"
    out.append(f"  kind: {kind}")
    out.append(
        f"  period: {c.period.start} .. {c.period.end}; languages: "
        + ", ".join(x.value for x in c.languages)
    )
    for party in c.parties:
        names = "; ".join(f"{s.name} ({t(s.function)})" for s in party.signatories)
        out.append(f"  {party.role.value}: {t(party.name)}" + (f" - {names}" if names else ""))
    n_obj = sum(1 for _ in c.objectives())
    n_norm = sum(len(i.norms) for _, _, o in c.objectives() for i in o.indicators)
    n_act = sum(1 for _ in c.actions())
    out.append(
        f"  {len(c.services)} services, {sum(1 for _ in c.key_tasks())} key tasks, "
        f"{n_obj} objectives, {n_norm} norms; {len(c.articles)} articles, "
        f"{n_act} action-commitments; {len(c.continuous_missions)} continuous missions; "
        f"{len(c.projects)} strategic projects"
    )
    if c.services:
        out.append("")
        out.append("Services, key tasks and operational objectives")
    for service in c.services:
        out.append(f"  {service.code}  {t(service.name)}")
        for cav in service.caveats:
            out.append(f"      ! {t(cav.text)}")
        for task in service.key_tasks:
            out.append(f"    {task.code}  {t(task.name)}")
            for tr in task.transfers:
                out.append(f"      -> moves to service {tr.to_service} from {tr.effective}")
            for objective in task.objectives:
                out.append(f"      {objective.code}  {t(objective.name)}")
                for ind in objective.indicators:
                    out.append(f"        [{ind.kind.value}] {t(ind.name)}")
                    for norm in ind.norms:
                        label = f" {t(norm.label)}:" if norm.label else ""
                        printed = f"   (printed: {norm.printed})" if norm.printed else ""
                        out.append(
                            f"          norm {norm.valid.start}..{norm.valid.end or ''}"
                            f"{label} {describe_norm(norm)}{printed}"
                        )
                    if not ind.norms and ind.no_norm_reason:
                        out.append(f"          no norm: {t(ind.no_norm_reason)}")
                for cav in objective.caveats:
                    when = f" {cav.period.start}..{cav.period.end or ''}" if cav.period else ""
                    note = f"fn {cav.footnote}" if cav.footnote else cav.kind.value
                    out.append(f"          ! ({note}{when}) {_short(t(cav.text))}")
    if c.articles:
        out.append("")
        out.append("Articles and action-commitments")
    for article in c.articles:
        tags = []
        if article.domain:
            tags.append(f"domain {article.domain}")
        if article.axes:
            tags.append("axes " + ", ".join(article.axes))
        suffix = f"  [{'; '.join(tags)}]" if tags else ""
        out.append(f"  Art. {article.number}  {t(article.title)}{suffix}")
        for action in article.actions:
            due = describe_deadline(action.deadline) if action.deadline else "no deadline"
            out.append(f"    {action.number}. {_short(t(action.text))}  -> {due}")
    if c.continuous_missions:
        out.append("")
        out.append("Continuous missions")
    for m in c.continuous_missions:
        due = describe_deadline(m.deadline) if m.deadline else "no deadline"
        out.append(f"  {m.code}  {_short(t(m.title))}  -> {due}")
    if c.projects:
        out.append("")
        out.append("Strategic projects")
    for p in c.projects:
        support = "with IT support" if p.it_support else "without IT support"
        out.append(f"  {p.code}  {t(p.title)}  ({support}, {p.reporting.value})")
    if c.budget is not None:
        b = c.budget
        out.append("")
        out.append(f"Management budget ({b.currency})")
        out.append("  " + " " * 44 + "".join(f"{y:>16}" for y in b.years))

        def row(label: str, amounts: dict[int, Decimal | None]) -> str:
            cells = "".join(
                f"{'(blank)' if amounts[y] is None else f'{amounts[y]:,.0f}':>16}" for y in b.years
            )
            return f"  {label[:44]:<44}{cells}"

        for top in b.lines:
            out.append(row(t(top.label), top.amounts))
            for child in top.children:
                out.append(row("  " + t(child.label), child.amounts))
        out.append(row("Total", b.total))
        if b.statutory_personnel_cap:
            caps = {y: b.statutory_personnel_cap.get(y) for y in b.years}
            out.append(row("Statutory personnel cap", caps))
    if c.common_commitments:
        out.append("")
        out.append("Common commitments")
    for cc in c.common_commitments:
        norms = cc.indicator.norms if cc.indicator else []
        what = "; ".join(describe_norm(n) for n in norms)
        out.append(f"  {cc.code}  {_short(t(cc.text))}" + (f"  -> {what}" if what else ""))
    return "\n".join(out) + "\n"


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
