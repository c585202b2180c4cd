"""The `leerlus` command line: each command parses its options, calls one service, emits the result.

With --json every command prints exactly one JSON document on stdout; progress goes to stderr.
Bad input ends with exit status 2 and a one-line Dutch message. One module per area registers its commands on
the group in `base.py`.
"""

from leerlus.cli import exchange, findings, intake, people, playground, rhythm, safety, serving  # noqa: F401
from leerlus.cli.base import cli, command, emit, main

__all__ = ["cli", "command", "emit", "main"]
