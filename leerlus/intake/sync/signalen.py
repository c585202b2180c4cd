"""Signalen (signalen.org): the private REST API's signal list, and the datawarehouse ZIP of CSV files.

API: `GET {url}/signals/v1/private/signals/?updated_after=CURSOR&ordering=updated_at&page_size=100` with
`Authorization: Bearer TOKEN`; HAL paging (`_links.next.href`, `count`, `results`), as in the backend's
docs/topics/api/v1/private/signals/03.listing_signals.md. ZIP: `signals.csv`, `categories.csv` and
`locations.csv` of the backend's reporting/csv/datawarehouse (a URL or a path). Both give the same record, so
a melding read through either is one signal (`signalen:ID`).
"""

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from leerlus.intake.sync.feed import EPOCH, Feed, later
from leerlus.intake.sync.http import SourceUnavailable, download, get_json

PAGE_SIZE = 100


def service_of(main: str | None, sub: str | None) -> str:
    """Main and sub category as one service name: "Afval: Container is vol"."""
    main, sub = (main or "").strip(), (sub or "").strip()
    return f"{main}: {sub}" if main and sub and main != sub else (sub or main)


def street_of(address, area: str | None) -> str:
    """Street level at most: the street of the address (never the house number), else the area."""
    if isinstance(address, str):
        try:
            address = json.loads(address)
        except ValueError:
            address = None
    street = address.get("openbare_ruimte") if isinstance(address, dict) else None
    return (street or area or "").strip()


class SignalenApiFeed(Feed):
    kind = "signalen"

    def records(self):
        headers = {"Authorization": f"Bearer {self.secret()}"}
        query = {"updated_after": self.cursor or EPOCH, "ordering": "updated_at", "page_size": PAGE_SIZE}
        url = self.endpoint("signals/v1/private/signals/") + "?" + urlencode(query)
        while url:
            page = get_json(url, headers)
            for item in page.get("results", []):
                self.seen(item.get("updated_at") or "")
                yield self.record(item)
            url = ((page.get("_links") or {}).get("next") or {}).get("href")

    @staticmethod
    def record(item: dict) -> dict:
        category = item.get("category") or {}
        location = item.get("location") or {}
        return {
            "id": f"signalen:{item.get('id')}",
            "received_at": item.get("created_at"),
            "channel": item.get("source"),
            "service": service_of(category.get("main"), category.get("sub")),
            "text": item.get("text"),
            "location": street_of(location.get("address"), location.get("area_name") or location.get("stadsdeel")),
            "department": category.get("departments"),
        }


class SignalenZipFeed(Feed):
    kind = "signalen-csv"

    def records(self):
        with tempfile.TemporaryFile() as spool:
            archive = self._open(spool)
            categories = _by_id(archive, "categories.csv")
            locations = _by_id(archive, "locations.csv")
            for row in _rows(archive, "signals.csv"):
                created = row.get("created_at") or ""
                if self.cursor and later(self.cursor, created):
                    continue  # before the previous sync's mark: already there
                self.seen(created)
                category = categories.get(row.get("category_assignment_id") or "", {})
                location = locations.get(row.get("location_id") or "", {})
                yield {
                    "id": f"signalen:{row.get('id')}",
                    "received_at": created,
                    "channel": row.get("source"),
                    "service": service_of(category.get("main"), category.get("sub")),
                    "text": row.get("text"),
                    "location": street_of(location.get("address"), location.get("stadsdeel")),
                    "department": category.get("departments"),
                }

    def _open(self, spool) -> zipfile.ZipFile:
        if self.source.url.startswith(("http://", "https://")):
            headers = {"Authorization": f"Bearer {self.secret()}"} if self.source.token_file else {}
            download(self.source.url, headers, spool)
            spool.seek(0)
            target = spool
        else:
            target = Path(self.source.url)
            if not target.is_file():
                raise SourceUnavailable(_("Bestand '%(f)s' bestaat niet.") % {"f": target})
        try:
            return zipfile.ZipFile(target)
        except zipfile.BadZipFile:
            raise SourceUnavailable(_("'%(f)s' is geen ZIP-bestand.") % {"f": self.source.url}) from None


def _member(archive: zipfile.ZipFile, name: str) -> str | None:
    return next((m for m in archive.namelist() if m == name or m.endswith("/" + name)), None)


def _rows(archive: zipfile.ZipFile, name: str):
    member = _member(archive, name)
    if member is None:
        if name == "signals.csv":
            raise SourceUnavailable(_("In de ZIP ontbreekt signals.csv."))
        return
    with archive.open(member) as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))


def _by_id(archive: zipfile.ZipFile, name: str) -> dict[str, dict]:
    """The small tables (category assignments, locations) by id; only the columns a signal uses."""
    keep = ("main", "sub", "departments", "address", "stadsdeel")
    return {row["id"]: {k: row.get(k) for k in keep} for row in _rows(archive, name) if row.get("id")}
