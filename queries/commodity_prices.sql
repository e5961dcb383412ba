-- A commodity's price series: every dated money price of one item (crude oil, gold, wheat ...) per
-- period and unit, with the spread of the figures and how many documents give them. The item defaults
-- to the commodity with the most such figures; for another, run  SET VARIABLE item = 'gold';
WITH priced AS (
    SELECT *
    FROM claims
    WHERE metric = 'price'
      AND item IS NOT NULL
      AND grain IN ('day', 'month', 'quarter', 'year')
      AND change IS NULL
      AND length(split_part(unit, ' ', 1)) = 3 AND upper(split_part(unit, ' ', 1)) = split_part(unit, ' ', 1)
),
busiest AS (
    SELECT item FROM priced WHERE item NOT IN ('shares', 'bonds') GROUP BY item ORDER BY count(*) DESC, item LIMIT 1
)
SELECT
    item,
    grain,
    period_start,
    period_end,
    unit,
    count(*) AS n_claims,
    count(DISTINCT doc_id) AS n_documents,
    min(value) AS low,
    median(value) AS median_value,
    max(value) AS high,
    list(DISTINCT status ORDER BY status) AS statuses
FROM priced
WHERE item = coalesce(getvariable('item'), (SELECT item FROM busiest))
GROUP BY item, grain, period_start, period_end, unit
ORDER BY period_start, grain, unit;
