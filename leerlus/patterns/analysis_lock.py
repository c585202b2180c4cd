"""One analysis at a time, also across workers: a second run waits until the first has written its results.

On PostgreSQL a session advisory lock on this database (installations that share a server do not wait for each
other), so that workers on other machines wait for each other too. On SQLite
(always one machine) a lock on a file in the data directory; the operating system releases both when the
process dies, so a killed analysis never blocks the next one.
"""

import fcntl
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

ADVISORY_KEY = 0x6C65_6572  # "leer": the same number in every process of one installation, with its database's
LOCK_SQL = "SELECT pg_advisory_lock(%s, hashtext(current_database()))"
UNLOCK_SQL = "SELECT pg_advisory_unlock(%s, hashtext(current_database()))"


@contextmanager
def analysis_lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(LOCK_SQL, [ADVISORY_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(UNLOCK_SQL, [ADVISORY_KEY])
        return
    with open(settings.HOME / "analysis.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
