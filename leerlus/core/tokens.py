"""API keys: issued once in clear text, stored only as a hash, and resolved to the person they belong to."""

import hashlib
import secrets

from leerlus.core.models import ApiToken, Person


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh key and the hash that is stored for it."""
    key = "leerlus_" + secrets.token_urlsafe(32)
    return key, _hash(key)


def issue_token(person: Person, name: str) -> str:
    """A new key for this person; the only moment it exists in clear text."""
    key, key_hash = new_key()
    ApiToken.objects.create(person=person, name=name.strip()[:100] or "api", key_hash=key_hash)
    return key


def person_for_token(key: str) -> Person | None:
    token = ApiToken.objects.select_related("person__department").filter(key_hash=_hash(key)).first()
    return token.person if token else None
