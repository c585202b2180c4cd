"""`POST /signals`: another system pushes a batch of signals. It joins the core's signals router, so that one path
answers GET (the list) and POST (the push); the API mounts this router."""

from ninja import Field, Schema

from leerlus.core.api import router
from leerlus.core.roles import require_writer
from leerlus.intake.push import MAX_ITEMS, push_signals
from leerlus.intake.schemas import PushedSignal, PushResult


class PushIn(Schema):
    signals: list[PushedSignal] = Field(min_length=1, max_length=MAX_ITEMS)


@router.post("/signals", response=PushResult)
def push(request, body: PushIn):
    """Up to 1,000 signals at once; idempotent by external_id (send a batch again and nothing is doubled).

    Each item goes through the same checks and redaction as a file import; a refused item is answered with its
    problem details, the others are stored."""
    require_writer(request.auth)
    return push_signals([item.dict() for item in body.signals], user=request.auth.user)
