"""A running job's heartbeat: a thread that writes its progress and a fresh `heartbeat_at`, and notices a cancel
(of the job, or of the whole it is a part of).

It uses its own database connection, so it neither joins nor waits for the handler's transaction; when
the database is busy (SQLite during a long write) it simply tries again at the next beat.
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Q
from django.utils import timezone

from leerlus.jobs.models import Job

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    def __init__(self, context, *, every: float | None = None):
        super().__init__(name=f"heartbeat-{context.job.pk}", daemon=True)
        self.context = context
        self.every = every or settings.JOB_HEARTBEAT_SECONDS
        self._stop_event = threading.Event()

    def run(self):
        try:
            while not self._stop_event.wait(self.every):
                self.beat()
        finally:
            connections.close_all()

    def beat(self) -> None:
        job = self.context.job
        try:
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                heartbeat_at=timezone.now(), **self.context.state()
            )
            if Job.objects.filter(Q(pk=job.pk) | Q(pk=job.parent_id), cancel_requested=True).exists():
                self.context.cancel_seen()
        except DatabaseError as error:  # busy: the next beat writes the same state
            logger.info("heartbeat of job %s skipped: %s", job.pk, type(error).__name__)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
