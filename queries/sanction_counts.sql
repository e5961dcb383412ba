-- How many sanctions (and sanctioned people and companies) each source counts, per entity pair and
-- period: the reconciled count with its low/high across sources, latest period first.
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
    last_published
FROM series
WHERE metric ILIKE '%sanction%' AND unit = 'count'
ORDER BY metric, entity_a, entity_b, period_end DESC NULLS LAST;
