"""The minimum-length password rule with its message in Dutch (Django 5.2's own Dutch catalogue lacks it)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, with a Dutch message that names the length."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(n)d teken hebben.",
            "Dit wachtwoord is te kort: het moet minstens %(n)d tekens hebben.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord moet minstens %(n)d teken hebben.",
            "Uw wachtwoord moet minstens %(n)d tekens hebben.",
            self.min_length,
        ) % {"n": self.min_length}
