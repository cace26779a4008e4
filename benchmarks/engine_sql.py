"""The benchmark's hand-written DuckDB queries (see benchmarks/engine.py).

Both read `cases`, `objectives` (objective, unit, value), `cal` (the be-legal calendar:
day, cum_working_mon_fri, is_working_mon_fri) and, for HAND_SQL, `quarters` (label, first,
last); SWEEP_SQL numbers the quarters itself: replace $k (their number) and $y (the first
year) before running it.
"""

HAND_SQL = """
WITH c AS (
    SELECT c.objective, c.office, c.start_date, c.end_date, o.unit,
           CASE WHEN o.unit = 'calendar_days' THEN c.start_date + o.value ELSE w.day END
               AS deadline,
           -- an end on a non-working day counts as the next working day (docs/measuring.md)
           CASE WHEN o.unit = 'calendar_days' THEN c.end_date - c.start_date
                ELSE e.cum_working_mon_fri + (NOT e.is_working_mon_fri)::INTEGER
                     - s.cum_working_mon_fri END AS delay
    FROM cases c
    JOIN objectives o USING (objective)
    JOIN cal s ON s.day = c.start_date
    LEFT JOIN cal e ON e.day = c.end_date
    LEFT JOIN cal w ON o.unit = 'working_days_mon_fri' AND w.is_working_mon_fri
                   AND w.cum_working_mon_fri = s.cum_working_mon_fri + o.value
    WHERE c.end_date IS NULL OR c.end_date >= c.start_date
),
ended AS (
    SELECT c.objective, c.office, q.label,
           count(*) AS ended,
           count(*) FILTER (WHERE c.end_date <= c.deadline) AS on_time,
           quantile_disc(c.delay, 0.5) AS median,
           quantile_disc(c.delay, 0.9) AS p90
    FROM c JOIN quarters q ON c.end_date BETWEEN q.first AND q.last
    GROUP BY ALL
),
open AS (
    SELECT c.objective, c.office, q.label,
           count(*) AS backlog,
           count(*) FILTER (WHERE c.deadline <= q.last) AS overdue
    FROM c JOIN quarters q
      ON c.start_date <= q.last AND (c.end_date IS NULL OR c.end_date > q.last)
    GROUP BY ALL
)
SELECT objective, office, label, coalesce(ended, 0), coalesce(on_time, 0),
       coalesce(median, 0), coalesce(p90, 0), coalesce(backlog, 0), coalesce(overdue, 0)
FROM ended FULL JOIN open USING (objective, office, label)
"""

# The same figures written for speed: quarter numbers by arithmetic (no range join); the
# backlog and overdue counts by a sweep over a small cube of cases by (start, end, deadline)
# quarter (+n where cases enter, -n where they leave, a running sum over the quarters) instead
# of a join of every case to every quarter end.
SWEEP_SQL = """
WITH c AS (
    SELECT c.objective, c.office, c.start_date, c.end_date,
           CASE WHEN o.unit = 'calendar_days' THEN c.start_date + o.value ELSE w.day END
               AS deadline,
           CASE WHEN o.unit = 'calendar_days' THEN c.end_date - c.start_date
                ELSE e.cum_working_mon_fri + (NOT e.is_working_mon_fri)::INTEGER
                     - s.cum_working_mon_fri END AS delay
    FROM cases c
    JOIN objectives o USING (objective)
    JOIN cal s ON s.day = c.start_date
    LEFT JOIN cal e ON e.day = c.end_date
    LEFT JOIN cal w ON o.unit = 'working_days_mon_fri' AND w.is_working_mon_fri
                   AND w.cum_working_mon_fri = s.cum_working_mon_fri + o.value
    WHERE c.end_date IS NULL OR c.end_date >= c.start_date
),
q AS (  -- quarter numbers: 0 .. $k - 1 in the span, clamped to -1 before and $k after
    SELECT objective, office, end_date, deadline, delay,
           greatest(-1, least($k, (year(start_date) - $y) * 4 + (month(start_date) - 1) // 3))
               AS qs,
           greatest(-1, least($k, (year(end_date) - $y) * 4 + (month(end_date) - 1) // 3))
               AS qe,
           greatest(-1, least($k, (year(deadline) - $y) * 4 + (month(deadline) - 1) // 3))
               AS qd
    FROM c
),
ended AS (
    SELECT objective, office, qe AS quarter, count(*) AS ended,
           count(*) FILTER (WHERE end_date <= deadline) AS on_time,
           quantile_disc(delay, 0.5) AS median, quantile_disc(delay, 0.9) AS p90
    FROM q WHERE qe BETWEEN 0 AND $k - 1
    GROUP BY ALL
),
cube AS (SELECT objective, office, qs, qe, qd, count(*) AS n FROM q GROUP BY ALL),
events AS (  -- open at quarter i: qs <= i < qe; overdue: max(qs, qd) <= i < qe
    SELECT objective, office, quarter, sum(open) AS open, sum(overdue) AS overdue FROM (
        SELECT objective, office, greatest(qs, 0) AS quarter, n AS open, 0 AS overdue
        FROM cube
        UNION ALL
        SELECT objective, office, greatest(qe, 0), -n, 0 FROM cube WHERE qe IS NOT NULL
        UNION ALL
        SELECT objective, office, greatest(qs, qd, 0), 0, n FROM cube
        WHERE qd < coalesce(qe, $k + 1)
        UNION ALL
        SELECT objective, office, greatest(qe, 0), 0, -n FROM cube WHERE qd < qe
    ) GROUP BY ALL
),
grid AS (
    SELECT objective, office, quarter
    FROM (SELECT DISTINCT objective, office FROM events), range(0, $k) t(quarter)
),
open AS (
    SELECT objective, office, quarter,
           sum(coalesce(e.open, 0)) OVER w AS backlog,
           sum(coalesce(e.overdue, 0)) OVER w AS overdue
    FROM grid LEFT JOIN events e USING (objective, office, quarter)
    WINDOW w AS (PARTITION BY objective, office ORDER BY quarter)
)
SELECT objective, office, quarter, coalesce(ended, 0), coalesce(on_time, 0),
       coalesce(median, 0), coalesce(p90, 0), coalesce(backlog, 0), coalesce(overdue, 0)
FROM ended FULL JOIN (SELECT * FROM open WHERE backlog > 0) o
    USING (objective, office, quarter)
"""
