-- What the store holds: per metric and unit, how many claims, documents and sources, the span of
-- periods covered and of publication dates. A first look at a new store.
SELECT
    metric,
    unit,
    count(*) AS claims,
    count(DISTINCT doc_id) AS documents,
    count(DISTINCT coalesce(source, doc_id)) AS sources,
    min(period_start) AS earliest_period,
    max(period_end) AS latest_period,
    min(published) AS first_published,
    max(published) AS last_published
FROM claims_with_source
GROUP BY metric, unit
ORDER BY claims DESC, metric, unit;
