"""Fake Signalen, Open Klant and KISS servers on loopback that answer as their published API descriptions say.

The sync tests use them, and `leerlus serve` on the demo's data directory serves the demo sources from them
(demo/sources.py).

One stdlib HTTP server in a thread serves all three: Signalen's private signal list (HAL paging, `updated_after`,
`ordering`, `page_size`, Bearer token), Open Klant's `/klantcontacten` (`page`/`pageSize`, newest first, 400 on
an unknown query parameter, `Authorization: Token`), KISS's `/api/contactmomentendetails` (`from`/`to` in
yyyy-MM-ddTHH:mm:ssZ, `page`/`pageSize` up to 5000, a JWT signed with the shared secret). `fail_pages` makes the
named pages answer 500 until cleared, as a server that breaks half-way through a sync; `slow_pages` makes them
answer late.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

TOKEN = "geheim-token-123"
OPENKLANT_PARAMETERS = {"page", "pageSize", "kanaal", "onderwerp", "plaatsgevondenOp", "nummer", "vertrouwelijk"}


class FakeSources:
    def __init__(self, port: int = 0):
        self.signalen: list[dict] = []
        self.klantcontacten: list[dict] = []
        self.contactmomenten: list[dict] = []
        self.fail_pages: set[tuple[str, int]] = set()  # (kind, page number)
        self.slow_pages: dict[tuple[str, int], float] = {}  # (kind, page number) -> seconds before the answer
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # Each answers (status, document).
    def signalen_page(self, query: dict, auth: str):
        if auth != f"Bearer {TOKEN}":
            return 401, {"detail": "Authentication credentials were not provided."}
        after = query.get("updated_after")
        items = [s for s in self.signalen if not after or _moment(s["updated_at"]) > _moment(after)]
        if query.get("ordering") == "updated_at":
            items.sort(key=lambda s: _moment(s["updated_at"]))
        size, number = int(query.get("page_size", 50)), int(query.get("page", 1))
        return self._page("signalen", items, size, number, query, "/signals/v1/private/signals/", hal=True)

    def klantcontacten_page(self, query: dict, auth: str):
        if auth != f"Token {TOKEN}":
            return 401, {"detail": "Ongeldige token."}
        unknown = set(query) - OPENKLANT_PARAMETERS
        if unknown:
            return 400, {"code": "unknown-parameters", "invalidParams": sorted(unknown)}
        items = sorted(self.klantcontacten, key=lambda k: _moment(k["plaatsgevondenOp"]), reverse=True)
        size, number = int(query.get("pageSize", 100)), int(query.get("page", 1))
        return self._page("openklant", items, size, number, query, "/klantinteracties/api/v1/klantcontacten")

    def contactmomenten_page(self, query: dict, auth: str):
        if not _valid_jwt(auth, TOKEN):
            return 401, {"detail": "Unauthorized"}
        try:
            start = datetime.strptime(query["from"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            end = datetime.strptime(query["to"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except (KeyError, ValueError):
            return 400, "Invalid date format. Use ISO 8601 format (yyyy-MM-ddTHH:mm:ssZ)."
        items = [c for c in self.contactmomenten if start <= _moment(c["startdatum"]) <= end]
        items.sort(key=lambda c: _moment(c["startdatum"]))
        size, number = min(int(query.get("pageSize", 5000)), 5000), int(query.get("page", 1))
        return self._page("kiss", items, size, number, query, "/api/contactmomentendetails")

    def _page(self, kind, items, size, number, query, path, hal=False):
        if (kind, number) in self.fail_pages:
            return 500, {"detail": "Internal Server Error"}
        time.sleep(self.slow_pages.get((kind, number), 0))
        results = items[(number - 1) * size : number * size]
        more = number * size < len(items)
        page_key = "page"
        following = f"{self.url}{path}?{urlencode({**query, page_key: number + 1})}" if more else None
        if hal:
            return 200, {"_links": {"self": {"href": path}, "next": {"href": following}}, "count": len(items),
                         "results": results}  # fmt: skip
        return 200, {"count": len(items), "next": following, "previous": None, "results": results}


def _handler(fake: FakeSources):
    routes = {
        "/signals/v1/private/signals/": fake.signalen_page,
        "/klantinteracties/api/v1/klantcontacten": fake.klantcontacten_page,
        "/api/contactmomentendetails": fake.contactmomenten_page,
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            fake.requests.append(self.path)
            route = routes.get(parts.path)
            if route is None:
                status, document = 404, {"detail": "Not found."}
            else:
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                status, document = route(query, self.headers.get("Authorization", ""))
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _valid_jwt(auth: str, secret: str) -> bool:
    if not auth.startswith("Bearer "):
        return False
    try:
        header, payload, signature = auth.removeprefix("Bearer ").split(".")
    except ValueError:
        return False
    expected = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return hmac.compare_digest(expected, given) and claims["exp"] > datetime.now(UTC).timestamp()
