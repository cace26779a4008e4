"""Synthetic case flows of one objective, one indicator kind at a time, all vectorised.

Each function returns a `Flow`: numpy columns for the cases of one objective over the whole
generated span. Shares are exact per year and population group: the cases of a year are ranked
by a score (random, plus the office's bias, plus a penalty inside periods announced as not
reachable) and the first ones, in the aimed proportion, fall within the deadline. So the aimed
on-time share is met to the case in every year, while offices and periods still differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from pilotage.demo.season import Days, weekday

__all__ = ["Flow", "bucket_ends", "exact_buckets"]

Floats = npt.NDArray[np.float64]


@dataclass
class Flow:
    """The columns of the cases of one objective; -1 marks an empty date or amount."""

    start: Days
    end: Days
    office: npt.NDArray[np.int32]
    category: npt.NDArray[np.object_] | None = None
    amount_due: npt.NDArray[np.int64] | None = None  # cents
    amount_collected: npt.NDArray[np.int64] | None = None
    planned: npt.NDArray[np.int8] | None = None  # -1 empty, 0 false, 1 true
    suspensions: npt.NDArray[np.object_] | None = None
    attributes: dict[str, npt.NDArray[np.object_]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.start)


def exact_buckets(
    groups: npt.NDArray[np.int64], score: Floats, shares: Floats
) -> npt.NDArray[np.int64]:
    """The bucket of each case so that each group holds exactly the aimed cumulative shares.

    `groups` numbers each case's group 0..G-1; `shares` is (G, K) cumulative shares in [0, 1]
    (non-decreasing along K). A case in bucket k < K is within the k-th deadline and not the
    previous ones; bucket K is late for every deadline. Within a group the lowest scores come
    first.
    """
    n = len(groups)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    order = np.lexsort((score, groups))
    sorted_groups = groups[order]
    sizes = np.bincount(groups, minlength=shares.shape[0])
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - first[sorted_groups]
    cuts = np.rint(np.maximum.accumulate(shares, axis=1) * sizes[:, None]).astype(np.int64)
    return np.asarray((rank[:, None] >= cuts[groups]).sum(axis=1), dtype=np.int64)


def bucket_ends(
    rng: np.random.Generator,
    start: Days,
    deadlines: npt.NDArray[np.int32],
    buckets: npt.NDArray[np.int64],
    *,
    lateness_days: float,
) -> Days:
    """An end day for each case inside its bucket of `deadlines` (n, K, sorted along K).

    Within the first deadline processing times lean early (most cases go quickly); beyond the
    last one the lateness is exponential with mean `lateness_days`. Weekend ends are moved to a
    working day inside the same bucket, so no case changes bucket.
    """
    n, k = deadlines.shape
    if n == 0:
        return np.empty(0, dtype=np.int32)
    rows = np.arange(n)
    padded = np.concatenate([start[:, None] - 1, deadlines], axis=1).astype(np.int64)
    last = padded[:, -1]
    inside = buckets < k
    b = np.minimum(buckets, k - 1)
    lower = np.where(inside, padded[rows, b] + 1, last + 1)
    upper = np.where(inside, padded[rows, b + 1], last + 1)
    lower = np.maximum(lower, start)
    upper = np.maximum(upper, lower)
    early = rng.beta(1.4, 2.6, n)
    spread = rng.beta(1.2, 1.4, n)
    shape = np.where(buckets == 0, early, spread)
    width = upper - lower + 1
    lateness = np.floor(rng.exponential(max(lateness_days, 1.0), n)).astype(np.int64)
    ends = np.where(inside, lower + np.floor(shape * width).astype(np.int64), lower + lateness)
    ends = np.minimum(ends, np.where(inside, upper, ends))
    wd = weekday(ends)
    back = np.where(wd == 5, ends - 1, np.where(wd == 6, ends - 2, ends))
    forth = np.where(wd == 5, ends + 2, np.where(wd == 6, ends + 1, ends))
    can_back = inside & (back >= lower)
    can_forth = ~inside | (forth <= upper)
    forward = can_forth & (~can_back | (rng.random(n) < 0.5))
    ends = np.where(forward, forth, np.where(can_back, back, ends))
    return np.asarray(ends, dtype=np.int32)
