"""The flow of one objective for each measured indicator kind (timeliness, share, ratio, ...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pilotage.contract import DelayUnit, Indicator, Norm, Population
from pilotage.demo.calibration import NormAim, Outcome
from pilotage.demo.flows import Flow, bucket_ends, exact_buckets
from pilotage.demo.profiles import Profile
from pilotage.demo.season import Days, day_number, deadlines, draw_days, weekday, year_bounds

__all__ = [
    "Objective",
    "Span",
    "amount_flow",
    "count_flow",
    "plan_flow",
    "share_flow",
    "timeliness_flow",
]

Floats = npt.NDArray[np.float64]
_EMPTY = -1
_OUT_OF_POPULATION_GAP = 8.0  # points: cases outside a norm's population do a little worse


@dataclass(frozen=True)
class Span:
    """The generated period, as day numbers, with its intake weights and calibration year."""

    first: int
    last: int
    calibration_year: int
    weights: Floats  # one per day from first to last
    scale: float = 1.0

    @property
    def years(self) -> range:
        first = dt.date(1970, 1, 1) + dt.timedelta(days=self.first)
        last = dt.date(1970, 1, 1) + dt.timedelta(days=self.last)
        return range(first.year, last.year + 1)

    def day_weights(self, lo: int, hi: int) -> Floats:
        return self.weights[lo - self.first : hi - self.first + 1]


@dataclass(frozen=True)
class Objective:
    """What the flow of one objective needs: its indicator, aims, volume and offices."""

    code: str
    indicator: Indicator
    aims: tuple[NormAim, ...]  # timeliness: ordered from the shortest delay to the longest
    profile: Profile
    growth: float  # yearly growth of the volume
    slope: float  # percentage points a year the performance drifts by
    office_p: Floats
    office_bias: Floats

    def volume(self, rng: np.random.Generator, year: int, span: Span) -> int:
        n = self.profile.volume * span.scale * (1 + self.growth) ** (year - span.calibration_year)
        return max(30, round(n * rng.uniform(0.96, 1.04)))

    def share(self, aimed: float, year: int, span: Span) -> float:
        return float(np.clip(aimed + self.slope * (year - span.calibration_year), 0, 100)) / 100


def _intake(
    rng: np.random.Generator, obj: Objective, span: Span
) -> tuple[Days, npt.NDArray[np.int64]]:
    """Seasonal start days of every year, and the index of each case's year."""
    starts, years = [], []
    for i, year in enumerate(span.years):
        lo, hi = year_bounds(year, span.first, span.last)
        days = draw_days(rng, obj.volume(rng, year, span), lo, hi, span.day_weights(lo, hi))
        starts.append(days)
        years.append(np.full(len(days), i, dtype=np.int64))
    return np.concatenate(starts), np.concatenate(years)


def _cycle_intake(
    rng: np.random.Generator, obj: Objective, span: Span, month: int
) -> tuple[Days, npt.NDArray[np.int64]]:
    """Start days of a yearly cycle (SOVCNH 1-01: notices due by 31 May): opened early each year."""
    starts, years = [], []
    for i, year in enumerate(span.years):
        lo, hi = year_bounds(year, span.first, span.last)
        hi = min(hi, day_number(dt.date(year, max(1, month - 2), 1)))
        if hi < lo:
            continue
        w = np.where(weekday(np.arange(lo, hi + 1)) < 5, 1.0, 0.0)
        days = draw_days(rng, obj.volume(rng, year, span), lo, hi, w)
        starts.append(days)
        years.append(np.full(len(days), i, dtype=np.int64))
    return np.concatenate(starts), np.concatenate(years)


def _populations(obj: Objective) -> list[Population]:
    """The distinct population filters of the indicator and its norms (ECL 5-01 repeats one)."""
    found: list[Population] = []
    for population in [obj.indicator.population, *(a.norm.population for a in obj.aims)]:
        if population is not None and population not in found:
            found.append(population)
    return found


def _fraction(value: str) -> float:
    """`30%` -> 0.3: the share of cases that carry an attribute value; 0.5 when not a percentage."""
    try:
        return float(value.rstrip("% ")) / 100 if value.endswith("%") else 0.5
    except ValueError:
        return 0.5


def _categories(
    rng: np.random.Generator, obj: Objective, start: Days
) -> tuple[
    npt.NDArray[np.object_] | None, dict[str, npt.NDArray[np.object_]], npt.NDArray[np.bool_]
]:
    """Categories, attributes and population membership of each case."""
    n = len(start)
    categories = np.full(n, None, dtype=object)
    used = False
    keyed = list(dict.fromkeys(d.category for a in obj.aims for d in a.norm.delays if d.category))
    if keyed:  # P2P 1-02: a minority of late receipts, the rest from the due date
        p = (
            np.array([0.3] + [0.7 / (len(keyed) - 1)] * (len(keyed) - 1))
            if len(keyed) > 1
            else None
        )
        categories[:] = rng.choice(np.array(keyed, dtype=object), n, p=p)
        used = True
    inside = np.ones(n, dtype=bool)
    attributes: dict[str, npt.NDArray[np.object_]] = {}
    for population in _populations(obj):
        if population.exclude_categories:  # ECL 5-01: "revenu manquant" missions are left out
            pick = rng.random(n) < 0.15
            excluded = np.array(population.exclude_categories, dtype=object)
            categories[pick] = rng.choice(excluded, int(pick.sum()))
            inside &= ~np.isin(categories, excluded)
            used = True
        if population.include_categories:
            included = np.array(population.include_categories, dtype=object)
            pick = rng.random(n) < 0.85
            categories[pick] = rng.choice(included, int(pick.sum()))
            categories[~pick & (categories == None)] = "autre"  # noqa: E711  (elementwise)
            inside &= np.isin(categories, included)
            used = True
        if population.started_from is not None:
            inside &= start >= day_number(population.started_from)
        for name, value in population.attributes.items():
            has = rng.random(n) < _fraction(value)
            values = np.full(n, None, dtype=object)
            values[has] = value
            attributes[name] = values
            inside &= has
    return (categories if used else None), attributes, inside


def _norm_deadlines(norm: Norm, start: Days, categories: npt.NDArray[np.object_] | None) -> Days:
    """Each case's deadline under `norm`: the delay of its category, else the general one."""
    delays = norm.delays
    general = next((d for d in delays if d.category is None), delays[0])
    out = np.empty(len(start), dtype=np.int32)
    done = np.zeros(len(start), dtype=bool)
    for delay in delays:
        if delay.category is not None and categories is not None:
            mine = categories == delay.category
            out[mine] = deadlines(start[mine], delay)
            done |= mine
    out[~done] = deadlines(start[~done], general)
    return out


def _windows(obj: Objective, start: Days) -> npt.NDArray[np.bool_]:
    """Cases started in a period the contract announces as not reachable."""
    hit = np.zeros(len(start), dtype=bool)
    for window in {w for a in obj.aims for w in a.not_reachable}:
        end = window.end or dt.date.max
        hit |= (start >= day_number(window.start)) & (start <= day_number(end))
    return hit


def _score(
    rng: np.random.Generator, obj: Objective, office: npt.NDArray[np.int32], start: Days
) -> Floats:
    return rng.random(len(start)) + obj.office_bias[office] + 0.25 * _windows(obj, start)


def _shares(obj: Objective, span: Span, aimed: list[float]) -> Floats:
    """Cumulative shares per group (year x in population), one column per aimed value."""
    rows = []
    for year in span.years:
        inside = [obj.share(a, year, span) for a in aimed]
        outside = [obj.share(a - _OUT_OF_POPULATION_GAP, year, span) for a in aimed]
        rows += [outside, inside]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(aimed))


def _offices(rng: np.random.Generator, obj: Objective, n: int) -> npt.NDArray[np.int32]:
    return rng.choice(len(obj.office_p), n, p=obj.office_p).astype(np.int32)


def _suspensions(
    rng: np.random.Generator, start: Days, end: Days, safe: npt.NDArray[np.bool_]
) -> npt.NDArray[np.object_] | None:
    """A few clock-stopping intervals, only where they cannot change a case's on-time status."""
    elapsed = end.astype(np.int64) - start
    pick = safe & (end >= 0) & (elapsed >= 10) & (rng.random(len(start)) < 0.02)
    if not pick.any():
        return None
    out = np.full(len(start), None, dtype=object)
    epoch = dt.date(1970, 1, 1)
    for i in np.flatnonzero(pick):
        s0 = int(start[i]) + 1 + int(rng.integers(0, max(1, elapsed[i] // 2)))
        s1 = min(s0 + int(rng.integers(2, 14)), int(end[i]) - 1)
        parts = [(s0, s1)]
        if elapsed[i] >= 30 and rng.random() < 0.25 and s1 + 6 < end[i] - 1:
            parts.append((s1 + 5, min(s1 + 5 + int(rng.integers(2, 8)), int(end[i]) - 1)))
        out[i] = ";".join(
            f"{epoch + dt.timedelta(days=a)}..{epoch + dt.timedelta(days=b)}" for a, b in parts
        )
    return out


def timeliness_flow(rng: np.random.Generator, obj: Objective, span: Span) -> Flow:
    """Cases with start and end days; exact on-time shares per year for every norm."""
    fixed = [d for a in obj.aims for d in a.norm.delays if d.unit is DelayUnit.FIXED_DATE]
    if fixed and fixed[0].month is not None:
        start, year = _cycle_intake(rng, obj, span, fixed[0].month)
    else:
        start, year = _intake(rng, obj, span)
    office = _offices(rng, obj, len(start))
    categories, attributes, inside = _categories(rng, obj, start)
    if obj.aims:
        matrix = np.stack([_norm_deadlines(a.norm, start, categories) for a in obj.aims], axis=1)
        aimed = [a.aimed for a in obj.aims]
    else:  # a timeliness indicator with no norm yet: a plausible 30-day practice
        matrix, aimed = (start + 30)[:, None], [85.0]
    matrix = np.sort(matrix, axis=1)
    groups = year * 2 + inside.astype(np.int64)
    buckets = exact_buckets(groups, _score(rng, obj, office, start), _shares(obj, span, aimed))
    length = float(np.median(matrix[:, -1] - start)) if len(start) else 30.0
    wide = any(a.outcome is Outcome.MISSED_WIDELY for a in obj.aims)
    end = bucket_ends(
        rng, start, matrix, buckets, lateness_days=(0.5 if wide else 0.25) * length + 3
    )
    k = matrix.shape[1]
    late_by = end.astype(np.int64) - matrix[:, -1]
    end = _close(rng, end, span, stuck=buckets == k)
    safe = (buckets < k) | (late_by > 25)  # suspensions total at most 21 days
    return Flow(
        start,
        end,
        office,
        categories,
        suspensions=_suspensions(rng, start, end, safe),
        attributes=attributes,
    )


def _close(rng: np.random.Generator, end: Days, span: Span, stuck: npt.NDArray[np.bool_]) -> Days:
    """Cases not ended by the last day are open; a few late cases of the last year are stuck."""
    last_year_start = day_number(dt.date(span.years[-1], 1, 1))
    stuck = stuck & (end >= last_year_start) & (rng.random(len(end)) < 0.03)
    return np.where((end > span.last) | stuck, _EMPTY, end).astype(np.int32)


def share_flow(rng: np.random.Generator, obj: Objective, span: Span) -> Flow:
    """Share with no delay (PEN 2-01 calls answered): the numerator cases are those that ended."""
    start, year = _intake(rng, obj, span)
    office = _offices(rng, obj, len(start))
    aimed = [obj.aims[0].aimed] if obj.aims else [90.0]
    buckets = exact_buckets(
        year * 2 + 1, _score(rng, obj, office, start), _shares(obj, span, aimed)
    )
    days = obj.profile.days
    took = np.floor(rng.gamma(2.0, days / 2, len(start))).astype(np.int32) if days else 0
    end = np.where(buckets == 0, start + took, _EMPTY).astype(np.int32)
    end = np.where(end > span.last, _EMPTY, end).astype(np.int32)
    return Flow(start, end, office)


def amount_flow(rng: np.random.Generator, obj: Objective, span: Span) -> Flow:
    """Amounts due and collected (P2P 1-01): the aimed collection rate per year due."""
    start, year = _intake(rng, obj, span)
    n = len(start)
    office = _offices(rng, obj, n)
    due = np.maximum(5_000, np.rint(rng.lognormal(np.log(2_500), 1.0, n) * 100)).astype(np.int64)
    status = rng.choice(3, n, p=[0.7, 0.15, 0.15])  # paid, partly paid, unpaid
    part = rng.uniform(0.1, 0.9, n)
    collected = np.where(status == 0, due, np.where(status == 1, np.rint(due * part), 0))
    aimed = obj.aims[0].aimed if obj.aims else 80.0
    for i, y in enumerate(span.years):
        mine = np.flatnonzero(year == i)
        _adjust(rng, due, collected, mine, obj.share(aimed, y, span))
    took = np.floor(rng.gamma(2.0, obj.profile.days / 2, n)).astype(np.int32)
    end = np.where(collected > 0, start + took, _EMPTY)
    end = np.where(end > span.last, _EMPTY, end).astype(np.int32)
    return Flow(start, end, office, amount_due=due, amount_collected=collected.astype(np.int64))


def _adjust(
    rng: np.random.Generator,
    due: npt.NDArray[np.int64],
    collected: npt.NDArray[np.int64],
    mine: npt.NDArray[np.intp],
    ratio: float,
) -> None:
    """Pay off or write off cases, in random order, until collected / due reaches `ratio`."""
    total, have = int(due[mine].sum()), int(collected[mine].sum())
    gap = round(ratio * total) - have
    if gap == 0 or len(mine) == 0:
        return
    order = mine[rng.permutation(len(mine))]
    room = (due[order] - collected[order]) if gap > 0 else collected[order]
    reach = np.cumsum(room)
    stop = int(np.searchsorted(reach, abs(gap)))
    whole, last = order[:stop], order[stop] if stop < len(order) else None
    collected[whole] = due[whole] if gap > 0 else 0
    if last is not None:
        rest = abs(gap) - (int(reach[stop - 1]) if stop else 0)
        collected[last] += rest if gap > 0 else -rest


def count_flow(rng: np.random.Generator, obj: Objective, span: Span) -> Flow:
    """One case per event examined (ECL 1-01), the aimed number of them ending each year."""
    aimed = obj.aims[0].aimed if obj.aims else 600.0
    ends, starts = [], []
    for year in span.years:
        lo, hi = year_bounds(year, span.first, span.last)
        trend = 1 + 0.02 * obj.slope * (year - span.calibration_year)
        n = max(1, round(aimed * trend * span.scale))
        e = draw_days(rng, n, lo, hi, span.day_weights(lo, hi))
        ends.append(e)
        starts.append(
            np.maximum(e - 5 - np.floor(rng.exponential(30, n)).astype(np.int32), span.first)
        )
    open_n = max(1, round(0.05 * aimed * span.scale))  # still being examined at the end
    lo = max(span.first, span.last - 60)
    starts.append(draw_days(rng, open_n, lo, span.last, span.day_weights(lo, span.last)))
    ends.append(np.full(open_n, _EMPTY, dtype=np.int32))
    start, end = np.concatenate(starts).astype(np.int32), np.concatenate(ends).astype(np.int32)
    return Flow(start, end, _offices(rng, obj, len(start)))


def plan_flow(rng: np.random.Generator, obj: Objective, span: Span) -> Flow:
    """Missions of a yearly plan (EAE 1-01), some done in their year, and a few unplanned ones."""
    aimed = obj.aims[0].aimed if obj.aims else 90.0
    starts, ends, planned = [], [], []
    for year in span.years:
        lo, hi = year_bounds(year, span.first, span.last)
        hi = min(hi, day_number(dt.date(year, 10, 31)))
        if hi < lo:
            continue
        n_planned = obj.volume(rng, year, span)
        n = n_planned + max(1, round(0.12 * n_planned))
        w = np.where(weekday(np.arange(lo, hi + 1)) < 5, 1.0, 0.0)
        start = rng.permutation(draw_days(rng, n, lo, hi, w))
        is_planned = np.arange(n) < n_planned
        done = ~is_planned | (np.arange(n) < round(obj.share(aimed, year, span) * n_planned))
        year_end = day_number(dt.date(year, 12, 31))
        took = 20 + np.floor(rng.gamma(2.0, obj.profile.days / 2, n)).astype(np.int32)
        finished = np.minimum(start + took, year_end - rng.integers(1, 10, n))
        later = year_end + 15 + rng.integers(0, 100, n)  # carried over to the next year
        carried = rng.random(n) < 0.6
        end = np.where(done, finished, np.where(carried, later, _EMPTY))
        end = np.where((end < 0) | (end > span.last), _EMPTY, np.maximum(end, start))
        starts.append(start)
        ends.append(end)
        planned.append(is_planned.astype(np.int8))
    start = np.concatenate(starts).astype(np.int32)
    return Flow(
        start,
        np.concatenate(ends).astype(np.int32),
        _offices(rng, obj, len(start)),
        planned=np.concatenate(planned),
    )
