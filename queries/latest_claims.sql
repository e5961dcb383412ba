-- The latest claims per metric: for each metric, the three most recently published claims with
-- their value, period, status and the sentence and source they came from.
SELECT
    metric,
    published,
    value,
    unit,
    qualifier,
    status,
    period_start,
    period_end,
    subject,
    counterpart,
    source,
    quote
FROM claims_with_source
QUALIFY row_number() OVER (PARTITION BY metric ORDER BY published DESC NULLS LAST, claim_id) <= 3
ORDER BY metric, published DESC NULLS LAST, claim_id;
