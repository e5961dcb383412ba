-- Everything Reuters said about trade balances in 1986: claims from documents whose source names
-- Reuters, with a trade balance metric (deficit, surplus or unsigned balance), whose period overlaps 1986.
SELECT
    published,
    metric,
    subject,
    counterpart,
    value,
    unit,
    status,
    period_start,
    period_end,
    title,
    quote
FROM claims_with_source
WHERE source ILIKE '%reuters%'
  AND metric IN ('trade balance', 'trade deficit', 'trade surplus')
  AND coalesce(period_start, period_end) <= DATE '1986-12-31'
  AND period_end >= DATE '1986-01-01'
ORDER BY published, doc_id, start;
