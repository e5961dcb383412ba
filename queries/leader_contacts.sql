-- How often leaders have met, held summits, spoken by phone or visited: the reconciled count per
-- pair of people and period (cumulative "as of" figures end on the date they were reported).
SELECT
    metric,
    entity_a,
    entity_b,
    period_start,
    period_end,
    grain,
    value AS reconciled_count,
    low,
    high,
    n_sources,
    chosen_source
FROM series
WHERE unit = 'count'
  AND metric IN ('meetings', 'summits', 'phone conversations', 'visits')
  AND entity_a IS NOT NULL AND entity_b IS NOT NULL
ORDER BY entity_a, entity_b, metric, period_end DESC NULLS LAST;
