"""Personal data is replaced by tokens; numbers that fail their checksum survive."""

import pytest

from leerlus.analysis.redact import Redactor, is_bsn, is_iban, redact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mijn BSN is 111222333, graag terugbellen", "Mijn BSN is [BSN], graag terugbellen"),
        ("bsn 123.456.782 klopt", "bsn [BSN] klopt"),
        ("IBAN NL91ABNA0417164300 voor de teruggave", "IBAN [IBAN] voor de teruggave"),
        ("rekening NL91 ABNA 0417 1643 00.", "rekening [IBAN]."),
        ("mail naar jan.de.vries@example.nl aub", "mail naar [EMAIL] aub"),
        ("bel me op 06-12345678", "bel me op [TELEFOON]"),
        ("of 06 1234 5678 of +31 6 12345678", "of [TELEFOON] of [TELEFOON]"),
        ("kantoor 071 - 406 50 00 gebeld", "kantoor [TELEFOON] gebeld"),
        ("woon op 2222 AB 12a in Katwijk", "woon op [ADRES] in Katwijk"),
        ("adres: Kerkstraat 12, Katwijk", "adres: Kerkstraat [HUISNUMMER], Katwijk"),
        ("auto met kenteken 12-ABC-3 staat er al weken", "auto met kenteken [KENTEKEN] staat er al weken"),
        ("kenteken XX-99-XX", "kenteken [KENTEKEN]"),
        ("geboren op 3 maart 1961, vraag over AOW", "geboren op [GEBOORTEDATUM], vraag over AOW"),
        ("geb. 12-05-2001", "geb. [GEBOORTEDATUM]"),
        ("mijn moeder (14-02-1938) kan niet inloggen", "mijn moeder ([GEBOORTEDATUM]) kan niet inloggen"),
        ("BSN 123-456-782 graag", "BSN [BSN] graag"),
        ("bel (020) 123 45 67 na vijf uur", "bel [TELEFOON] na vijf uur"),
        ("postcode 1234 ab 5, container vol", "postcode [ADRES], container vol"),
        ("geboren 1985-03-12, vraag over AOW", "geboren [GEBOORTEDATUM], vraag over AOW"),
        ("busje GZ123B blokkeert de stoep", "busje [KENTEKEN] blokkeert de stoep"),
        ("kenteken gz123b staat fout op de boete", "kenteken [KENTEKEN] staat fout op de boete"),
        ("de boom voor Lange Voorhout 34 is omgewaaid", "de boom voor Lange Voorhout [HUISNUMMER] is omgewaaid"),
        ("mijn buurman Mohammed El Amrani zet afval buiten", "mijn buurman [NAAM] zet afval buiten"),
        ("mevrouw Jansen wacht op haar paspoort", "mevrouw [NAAM] wacht op haar paspoort"),
        ("Piet de Vries wil een parkeervergunning", "[NAAM] wil een parkeervergunning"),
        ("mevrouw jansen belde boos", "mevrouw [NAAM] belde boos"),
        ("Met vriendelijke groet, J. Kowalczyk", "Met vriendelijke groet, [NAAM]"),
    ],
)
def test_personal_data_is_replaced_by_tokens(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "zaaknummer 123456789 is nog niet behandeld",  # fails the 11-proof
        "IBAN NL91ABNA0417164301 is fout",  # fails mod-97
        "afspraak op 12-03-2026 om 10:00",  # a recent date is not a birth date
        "in 2024 en 2025 steeds hetzelfde",
        "aanvraag 2024-0001 ingediend",
        "de lantaarnpaal doet het niet sinds gisteren",
        "er staan 3 containers vol op het plein",
        "Ik ben in Den Haag geweest, daarna naar het Van Gogh museum",
        "Wil je mij terugbellen? Kan ik langskomen?",
        "Wegen",
        "Windows 10 werkt niet, lijn 5 rijdt niet, Groep 8 heeft vrij",
        "in 2024 en 2025 kwam de bus 12 niet",
        "het bestand export.xlsx46 en de bijlage bbc45 openen niet",  # lower case, no dashes, no "kenteken"
    ],
)
def test_ordinary_text_survives(text):
    assert redact(text) == text


def test_counts_are_kept_per_kind():
    redactor = Redactor()
    redactor.redact("BSN 111222333 en 123456782, mail a@b.nl")
    redactor.redact("06-12345678")
    assert redactor.counts == {"bsn": 2, "email": 1, "telefoon": 1}


def test_checksums():
    assert is_bsn("111222333") and not is_bsn("111222334")
    assert is_iban("NL20INGB0001234567") and not is_iban("NL20INGB0001234568")
