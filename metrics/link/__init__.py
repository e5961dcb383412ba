"""Link: which time expression governs which quantity, what is measured, whose figure it is and its
status; `extract` is the entry point from a Document to its Claims.

May import: find, read and the top level; never store, pipeline, draw or cli.
"""
