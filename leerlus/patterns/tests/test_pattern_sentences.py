"""The sentence about a pattern is written from its figures when it is read, in the reader's language."""

from datetime import date

import pytest
from django.utils import translation

from leerlus.core.models import Service
from leerlus.patterns.models import Pattern
from leerlus.patterns.sentences import pattern_summary

DAY = date(2025, 6, 2)
YEAR = {"first_day": "2024-06-03", "observed": [10.0] * 365, "expected": []}


def pattern(kind, magnitude, figures, **fields) -> Pattern:
    fields = {"start": DAY, "end": None, "channel": "", "terms": [], "series": YEAR} | fields
    return Pattern(kind=kind, magnitude=magnitude, score=9.0, figures=figures, **fields)


ACROSS_ALL = [
    (
        pattern("spike", 1.0, {"before": 40.0, "after": 80.0}, end=DAY),
        "Piek op 2 juni 2025 in alle kanalen: 80 signalen per dag waar er 40 verwacht werden (+100%).",
        "Spike on 2 June 2025 across all channels: 80 signals a day where 40 were expected (+100%).",
    ),
    (
        pattern("level_shift", -0.25, {"before": 12.0, "after": 9.0}),
        "Sinds 2 juni 2025 komen er 25% minder signalen binnen in alle kanalen: gemiddeld 9,0 per dag, was 12,0.",
        "Since 2 June 2025, 25% fewer signals have come in across all channels: 9.0 a day on average, down from 12.0.",
    ),
    (
        pattern("trend", 0.4, {"before": 1000.0, "after": 1400.0}),
        "Het aantal signalen in alle kanalen stijgt gestaag: +40% in 12 maanden (van 1.000,0 naar 1.400,0 per dag, "
        "zonder seizoenspatroon).",
        "The number of signals across all channels rises steadily: +40% in 12 months (from 1,000.0 to 1,400.0 a "
        "day, with no seasonal pattern).",
    ),
    (
        pattern("emerging_topic", 3.0, {"recent": 1}, terms=["omgevingsloket", "inloggen"]),
        "Nieuw onderwerp sinds 2 juni 2025: 'omgevingsloket, inloggen' (1 signaal in twee weken, daarvoor vrijwel "
        "nooit).",
        "New topic since 2 June 2025: 'omgevingsloket, inloggen' (1 signal in two weeks, hardly ever before).",
    ),
]


@pytest.mark.parametrize(("found", "dutch", "english"), ACROSS_ALL, ids=lambda v: getattr(v, "kind", ""))
def test_each_kind_reads_well_across_all_channels_in_both_languages(found, dutch, english):
    with translation.override("nl"):
        assert pattern_summary(found) == dutch
    with translation.override("en"):
        assert pattern_summary(found) == english


def test_a_ripple_names_both_series_by_their_labels_with_a_singular_day():
    ripple = pattern(
        "ripple",
        0.4,
        {"before": 10.0, "after": 14.0, "cause_magnitude": -0.3},
        cause={"channel": "website", "service": "Vergunning", "terms": []},
        effect={"channel": "whatsapp", "service": "Vergunning", "terms": []},
        lag_days=1,
    )
    with translation.override("nl"):
        assert pattern_summary(ripple) == (
            "Na de daling bij website over Vergunning op 2 juni 2025 volgde 1 dag later een stijging bij WhatsApp "
            "over Vergunning (+40%)."
        )


@pytest.mark.django_db
def test_a_series_is_named_by_its_channel_label_service_and_topic_words():
    afval = Service.objects.create(name="Afval")
    shift = pattern("level_shift", 0.4, {"before": 10.0, "after": 14.0}, channel="social", service=afval)
    topic = pattern(
        "spike", 1.0, {"before": 4.0, "after": 8.0}, channel="telefoon", topic=3, terms=["storm", "boom"], end=DAY
    )
    with translation.override("nl"):
        assert "40% meer signalen binnen bij sociale media over Afval:" in pattern_summary(shift)
        assert "Piek op 2 juni 2025 bij telefoon over 'storm, boom':" in pattern_summary(topic)


def test_a_change_from_next_to_nothing_is_new_not_a_percentage():
    shift = pattern("level_shift", 15.0, {"before": 0.0, "after": 8.0})
    with translation.override("nl"):
        assert pattern_summary(shift) == (
            "Sinds 2 juni 2025 komen er nieuwe signalen binnen in alle kanalen: gemiddeld 8,0 per dag, waar er eerder "
            "vrijwel geen waren."
        )


def test_a_pattern_stored_before_the_figures_gets_the_sentence_without_them():
    with translation.override("nl"):
        assert pattern_summary(pattern("level_shift", 0.4, {}, channel="telefoon")) == (
            "Sinds 2 juni 2025 komen er 40% meer signalen binnen bij telefoon."
        )


@pytest.mark.django_db
def test_the_pattern_page_and_its_twin_speak_the_readers_language(beheerder):
    shift = pattern("level_shift", -0.25, {"before": 12.0, "after": 9.0}, channel="telefoon", signature="x")
    shift.save()
    dutch = "Sinds 2 juni 2025 komen er 25% minder signalen binnen bij telefoon: gemiddeld 9,0 per dag, was 12,0."
    english = "Since 2 June 2025, 25% fewer signals have come in via phone: 9.0 a day on average, down from 12.0."
    page = f"/patronen/{shift.pk}/"
    assert dutch in beheerder.get(page).content.decode()
    assert beheerder.get(page, {"format": "json"}).json()["summary"] == dutch
    beheerder.cookies["django_language"] = "en"
    assert english in beheerder.get(page).content.decode()
    assert beheerder.get(page, {"format": "json"}).json()["summary"] == english


@pytest.mark.django_db
def test_the_admin_lists_and_searches_patterns_by_their_sentence_and_words(admin_client):
    pattern("spike", 1.0, {"before": 4.0, "after": 8.0}, end=DAY, terms=["storm"], signature="s").save()
    page = admin_client.get("/beheer/patterns/pattern/", {"q": "storm"}).content.decode()
    assert "Piek op 2 juni 2025 in alle kanalen: 8 signalen per dag" in page


@pytest.mark.django_db(transaction=True)
def test_patterns_stored_with_a_dutch_sentence_get_their_figures_back_when_migrated():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("patterns", "0002_incidents")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("patterns", "Pattern")
    old.objects.create(
        kind="level_shift",
        start=DAY,
        channel="telefoon",
        terms=[],
        magnitude=-0.25,
        score=9.0,
        summary="Sinds 2 juni 2025 komen er 25% minder signalen binnen bij telefoon: gemiddeld 9.0 per dag, was 12.0.",
        evidence=["alle signalen", "telefoon · Afval · onderwerp 'storm, boom'"],
        signature="old",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = Pattern.objects.get(signature="old")
    assert migrated.figures == {"after": 9.0, "before": 12.0}
    assert migrated.evidence[1] == {"channel": "telefoon", "service": "Afval", "terms": ["storm", "boom"]}
    with translation.override("nl"):
        assert pattern_summary(migrated).endswith("bij telefoon: gemiddeld 9,0 per dag, was 12,0.")
