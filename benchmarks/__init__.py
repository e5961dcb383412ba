"""Speed benchmarks (make bench): extraction against quantulum3, dateparser and a bare regex pass, and ingest
at several corpus sizes and engines. Not part of the installed package.
"""
