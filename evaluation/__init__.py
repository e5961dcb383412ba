"""Accuracy on the peers' test data (make eval): NewsQuant, Recognizers-Text, and the project's own measures.

Not part of the installed package: it reads ../shared at run time.
"""
