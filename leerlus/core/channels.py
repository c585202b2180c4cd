"""The channel vocabulary of PRODUCT.md and the built-in aliases that map onto it."""

from django.utils.translation import gettext_lazy as _

CHANNELS = {
    "telefoon": _("Telefoon"),
    "balie": _("Balie"),
    "website": _("Website"),
    "email": _("E-mail"),
    "chat": _("Chat"),
    "whatsapp": _("WhatsApp"),
    "social": _("Sociale media"),
    "post": _("Post"),
    "app": _("App"),
    "enquete": _("Enquête"),
    "intern": _("Intern"),
    "bijeenkomst": _("Bijeenkomst"),
    "onbekend": _("Onbekend"),
}
CHANNEL_CHOICES = list(CHANNELS.items())

BUILTIN_ALIASES = {
    "phone": "telefoon",
    "telephone": "telefoon",
    "tel": "telefoon",
    "kcc": "telefoon",
    "bellen": "telefoon",
    "call": "telefoon",
    "counter": "balie",
    "desk": "balie",
    "loket": "balie",
    "frontoffice": "balie",
    "web": "website",
    "webformulier": "website",
    "formulier": "website",
    "internet": "website",
    "online": "website",
    "portal": "website",
    "portaal": "website",
    "form": "website",
    "e-mail": "email",
    "mail": "email",
    "webchat": "chat",
    "livechat": "chat",
    "chatbot": "chat",
    "whats-app": "whatsapp",
    "whats app": "whatsapp",
    "wa": "whatsapp",
    "sociale media": "social",
    "social media": "social",
    "twitter": "social",
    "x": "social",
    "facebook": "social",
    "instagram": "social",
    "linkedin": "social",
    "brief": "post",
    "letter": "post",
    "mail (post)": "post",
    "mobile": "app",
    "mobiel": "app",
    "survey": "enquete",
    "enquête": "enquete",
    "vragenlijst": "enquete",
    "internal": "intern",
    "staff": "intern",
    "medewerker": "intern",
    "meeting": "bijeenkomst",
    "sessie": "bijeenkomst",
    "unknown": "onbekend",
    "overig": "onbekend",
    "other": "onbekend",
}


def channel_label(code) -> str:
    """What a person reads for a channel code: 'social' → 'Sociale media'; unknown codes as given."""
    return str(CHANNELS.get(code, code or ""))


def readable_series(label: str) -> str:
    """A series written as 'kanaal/dienst' as a person reads it: 'website/Paspoort' → 'Website · Paspoort'."""
    code, _slash, service = str(label).partition("/")
    return " · ".join(part for part in (channel_label(code), service) if part)


def normalise_label(value: str) -> str:
    """The form in which channel values and aliases are compared: trimmed, lower case."""
    return " ".join(value.strip().lower().split())
