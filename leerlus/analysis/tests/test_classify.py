"""Classification: failure versus value demand and sentiment in Dutch, and a learned service model."""

from leerlus.analysis.classify import ServiceClassifier, demand, sentiment
from leerlus.analysis.text import tokenize, tokenize_all

FAILURE = [
    "Ik heb al drie keer gebeld over mijn paspoort en niemand belt terug",
    "Wat is de status van mijn aanvraag? Ik wacht al zes weken",
    "De container is weer niet geleegd",
    "Ik begrijp de brief over de aanslag niet",
    "Het formulier geeft een foutmelding bij het versturen",
    "Mijn uitkering is nog steeds niet overgemaakt",
    "Losse stoeptegel, al eerder gemeld maar niets gebeurd",
    "Ik moet opnieuw dezelfde papieren inleveren",
]
VALUE = [
    "Hoe maak ik een afspraak voor een nieuw paspoort?",
    "Wat kost een parkeervergunning voor bezoekers?",
    "Kan ik mijn verhuizing online doorgeven?",
    "Wanneer wordt het grofvuil opgehaald in onze wijk?",
    "Heb ik een vergunning nodig voor een dakkapel?",
    "Welke pasfoto is nodig voor een ID-kaart?",
]


def test_failure_demand_is_told_from_value_demand():
    right = sum(demand(t) == "failure" for t in FAILURE) + sum(demand(t) == "value" for t in VALUE)
    majority = max(len(FAILURE), len(VALUE))  # the trivial baseline: always the most common answer
    assert right >= len(FAILURE + VALUE) - 1 > majority
    assert demand("") is None


def test_sentiment_reads_dutch_including_negation():
    assert sentiment("Bedankt, ik ben snel geholpen!") == "positive"
    assert sentiment("Belachelijk, niemand belt terug") == "negative"
    assert sentiment("Ik ben niet blij met de afhandeling") == "negative"
    assert sentiment("Wanneer is het gemeentehuis open?") == "neutral"


def test_redaction_tokens_and_numbers_never_become_words():
    assert tokenize("Mijn BSN is [BSN], bel [TELEFOON] of 0612345678 over de parkeervergunning") == [
        "bsn",
        "bel",
        "parkeervergunning",
    ]


def test_the_service_model_learns_from_labelled_signals_and_falls_back_to_aliases():
    texts = ["paspoort verlopen afspraak"] * 40 + ["container niet geleegd grofvuil"] * 40
    services = ["Paspoort"] * 40 + ["Afval"] * 40
    model = ServiceClassifier(min_examples=20).fit(tokenize_all(texts), services, {"Parkeren": ["parkeervergunning"]})
    predicted = model.predict(
        tokenize_all(
            [
                "mijn paspoort is verlopen",
                "de container is vol",
                "vraag over een parkeervergunning",
                "mooi weer vandaag",
            ]
        )
    )
    assert predicted == ["Paspoort", "Afval", "Parkeren", None]
