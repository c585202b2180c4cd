"""How one result is shown to a person, below every app: the JSON twin of a page, charts, Dutch numbers."""
