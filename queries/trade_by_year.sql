-- Trade between two countries by year, with every source: one row per yearly trade or trade-balance
-- claim between them, beside the reconciled value the `series` view keeps for that year (status,
-- spread and source count included). Trade figures count whichever country the article names first;
-- a trade balance keeps its direction (subject's balance with the counterpart).
-- The pair defaults to the pair with the most yearly trade figures in the store; for another, run
--   SET VARIABLE country_a = 'China'; SET VARIABLE country_b = 'United States';
WITH busiest AS (
    SELECT least(subject, counterpart) AS a, greatest(subject, counterpart) AS b
    FROM series_claims
    WHERE metric IN ('trade', 'trade balance', 'trade deficit', 'trade surplus') AND grain = 'year' AND counterpart IS NOT NULL
    GROUP BY a, b
    ORDER BY count(*) DESC, a, b
    LIMIT 1
),
pair AS (
    SELECT coalesce(getvariable('country_a'), (SELECT a FROM busiest)) AS a,
           coalesce(getvariable('country_b'), (SELECT b FROM busiest)) AS b
)
SELECT
    year(c.period_start) AS year,
    c.metric,
    c.subject,
    c.counterpart,
    round(s.value / 1e9, 3) AS reconciled_bn,
    s.status AS reconciled_status,
    s.n_sources,
    round(c.value / 1e9, 3) AS claimed_bn,
    c.unit,
    c.status,
    c.published,
    c.source,
    c.quote
FROM series_claims AS c
JOIN pair ON (c.subject = pair.a AND c.counterpart = pair.b) OR (c.subject = pair.b AND c.counterpart = pair.a)
JOIN series AS s
  ON s.metric = c.metric AND s.unit = c.unit AND s.grain = c.grain
 AND s.item IS NOT DISTINCT FROM c.item
 AND s.subject IS NOT DISTINCT FROM c.subject AND s.counterpart IS NOT DISTINCT FROM c.counterpart
 AND s.period_start IS NOT DISTINCT FROM c.period_start AND s.period_end IS NOT DISTINCT FROM c.period_end
WHERE c.metric IN ('trade', 'trade balance', 'trade deficit', 'trade surplus') AND c.grain = 'year' AND length(c.unit) = 3 AND upper(c.unit) = c.unit
ORDER BY year, c.metric, c.subject, c.unit, c.published DESC NULLS LAST, c.claim_id;
