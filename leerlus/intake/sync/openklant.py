"""Open Klant 2, Klantinteracties API: `GET {url}/klantcontacten` (url: …/klantinteracties/api/v1).

From the API's own description (openapi.yaml of maykinmedia/open-klant, Klantinteracties): paged by `page` and
`pageSize` as `{count, next, previous, results}`, newest first (`-plaatsgevondenOp`), no date-range filter
(`plaatsgevondenOp` is an exact match) and unknown query parameters are refused with 400; authentication is
`Authorization: Token …`. So the cursor is a lower bound kept here: reading stops at the first contact older
than it. A contact marked `vertrouwelijk` is counted, never stored.
"""

from urllib.parse import urlencode

from leerlus.intake.sync.feed import Feed, later
from leerlus.intake.sync.http import get_json

PAGE_SIZE = 100


class OpenKlantFeed(Feed):
    kind = "openklant"

    def records(self):
        headers = {"Authorization": f"Token {self.secret()}"}
        url = self.endpoint("klantcontacten") + "?" + urlencode({"page": 1, "pageSize": PAGE_SIZE})
        while url:
            page = get_json(url, headers)
            for item in page.get("results", []):
                when = item.get("plaatsgevondenOp") or ""
                if self.cursor and when and later(self.cursor, when):
                    return  # newest first: everything from here on was read by an earlier sync
                self.seen(when)
                if item.get("vertrouwelijk"):
                    self.confidential += 1
                    continue
                yield self.record(item)
            url = page.get("next")

    @staticmethod
    def record(item: dict) -> dict:
        subject, content = (item.get("onderwerp") or "").strip(), (item.get("inhoud") or "").strip()
        return {
            "id": f"openklant:{item.get('uuid')}",
            "received_at": item.get("plaatsgevondenOp"),
            "channel": item.get("kanaal"),
            "text": f"{subject}: {content}" if subject and content else subject or content,
        }
