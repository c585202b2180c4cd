"""The rhythm of learning: the monthly brief and the calendar."""

from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.cli.base import cli, command, emit
from leerlus.errors import InputError
from leerlus.presentation.formatting import month, number, percent


@cli.command()
@click.option("--month", required=True, help="De maand (jjjj-mm).")
@click.option(
    "--format", "output_format", type=click.Choice(["html", "pdf"]), help="Als HTML of PDF in plaats van tekst."
)
@click.option("--output", type=click.Path(path_type=Path), help="Schrijf naar dit bestand (nodig voor PDF).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def brief(month, output_format, output, as_json):
    """De maandbrief voor de retrospectief: incidenten, experimenten, besluiten, lessen, acties."""
    from leerlus.core.selectors import current_organisation
    from leerlus.rhythm.brief import brief_document, parse_month
    from leerlus.rhythm.report import brief_html, brief_pdf

    document = brief_document(parse_month(month))
    organisation = current_organisation()
    if output_format == "pdf" and not output:
        raise InputError(_("Geef een bestand met --output voor een PDF."))
    if output_format:
        content = brief_pdf(document, organisation) if output_format == "pdf" else brief_html(document, organisation)
        if output:
            output.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            click.echo(f"Maandbrief {document['month']} geschreven naar {output}.", err=True)
        else:
            click.echo(content)
        return
    emit(document, as_json, _brief_lines)


def _brief_lines(document):
    from leerlus.playground.models import Experiment

    if not document["has_data"]:
        yield document["message"]
        return
    yield f"Maandbrief {month(document['month'])}: {number(document['signals']['total'])} signalen."
    for incident in document["incidents"]["new"]:
        yield f"  Nieuw: {incident['summary']}"
    for incident in document["incidents"]["ongoing"]:
        yield f"  Loopt nog: {incident['summary']}"
    for experiment in document["experiments"]:
        status = Experiment.Status(experiment["status"]).label
        yield f"  Experiment {experiment['title']} ({status}, {percent(experiment['progress'])} van de looptijd)"
    yield f"  Lessen: {len(document['lessons'])}; open acties: {sum(not a['done_on'] for a in document['open_actions'])}"  # noqa: E501


@cli.command()
@click.option("--output", required=True, type=click.Path(path_type=Path), help="Het .ics-bestand om te schrijven.")
@command
def calendar(output):
    """Alle vaste momenten van het leerritme als iCalendar-bestand (RFC 5545)."""
    from leerlus.rhythm.calendar import calendar_bytes

    output.write_bytes(calendar_bytes())
    click.echo(f"Agenda geschreven naar {output}.", err=True)
