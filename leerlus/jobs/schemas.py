"""The JSON form of a job: the Taken page's twin, the job page's twin and `leerlus jobs --json`."""

from datetime import datetime

from ninja import Field, Schema

from leerlus.jobs.models import Job
from leerlus.presentation.documents import choice_of

JobStatus = choice_of(Job.Status.values)


class LogLine(Schema):
    at: datetime
    message: str


class JobOut(Schema):
    """One job: where it stands, and its result or its error when it ended."""

    id: int
    kind: str = Field(description="Soort taak: import, analysis, brief, …")
    title: str
    status: JobStatus
    stage: str = Field(description="De fase waarin de taak nu is, in het Nederlands.")
    done: int = Field(description="Rijen of stappen gedaan.")
    total: int | None = Field(description="Het totaal, als dat bekend is.")
    seconds_left: float | None = Field(description="Geschatte resterende tijd van een lopende taak.")
    created_by: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    error: str = Field(description="Waarom de taak mislukte; leeg als ze niet mislukte.")
    result: dict | None = Field(description="Het resultaatdocument van een afgeronde taak.")


class JobDetailOut(JobOut):
    """One job with its log."""

    log: list[LogLine]


class JobsOut(Schema):
    """The jobs, newest first."""

    jobs: list[JobOut]
