"""The README and the docs tell the truth: every `leerlus` command in them runs on the demo with exit status 0."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import LEERLUS, load_demo

ROOT = Path(__file__).resolve().parent.parent
FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)  # each fenced block: its language and its lines
SHELL_BLOCK = ("sh", "bash", "console").__contains__
ANY_BLOCK = "text".__ne__  # ```text holds what a command prints
INLINE = re.compile(r"(?<!`)`(leerlus [^`]+)`(?!`)")
PLACEHOLDER = re.compile(r"\[|\b[A-Z]{1,}\b")  # a synopsis such as `leerlus calendar --output FILE`, not an example
# Not run here: they start a server or a worker (`leerlus demo` without --load-only serves too) or the suite itself,
# or they belong to a fresh install (the demo is set up already; tests/test_first_run.py runs `leerlus setup`).
NOT_RUN = (
    "make demo",
    "make test",
    "make install",
    "leerlus serve",
    "leerlus worker",
    "leerlus demo",
    "leerlus setup",
    "pytest",
)
# The files the examples read, as a municipality would have them.
INPUT_FILES = {
    "meldingen.csv": (
        "created,channel,service,text\n"
        "2026-10-30 09:12,citizen-android,Afval en containers,De container in de Dorpsstraat zit vol\n"
        "2026-10-30 10:40,telefoon,Paspoort en ID-kaart,Wanneer kan ik mijn paspoort ophalen?\n"
    ),
    "wachtwoord.txt": "Gemeentehuis-Zomer-2026\n",
    "teksten.csv": "Tekst,Label\nDe container in de Dorpsstraat zit al dagen vol,Afval\n",
    "export.csv": "datum,kanaal,onderwerp,tekst\n30-10-2026 11:05,balie,Rijbewijs,Rijbewijs verlengen\n",
    "scenario.json": (
        '{"answer_within_seconds": 20, "channels": [{"name": "telefoon", "contacts_per_hour": 120,'
        ' "handle_seconds": 240, "agents": 10}], "scenarios": [{"name": "chatbot",'
        ' "changes": [{"channel": "telefoon", "contacts_per_hour_factor": 0.9}]}]}'
    ),
}


def _commands(text: str, block, inline: bool) -> list[str]:
    """The command lines of the code blocks (comments and a `$ ` prompt taken off), then the inline `leerlus …`."""
    lines = [line for language, body in FENCED.findall(text) if block(language) for line in body.splitlines()]
    commands = [shlex.join(shlex.split(line.removeprefix("$ "), comments=True)) for line in lines]
    if inline:
        commands += [span for span in INLINE.findall(text) if not PLACEHOLDER.search(span)]
    return [c for c in commands if c]


def _documented() -> tuple[list, list[str]]:
    """Each distinct documented command, as a test parameter, and the lines left out (see NOT_RUN)."""
    readme = _commands((ROOT / "README.md").read_text(), SHELL_BLOCK, inline=False)
    guide = _commands((ROOT / "docs" / "handleiding.md").read_text(), ANY_BLOCK, inline=True)
    manual = _commands((ROOT / "docs" / "cli.md").read_text(), ANY_BLOCK, inline=True)
    to_run, not_run, seen = [], [], []
    for name, commands in (("README", readme), ("handleiding", guide), ("cli.md", manual)):
        for command in (c.removeprefix(".venv/bin/") for c in commands):
            if shlex.split(command) in seen:
                continue
            seen.append(shlex.split(command))
            if command.startswith(NOT_RUN) and "--load-only" not in command:
                not_run.append(command)
            else:
                to_run.append(pytest.param(command, id=f"{name}: {command}"))
    return to_run, not_run


TO_RUN, NOT_RUN_FOUND = _documented()


@pytest.fixture(scope="module")
def readme_demo(tmp_path_factory):
    """The demo loaded once through the real command line, and a working directory holding the example files."""
    env = load_demo(tmp_path_factory, "readme")
    workdir = tmp_path_factory.mktemp("workdir")
    for name, content in INPUT_FILES.items():
        (workdir / name).write_text(content, encoding="utf-8")
    return env, workdir


def test_only_the_server_and_the_suite_are_left_out():
    assert NOT_RUN_FOUND == [
        "make demo",
        "make test",
        "pytest leerlus/patterns -m 'not slow'",
        "pytest -n auto -m 'not slow'",
        "make install",
        "leerlus setup",
        "leerlus serve",
        "leerlus worker",
    ]
    assert len(TO_RUN) >= 10


@pytest.mark.parametrize("command", TO_RUN)
def test_each_documented_command_runs_on_the_demo(readme_demo, command):
    env, workdir = readme_demo
    program, *args = shlex.split(command)
    assert program == "leerlus", f"not a leerlus command: {command}"
    done = subprocess.run([LEERLUS, *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
