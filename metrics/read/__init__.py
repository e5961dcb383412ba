"""Read: files, folders, JSON Lines, HTML and standard input into Documents, with the dateline's date.

May import: the top level (records, errors, lexicon, calendar) only. Knows nothing of quantities,
claims, the store or charts.
"""
