"""Keeping the data safe: backup, restore and the audit trail."""

from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.cli.base import cli, command, emit
from leerlus.presentation.formatting import moment, number


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def backup(file, as_json):
    """Schrijft een reservekopie van de hele database naar FILE, ook terwijl de app draait."""
    from leerlus.core.backup import backup as make_backup

    emit(make_backup(file), as_json, _backup_lines)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Niet om bevestiging vragen.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def restore(file, yes, as_json):
    """Zet een reservekopie terug: alle gegevens van deze installatie worden die uit FILE."""
    from leerlus.core.backup import restore as put_back

    if not yes:
        click.confirm(f"Alle gegevens van deze installatie worden vervangen door die uit {file}. Doorgaan?", abort=True)
    emit(put_back(file), as_json, _backup_lines)


def _backup_lines(summary):
    rows = summary["rows"]
    yield (
        f"{summary['file']}: {number(summary['bytes'] / 1e6, 1)} MB, {number(rows.get('core.signal', 0))} signalen, "
        f"{number(sum(rows.values()))} rijen in {number(len(rows))} tabellen ({number(summary['seconds'], 1)} s)."
    )


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Vanaf deze dag (jjjj-mm-dd).")
@click.option("--actor", default="", help="Alleen deze gebruikersnaam.")
@click.option("--action", default="", help="create, update, delete, view, export, login, login_failed of logout.")
@click.option("--words", default="", help="Alleen regels met al deze woorden.")
@click.option("--limit", type=int, default=200, show_default=True, help="Aantal regels (hoogstens 10.000).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def audit(since, actor, action, words, limit, as_json):
    """Toont het auditlog: wie wat wijzigde, bekeek of exporteerde, wanneer en vanaf waar."""
    from leerlus.audit.selectors import AuditFilter, audit_document

    chosen = AuditFilter(since=since.date() if since else None, actor=actor, action=action, words=words, limit=limit)
    emit(audit_document(chosen), as_json, _audit_lines)


def _audit_lines(document):
    lines = [
        f"{moment(e['at'])}  {e['actor']:<16} {e['channel']:<7} {e['action']:<12} {e['object_type']}"
        f"{' #' + e['object_id'] if e['object_id'] else ''}  {e['summary']}"
        for e in document["entries"]
    ]
    shown = {"n": len(document["entries"]), "t": number(document["total"])}
    return [*lines, _("%(n)s van %(t)s regels.") % shown]
