"""Subscribing to an address on this machine, in a private range or link-local (cloud metadata) is refused unless
LEERLUS_EXCHANGE_ALLOW_PRIVATE allows it; the check is made again when each connection is opened, redirects too."""

import pytest

from leerlus.errors import InputError
from leerlus.exchange.models import ForeignLesson, Subscription
from leerlus.exchange.services import pull_all, subscribe
from leerlus.exchange.tests.test_hostile_feeds import hostile_server  # noqa: F401  a real feed server on loopback

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/uitwisseling/lessen.json",
        "http://localhost/uitwisseling/lessen.json",
        "http://[::1]/uitwisseling/lessen.json",
        "http://10.1.2.3/uitwisseling/lessen.json",
        "http://192.168.1.10/uitwisseling/lessen.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/uitwisseling/lessen.json",
        "http://0.0.0.0/uitwisseling/lessen.json",
    ],
)
def test_an_internal_address_is_refused_by_default_with_a_dutch_message(settings, url):
    settings.EXCHANGE_ALLOW_PRIVATE = ""
    with pytest.raises(InputError, match="alleen van het internet gelezen"):
        subscribe(url)
    assert not Subscription.objects.exists()


def test_allowing_private_addresses_still_refuses_link_local(settings):
    settings.EXCHANGE_ALLOW_PRIVATE = "1"
    assert subscribe("http://127.0.0.1:8000/uitwisseling/lessen.json").pk
    assert subscribe("http://10.1.2.3/uitwisseling/lessen.json").pk
    with pytest.raises(InputError, match="169.254.169.254"):
        subscribe("http://169.254.169.254/latest/meta-data/")


def test_an_allow_list_allows_only_its_networks(settings):
    settings.EXCHANGE_ALLOW_PRIVATE = "10.20.0.0/16, 169.254.10.1"
    assert subscribe("http://10.20.3.4/uitwisseling/lessen.json").pk
    assert subscribe("http://169.254.10.1/uitwisseling/lessen.json").pk
    with pytest.raises(InputError):
        subscribe("http://10.21.0.1/uitwisseling/lessen.json")


def test_the_address_is_checked_again_when_the_feed_is_pulled(settings, hostile_server):  # noqa: F811
    subscribe(hostile_server + "/goed.json")
    settings.EXCHANGE_ALLOW_PRIVATE = ""  # as when the name now points at an internal address
    result = pull_all(deadline=1)
    assert "alleen van het internet gelezen" in result.errors[0].error and result.lessons_new == 0
    assert not ForeignLesson.objects.exists()


def test_a_redirect_to_an_address_that_is_not_allowed_is_refused(settings, hostile_server):  # noqa: F811
    settings.EXCHANGE_ALLOW_PRIVATE = "127.0.0.1/32"
    subscribe(hostile_server + "/naar-elders.json")
    result = pull_all(deadline=1)
    assert [error.feed for error in result.errors] == [hostile_server + "/naar-elders.json"]
    assert "127.0.0.2" in result.errors[0].error and not ForeignLesson.objects.exists()


def test_beheer_refuses_an_internal_address_too(settings, client):
    from django.contrib.auth import get_user_model

    settings.EXCHANGE_ALLOW_PRIVATE = ""
    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.nl", "x"))
    url = "http://169.254.169.254/latest/meta-data/"
    page = client.post("/beheer/exchange/subscription/add/", {"url": url, "municipality": ""})
    assert "alleen van het internet gelezen" in page.content.decode() and not Subscription.objects.exists()


def test_an_address_typed_in_beheer_without_its_scheme_is_read_over_https(settings, client):
    from django.contrib.auth import get_user_model

    settings.EXCHANGE_ALLOW_PRIVATE = "1"
    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.nl", "x"))
    client.post("/beheer/exchange/subscription/add/", {"url": "10.1.2.3/uitwisseling/lessen.json", "municipality": ""})
    assert Subscription.objects.get().url == "https://10.1.2.3/uitwisseling/lessen.json"
