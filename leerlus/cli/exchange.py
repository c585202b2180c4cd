"""Learning with other municipalities: subscribe, list, read and pull feeds; the incidents also seen elsewhere."""

from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.cli.base import cli, command, emit
from leerlus.presentation.formatting import moment, number


@cli.group()
def exchange():
    """Lessen van andere gemeenten: abonneren, tonen en ophalen."""


@exchange.command(name="subscribe")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def exchange_subscribe(url, as_json):
    """Abonneert op de lessenfeed van een andere gemeente (…/uitwisseling/lessen.json)."""
    from leerlus.exchange.schemas import SubscriptionOut
    from leerlus.exchange.services import subscribe

    emit(SubscriptionOut.from_orm(subscribe(url)), as_json, lambda s: [_subscription_line(s)])


@exchange.command(name="unsubscribe")
@click.argument("url")
@command
def exchange_unsubscribe(url):
    """Zegt een abonnement op; de lessen van die feed verdwijnen."""
    from leerlus.exchange.services import unsubscribe

    unsubscribe(url)
    click.echo(_("Abonnement op %(u)s opgezegd.") % {"u": url})


@exchange.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def exchange_list(as_json):
    """Toont de abonnementen met het aantal lessen en de laatste fout."""
    from leerlus.exchange.models import Subscription
    from leerlus.exchange.schemas import SubscriptionOut

    subscriptions = [SubscriptionOut.from_orm(s) for s in Subscription.objects.all()]
    emit(subscriptions, as_json, lambda listed: [_subscription_line(s) for s in listed] or [_("Geen abonnementen.")])


def _subscription_line(subscription) -> str:
    if subscription["error"]:
        state = subscription["error"]
    elif subscription["pulled_at"]:
        state = _("opgehaald %(m)s") % {"m": moment(subscription["pulled_at"])}
    else:
        state = _("nog niet opgehaald")
    name = subscription["municipality"] or "-"
    return f"{subscription['url']}  {name}  {number(subscription['lessons'])} lessen  ({state})"


@exchange.command(name="read")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def exchange_read(file, as_json):
    """Leest een lessenfeed uit een bestand (bijvoorbeeld per e-mail ontvangen), gecontroleerd als van het web."""
    from leerlus.exchange.services import read_feed_file

    emit(read_feed_file(file), as_json, _pull_lines)


@exchange.command(name="pull")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def exchange_pull(as_json):
    """Haalt elke geabonneerde feed op: nieuwe, gewijzigde en verdwenen lessen."""
    from leerlus.jobs.services import run_inline

    emit(run_inline("exchange_pull", {}).result, as_json, _pull_lines)


def _pull_lines(document):
    yield _("%(f)s feeds: %(n)s nieuwe, %(u)s gewijzigde en %(r)s verdwenen lessen.") % {
        "f": document["feeds"],
        "n": document["lessons_new"],
        "u": document["lessons_updated"],
        "r": document["lessons_removed"],
    }
    if document["signal_feeds"]:
        yield _("%(f)s feeds delen hun signalen: %(n)s incidenten van andere gemeenten.") % {
            "f": document["signal_feeds"],
            "n": document["incidents_elsewhere"],
        }
    for error in document["errors"]:
        yield _("Fout bij %(f)s: %(e)s") % {"f": error["feed"], "e": error["error"]}


@exchange.command(name="warnings")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def exchange_warnings(as_json):
    """Toont onze incidenten die andere gemeenten in dezelfde weken ook zagen ("ook bij: …")."""
    from leerlus.exchange.selectors import seen_elsewhere

    emit(seen_elsewhere(), as_json, _warning_lines)


def _warning_lines(document):
    if not document:
        yield _("Geen incidenten die ook bij andere gemeenten spelen.")
    for item in document:
        yield _("Incident %(i)s (%(s)s, vanaf %(d)s): ook bij %(m)s") % {
            "i": item["incident"],
            "s": ", ".join(item["services"]),
            "d": item["start"],
            "m": ", ".join(item["municipalities"]),
        }
