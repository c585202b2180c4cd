"""Allows `python -m leerlus`, the same as the `leerlus` command."""

from leerlus.cli import main

main()
