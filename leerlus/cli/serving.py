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
        _serve("127.0.0.1", 8000, processes=os.cpu_count() or 1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=int, help="Poort.")
@click.option(
    "--processes",
    default=os.cpu_count() or 1,
    show_default="het aantal processorkernen",
    type=click.IntRange(1, 64),
    help="Aantal serverprocessen (elk met vier threads); meer dan één alleen op Linux en macOS.",
)
@click.option(
    "--worker/--no-worker",
    default=True,
    show_default=True,
    help="Ook een worker voor de achtergrondtaken starten (--no-worker als die elders draaien).",
)
@command
def serve(host, port, processes, worker):
    """Start de webapplicatie, met een worker voor de achtergrondtaken."""
    _serve(host, port, processes=processes, worker=worker)


THREADS_PER_PROCESS = 4


def _serve(host: str, port: int, *, processes: int = 1, worker: bool = True) -> None:
    import signal
    import socket

    from leerlus.demo.sources import serving_demo_sources
    from leerlus.jobs.worker import start_worker_process, stop_worker_process

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)  # so that the worker and the server processes are stopped with the server
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host.strip("[]"), port), family=family, backlog=1024)
    with serving_demo_sources():  # before the worker starts, so that it syncs the demo sources at their address
        process = start_worker_process() if worker else None
        click.echo(f"leerlus draait op http://{host}:{port}/  (stoppen: Ctrl+C)", err=True)
        try:
            if processes == 1:
                _waitress(listener)
            else:
                _serve_in_processes(listener, processes)
        finally:
            if process:
                stop_worker_process(process)


def _serve_in_processes(listener, processes: int) -> None:
    """Several waitress processes accept on one listening socket (pre-fork), so pages use every core.

    gunicorn would be the library for a pre-fork server, but unlike waitress it neither takes the client's address
    from a trusted proxy's X-Forwarded-For nor drops those headers from other peers, and the production settings
    (LEERLUS_SECURE, the audit trail's addresses, the login lock-out per address) rely on both. When one server
    process ends, the others are stopped too, so that a supervisor (systemd) sees the failure and restarts."""
    import signal
    import threading
    import time

    from django.db import connections
    from django.utils.translation import gettext as _

    from leerlus.jobs.worker import watch_parent

    connections.close_all()  # a connection must not be shared by forked processes
    parent, children = os.getpid(), []
    try:
        for _number in range(processes):
            pid = os.fork()
            if pid == 0:  # the server process
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the parent, which stops this one
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                # after a kill -9 of the parent nobody stops this one: it ends itself, as the job worker does
                threading.Thread(target=watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
                try:
                    _waitress(listener)
                finally:
                    os._exit(1)
            children.append(pid)
        while all(os.waitpid(pid, os.WNOHANG) == (0, 0) for pid in children):
            time.sleep(0.5)
        raise click.ClickException(_("Een serverproces is gestopt; leerlus stopt."))
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass


def _waitress(listener) -> None:
    from django.conf import settings
    from waitress import serve as waitress_serve

    from leerlus.wsgi import application

    waitress_serve(
        application,
        sockets=[listener],
        threads=THREADS_PER_PROCESS,
        ident="leerlus",
        _quiet=True,
        # waitress spools a request body to disk; let an upload up to the wizard's limit through to it
        max_request_body_size=settings.IMPORT_UPLOAD_MAX_BYTES + 1024 * 1024,
        **_behind_proxy(),
    )


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
