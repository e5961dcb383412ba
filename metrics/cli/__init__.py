"""The `metrics` command: click groups that parse arguments and turn errors into one line and an
exit code. Heavy libraries are imported inside the commands that use them.

May import: every stage.
"""
