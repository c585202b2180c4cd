"""The data's version: a token in the shared cache under which page parts computed from the data are kept.

It is renewed whenever data such a part shows changes, so a cached part is never shown after a change: by the
models' own save and delete (`renew_on_change`, which covers Beheer too) and, for writes that bypass them (the
import's raw INSERTs and day counts, the analysis' bulk writes, retention), by an explicit `data_changed()`.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY = "data-version"


def data_version() -> str:
    """The current token; a new one when the cache has none (a fresh cache, or the token was culled)."""
    version = cache.get(KEY)
    if version is None:
        fresh = secrets.token_hex(8)
        version = fresh if cache.add(KEY, fresh, timeout=None) else (cache.get(KEY) or fresh)
    return version


def data_changed() -> None:
    """Renews the token now, for readers inside this transaction, and again after the commit, for readers outside
    it that cached the data as it was before the commit under the token renewed in between."""
    _renew()
    transaction.on_commit(_renew)


def renew_on_change(*models) -> None:
    """Every save and delete of these models renews the token (models whose rows a cached part shows)."""
    for model in models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"data-version-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"data-version-delete-{model._meta.label}")


def _on_change(sender, **kwargs) -> None:
    data_changed()


def _renew() -> None:
    cache.set(KEY, secrets.token_hex(8), timeout=None)
