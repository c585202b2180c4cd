"""The `leerlus` command line: each command parses its options, calls one service, emits the result.

With --json every command prints exactly one JSON document on stdout; progress goes to stderr.
Bad input ends with exit status 2 and a one-line Dutch message.
"""

import getpass
import json
import os
import socket
import sys
from functools import wraps
from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.audit.context import Actor, acting
from leerlus.core.channels import channel_label, readable_series
from leerlus.errors import InputError
from leerlus.presentation.formatting import change, day, method, moment, month, number, percent, signed
from leerlus.presentation.terminal_progress import TerminalProgress


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerlus.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)  # the command line speaks Dutch, whatever ran before it


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
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


@cli.command()
@click.option("--load-only", is_flag=True, help="Alleen laden, niet serveren.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def demo(load_only, as_json):
    """Laadt Gemeente Voorbeeldstad (18 maanden signalen), analyseert ze en start de app op 127.0.0.1:8000."""
    from leerlus.demo.exchange import load_neighbour
    from leerlus.demo.incidents import mark_incidents
    from leerlus.demo.load import load_demo
    from leerlus.demo.playground import load_experiments
    from leerlus.demo.rhythm import load_rhythm
    from leerlus.jobs.services import run_inline

    click.echo("Gemeente Voorbeeldstad laden …", err=True)
    progress = _import_progress()
    imported = load_demo(progress=progress)
    progress.finish()
    analysed = run_inline("analysis", {"full": True}, progress=_say_stage).result
    load_experiments()
    load_rhythm()
    mark_incidents()
    load_neighbour()
    emit(
        {"import": imported, "analysis": analysed},
        as_json,
        lambda document: [*_import_lines(document["import"]), *_analysis_lines(document["analysis"])],
    )
    if not load_only:
        click.echo("Inloggen als beheerder: demo / demo (of als lezer: lezer / lezer)", err=True)
        _serve("127.0.0.1", 8000)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=int, help="Poort.")
@click.option(
    "--worker/--no-worker",
    default=True,
    show_default=True,
    help="Ook een worker voor de achtergrondtaken starten (--no-worker als die elders draaien).",
)
@command
def serve(host, port, worker):
    """Start de webapplicatie, met een worker voor de achtergrondtaken."""
    _serve(host, port, worker=worker)


def _serve(host: str, port: int, *, worker: bool = True) -> None:
    import signal

    from django.conf import settings
    from waitress import serve as waitress_serve

    from leerlus.jobs.worker import start_worker_process, stop_worker_process
    from leerlus.wsgi import application

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)  # so that the worker is stopped with the server
    process = start_worker_process() if worker else None
    click.echo(f"leerlus draait op http://{host}:{port}/  (stoppen: Ctrl+C)", err=True)
    try:
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=8,
            ident="leerlus",
            _quiet=True,
            # waitress spools a request body to disk; let an upload up to the wizard's limit through to it
            max_request_body_size=settings.IMPORT_UPLOAD_MAX_BYTES + 1024 * 1024,
            **_behind_proxy(),
        )
    finally:
        if process:
            stop_worker_process(process)


def _behind_proxy() -> dict:
    """With LEERLUS_SECURE=1 the proxy in front (LEERLUS_TRUSTED_PROXY, default this machine) says how it was asked."""
    from django.conf import settings

    if not settings.SECURE_PROXY_SSL_HEADER:
        return {}
    return {
        "trusted_proxy": os.environ.get("LEERLUS_TRUSTED_PROXY", "127.0.0.1"),
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
    }


def _import_progress():
    """The progress of the demo's import on stderr: a bar on a terminal, short lines otherwise."""
    bar = TerminalProgress()

    def show(progress) -> None:
        bar(progress.read, progress.total, progress.stage_label())

    show.finish = bar.finish
    return show


def _day_option(value: str | None):
    """--date: jjjj-mm-dd or dd-mm-jjjj."""
    from datetime import date, datetime

    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return datetime.strptime(value.strip(), "%d-%m-%Y").date()
    except ValueError:
        raise InputError(
            _("--date '%(v)s' is geen datum; gebruik jjjj-mm-dd of dd-mm-jjjj.") % {"v": value[:20]}
        ) from None


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "file_format", help="csv, xlsx of json (anders bepaald uit de extensie).")
@click.option("--channel", "default_channel", help="Kanaal voor rijen zonder kanaal.")
@click.option("--date", "default_date", metavar="DATUM", help="Datum voor rijen zonder datum (jjjj-mm-dd).")
@click.option("--map", "column_map", multiple=True, metavar="KOLOM=veld", help="Kolom uit het bestand naar een veld.")
@click.option("--map-channel", multiple=True, metavar="WAARDE=kanaal", help="Eigen kanaalcode naar een kanaal.")
@click.option("--rejected", "rejected_to", type=click.Path(path_type=Path), help="Alle afgewezen regels naar dit CSV.")
@click.option("--source", "source", metavar="NAAM", help="Koppeling van een bewaarde bron (uit de importwizard).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def import_command(
    file, file_format, default_channel, default_date, column_map, map_channel, rejected_to, source, as_json
):
    """Leest signalen uit een CSV-, XLSX- of JSON-bestand; persoonsgegevens worden eerst verwijderd."""
    from leerlus.intake.jobs import import_params, import_title
    from leerlus.intake.rejections import copy_rejected_lines
    from leerlus.intake.sources import source_options
    from leerlus.jobs.services import run_inline

    options = source_options(source) if source else {}  # what is given on the command line goes first
    params = import_params(
        file.absolute(),
        file_format=file_format or options.get("file_format"),
        column_map={**options.get("column_map", {}), **_pairs(column_map, "--map")},
        channel_map={**options.get("channel_map", {}), **_pairs(map_channel, "--map-channel")},
        default_channel=default_channel or options.get("default_channel"),
        default_date=_day_option(default_date or options.get("default_date")),
        source=source,
    )
    progress = TerminalProgress()
    try:
        summary = run_inline("import", params, title=import_title(file.name), progress=progress).result
    finally:
        progress.finish()
    if rejected_to:
        copy_rejected_lines(summary["rejected_file"], rejected_to)
    emit(summary, as_json, _import_lines)


def _import_lines(summary):
    yield (
        f"{number(summary['read'])} rijen gelezen: {number(summary['imported'])} nieuw, "
        f"{number(summary['duplicates'])} dubbel, {number(summary['rejected'])} afgewezen "
        f"({number(summary['seconds'], 1)} s)."
    )
    if summary["redacted"]:
        yield "Verwijderde persoonsgegevens: " + ", ".join(f"{k} {number(v)}" for k, v in summary["redacted"].items())
    if summary["rejected_by_reason"]:
        yield _("Afgewezen per reden:")
    for group in summary["rejected_by_reason"]:
        lines = ", ".join(str(line) for line in group["lines"])
        more = ", …" if group["count"] > len(group["lines"]) else ""
        yield f"  {number(group['count'])} × {group['reason']} " + _("(regels %(l)s)") % {"l": lines + more}
        if group["values"]:
            yield "      " + ", ".join(f"{v['value']} {number(v['count'])}" for v in group["values"])
    if summary["rejected_file"]:
        yield _("Alle afgewezen regels: %(f)s") % {"f": summary["rejected_file"]}


@cli.group()
def source():
    """Bronnen die signalen leveren: Signalen, Open Klant, KISS, een gedeelde mailbox."""


@source.command(name="add")
@click.argument("kind", type=click.Choice(["signalen", "signalen-csv", "openklant", "kiss", "imap"]))
@click.argument("name")
@click.option("--url", default="", help="Adres van de API, de ZIP (of een pad) of de mailbox.")
@click.option("--token-file", type=click.Path(path_type=Path), help="Bestand met de sleutel of het wachtwoord.")
@click.option("--every", metavar="INTERVAL", help="Synchroniseer vanzelf, bijv. 15m, 2h of 1d.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def source_add(kind, name, url, token_file, every, as_json):
    """Voegt een bron toe (of wijzigt hem); de sleutel blijft in het bestand en wordt nooit getoond."""
    from leerlus.intake.schemas import SourceOut
    from leerlus.intake.syncing import add_source

    added = add_source(kind, name, url=url, token_file=token_file, every=every)
    emit(SourceOut.from_orm(added), as_json, lambda document: [_source_line(document)])


@source.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def source_list(as_json):
    """Toont de bronnen met hun stand, laatste synchronisatie en laatste fout."""
    from leerlus.intake.schemas import SourceList
    from leerlus.intake.syncing import synced_sources

    emit(SourceList(sources=list(synced_sources())), as_json, _source_lines)


def _source_line(document) -> str:
    every = _("elke %(n)s min") % {"n": document["every_minutes"]} if document["every_minutes"] else _("met de hand")
    last = moment(document["last_sync_at"]) if document["last_sync_at"] else _("nog nooit")
    line = f"{document['name']}  ({document['kind']}, {every})  " + _("laatst: %(t)s") % {"t": last}
    if document["last_error"]:
        line += "  " + _("fout (%(n)s keer op rij): %(e)s") % {"n": document["failures"], "e": document["last_error"]}
    return line


def _source_lines(document):
    return [_source_line(s) for s in document["sources"]] or [
        _("Geen bronnen. Voeg er een toe met 'leerlus source add'.")
    ]


@cli.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def sync(name, as_json):
    """Haalt het nieuwe op uit een bron (of uit alle bronnen) en leest het in; persoonsgegevens eerst verwijderd."""
    from leerlus.intake.jobs import sync_title
    from leerlus.intake.syncing import source_to_sync, synced_sources
    from leerlus.jobs.services import run_inline

    names = [source_to_sync(name).name] if name else list(synced_sources().values_list("name", flat=True))
    results = [run_inline("sync", {"source": n}, title=sync_title(n)).result for n in names]
    emit(results[0] if name else results, as_json, lambda document: _sync_lines([document] if name else document))


def _sync_lines(documents):
    if not documents:
        yield _("Geen bronnen. Voeg er een toe met 'leerlus source add'.")
    for d in documents:
        yield (
            f"{d['source']}: {number(d['fetched'])} opgehaald, {number(d['imported'])} nieuw, "
            f"{number(d['duplicates'])} dubbel, {number(d['rejected'])} afgewezen ({number(d['seconds'], 1)} s)."
        )
        for group in d["rejected_by_reason"]:
            yield f"  {number(group['count'])} × {group['reason']}"
            if group["values"]:
                yield "      " + ", ".join(f"{v['value']} {number(v['count'])}" for v in group["values"])
        for error in d["errors"]:
            yield "  " + _("Fout: %(e)s") % {"e": error}


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Vanaf deze dag (jjjj-mm-dd).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Tot en met deze dag (jjjj-mm-dd).")
@click.option("--channel", help="Alleen dit kanaal.")
@click.option("--service", help="Alleen deze dienst.")
@click.option("--words", default="", help="Alleen signalen met al deze woorden in de tekst.")
@click.option("--limit", type=int, default=50, show_default=True, help="Aantal signalen (hoogstens 1000).")
@click.option("--after", help="Paginaverwijzing (next_cursor) van de vorige pagina.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def signals(since, until, channel, service, words, limit, after, as_json):
    """Toont signalen, nieuwste eerst, met dezelfde filters als de signalenpagina."""
    from leerlus.core.selectors import SignalFilter, signal_page

    page = signal_page(
        SignalFilter(
            since=since.date() if since else None,
            until=until.date() if until else None,
            channel=channel,
            service=service,
            words=words,
            limit=limit,
            after=after,
        )
    )
    emit(page, as_json, _signal_lines)


def _signal_lines(page):
    for s in page["signals"]:
        service = (s["service"] or "-")[:24]
        yield f"{moment(s['received_at'])}  {channel_label(s['channel']):<13} {service:<24}  {s['text'][:80]}"
    if page["next_cursor"]:
        yield f"Volgende pagina: --after '{page['next_cursor']}'"


@cli.command()
@click.option(
    "--full", is_flag=True, help="Alles opnieuw: model en onderwerpen opnieuw leren, alle signalen opnieuw indelen."
)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def analyse(full, as_json):
    """Deelt signalen in en zoekt patronen; standaard alleen wat nieuwe signalen veranderen."""
    from leerlus.jobs.services import run_inline

    job = run_inline("analysis", {"full": full}, progress=_say_stage)
    emit(job.result, as_json, _analysis_lines)


@cli.command()
@click.option("--text", default="", help="Een stuk tekst van de persoon (geredigeerd zoals bij import).")
@click.option("--external-id", default="", help="Het zaaknummer (externe id) van de persoon.")
@click.option("--dry-run", is_flag=True, help="Alleen tellen wat zou worden gewist.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def erase(text, external_id, dry_run, as_json):
    """Wist de signalen van één persoon, met hun dagtellingen en de geleerde woordenlijsten (AVG-verzoek)."""
    from dataclasses import asdict

    from leerlus.patterns.erasure import erase_signals

    emit(asdict(erase_signals(text=text, external_id=external_id, dry_run=dry_run)), as_json, _erase_lines)


def _erase_lines(erasure):
    verb = "zou wissen" if erasure["dry_run"] else "gewist"
    yield f"{number(erasure['signals'])} signalen {verb}, op {number(len(erasure['days']))} dagen."
    if erasure["analysis_requested"]:
        yield "Een volledige analyse is aangevraagd; die bouwt de woordenlijsten opnieuw op zonder deze signalen."


def _say_stage(done, total, stage):
    if stage:
        click.echo(stage, err=True)


def _analysis_lines(summary):
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


@cli.command()
@click.option("--channel", help="Het kanaal van de meetreeks.")
@click.option("--service", help="De dienst van de meetreeks.")
@click.option(
    "--terms", multiple=True, help="Alleen signalen met deze woorden (herhaal de optie of scheid met spaties)."
)
@click.option(
    "--start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Start van het experiment (jjjj-mm-dd)."
)
@click.option(
    "--end", type=click.DateTime(["%Y-%m-%d"]), help="Einde (jjjj-mm-dd); standaard de laatste dag met gegevens."
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="KANAAL/DIENST",
    help="Laat deze reeks weg uit de controlereeksen (herhaalbaar): whatsapp/Algemeen, whatsapp of /Afval.",
)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def effect(channel, service, terms, start, end, exclude, as_json):
    """Schat het effect op een reeks sinds de start: waargenomen tegen wat zonder experiment verwacht was."""
    from leerlus.playground.measurement import estimate_effect, parse_exclusions, resolve_service
    from leerlus.playground.schemas import EffectOut

    estimate = estimate_effect(
        channel=channel,
        service=resolve_service(service),
        terms=[word for value in terms for word in value.replace(",", " ").split()],
        start=start.date(),
        end=end.date() if end else None,
        touched=parse_exclusions(exclude),
    )
    emit(EffectOut.from_orm(estimate), as_json, _effect_lines)


def _effect_lines(estimate):
    from leerlus.playground.effect_sentences import effect_reason

    if not estimate["enough_data"]:
        yield effect_reason(estimate)
        return
    yield (
        f"Relatief effect {change(estimate['relative_effect'])} (95%-interval {change(estimate['ci_low'])} tot "
        f"{change(estimate['ci_high'])}), {signed(estimate['absolute_per_day'])} signalen per dag."
    )
    controls = ", ".join(map(readable_series, estimate["control"])) or "geen"
    yield f"Methode: {method(estimate['method'])}; controlereeksen: {controls}."
    yield effect_reason(estimate)


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


@cli.command()
@click.option(
    "--scenario",
    "scenario_file",
    required=True,
    type=click.Path(path_type=Path),
    help="JSON-bestand met kanalen (en eventueel scenario's).",
)
@click.option("--simulation", is_flag=True, help="Simuleren (SimPy) in plaats van de formules (Erlang C/A).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def simulate(scenario_file, simulation, as_json):
    """Wachttijden per kanaal: servicelevel, gemiddelde wachttijd, bezetting, afhakers, wachtrij."""
    from leerlus.systemview.scenarios import read_scenario, run

    emit(run(read_scenario(scenario_file), simulation=simulation), as_json, _simulation_lines)


def _or_rising(value, decimals: int) -> str:
    return "loopt op" if value is None else number(value, decimals)


def _simulation_lines(document):
    def lines(channels):
        for c in channels:
            yield (
                f"  {channel_label(c['name']):<12} binnen de tijd {percent(c['service_level'])}, "
                f"wachttijd {_or_rising(c['asa_seconds'], 0)} s, bezetting {percent(c['occupancy'])}, "
                f"afhakers {percent(c['abandon_rate'])}, wachtrij {_or_rising(c['queue_length'], 1)} "
                f"({method(c['method'])})"
            )

    yield "Nu:"
    yield from lines(document["channels"])
    for scenario in document.get("scenarios", []):
        yield f"{scenario['name']}:"
        yield from lines(scenario["channels"])


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


def _password(password_file: Path | None, **person) -> str:
    """The password from the file's first line; or asked twice without showing it, again until the two are the same
    and it meets the password rules (`person`: the username, e-mail and name it may not resemble)."""
    if password_file is None:
        from leerlus.core.people import check_password

        while True:
            password = click.prompt("Wachtwoord", hide_input=True, default="", show_default=False)
            if password != click.prompt("Nog een keer", hide_input=True, default="", show_default=False):
                click.echo("De twee wachtwoorden zijn niet gelijk; probeer het opnieuw.", err=True)
                continue
            try:
                return check_password(password, **person)
            except InputError as error:
                click.echo(f"{error} Probeer het opnieuw.", err=True)
    try:
        lines = password_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            _("Kan het wachtwoordbestand %(f)s niet lezen: %(e)s") % {"f": password_file, "e": error}
        ) from None
    return lines[0] if lines else ""


def _ask(value: str | None, question: str, default: str | None = None) -> str:
    return value if value is not None else click.prompt(question, default=default)


WORLDS = ["techniek", "beleid", "uitvoering"]


@cli.command()
@click.option("--organisation", help="Naam van de organisatie, bijvoorbeeld 'Gemeente Voorbeeldstad'.")
@click.option("--admin", help="Gebruikersnaam van de eerste beheerder.")
@click.option("--email", help="E-mailadres van de beheerder.")
@click.option("--name", help="Naam van de beheerder (standaard de gebruikersnaam).")
@click.option("--department", help="Afdeling van de beheerder (standaard Informatievoorziening).")
@click.option("--world", type=click.Choice(WORLDS), help="Wereld van die afdeling (standaard techniek).")
@click.option("--password-file", type=click.Path(path_type=Path), help="Lees het wachtwoord uit dit bestand.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def setup(organisation, admin, email, name, department, world, password_file, as_json):
    """Richt een nieuwe installatie in: de organisatie en de eerste beheerder (vraagt wat niet is meegegeven)."""
    from leerlus.core.first_run import DEFAULT_DEPARTMENT, DEFAULT_WORLD, check_install, check_not_installed, install

    check_not_installed()
    if None in (organisation, admin, email):  # interactive: ask for what was not given
        organisation = _ask(organisation, "Naam van de organisatie")
        admin = _ask(admin, "Gebruikersnaam van de beheerder")
        email = _ask(email, "E-mailadres van de beheerder")
        name = _ask(name, "Naam van de beheerder", default="")
        department = _ask(department, "Afdeling van de beheerder", default=DEFAULT_DEPARTMENT)
        world = world or click.prompt("Wereld van die afdeling", default=DEFAULT_WORLD, type=click.Choice(WORLDS))
    department, world = department or DEFAULT_DEPARTMENT, world or DEFAULT_WORLD
    check_install(
        organisation=organisation, admin=admin, email=email, department=department, world=world
    ).raise_any()  # before the password is asked
    done = install(
        organisation=organisation,
        admin=admin,
        email=email,
        name=name or "",
        department=department,
        world=world,
        password=_password(password_file, username=admin, email=email, name=name or ""),
    )
    emit(done, as_json, _setup_lines)


def _setup_lines(document):
    admin = document["admin"]
    yield f"{document['organisation']} is ingericht; beheerder {admin['username']} ({admin['department']})."
    yield "Start de webapplicatie met `leerlus serve`, log in en volg Inrichten."


@cli.group()
def user():
    """Mensen met een account: toevoegen en tonen."""


@user.command(name="add")
@click.argument("username")
@click.option("--role", required=True, help="beheerder, teamlid of lezer.")
@click.option("--department", help="De afdeling (moet bestaan); standaard de enige afdeling als er één is.")
@click.option("--name", default="", help="Naam van de persoon (standaard de gebruikersnaam).")
@click.option("--email", default="", help="E-mailadres.")
@click.option("--password-file", type=click.Path(path_type=Path), help="Lees het wachtwoord uit dit bestand.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_add(username, role, department, name, email, password_file, as_json):
    """Voegt een persoon met een account toe (vraagt het wachtwoord twee keer als er geen bestand is)."""
    from leerlus.core import people
    from leerlus.core.schemas import PersonOut

    people.check_role(role)
    people.check_username(username)
    people.check_email(email)
    home = people.find_department(department) if department else people.only_department()
    person = people.add_person(
        username=username,
        role=role,
        department=home,
        name=name,
        email=email,
        password=_password(password_file, username=username, email=email, name=name),
    )
    emit(PersonOut.from_orm(person), as_json, lambda p: [_person_line(p)])


def _person_line(person) -> str:
    login = "  (via identity provider)" if person["through_provider"] else ""
    login = login if person["can_log_in"] else "  (nog geen wachtwoord)"
    where = f"{person['department']} ({person['world']})"
    return f"{person['username'] or '-':<16} {person['role']:<10} {person['name']} — {where}{login}"


@user.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_list(as_json):
    """Toont iedereen met rol, afdeling en discipline."""
    from leerlus.core.people import people_document

    emit(people_document(), as_json, lambda document: [_person_line(p) for p in document["people"]])


@user.command(name="unlock")
@click.argument("username")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_unlock(username, as_json):
    """Heft de blokkade na te veel mislukte inlogpogingen op (voor alle adressen)."""
    from leerlus.core.people import unlock

    emit(unlock(username), as_json, _unlock_lines)


def _unlock_lines(document):
    cleared = {"n": document["attempts_cleared"], "u": document["username"]}
    return [_("%(n)s mislukte pogingen van %(u)s gewist; %(u)s kan weer inloggen.") % cleared]


@cli.group(name="key")
def user_key():
    """API-sleutels: uitgeven, tonen en intrekken."""


@user_key.command(name="add")
@click.argument("username")
@click.option("--name", "purpose", required=True, help="Waarvoor de sleutel is, bijvoorbeeld 'dashboard'.")
@click.option("--days", default=365, show_default=True, type=click.IntRange(1, 3650), help="Geldig zoveel dagen.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_add(username, purpose, days, as_json):
    """Geeft een nieuwe API-sleutel uit; de sleutel wordt alleen nu getoond."""
    from leerlus.core.tokens import issue_for_username

    emit(issue_for_username(username, purpose, days), as_json, _key_issued_lines)


def _key_issued_lines(document):
    until = day(document["token"]["expires_at"])
    keep = _("Bewaar deze sleutel nu; hij wordt niet nog eens getoond. Geldig tot %(d)s.") % {"d": until}
    return [document["key"], keep]


@user_key.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_list(as_json):
    """Toont alle API-sleutels met eigenaar, geldigheid en laatste gebruik (nooit de sleutel zelf)."""
    from leerlus.core.tokens import tokens_document

    emit(tokens_document(), as_json, lambda d: [_token_line(t) for t in d["tokens"]])


def _token_line(token) -> str:
    used = day(token["last_used_at"]) if token["last_used_at"] else "-"
    until = day(token["expires_at"])
    who = f"{token['username']:<16} {token['name']:<20}"
    return f"{token['id']:>4}  {token['state']:<11} {who} tot {until}  gebruikt {used}"


@user_key.command(name="revoke")
@click.argument("token_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_revoke(token_id, as_json):
    """Trekt een API-sleutel in: hij werkt direct niet meer."""
    from leerlus.core.tokens import revoke

    emit(revoke(token_id), as_json, lambda t: [_token_line(t)])


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


@cli.command()
@click.option("--dry-run", is_flag=True, help="Alleen tellen wat er zou gebeuren.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def retention(dry_run, as_json):
    """Past de bewaartermijnen toe: oude teksten anonimiseren, nog oudere signalen verwijderen."""
    from leerlus.intake.retention import apply_retention

    emit(apply_retention(dry_run=dry_run), as_json, _retention_lines)


def _retention_lines(document):
    if document["anonymise_after_days"] is None and document["delete_after_days"] is None:
        return [_("Er zijn geen bewaartermijnen ingesteld (Beheer → Organisaties); er gebeurt niets.")]
    verb = _("zou") if document["dry_run"] else _("is")
    return [
        _("Anonimiseren na %(n)s dagen (vóór %(d)s): %(c)s signalen %(v)s geanonimiseerd.")
        % {
            "n": document["anonymise_after_days"] or "-",
            "d": day(document["anonymise_before"]) or "-",
            "c": number(document["anonymised"]),
            "v": verb,
        },
        _("Verwijderen na %(n)s dagen (vóór %(d)s): %(c)s signalen %(v)s verwijderd.")
        % {
            "n": document["delete_after_days"] or "-",
            "d": day(document["delete_before"]) or "-",
            "c": number(document["deleted"]),
            "v": verb,
        },
    ]


@cli.command()
@click.option("--concurrency", default=1, show_default=True, type=int, help="Aantal taken tegelijk (threads).")
@command
def worker(concurrency):
    """Start een worker die achtergrondtaken uitvoert (broker uit LEERLUS_BROKER_URL, anders ingebouwd)."""
    from leerlus.jobs.worker import run_worker

    run_worker(concurrency)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@click.pass_context
def jobs(ctx, as_json):
    """Toont de achtergrondtaken, nieuwste eerst: status, fase, voortgang, resultaat of fout."""
    if ctx.invoked_subcommand is None:
        _list_jobs(as_json)


@command
def _list_jobs(as_json):
    from leerlus.jobs.selectors import jobs_document

    emit(jobs_document(), as_json, _job_lines)


def _job_lines(document):
    from leerlus.jobs.models import Job

    if not document["jobs"]:
        yield "Geen taken."
    for job in document["jobs"]:
        counted = f"{number(job['done'])}/{number(job['total'])}" if job["total"] else number(job["done"])
        note = job["error"] or job["stage"]
        status = Job.Status(job["status"]).label
        yield f"{job['id']:>5}  {moment(job['created_at'])}  {status:<11} {counted:>15}  {job['title']}  {note}"


@jobs.command(name="cancel")
@click.argument("job_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def cancel_job(job_id, as_json):
    """Annuleert een wachtende of lopende taak."""
    from leerlus.jobs.selectors import job_document, job_or_input_error
    from leerlus.jobs.services import cancel

    job = cancel(job_or_input_error(job_id))
    emit(job_document(job), as_json, lambda document: _job_lines({"jobs": [document]}))


def main():
    cli(prog_name="leerlus")


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
    for error in document["errors"]:
        yield _("Fout bij %(f)s: %(e)s") % {"f": error["feed"], "e": error["error"]}
