"""KISS (Klantinteractie-Servicesysteem): the management report `GET {url}/api/contactmomentendetails`.

From KISS-frontend's Kiss.Bff ContactmomentDetailsRapportageOverzicht: `from` and `to` (yyyy-MM-ddTHH:mm:ssZ,
both required), `page` (from 1) and `pageSize` (at most 5000), answered as `{count, next, previous, results}`;
authorised by a JWT (HS256, only `iat` and `exp`) signed with the shared MANAGEMENTINFORMATIE_API_KEY, which is
what the token file holds. A contact moment is saved after the call ends, so each sync reads again from a day
before its cursor (the import skips what it has).
"""

import base64
import hashlib
import hmac
import json
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.utils import timezone

from leerlus.intake.sync.feed import EPOCH, Feed, moment, utc_text
from leerlus.intake.sync.http import get_json

# KISS's gespreksresultaat: the call did not settle the question (a callback request was made, the caller was put
# through) → failure demand; settled at once → value demand. Another result leaves it to the analysis.
RESULT_DEMAND = {
    "contactverzoek gemaakt": "failure",
    "doorverbonden": "failure",
    "terugbelverzoek gemaakt": "failure",
    "zelfstandig afgehandeld": "value",
    "afgehandeld": "value",
}
PAGE_SIZE = 5000
OVERLAP = timedelta(days=1)
TOKEN_SECONDS = 3600


def signed_token(secret: str, now: float | None = None) -> str:
    """A JWT with only `iat` and `exp`, HS256 over the shared secret."""
    now = int(now or time.time())

    def part(value: dict) -> str:
        return _b64(json.dumps(value, separators=(",", ":")).encode())

    signing_input = part({"alg": "HS256", "typ": "JWT"}) + "." + part({"iat": now, "exp": now + TOKEN_SECONDS})
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + _b64(signature)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class KissFeed(Feed):
    kind = "kiss"
    default_channel = "telefoon"  # the KCC's contact moments; the report carries no channel

    def records(self):
        headers = {"Authorization": f"Bearer {signed_token(self.secret())}"}
        start = utc_text(moment(self.cursor) - OVERLAP) if self.cursor else EPOCH
        query = {"from": start, "to": utc_text(timezone.now()), "pageSize": PAGE_SIZE}
        page_number = 1
        while True:
            page = get_json(
                self.endpoint("api/contactmomentendetails") + "?" + urlencode({**query, "page": page_number}), headers
            )
            for item in page.get("results", []):
                self.seen(item.get("startdatum") or "")
                yield self.record(item)
            if not page.get("next") or not page.get("results"):
                return
            page_number += 1

    @staticmethod
    def record(item: dict) -> dict:
        return {
            "id": f"kiss:{item.get('id')}",
            "received_at": item.get("startdatum"),
            "service": item.get("vraag"),
            "text": item.get("specifiekeVraag"),
            "department": item.get("verantwoordelijkeAfdeling"),
            "demand": RESULT_DEMAND.get((item.get("gespreksresultaat") or "").strip().lower(), ""),
        }
