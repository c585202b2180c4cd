"""The Celery app and its one task, `run_job(job_id)`.

Broker: `LEERLUS_BROKER_URL` (Redis in production, e.g. redis://127.0.0.1:6379/0). Without it, kombu's
filesystem transport in $LEERLUS_HOME/queue: messages are files, written and taken under a file lock, so
`leerlus serve` and a `leerlus worker` on the same machine share a queue with no extra service. (Kombu's
in-memory transport cannot cross processes, and its SQLAlchemy transport would add a dependency and a
second writer to the SQLite database.) The job row is the result, so Celery keeps none; a message is
acknowledged after the job ends (acks_late), and a worker that dies leaves the job to the recovery.
"""

from celery import Celery
from django.conf import settings

app = Celery("leerlus")


def _transport_options(url: str) -> dict:
    if url.startswith("filesystem://"):
        folder = settings.HOME / "queue"
        for sub in ("messages", "control"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        return {
            "data_folder_in": str(folder / "messages"),
            "data_folder_out": str(folder / "messages"),
            "control_folder": str(folder / "control"),
            "polling_interval": 0.5,
        }
    if url.startswith(("redis://", "rediss://")):
        return {"global_keyprefix": f"{settings.JOB_QUEUE}:"}  # one queue's keys, flushable on their own
    return {}


app.conf.update(
    broker_url=settings.BROKER_URL,
    broker_transport_options=_transport_options(settings.BROKER_URL),
    broker_connection_retry_on_startup=True,
    task_default_queue=settings.JOB_QUEUE,
    task_ignore_result=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    worker_enable_remote_control=False,  # cancelling goes through the job row, not through broadcasts
    worker_hijack_root_logger=False,
)


@app.task(name="leerlus.run_job")
def run_job(job_id: int) -> None:
    from leerlus.jobs.execution import claim, execute

    job = claim(job_id)
    if job is not None:
        execute(job)


def send(job_id: int) -> None:
    """Puts a message for the job on the queue."""
    run_job.apply_async((job_id,))
