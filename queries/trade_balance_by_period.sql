-- A country's own trade balance by period (months, quarters, years), reconciled across sources: the
-- figures with no trading partner, in money. Deficits and surpluses are metrics of their own (a claim's
-- value is never negative); `balance` gives each figure its sign, a deficit below zero.
-- The country defaults to the one with the most such figures in the store; for another, run
--   SET VARIABLE country = 'Japan';
WITH busiest AS (
    SELECT entity_a
    FROM series
    WHERE metric IN ('trade balance', 'trade deficit', 'trade surplus') AND entity_b IS NULL AND entity_a IS NOT NULL
    GROUP BY entity_a
    ORDER BY sum(n_claims) DESC, entity_a
    LIMIT 1
)
SELECT
    entity_a AS country,
    metric,
    grain,
    period_start,
    period_end,
    value,
    CASE WHEN metric = 'trade deficit' THEN -value ELSE value END AS balance,
    unit,
    status,
    low,
    high,
    n_sources,
    chosen_source
FROM series
WHERE metric IN ('trade balance', 'trade deficit', 'trade surplus')
  AND entity_b IS NULL
  AND entity_a = coalesce(getvariable('country'), (SELECT entity_a FROM busiest))
  AND grain IN ('month', 'quarter', 'year')
  AND length(unit) = 3 AND upper(unit) = unit
ORDER BY period_start, grain, unit;
