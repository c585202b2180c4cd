"""Getting signals in and out: import, sources and sync, the signal list, erasure and retention."""

from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.cli.base import cli, command, emit, pairs
from leerlus.core.channels import channel_label
from leerlus.errors import InputError
from leerlus.presentation.formatting import day, moment, number
from leerlus.presentation.terminal_progress import TerminalProgress


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
        column_map={**options.get("column_map", {}), **pairs(column_map, "--map")},
        channel_map={**options.get("channel_map", {}), **pairs(map_channel, "--map-channel")},
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
    emit(summary, as_json, import_lines)


def import_lines(summary):
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
    from leerlus.demo.sources import serving_demo_sources
    from leerlus.intake.jobs import sync_title
    from leerlus.intake.syncing import source_to_sync, synced_sources
    from leerlus.jobs.services import run_inline

    names = [source_to_sync(name).name] if name else list(synced_sources().values_list("name", flat=True))
    with serving_demo_sources():  # on the demo's data directory only: its fake systems, for this sync
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


@cli.group()
def widget():
    """De feedbackwidget voor websites: welke sites hem mogen gebruiken, en de wachtrij verwerken."""


@widget.command(name="allow")
@click.argument("origin")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def widget_allow(origin, as_json):
    """Zet een website (https://www.voorbeeldstad.nl) op de lijst die de feedbackwidget mag gebruiken."""
    from leerlus.intake.schemas import WidgetSiteOut
    from leerlus.intake.widget import allow_site

    site = allow_site(origin)
    emit(WidgetSiteOut.from_orm(site), as_json, lambda d: [_("Toegestaan: %(o)s") % {"o": d["origin"]}])


@widget.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def widget_list(as_json):
    """Toont de websites die de feedbackwidget mogen gebruiken en hoeveel reacties wachten."""
    from leerlus.intake.models import PageFeedback, WidgetSite
    from leerlus.intake.schemas import WidgetSites

    document = WidgetSites(sites=list(WidgetSite.objects.all()), waiting=PageFeedback.objects.count())
    emit(document, as_json, _widget_lines)


def _widget_lines(document):
    yield from [site["origin"] for site in document["sites"]] or [_("Nog geen websites; zie 'leerlus widget allow'.")]
    yield _("%(n)s reacties wachten op verwerking.") % {"n": number(document["waiting"])}


@widget.command(name="import")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def widget_import(as_json):
    """Maakt nu signalen van de wachtende reacties (de taak die de worker anders binnen een minuut start)."""
    from leerlus.intake.schemas import WidgetImport
    from leerlus.jobs.services import run_inline

    result = WidgetImport(**run_inline("widget", {}).result)
    emit(
        result,
        as_json,
        lambda d: [
            _("%(new)s nieuw, %(dup)s dubbel, %(rej)s afgewezen.")
            % {"new": number(d["imported"]), "dup": number(d["duplicates"]), "rej": number(d["rejected"])}
        ],
    )


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
