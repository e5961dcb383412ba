-- Everything Reuters said about the trade deficit in 1986: claims from documents whose source names
-- Reuters, about trade, quoting a deficit, whose period overlaps 1986.
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
  AND metric ILIKE '%trade%'
  AND (metric ILIKE '%deficit%' OR quote ILIKE '%deficit%')
  AND coalesce(period_start, period_end) <= DATE '1986-12-31'
  AND period_end >= DATE '1986-01-01'
ORDER BY published, doc_id, start;
