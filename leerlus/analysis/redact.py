"""Removes personal data from free text before anything is stored.

One compiled regular expression finds candidates; numbers that carry a checksum (BSN with the
11-proof, IBAN with mod-97) are replaced only when the checksum holds, so other 9-digit numbers
and reference codes survive. Texts without a digit or an '@' skip the expression altogether,
which keeps the import above 50,000 rows per second.

Deliberately hand-written: the candidates (Presidio, scrubadub) need language models or are
English-only and run about 100x slower per text; none knows the 11-proof or Dutch plates.
"""

import re
from collections import Counter
from datetime import date

TOKENS = {
    "bsn": "[BSN]",
    "iban": "[IBAN]",
    "email": "[EMAIL]",
    "telefoon": "[TELEFOON]",
    "adres": "[ADRES]",
    "kenteken": "[KENTEKEN]",
    "geboortedatum": "[GEBOORTEDATUM]",
}
REDACTION_KINDS = tuple(TOKENS)

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{1,2}}\s(?i:{_MONTHS})\.?\s\d{{4}})"
_STREET_SUFFIX = (
    "straat|weg|laan|plein|gracht|singel|kade|dijk|pad|hof|steeg|dreef|park|plantsoen|markt"
    "|boulevard|erf|veld|wal|burgwal|baan|ring|dam"
)
_SEP = r"(?:\s?-\s?|\s)?"

_PATTERN = re.compile(
    "|".join(
        [
            r"(?P<email>[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})",
            r"(?P<iban>(?<![\w])(?i:[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,3})?)(?!\w))",
            rf"(?P<dob>(?P<dobkw>(?i:geboren|geboortedatum|geboorte\s?datum|geb\.?|verjaardag)"
            rf"(?:\s+(?i:op|in))?[\s:]*){_DATE})",
            rf"(?P<olddate>(?<![\d-])\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}(?!\d)"
            rf"|(?<!\d)\d{{1,2}}\s(?i:{_MONTHS})\.?\s\d{{4}}(?!\d))",
            rf"(?P<telefoon>(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
            rf"|0[1-9](?:{_SEP}\d){{8}})(?!\d))",
            r"(?P<bsn>(?<![\d.])(?:\d{9}|\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3})(?![\d]))",
            r"(?P<postcode>(?<!\w)[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?!\w)"
            r"(?:[\s,]*\d{1,5}(?:\s?[a-zA-Z](?!\w))?)?)",
            rf"(?P<street>(?<!\w)(?P<streetname>[A-Za-zÀ-ÿ'-]+(?:{_STREET_SUFFIX}))\s+\d{{1,5}}"
            r"(?:\s?[a-zA-Z](?!\w)|-\d{1,4})?(?!\w))",
            r"(?P<kenteken>(?<![\w-])(?:[A-Za-z]{1,3}|\d{1,3})-(?:[A-Za-z]{1,3}|\d{1,3})"
            r"-(?:[A-Za-z]{1,3}|\d{1,3})(?![\w-]))",
        ]
    )
)
_HAS_CANDIDATE = re.compile(r"[\d@]").search
_LATEST_BIRTH_YEAR = date.today().year - 12


def is_bsn(digits: str) -> bool:
    """The 11-proof of the Dutch citizen service number (burgerservicenummer)."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def is_iban(candidate: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN with the spaces removed."""
    iban = candidate.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34 or not iban[:2].isalpha():
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _is_plate(candidate: str) -> bool:
    """A Dutch licence plate: three groups, six characters, letters and digits alternating."""
    groups = candidate.split("-")
    if sum(len(g) for g in groups) != 6:
        return False
    kinds = [g.isdigit() for g in groups]
    return kinds[0] != kinds[1] or kinds[1] != kinds[2]


def _date_year(candidate: str) -> int:
    return int(re.findall(r"\d{4}", candidate)[-1])


class Redactor:
    """Replaces personal data by tokens such as [BSN]; `counts` keeps the totals per kind."""

    def __init__(self):
        self.counts = Counter()

    def _replace(self, match: re.Match) -> str:
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "bsn":
            if not is_bsn(re.sub(r"\D", "", text)):
                return text
        elif kind == "iban":
            if not is_iban(text):
                return text
        elif kind == "dob":
            self.counts["geboortedatum"] += 1
            return match.group("dobkw") + TOKENS["geboortedatum"]
        elif kind == "olddate":
            if not 1900 <= _date_year(text) <= _LATEST_BIRTH_YEAR:
                return text
            kind = "geboortedatum"
        elif kind == "postcode":
            kind = "adres"
        elif kind == "street":
            self.counts["adres"] += 1
            return match.group("streetname") + " [HUISNUMMER]"
        elif kind == "kenteken":
            if not _is_plate(text):
                return text
        self.counts[kind] += 1
        return TOKENS[kind]

    def redact(self, text: str) -> str:
        """The text with every recognised piece of personal data replaced by its token."""
        if not text or not _HAS_CANDIDATE(text):
            return text
        return _PATTERN.sub(self._replace, text)


def redact(text: str) -> str:
    """Convenience: redact one text without keeping counts."""
    return Redactor().redact(text)
