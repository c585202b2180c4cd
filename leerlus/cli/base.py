"""The command group and what every command shares: Django set-up, the audit actor, --json output, exit status 2."""

import getpass
import json
import os
import socket
import sys
from functools import wraps

import click
from django.utils.translation import gettext as _

from leerlus.audit.context import Actor, acting
from leerlus.errors import InputError


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerlus.settings")
    import django

    django.setup()
    from leerlus.core.schema import migrate_if_behind

    migrate_if_behind()
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)  # the command line speaks Dutch, whatever ran before it


def pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise InputError(_("'%(v)s' bij %(optie)s heeft niet de vorm WAARDE=doel.") % {"v": value, "optie": option})
        pairs[key.strip()] = target.strip()
    return pairs


def emit(document, as_json: bool, human) -> None:
    """Prints the JSON document (a schema's JSON form), or the human-readable lines that `human(document)` returns."""
    from leerlus.presentation.documents import as_document

    document = as_document(document)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    else:
        for line in human(document):
            click.echo(line)


def command(func):
    """Sets up Django before the command, records what it changes as done by this computer's account (the audit
    trail), and turns InputError into exit status 2."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            _setup_django()
            with acting(Actor(getpass.getuser(), "cli", socket.gethostname())):
                return func(*args, **kwargs)
        except InputError as error:
            click.echo(f"leerlus: {error}", err=True)
            sys.exit(2)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="leerlus")
def cli():
    """leerlus: luisteren naar alle kanalen, patronen zien, experimenteren en leren."""


def main():
    cli(prog_name="leerlus")
