"""What a job handler gets: its parameters, a way to report progress and log lines, and a cancellation point.

Progress is kept in memory and written by the heartbeat thread on its own database connection, so a
handler that holds a long transaction still shows its progress, and a cancel reaches it.
"""

import threading

from django.utils import timezone


class JobCancelled(Exception):
    """Raised at a cancellation point (`JobContext.progress`) after someone cancelled the job."""


class JobContext:
    def __init__(self, job, *, on_progress=None):
        self.job = job
        self.params = job.params
        self.user = job.created_by
        self._on_progress = on_progress or (lambda done, total, stage: None)
        self._lock = threading.Lock()
        self._cancel_seen = False

    def progress(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        """Rows or steps done (of total, when known) and the current stage; raises JobCancelled after a cancel."""
        with self._lock:
            self.job.done = done
            if total is not None:
                self.job.total = total
            if stage:
                self.job.stage = str(stage)[:200]
        self._on_progress(done, total, stage)
        if self._cancel_seen:
            raise JobCancelled

    def log(self, message: str) -> None:
        """A line for the job's log; people read it, so no signal text and no personal data."""
        with self._lock:
            self.job.log = [*self.job.log, {"at": timezone.now().isoformat(), "message": str(message)}]

    def state(self) -> dict:
        """The fields the heartbeat writes: a consistent copy."""
        with self._lock:
            return {"stage": self.job.stage, "done": self.job.done, "total": self.job.total, "log": list(self.job.log)}

    def cancel_seen(self) -> None:
        self._cancel_seen = True
