-- How often leaders have met, held summits, spoken by phone or visited: the reconciled count per
-- pair of people and period (cumulative "as of" figures end on the date they were reported). A
-- meeting of X and Y is one of Y and X; a visit keeps who visited whom (subject visits counterpart).
SELECT
    metric,
    subject,
    counterpart,
    period_start,
    period_end,
    grain,
    value AS reconciled_count,
    low,
    high,
    n_sources,
    chosen_source
FROM series
WHERE unit = 'count'
  AND metric IN ('meetings', 'summits', 'phone conversations', 'visits')
  AND subject IS NOT NULL AND counterpart IS NOT NULL
ORDER BY subject, counterpart, metric, period_end DESC NULLS LAST;
