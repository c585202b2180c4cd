"""The redactor on the labelled Dutch set: every kind found, look-alikes left alone, the docs' table current."""

from leerlus.analysis.tests.redaction_scores import committed_coverage_table, coverage_markdown, per_kind, scores


def test_every_kind_is_found_and_look_alikes_survive():
    result = scores()
    for kind, (precision, recall, labelled) in per_kind(result).items():
        assert labelled >= 12, kind
        assert recall >= 0.95 and precision >= 0.95, (kind, precision, recall)
    assert result["untouched_lookalikes"] == result["lookalikes"]


def test_coverage_table_in_the_docs_is_current():
    """Run `python benchmarks/redaction_quality.py --write-docs` after changing the redactor or the set."""
    assert committed_coverage_table() == coverage_markdown(scores())
