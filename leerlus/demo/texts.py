"""Dutch signal texts for the demo municipality: per service, failure demand and value demand.

Some texts carry invented personal data (valid-looking BSN, phone, e-mail, address) on purpose,
so that the demo shows redaction at work.
"""

import numpy as np

SERVICES = {
    "Paspoort en ID-kaart": "Burgerzaken",
    "Rijbewijs": "Burgerzaken",
    "Verhuizing": "Burgerzaken",
    "Omgevingsvergunning": "Vergunningen",
    "Parkeervergunning": "Vergunningen",
    "Afval en containers": "Openbare ruimte",
    "Openbare ruimte": "Openbare ruimte",
    "WOZ en belastingen": "Belastingen",
    "Bijstand": "Werk en inkomen",
    "Wmo en jeugd": "Zorg en welzijn",
}

VALUE = {
    "Paspoort en ID-kaart": [
        "Hoe maak ik een afspraak voor een nieuw paspoort?",
        "Wat kost een ID-kaart voor mijn kind?",
        "Kan ik mijn paspoort op zaterdag ophalen?",
        "Welke pasfoto is nodig voor een paspoort?",
    ],
    "Rijbewijs": [
        "Hoe verleng ik mijn rijbewijs?",
        "Hoe lang duurt het aanvragen van een rijbewijs?",
        "Moet ik een afspraak maken om mijn rijbewijs op te halen?",
    ],
    "Verhuizing": [
        "Ik wil mijn verhuizing doorgeven, kan dat online?",
        "Hoe geef ik een adreswijziging door?",
        "Binnen hoeveel dagen moet ik mijn verhuizing melden?",
    ],
    "Omgevingsvergunning": [
        "Heb ik een vergunning nodig voor een dakkapel?",
        "Welke tekeningen moet ik meesturen voor een aanbouw?",
        "Mag ik een schutting van twee meter plaatsen?",
        "Hoe vraag ik een omgevingsvergunning aan?",
    ],
    "Parkeervergunning": [
        "Hoe vraag ik een parkeervergunning aan?",
        "Wat kost een bezoekersvergunning?",
        "Kan ik een tweede parkeervergunning krijgen?",
    ],
    "Afval en containers": [
        "Wanneer wordt het grofvuil opgehaald?",
        "Waar kan ik een extra groene container bestellen?",
        "Welke dag is de papierinzameling in onze wijk?",
    ],
    "Openbare ruimte": [
        "Kan er een extra bankje in het park komen?",
        "Wie onderhoudt het groen bij de speeltuin?",
        "Mogen we een straatfeest organiseren op het plein?",
    ],
    "WOZ en belastingen": [
        "Hoe is de WOZ-waarde van mijn huis bepaald?",
        "Kan ik de aanslag in termijnen betalen?",
        "Wanneer komt de aanslag gemeentelijke belastingen?",
    ],
    "Bijstand": [
        "Hoe vraag ik een bijstandsuitkering aan?",
        "Heb ik recht op bijzondere bijstand voor een wasmachine?",
        "Welke papieren heb ik nodig voor de aanvraag van bijstand?",
    ],
    "Wmo en jeugd": [
        "Hoe vraag ik huishoudelijke hulp aan?",
        "Waar kan ik terecht met vragen over jeugdhulp?",
        "Kan ik een scootmobiel aanvragen via de Wmo?",
    ],
}

FAILURE = {
    "Paspoort en ID-kaart": [
        "Ik heb al drie keer gebeld over mijn paspoort en niemand belt terug",
        "De afspraak voor mijn ID-kaart is zonder bericht verzet",
        "Mijn paspoort ligt er nog steeds niet, waarom duurt het zo lang?",
    ],
    "Rijbewijs": [
        "Mijn rijbewijs is al vier weken onderweg, wat is de status?",
        "De brief over mijn rijbewijs is onduidelijk",
    ],
    "Verhuizing": [
        "Mijn verhuizing is niet verwerkt, ik krijg post op het oude adres",
        "Het formulier voor de verhuizing geeft een foutmelding bij het versturen",
    ],
    "Omgevingsvergunning": [
        "Ik wacht al zes weken op een besluit over mijn vergunning, niemand weet de status",
        "Ik begrijp de brief over mijn aanvraag niet, wat moet ik nog aanleveren?",
        "Al twee keer dezelfde stukken opgestuurd voor mijn vergunning",
    ],
    "Parkeervergunning": [
        "Mijn parkeervergunning is verlopen terwijl ik wel betaald heb",
        "Ik heb een boete gekregen terwijl mijn vergunning geldig is",
    ],
    "Afval en containers": [
        "De container is weer niet geleegd",
        "Grofvuil is niet opgehaald terwijl het wel was aangemeld",
        "Al twee weken staat de papiercontainer vol, niemand komt",
    ],
    "Openbare ruimte": [
        "De lantaarnpaal in onze straat doet het al weken niet",
        "Losse stoeptegel, al eerder gemeld maar niets gebeurd",
        "Er ligt zwerfvuil bij de speeltuin, dit is de derde melding",
    ],
    "WOZ en belastingen": [
        "De WOZ-waarde klopt niet, mijn bezwaar is nooit beantwoord",
        "Ik begrijp de aanslag niet, waarom is die zo hoog?",
        "Ik heb twee keer een aanslag gekregen voor hetzelfde jaar",
    ],
    "Bijstand": [
        "Mijn uitkering is niet op tijd overgemaakt",
        "Ik moet steeds opnieuw dezelfde papieren inleveren",
        "Niemand belt terug over mijn aanvraag bijstand",
    ],
    "Wmo en jeugd": [
        "De huishoudelijke hulp is niet gekomen en niemand laat iets weten",
        "Ik wacht al maanden op een keukentafelgesprek",
    ],
}

# Vocabulary that only appears after a dated event, so that new topics can be found.
PORTAL_TEXTS = [
    "Het nieuwe omgevingsloket geeft een foutmelding bij inloggen met DigiD",
    "In het nieuwe portaal zie ik de status van mijn aanvraag niet meer",
    "Na het uploaden van tekeningen in het nieuwe loket gebeurt er niets",
    "Waar vind ik mijn aanvraag in het nieuwe omgevingsloket?",
]
PORTAL_STATUS_CALLS = [
    "Beller wil weten wat de status van de vergunningaanvraag is, ziet niets in het nieuwe loket",
    "Beller kan de aanvraag niet terugvinden in het nieuwe omgevingsloket",
    "Vraag over status aanvraag omgevingsvergunning na overstap naar nieuw portaal",
]
PARKING_APP_TEXTS = [
    "De nieuwe parkeerapp accepteert mijn kenteken niet",
    "Bezoekers aanmelden in de parkeerapp lukt niet",
    "De parkeerapp rekent te veel parkeertijd af",
    "Hoe werkt het saldo in de nieuwe parkeerapp?",
]
STORM_TEXTS = [
    "Na de storm ligt er een omgevallen boom op de weg",
    "Door de storm zijn takken op de fietsstraat gewaaid",
    "Stormschade: een boom ligt over het fietspad",
    "Omgewaaide boom blokkeert de stoep na de storm",
]
CONTAINER_PASS_TEXTS = [
    "Mijn afvalpas werkt niet bij de nieuwe ondergrondse container",
    "Ik heb nog geen afvalpas ontvangen voor de nieuwe container",
    "De klep van de container opent niet met mijn pas",
]

PERSONAL_SUFFIXES = [
    " Mijn BSN is {bsn}.",
    " Bel me terug op 06-{tel}.",
    " Mail mij op {naam}@example.nl.",
    " Ik woon op Dorpsstraat {nr}.",
    " Graag terugbetalen op NL20INGB0001234567.",
    " Mijn postcode is 2{nr:03d} AB {nr}.",
]
VALID_BSNS = ["111222333", "123456782", "100000009", "999999990", "145736183"]
NAMES = ["jan", "fatima", "pieter", "sanne", "mohamed", "anouk", "kees", "linda"]


def personal_suffix(rng: np.random.Generator) -> str:
    """An invented piece of personal data as a citizen might add it."""
    template = PERSONAL_SUFFIXES[rng.integers(len(PERSONAL_SUFFIXES))]
    return template.format(
        bsn=VALID_BSNS[rng.integers(len(VALID_BSNS))],
        tel=f"{rng.integers(10_000_000, 99_999_999)}",
        naam=NAMES[rng.integers(len(NAMES))],
        nr=int(rng.integers(1, 200)),
    )


def pick(rng: np.random.Generator, options: list[str]) -> str:
    return options[rng.integers(len(options))]
