"""Background jobs: imports, analyses and PDF briefs run on a Celery worker with status, progress, log and cancel."""
