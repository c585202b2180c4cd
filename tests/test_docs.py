"""The docs are part of the contract: every command has its section, the README its commands."""

from pathlib import Path

from leerlus.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_documented():
    manual = (ROOT / "docs" / "cli.md").read_text()
    assert all(f"## leerlus {name}" in manual for name in cli.commands)


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
