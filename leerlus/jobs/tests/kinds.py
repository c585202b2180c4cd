"""Job kinds for the tests, loaded into a worker with LEERLUS_JOB_MODULES=leerlus.jobs.tests.kinds.

`count` counts steps with a pause and writes 'start' and 'finish' lines to a file, so a test sees a job
running on a worker and can count how often it started and finished."""

import time
from pathlib import Path

from leerlus.errors import InputError
from leerlus.jobs.registry import register


def _mark(params: dict, word: str) -> None:
    if params.get("marks"):
        with Path(params["marks"]).open("a") as marks:
            marks.write(word + "\n")


@register("count", "Tellen")
def count(job) -> dict:
    _mark(job.params, "start")
    steps = job.params.get("steps", 3)
    for step in range(steps):
        job.progress(step, steps, stage=f"Stap {step + 1}")
        time.sleep(job.params.get("pause", 0))
    job.log("Geteld.")
    _mark(job.params, "finish")
    return {"counted": steps}


@register("refuse", "Weigeren")
def refuse(job) -> dict:
    raise InputError("Kolom 'datum' ontbreekt.")


@register("boom", "Ontploffen")
def boom(job) -> dict:
    raise ValueError("Mevrouw Jansen, BSN 111222333, belde over haar paspoort")
