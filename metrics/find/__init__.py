"""Find: the mentions in a text — quantities, time expressions resolved against a date, countries and
leaders — each with its offsets, before anything is linked.

May import: the top level (records, errors, lexicon, calendar) only; never link, store, pipeline,
draw or cli.
"""
