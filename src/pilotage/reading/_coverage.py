"""Coverage: what the reader found per chapter, and what it read no fact from.

Every paragraph that prints a percentage, a delay, a date or an amount and gave no fact is
listed (kind `unread`) with what it prints, so that a reviewer sees what the draft does not
hold. Facts are counted per chapter (objectives, norms, actions, budget lines), by the line
each fact comes from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from pilotage.contract import Contract
from pilotage.reading._amounts import AMOUNT
from pilotage.reading._dates import DATE
from pilotage.reading._passage import paragraphs
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line
from pilotage.reading._targets import PERCENT

__all__ = ["ChapterIndex", "fact_lines", "record_coverage"]

_DELAY = re.compile(
    r"\b\d+\s+(?:jours?(?:\s+ouvrables?|\s+ouvrés?|\s+calendriers?)?|semaines?|mois|"
    r"werkdagen|kalenderdagen|dagen|weken|maanden|Tagen|Werktagen|Monaten)\b",
    re.IGNORECASE,
)


class ChapterIndex:
    """The chapter (numbered chapter, heading or article) each line of the document is in."""

    def __init__(self, marks: Iterable[tuple[int, str]]) -> None:
        ordered = sorted(marks)
        self.lines = [n for n, _ in ordered]
        self.labels = [label for _, label in ordered]

    def at(self, line: int | None) -> str:
        if line is None:
            return "(document)"
        k = bisect.bisect_right(self.lines, line) - 1
        return self.labels[k] if k >= 0 else "(preamble)"


def fact_lines(contract: Contract) -> dict[str, list[int]]:
    """The source line of every fact of the draft, by family."""
    out: dict[str, list[int]] = {"objectives": [], "norms": [], "actions": [], "budget_lines": []}

    def add(family: str, source: object) -> None:
        line = getattr(source, "line", None)
        if line:
            out[family].append(line)

    for _, _, objective in contract.objectives():
        add("objectives", objective.source)
        for indicator in objective.indicators:
            for norm in indicator.norms:
                add("norms", norm.source)
    for article in contract.articles:
        for indicator in article.result_indicators:
            for norm in indicator.norms:
                add("norms", norm.source)
        for action in article.actions:
            add("actions", action.source)
    for commitment in contract.common_commitments:
        if commitment.indicator is not None:
            for norm in commitment.indicator.norms:
                add("norms", norm.source)
        else:
            add("actions", commitment.source)
    for mission in contract.continuous_missions:
        add("actions", mission.source)
    if contract.budget is not None:
        for top in contract.budget.lines:
            for line in top.walk():
                add("budget_lines", line.source)
    return out


# "la loi du 21 mars 1991", "het koninklijk besluit van 3 april 1997": a date that names an
# act, not a commitment
_CITATION = re.compile(
    r"(?:loi|arrêté|règlement|directive|décision|accord|protocole|convention|Commission|Conseil|"
    r"Parlement|traité|conclue?|approuvée?|émise?|donnée?|avis|wet|besluit|decreet|verordening|"
    r"richtlijn|beslissing|uitgebracht|gegeven|advies|"
    r"akkoord|protocol|verdrag|Gesetz|Erlass|Verordnung)\b[^.;]{0,60}?\b(?:du|des|de la|van|vom|"
    r"le|op)\s*$",
    re.IGNORECASE,
)


_CONSIDERING = re.compile(r"^\s*(?:[Vv]u|[Gg]elet op|[Cc]onsidérant|[Oo]verwegende|Attendu)\b")


def _signals(text: str) -> list[str]:
    found: list[str] = []
    for rx in (PERCENT, _DELAY, DATE, AMOUNT):
        for m in rx.finditer(text):
            if rx is DATE and _CITATION.search(text[max(0, m.start() - 100) : m.start()]):
                continue
            found.append(m.group(0).strip())
    return list(dict.fromkeys(found))


def record_coverage(
    report: ReviewReport,
    body: list[Line],
    facts: dict[str, list[int]],
    read: set[int],
    index: ChapterIndex,
    per_line: bool,
) -> None:
    """Counts per chapter into the report; each paragraph with figures and no fact reported.

    `read`: lines the reader took as part of a construct (a table row, a party block, a
    deadline line) even when the fact's source is another line of the same paragraph."""
    chapters: dict[str, dict[str, int]] = {}
    for family, lines in facts.items():
        for line in lines:
            counts = chapters.setdefault(index.at(line), {})
            counts[family] = counts.get(family, 0) + 1
    taken = read | {n for lines in facts.values() for n in lines}
    unread = 0
    for passage in paragraphs(body, per_line):
        numbers = {x.number for x in passage.lines}
        if numbers & taken:
            continue
        if _CONSIDERING.match(passage.text):
            continue  # "Vu l'avis ... du 17 octobre 2012": the preamble's considerations
        signals = _signals(passage.text)
        if not signals:
            continue
        first = passage.lines[0]
        unread += 1
        counts = chapters.setdefault(index.at(first.number), {})
        counts["unread"] = counts.get("unread", 0) + 1
        shown = ", ".join(repr(s) for s in signals[:4]) + (" ..." if len(signals) > 4 else "")
        report.add(
            FindingKind.UNREAD,
            f"prints {shown} but gave no fact",
            first.number,
            first.page,
            passage.text[:240],
        )
    report.chapters = chapters
    report.counts["unread_paragraphs"] = unread
