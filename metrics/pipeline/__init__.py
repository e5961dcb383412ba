"""Pipeline: ingest and re-extract — documents read, claims extracted and written to the store — on
one process, a local pool of processes, or a Dask cluster.

May import: read, find, link, store and the top level; never draw or cli.
"""
