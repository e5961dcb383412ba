-- Which figures disagree: the same metric, item, subject, counterpart, period and status reported
-- with values further apart than the tolerance in meta.conflict_tolerance (relative to the largest
-- value). Changes ("rose 5%") are not levels and are left out.
SELECT
    metric,
    item,
    subject,
    counterpart,
    period_start,
    period_end,
    status,
    unit,
    min_value,
    max_value,
    round(relative_spread, 3) AS relative_spread,
    tolerance,
    n_sources,
    "values",
    sources
FROM conflicts
ORDER BY relative_spread DESC, metric, period_end;
