-- A country's own trade balance by period (months, quarters, years), reconciled across sources: the
-- figures with no trading partner, in money. Deficits and surpluses are metrics of their own (a claim's
-- value is never negative); `balance` gives each figure its sign, a deficit below zero.
-- The country defaults to the one with the most such figures in the store; for another, run
--   SET VARIABLE country = 'Japan';
WITH busiest AS (
    SELECT subject
    FROM series
    WHERE metric IN ('trade balance', 'trade deficit', 'trade surplus') AND counterpart IS NULL AND subject IS NOT NULL
    GROUP BY subject
    ORDER BY sum(n_claims) DESC, subject
    LIMIT 1
)
SELECT
    subject AS country,
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
  AND counterpart IS NULL
  AND subject = coalesce(getvariable('country'), (SELECT subject FROM busiest))
  AND grain IN ('month', 'quarter', 'year')
  AND length(unit) = 3 AND upper(unit) = unit
ORDER BY period_start, grain, unit;
