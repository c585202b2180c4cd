"""Who is acting right now: set by the web middleware, the API's key check, the command line and the job runner."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    name: str  # a username, or "systeem"
    channel: str  # one of AuditEntry.Channel
    source: str = ""  # an IP address, or the host and account of a command


SYSTEM = Actor(name="systeem", channel="systeem")
_current: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)


def current() -> Actor:
    return _current.get()


@contextmanager
def acting(actor: Actor):
    """Everything recorded inside this block is recorded as done by `actor`."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def set_actor(actor: Actor) -> None:
    """For the API's key check, which runs inside a request the middleware already wrapped in `acting`."""
    _current.set(actor)
