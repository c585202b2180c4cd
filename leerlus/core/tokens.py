"""API keys: issued once in clear text, stored only as a hash, valid until they expire or are revoked."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.models import ApiToken, Person
from leerlus.core.schemas import IssuedToken, TokenOut, TokensDocument
from leerlus.errors import InputError

DEFAULT_DAYS = 365
USE_RECORDED_EVERY = timedelta(minutes=5)  # `last_used_at` is written at most this often per key, not on every call


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh key and the hash that is stored for it."""
    key = "leerlus_" + secrets.token_urlsafe(32)
    return key, _hash(key)


def default_expiry():
    return timezone.now() + timedelta(days=DEFAULT_DAYS)


def issue_token(person: Person, name: str, days: int = DEFAULT_DAYS) -> str:
    """A new key for this person; the only moment it exists in clear text."""
    key, key_hash = new_key()
    ApiToken.objects.create(
        person=person,
        name=name.strip()[:100] or "api",
        key_hash=key_hash,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return key


def issue_for_username(username: str, name: str, days: int) -> IssuedToken:
    """`leerlus key add`: the key once, with what is stored about it."""
    person = Person.objects.filter(user__username=username).first()
    if person is None:
        raise InputError(_("Er is geen persoon met gebruikersnaam '%(u)s'.") % {"u": username}, field="username")
    key = issue_token(person, name, days)
    return IssuedToken(key=key, token=_out(ApiToken.objects.get(key_hash=_hash(key))))


def person_for_token(key: str) -> Person | None:
    """The person of a valid key (not expired, not revoked); records when the key was last used."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("person__department")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person


def revoke(token_id: int) -> TokenOut:
    """Revokes a key at once; revoking twice keeps the first moment."""
    token = ApiToken.objects.select_related("person__user").filter(pk=token_id).first()
    if token is None:
        raise InputError(_("Er is geen API-sleutel met nummer %(n)s.") % {"n": token_id}, field="token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return _out(token)


def tokens_document() -> TokensDocument:
    tokens = ApiToken.objects.select_related("person__user").order_by("-created_at")
    return TokensDocument(tokens=[_out(token) for token in tokens])


def _out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.pk,
        name=token.name,
        username=token.person.user.get_username() if token.person.user_id else "",
        person=token.person.name,
        state=token.state(timezone.now()),
        created_at=token.created_at,
        expires_at=token.expires_at,
        revoked_at=token.revoked_at,
        last_used_at=token.last_used_at,
    )
