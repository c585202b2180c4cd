"""leerlus: a municipality's digital services as a learning system."""

__version__ = "0.1.0"
