"""Gemeente Voorbeeldstad: the deterministic demo municipality for tests, `make demo` and the docs."""
