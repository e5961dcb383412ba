-- A country's own trade balance by period (months, quarters, years), reconciled across sources: the
-- figures with no trading partner, in money. The country defaults to the one with the most such
-- figures in the store; for another, run  SET VARIABLE country = 'Japan';
WITH busiest AS (
    SELECT subject
    FROM series
    WHERE metric = 'trade balance' AND counterpart IS NULL AND subject IS NOT NULL
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
    unit,
    status,
    low,
    high,
    n_sources,
    chosen_source
FROM series
WHERE metric = 'trade balance'
  AND counterpart IS NULL
  AND subject = coalesce(getvariable('country'), (SELECT subject FROM busiest))
  AND grain IN ('month', 'quarter', 'year')
  AND length(unit) = 3 AND upper(unit) = unit
ORDER BY period_start, grain, unit;
