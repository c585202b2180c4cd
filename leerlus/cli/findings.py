"""The analysis and what it finds: analyse, patterns, incidents."""

import click

from leerlus.cli.base import cli, command, emit
from leerlus.presentation.formatting import day, number


@cli.command()
@click.option(
    "--full", is_flag=True, help="Alles opnieuw: model en onderwerpen opnieuw leren, alle signalen opnieuw indelen."
)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def analyse(full, as_json):
    """Deelt signalen in en zoekt patronen; standaard alleen wat nieuwe signalen veranderen."""
    from leerlus.jobs.services import run_inline

    job = run_inline("analysis", {"full": full}, progress=say_stage)
    emit(job.result, as_json, analysis_lines)


def say_stage(done, total, stage):
    if stage:
        click.echo(stage, err=True)


def analysis_lines(summary):
    yield (
        f"{number(summary['classified'])} van {number(summary['signals'])} signalen ingedeeld; "
        f"{number(summary['patterns'])} patronen ({number(summary['new_patterns'])} nieuw) in "
        f"{number(summary['incidents'])} incidenten ({number(summary['new_incidents'])} nieuw), "
        f"gegevens tot en met {day(summary['data_until']) or '-'} ({number(summary['seconds'], 1)} s)."
    )


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Patronen vanaf deze dag (jjjj-mm-dd).")
@click.option("--kind", help="spike, level_shift, trend, emerging_topic of ripple.")
@click.option("--channel", help="Alleen dit kanaal.")
@click.option("--service", help="Alleen deze dienst.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def patterns(since, kind, channel, service, as_json):
    """Toont de gevonden patronen, nieuwste en sterkste eerst (afgewezen patronen niet)."""
    from leerlus.patterns.selectors import PatternFilter, patterns_document

    document = patterns_document(
        PatternFilter(since=since.date() if since else None, kind=kind, channel=channel, service=service)
    )
    emit(document, as_json, _pattern_lines)


def _pattern_lines(document):
    from leerlus.patterns.models import KINDS

    kinds = dict(KINDS)
    if not document["patterns"]:
        yield "Geen patronen. Draai eerst `leerlus analyse`, of verruim de filters."
    for p in document["patterns"]:
        yield f"{day(p['start'])}  {str(kinds.get(p['kind'], p['kind'])):<18} {p['summary']}"


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Incidenten vanaf deze dag (jjjj-mm-dd).")
@click.option("--status", help="nieuw, verwacht, bekend of onterecht (standaard: nieuw en bekend).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def incidents(since, status, as_json):
    """Toont de incidenten: één per gebeurtenis, met de patronen die erbij horen, sterkste en recentste eerst."""
    from leerlus.patterns.selectors import IncidentFilter, incidents_document

    emit(
        incidents_document(IncidentFilter(since=since.date() if since else None, status=status)),
        as_json,
        _incident_lines,
    )


def _incident_lines(document):
    if not document["incidents"]:
        yield "Geen incidenten. Draai eerst `leerlus analyse`, of kies een andere --status."
    for incident in document["incidents"]:
        score = number(incident["score"], 1)
        yield f"{day(incident['start'])}  {incident['status']:<9} {score:>7}  {incident['summary']}"
