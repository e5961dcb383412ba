"""Draw: report definitions, series queried from the store, chart kinds and style, the index page.

May import: store and the top level; never read, find, link or pipeline (a chart draws what the
store holds), nor cli.
"""
