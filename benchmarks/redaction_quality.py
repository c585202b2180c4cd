"""Precision and recall of the redactor per kind on the labelled Dutch set, and its speed.

Usage: python benchmarks/redaction_quality.py [--deduce] [--write-docs]
The set is leerlus/analysis/tests/data/redaction_set.jsonl (543 synthetic sentences, look-alikes
included). --deduce also scores deduce's own pipeline on the names (its first run builds its
lookup structures, about three minutes) and times it, for the comparison in docs/benchmarks.md.
--write-docs puts the coverage table into docs/security.md (a test checks that it is up to date).
"""

import argparse
import time

from leerlus.analysis.redact import Redactor
from leerlus.analysis.tests.redaction_scores import (
    KIND_NAMES,
    coverage_markdown,
    labelled,
    per_kind,
    scores,
    write_coverage_table,
)


def speed(texts: list[str], redact) -> float:
    started = time.perf_counter()
    for text in texts:
        redact(text)
    return len(texts) / (time.perf_counter() - started)


def deduce_names() -> tuple[float, float, float]:
    """deduce's precision and recall on the labelled names, and its texts per second."""
    import deduce

    model = deduce.Deduce()
    rows = labelled()
    right = found = caught = total = 0
    started = time.perf_counter()
    for row in rows:
        persons = [a for a in model.deidentify(row["text"]).annotations if a.tag.startswith(("persoon", "patient"))]
        covered = {i for a in persons for i in range(a.start_char, a.end_char)}
        found += len(persons)
        right += sum(any(a.start_char < end and start < a.end_char for start, end, *_ in row["spans"]) for a in persons)
        names = [(start, end) for start, end, kind, _fmt in row["spans"] if kind == "naam"]
        total += len(names)
        caught += sum(set(range(start, end)) <= covered for start, end in names)
    per_second = len(rows) / (time.perf_counter() - started)
    return right / max(found, 1), caught / max(total, 1), per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deduce", action="store_true", help="Also score deduce's pipeline on the names.")
    parser.add_argument("--write-docs", action="store_true", help="Write the coverage table into docs/security.md.")
    args = parser.parse_args()
    result = scores()
    print(f"{'soort':<15} {'precisie':>9} {'recall':>7} {'gelabeld':>9}")
    for kind, (precision, recall, n) in per_kind(result).items():
        print(f"{KIND_NAMES[kind]:<15} {precision:>9.3f} {recall:>7.3f} {n:>9}")
    print(f"look-alikes left untouched: {result['untouched_lookalikes']} of {result['lookalikes']}")
    texts = [row["text"] for row in labelled()] * 200
    redactor = Redactor()
    redactor.redact("warm-up: mevrouw Jansen")
    print(f"speed: {speed(texts, redactor.redact):,.0f} texts/s on {len(texts):,} texts (all with personal data)")
    if args.deduce:
        precision, recall, per_second = deduce_names()
        print(f"deduce, names: precision {precision:.3f}, recall {recall:.3f}, {per_second:,.0f} texts/s")
    print()
    print(coverage_markdown(result))
    if args.write_docs:
        write_coverage_table(result)


if __name__ == "__main__":
    main()
