-- A company's reported figures: its profit, loss, revenue, sales, earnings and dividends by period,
-- each with its status and sentence. The company defaults to the subject with the most such figures;
-- for another, run  SET VARIABLE company = 'Texaco';
WITH reported AS (
    SELECT *
    FROM claims_with_source
    WHERE metric IN ('profit', 'loss', 'revenue', 'sales', 'earnings', 'dividend') AND subject IS NOT NULL
),
busiest AS (
    SELECT subject FROM reported GROUP BY subject ORDER BY count(*) DESC, subject LIMIT 1
)
SELECT
    subject AS company,
    metric,
    measure,
    period_start,
    period_end,
    grain,
    value,
    unit,
    change,
    status,
    published,
    quote
FROM reported
WHERE subject = coalesce(getvariable('company'), (SELECT subject FROM busiest))
ORDER BY metric, period_end NULLS LAST, published, start;
