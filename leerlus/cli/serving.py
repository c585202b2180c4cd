"""Running leerlus: the demo, the web server, the job worker and the jobs list."""

import os

import click

from leerlus.cli.base import cli, command, emit
from leerlus.cli.findings import analysis_lines, say_stage
from leerlus.cli.intake import import_lines
from leerlus.presentation.formatting import moment, number
from leerlus.presentation.terminal_progress import TerminalProgress


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
    from leerlus.demo.sources import add_demo_sources
    from leerlus.jobs.services import run_inline

    click.echo("Gemeente Voorbeeldstad laden …", err=True)
    progress = _import_progress()
    imported = load_demo(progress=progress)
    progress.finish()
    analysed = run_inline("analysis", {"full": True}, progress=say_stage).result
    load_experiments()
    load_rhythm()
    mark_incidents()
    load_neighbour()
    add_demo_sources()
    emit(
        {"import": imported, "analysis": analysed},
        as_json,
        lambda document: [*import_lines(document["import"]), *analysis_lines(document["analysis"])],
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

    from leerlus.demo.sources import serving_demo_sources
    from leerlus.jobs.worker import start_worker_process, stop_worker_process
    from leerlus.wsgi import application

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)  # so that the worker is stopped with the server
    demo_sources = serving_demo_sources()
    demo_sources.__enter__()  # before the worker starts, so that it syncs the demo sources at their address
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
        demo_sources.__exit__(None, None, None)


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
