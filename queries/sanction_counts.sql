-- How many sanctions, sanctioned people and sanctioned companies, by who imposes them and on whom:
-- per imposer (the figure's subject), target (its counterpart) and period, the highest count any
-- document gives and how many documents give one, latest period first.
SELECT
    metric,
    subject AS imposed_by,
    counterpart AS imposed_on,
    period_start,
    period_end,
    grain,
    max(value) AS reported_count,
    min(value) AS lowest_count,
    count(DISTINCT doc_id) AS n_documents,
    max(published) AS last_published
FROM claims
WHERE metric IN ('sanctions', 'sanctioned individuals', 'sanctioned companies') AND unit = 'count'
GROUP BY metric, subject, counterpart, period_start, period_end, grain
ORDER BY metric, imposed_by NULLS LAST, imposed_on NULLS LAST, period_end DESC NULLS LAST;
