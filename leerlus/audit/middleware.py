"""Every web request acts as its logged-in user (or 'anoniem'), from the client's address; /beheer/ counts as beheer."""

from leerlus.audit.context import Actor, acting
from leerlus.audit.models import AuditEntry


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        name = user.get_username() if user.is_authenticated else "anoniem"
        admin = request.path.startswith("/beheer/")
        channel = AuditEntry.Channel.ADMIN if admin else AuditEntry.Channel.WEB
        with acting(Actor(name, channel, request.META.get("REMOTE_ADDR", ""))):
            return self.get_response(request)
