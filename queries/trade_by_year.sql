-- Trade between two countries by year, with every source: one row per yearly trade or trade-balance
-- claim between them, beside the reconciled value the `series` view keeps for that year (status,
-- spread and source count included).
-- The pair defaults to the pair with the most yearly trade figures in the store; for another, run
--   SET VARIABLE entity_a = 'China'; SET VARIABLE entity_b = 'United States';
WITH busiest AS (
    SELECT entity_a, entity_b
    FROM series_claims
    WHERE metric IN ('trade', 'trade balance', 'trade deficit', 'trade surplus') AND grain = 'year' AND entity_b IS NOT NULL
    GROUP BY entity_a, entity_b
    ORDER BY count(*) DESC, entity_a, entity_b
    LIMIT 1
),
pair AS (
    SELECT coalesce(getvariable('entity_a'), (SELECT entity_a FROM busiest)) AS a,
           coalesce(getvariable('entity_b'), (SELECT entity_b FROM busiest)) AS b
)
SELECT
    year(c.period_start) AS year,
    c.metric,
    c.entity_a,
    c.entity_b,
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
JOIN pair ON list_has_all([c.entity_a, c.entity_b], [pair.a, pair.b])
JOIN series AS s
  ON s.metric = c.metric AND s.unit = c.unit AND s.grain = c.grain
 AND s.entity_a IS NOT DISTINCT FROM c.entity_a AND s.entity_b IS NOT DISTINCT FROM c.entity_b
 AND s.period_start IS NOT DISTINCT FROM c.period_start AND s.period_end IS NOT DISTINCT FROM c.period_end
WHERE c.metric IN ('trade', 'trade balance', 'trade deficit', 'trade surplus') AND c.grain = 'year' AND length(c.unit) = 3 AND upper(c.unit) = c.unit
ORDER BY year, c.metric, c.unit, c.published DESC NULLS LAST, c.claim_id;
