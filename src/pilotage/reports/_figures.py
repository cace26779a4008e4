"""A published figure as text: the one place the dashboard pages and the report packs format it.

Every cell a page or a pack prints for a figure (value, target, status, counts, norm, the
footnote markers of its caveats) is written here, so that a pack shows the page's figures to the
cent and to the case. The functions take any `IndicatorResult` (the engine's row, or the web
application's mirrored copy of it) and an explicit language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum

from pilotage.contract import IndicatorKind, Operator, TargetUnit
from pilotage.engine import KINDS, IndicatorResult, Status
from pilotage.reports._index import ContractIndex
from pilotage.reports._locale import decimal_text, percent_text
from pilotage.reports._norm_words import norm_words
from pilotage.reports._words import say

__all__ = [
    "DASH",
    "STATUSES",
    "STATUS_SYMBOLS",
    "Direction",
    "Notes",
    "by_objective",
    "change_of",
    "change_text",
    "has_late_cases",
    "is_share",
    "late_text",
    "norm_text",
    "not_measured_text",
    "number_text",
    "pair_text",
    "share_text",
    "status_label",
    "status_text",
    "target_text",
    "value_text",
]

DASH = "—"

# Keyed by status; a status read back as a string finds its entry too (Status is a StrEnum).
STATUS_SYMBOLS: dict[str, str] = {
    Status.MET: "✔",
    Status.NOT_MET: "✘",
    Status.CAVEAT_APPLIES: "!",
    Status.NO_NORM: "–",
    Status.NO_TARGET: "~",
    Status.NO_DATA: "?",
}
# The statuses in the order a summary lists them.
STATUSES = (
    Status.MET,
    Status.NOT_MET,
    Status.CAVEAT_APPLIES,
    Status.NO_DATA,
    Status.NO_TARGET,
    Status.NO_NORM,
)

_STATUS_WORDS: dict[str, str] = {
    Status.MET: "met",
    Status.NOT_MET: "not met",
    Status.CAVEAT_APPLIES: "caveat applies",
    Status.NO_NORM: "no norm",
    Status.NO_TARGET: "no target (trend)",
    Status.NO_DATA: "no data",
}


def status_label(status: str, language: str) -> str:
    """The status in words ("not met"); an unknown status as stored."""
    words = _STATUS_WORDS.get(status)
    return say(words, language) if words else status


def status_text(status: str, language: str) -> str:
    """The status as a symbol and words ("✔ met"): readable without colour."""
    symbol = STATUS_SYMBOLS.get(status, "")
    return f"{symbol} {status_label(status, language)}".strip()


def _percent(kind: str) -> bool:
    try:
        return KINDS[IndicatorKind(kind)].percent
    except (KeyError, ValueError):
        return True


def _rounded(value: Decimal | float | int) -> Decimal:
    """The digits printed: integers without decimals, floats to one decimal, decimals whole."""
    if isinstance(value, float):
        return Decimal(f"{value:.1f}")
    d = Decimal(value)
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


def number_text(value: Decimal | float | int | None, language: str) -> str:
    """An amount or a count as printed in `language`: "1 503" (fr), "1.503" (nl), "12,5"."""
    if value is None:
        return DASH
    return decimal_text(_rounded(value), language)


def pair_text(
    first: Decimal | float | int | None, second: Decimal | float | int | None, language: str
) -> str:
    """Two counts in one cell ("875/1 503"), each as `number_text` prints it; one dash for none."""
    if first is None and second is None:
        return DASH
    return f"{number_text(first, language)}/{number_text(second, language)}"


def is_share(f: IndicatorResult) -> bool:
    """Whether the figure's value is a share (a percentage) rather than a count or an amount."""
    return _percent(f.kind)


def value_text(f: IndicatorResult, language: str) -> str:
    """The value: a share to one decimal with "%" ("58,2 %" in fr), a count or an amount."""
    if f.value is None:
        return DASH
    if _percent(f.kind):
        return share_text(f.value, language)
    return number_text(f.value if f.value != int(f.value) else int(f.value), language)


_OPERATORS = {Operator.GE: "≥", Operator.LE: "≤", Operator.EQ: "=", "==": "="}  # "==": older sets


def target_text(f: IndicatorResult, language: str) -> str:
    """The target compared in the period ("≥ 90%"), and the yearly target it is pro rata of."""
    if f.target_in_period is None:
        return DASH
    percent = f.target_unit == TargetUnit.PERCENT
    amount = _rounded(f.target_in_period)
    shown = percent_text(amount, language) if percent else decimal_text(amount, language)
    text = f"{_OPERATORS.get(f.target_operator or '', f.target_operator or '')} {shown}"
    if f.pro_rata:
        text += " " + say(
            "(pro rata of %(target)s per %(per)s)",
            language,
            target=number_text(f.target, language),
            per=say(f.target_per, language) if f.target_per in _PERS else f.target_per or "",
        )
    return text


# The periods a yearly target is given per, as the catalogue words them.
_PERS = ("year", "quarter", "month", "semester", "contract")


def share_text(value: float | None, language: str) -> str:
    """A share of 100 to one decimal: "58,2 %" (fr), "58,2%" (nl), "58.2%" (en)."""
    return DASH if value is None else percent_text(Decimal(f"{value:.1f}"), language)


def norm_text(f: IndicatorResult, index: ContractIndex, language: str) -> str:
    """The norm as printed in the contract, described, with its label (made once per norm)."""
    key = ("norm", f.objective, f.indicator, f.norm_index, f.norm_printed, language)
    text = index.memo.get(key)
    if text is None:
        norm = index.norm(f.objective, f.indicator, f.norm_index)
        if norm is None:
            text = str(f.norm_printed or say("no norm", language))
        else:
            parts = [p for p in (norm.printed, norm_words(norm, language)) if p]
            if norm.label is not None:
                parts.append(norm.label.text(language))
            text = " — ".join(parts)
        index.memo[key] = text
    return text


def has_late_cases(f: IndicatorResult) -> bool:
    """Whether the figure has a drill-down to its late cases (a delay norm in force)."""
    return (
        f.kind == IndicatorKind.TIMELINESS
        and f.norm_index is not None
        and f.status != Status.NO_NORM
    )


class Direction(StrEnum):
    """Which way a figure moved since the previous period, read against its target."""

    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    MOVED = "moved"  # no target says which way is better (a trend, an equality)


_ARROWS = {
    Direction.BETTER: "▲",
    Direction.WORSE: "▼",
    Direction.UNCHANGED: "=",
    Direction.MOVED: "↕",
}


def change_of(
    current: IndicatorResult, previous: IndicatorResult | None
) -> tuple[float, Direction] | None:
    """The change of the value since `previous` (in percentage points for a share, whose value
    is a percentage) and its
    direction: better when it moved towards the target's side (up for "≥", down for "≤");
    None when either value is missing."""
    if previous is None or current.value is None or previous.value is None:
        return None
    delta = current.value - previous.value  # a share is a percentage: its change is in points
    if round(delta, 1) == 0:
        return 0.0, Direction.UNCHANGED
    if current.target_operator == Operator.GE:
        return delta, Direction.BETTER if delta > 0 else Direction.WORSE
    if current.target_operator == Operator.LE:
        return delta, Direction.WORSE if delta > 0 else Direction.BETTER
    return delta, Direction.MOVED


def change_text(
    current: IndicatorResult, previous: IndicatorResult | None, language: str
) -> tuple[str, str]:
    """The change since `previous` as a cell's text and its css class ("▲ +1,2 pt since
    2019-Q3, better"; a dash when it cannot be said)."""
    found = change_of(current, previous)
    if found is None or previous is None:
        return DASH, ""
    delta, direction = found
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    amount = number_text(Decimal(str(round(abs(delta), 1))), language)
    unit = f" {say('pt', language)}" if _percent(current.kind) else ""
    text = f"{_ARROWS[direction]} " + say(
        "%(delta)s since %(period)s",
        language,
        delta=f"{sign}{amount}{unit}",
        period=previous.period,
    )
    if direction in (Direction.BETTER, Direction.WORSE, Direction.UNCHANGED):
        text += f", {say(direction.value, language)}"
    return text, f"change change-{direction.value}"


def late_text(f: IndicatorResult, language: str) -> str:
    """ "12 ended late, 3 overdue" for a figure with late cases, else a dash."""
    if not has_late_cases(f):
        return DASH
    late = (f.denominator or 0) - f.numerator
    return say(
        "%(n)s ended late, %(o)s overdue",
        language,
        n=number_text(late, language),
        o=number_text(f.overdue or 0, language),
    )


def not_measured_text(language: str) -> str:
    """The status cell of an objective with no figure in the period."""
    return "– " + say("not measured in this period", language)


class Notes:
    """The footnote markers of one table and the caveat texts they stand for.

    A caveat that is a footnote of the contract keeps the contract's number ("[7]"); one that
    is not is numbered in the table ("[*1]").
    """

    def __init__(self, index: ContractIndex, language: str) -> None:
        self.index, self.language = index, language
        self.items: dict[str, str] = {}
        self._unnumbered: dict[str, str] = {}

    def notes(self, f: IndicatorResult) -> list[tuple[str, str]]:
        """The (marker, text) of the caveats of a figure, each once."""
        out: dict[str, str] = {}
        for note in f.caveats:
            text = self.index.caveat_text(note.text, self.language)
            if note.footnote:
                marker = f"[{note.footnote}]"
            else:
                marker = self._unnumbered.setdefault(text, f"[*{len(self._unnumbered) + 1}]")
            self.items.setdefault(marker, text)
            out.setdefault(marker, text)
        return list(out.items())

    def markers(self, f: IndicatorResult) -> str:
        """The markers of a figure's caveats, as the Notes column prints them ("[7] [*1]")."""
        return " ".join(marker for marker, _ in self.notes(f))

    def listed(self) -> list[tuple[str, str]]:
        return list(self.items.items())


def by_objective(
    codes: Sequence[str], figures: Iterable[IndicatorResult]
) -> list[tuple[str, list[IndicatorResult]]]:
    """The figures of each objective of `codes`, in that order (an empty list for one without)."""
    found: dict[str, list[IndicatorResult]] = {}
    for f in figures:
        found.setdefault(f.objective, []).append(f)
    return [(code, found.get(code, [])) for code in codes]
