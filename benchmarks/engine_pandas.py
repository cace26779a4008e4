"""The benchmark's figures with pandas, for reference (see benchmarks/engine.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine import Figures, _calendar, objectives  # type: ignore[import-not-found]
from pilotage.legaltime import Period


def run_pandas(path: Path, quarters: list[Period]) -> Figures:
    """The same figures with pandas, vectorised: one group-by per figure, one loop per quarter."""
    import pandas as pd

    df = pd.read_parquet(path, columns=["objective", "office", "start_date", "end_date"])
    df = df.merge(
        pd.DataFrame(objectives(), columns=["objective", "unit", "value"]), on="objective"
    )
    start = df["start_date"].to_numpy().astype("datetime64[D]")
    end = pd.to_datetime(df["end_date"]).to_numpy().astype("datetime64[D]")
    keep = np.isnat(end) | (end >= start)
    df, start, end = df[keep], start[keep], end[keep]
    cal = _calendar()
    day0 = cal.column("day")[0].as_py()
    cum = cal.column("cum_working_mon_fri").to_numpy()
    working = (
        cal.column("day")
        .to_numpy()
        .astype("datetime64[D]")[cal.column("is_working_mon_fri").to_numpy(zero_copy_only=False)]
    )
    s_index = (start - np.datetime64(day0)).astype(np.int64)
    e_index = np.where(np.isnat(end), 0, (end - np.datetime64(day0)).astype(np.int64))
    calendar = (df["unit"] == "calendar_days").to_numpy()
    value = df["value"].to_numpy()
    deadline = np.where(
        calendar, start + value.astype("timedelta64[D]"), working[cum[s_index] + value - 1]
    )
    # an end on a non-working day counts as the next working day (docs/measuring.md)
    is_working = cal.column("is_working_mon_fri").to_numpy(zero_copy_only=False)
    after = cum[e_index] + (~is_working[e_index]).astype(np.int64)
    delay = np.where(calendar, (end - start).astype(np.int64), after - cum[s_index])
    frame = pd.DataFrame(
        {
            "objective": df["objective"].astype(str).to_numpy(),
            "office": df["office"].astype(str).to_numpy(),
            "start": start,
            "end": end,
            "deadline": deadline,
            "delay": delay,
        }
    )
    labels = {q.first.year * 4 + (q.first.month - 1) // 3: str(q) for q in quarters}
    ended = frame[~np.isnat(end)].copy()
    e = ended["end"].to_numpy()
    years = e.astype("datetime64[Y]").astype(np.int64) + 1970
    months = e.astype("datetime64[M]").astype(np.int64) % 12
    ended["q"] = years * 4 + months // 3
    ended = ended[ended["q"].isin(labels)].sort_values(["objective", "office", "q", "delay"])
    ended["on_time"] = ended["end"] <= ended["deadline"]
    keys = ["objective", "office", "q"]
    groups = ended.groupby(keys, sort=False)
    ended["rank"] = groups.cumcount() + 1
    ended["n"] = groups["delay"].transform("size")
    stats = groups.agg(ended=("delay", "size"), on_time=("on_time", "sum"))
    median = ended[ended["rank"] == (ended["n"] + 1) // 2].set_index(keys)["delay"]
    p90 = ended[ended["rank"] == (9 * ended["n"] + 9) // 10].set_index(keys)["delay"]
    out: Figures = {}
    for (objective, office, q), r in stats.assign(median=median, p90=p90).iterrows():
        out[(objective, office, labels[q])] = (
            int(r["ended"]),
            int(r["on_time"]),
            int(r["median"]),
            int(r["p90"]),
            0,
            0,
        )
    for q in quarters:
        last = np.datetime64(q.last)
        is_open = (frame["start"].to_numpy() <= last) & (
            np.isnat(frame["end"].to_numpy()) | (frame["end"].to_numpy() > last)
        )
        opened = frame[is_open]
        counts = (
            opened.assign(overdue=opened["deadline"] <= last)
            .groupby(["objective", "office"])
            .agg(backlog=("overdue", "size"), overdue=("overdue", "sum"))
        )
        for (objective, office), r in counts.iterrows():
            key = (objective, office, str(q))
            before = out.get(key, (0, 0, 0, 0, 0, 0))
            out[key] = (*before[:4], int(r["backlog"]), int(r["overdue"]))
    return out
