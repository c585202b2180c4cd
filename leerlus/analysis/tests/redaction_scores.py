"""Scores the redactor on the labelled set: caught per kind and format, precision and recall per kind.

A labelled span is caught when the redactor's spans cover it completely. A redactor span is right
when it overlaps a labelled span (of any kind); one over a look-alike or ordinary words is wrong.
Used by the coverage test (the table in docs/security.md) and by benchmarks/redaction_quality.py.
"""

import json
from collections import Counter
from pathlib import Path

from leerlus.analysis.redact import REDACTION_KINDS, find_spans

SET = Path(__file__).parent / "data" / "redaction_set.jsonl"
SECURITY_DOC = Path(__file__).resolve().parents[3] / "docs" / "security.md"
BEGIN, END = (
    "<!-- redactie-dekking: begin (benchmarks/redaction_quality.py --write-docs) -->",
    "<!-- redactie-dekking: eind -->",
)
KIND_NAMES = {
    "bsn": "BSN",
    "iban": "IBAN",
    "email": "e-mail",
    "telefoon": "telefoon",
    "adres": "adres",
    "kenteken": "kenteken",
    "geboortedatum": "geboortedatum",
    "naam": "naam",
}


def labelled() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]


def scores() -> dict:
    """{"caught": Counter[(kind, format)], "labelled": Counter[(kind, format)], "right"/"found": Counter[kind],
    "untouched_lookalikes", "lookalikes"}."""
    caught, total, right, found = Counter(), Counter(), Counter(), Counter()
    untouched = lookalikes = 0
    for row in labelled():
        predicted = find_spans(row["text"])
        covered = set()
        for span in predicted:
            covered.update(range(span.start, span.end))
            found[span.kind] += 1
            right[span.kind] += any(span.start < end and start < span.end for start, end, *_ in row["spans"])
        for start, end, kind, fmt in row["spans"]:
            total[kind, fmt] += 1
            caught[kind, fmt] += set(range(start, end)) <= covered
        if not row["spans"]:
            lookalikes += 1
            untouched += not predicted
    return {
        "caught": caught,
        "labelled": total,
        "right": right,
        "found": found,
        "untouched_lookalikes": untouched,
        "lookalikes": lookalikes,
    }


def per_kind(result: dict) -> dict[str, tuple[float, float, int]]:
    """kind → (precision, recall, labelled spans)."""
    table = {}
    for kind in REDACTION_KINDS:
        labelled_n = sum(n for (k, _fmt), n in result["labelled"].items() if k == kind)
        caught_n = sum(n for (k, _fmt), n in result["caught"].items() if k == kind)
        found_n = result["found"][kind]
        precision = result["right"][kind] / found_n if found_n else 1.0
        table[kind] = (precision, caught_n / labelled_n if labelled_n else 1.0, labelled_n)
    return table


def coverage_markdown(result: dict) -> str:
    """The coverage table of docs/security.md: kind × format → caught of labelled."""
    lines = ["| soort | vorm | gevonden |", "|---|---|---|"]
    for (kind, fmt), n in sorted(
        result["labelled"].items(), key=lambda item: (REDACTION_KINDS.index(item[0][0]), item[0][1])
    ):
        lines.append(f"| {KIND_NAMES[kind]} | {fmt} | {result['caught'][kind, fmt]} van {n} |")
    lines.append(
        f"| lijkt erop (Den Haag, Van Gogh museum, 3 containers, afspraakdatum, …) | ongemoeid gelaten "
        f"| {result['untouched_lookalikes']} van {result['lookalikes']} |"
    )
    return "\n".join(lines)


def committed_coverage_table() -> str:
    """The table between the markers in docs/security.md."""
    text = SECURITY_DOC.read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()


def write_coverage_table(result: dict) -> None:
    text = SECURITY_DOC.read_text(encoding="utf-8")
    head, tail = text[: text.index(BEGIN) + len(BEGIN)], text[text.index(END) :]
    SECURITY_DOC.write_text(f"{head}\n{coverage_markdown(result)}\n{tail}", encoding="utf-8")
