"""Every InputError speaks Dutch through gettext and has an English translation (Zulip's ERROR_TEMPLATES test)."""

import ast
import gettext
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "leerlus"
ENGLISH = gettext.translation("django", PACKAGE / "locale", languages=["en"])


def _gettext_text(node) -> str | None:
    """The msgid of `_("…")` or `_("…") % {…}`; None for anything else."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        node = node.left
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
        first = node.args[0]
        return first.value if isinstance(first, ast.Constant) else None
    return None


def _messages():
    """(place, msgid or None) for each message given to InputError in the package's code."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InputError":
                for arg in node.args:
                    if not isinstance(arg, (ast.Starred, ast.Name, ast.Attribute)):  # those pass messages on
                        yield f"leerlus/{path.relative_to(PACKAGE)}:{node.lineno}", _gettext_text(arg)


def test_every_input_error_is_written_through_gettext():
    untranslatable = [place for place, text in _messages() if text is None]
    assert not untranslatable, "write the message as _('…') % {…}:\n" + "\n".join(untranslatable)


def test_every_input_error_has_an_english_translation():
    messages = list(_messages())
    missing = [f"{place}: {text}" for place, text in messages if text and ENGLISH.gettext(text) == text]
    assert len(messages) > 40 and not missing, "add the English msgstr to locale/en/…/django.po:\n" + "\n".join(missing)
