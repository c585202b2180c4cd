"""Which addresses a feed may be read from: public internet addresses only, unless LEERLUS_EXCHANGE_ALLOW_PRIVATE
allows private ones (`1`: loopback and private ranges; or a list of networks such as `10.20.0.0/16,127.0.0.1`).
Link-local addresses (169.254.x.x, where cloud metadata lives) are only allowed when a listed network holds them.

The check happens when the connection is made: the host name is resolved once, every address is checked, and the
connection goes to that checked address (urllib's own connection classes, with their `_create_connection` hook),
so a name that resolves differently a second time (DNS rebinding) cannot slip through. TLS still checks the
certificate against the host name. Every redirect opens a new connection through the same check."""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(OSError):
    """A feed address on the machine itself, in a private range or link-local, without permission in the settings."""


def _allowed_networks() -> tuple[bool, list]:
    """(private ranges allowed, networks listed) from the setting."""
    value = settings.EXCHANGE_ALLOW_PRIVATE.strip()
    if value in ("", "0"):
        return False, []
    if value == "1":
        return True, []
    return False, [ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()]


def check_ip(text: str, host: str) -> None:
    """Raises AddressRefused when a feed may not be read from this address."""
    ip = ipaddress.ip_address(text.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_global and not ip.is_multicast:
        return
    private_allowed, networks = _allowed_networks()
    if any(ip in network for network in networks):
        return
    if private_allowed and not ip.is_link_local and not ip.is_multicast and not ip.is_unspecified:
        return
    raise AddressRefused(
        _(
            "%(h)s wijst naar %(ip)s, een adres op deze machine, in een intern netwerk of link-local; feeds worden "
            "alleen van het internet gelezen. Zet LEERLUS_EXCHANGE_ALLOW_PRIVATE om interne adressen toe te staan."
        )
        % {"h": host[:200], "ip": ip}
    )


def resolve_checked(host: str, port: int) -> list[tuple]:
    """The addresses of a host, each checked; raises AddressRefused for the first that may not be used."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise OSError(_("De naam %(h)s bestaat niet.") % {"h": host[:200]}) from None
    for *_rest, address in found:
        check_ip(address[0], host)
    return found


def check_url(url: str) -> None:
    """Raises AddressRefused when the url's host resolves to an address a feed may not come from (at subscribing)."""
    parts = urlsplit(url)
    resolve_checked(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))


def _checked_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection, but only to an address that passed `check_ip` (resolved once)."""
    host, port = address
    error = None
    for family, kind, proto, _name, target in resolve_checked(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            sock.connect(target)
            return sock
        except OSError as failed:
            sock.close()
            error = failed
    raise error or OSError(host)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)
