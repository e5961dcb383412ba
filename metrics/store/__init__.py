"""Store: the DuckDB file — connection and locking, the schema and its upgrades, and the query API
(`open_store`, `Store.series`, `Store.conflicts`).

May import: the top level only; never read, find, link (the store keeps claims, it does not make
them), pipeline, draw or cli.
"""
