"""Learning across municipalities: the public lessons feed and the subscriptions to other municipalities' feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "leerlus.exchange"
    label = "exchange"
    verbose_name = _("Uitwisseling")

    def ready(self):
        from leerlus.exchange import jobs  # noqa: F401  registers the recurring pull
        from leerlus.exchange.selectors import library_elsewhere
        from leerlus.playground.library import ELSEWHERE

        if library_elsewhere not in ELSEWHERE:
            ELSEWHERE.append(library_elsewhere)  # other municipalities' lessons in the library's JSON twin
