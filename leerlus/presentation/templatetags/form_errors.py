"""Form messages the same way on every page: all of them at once in a summary that links to each field, and at
each field its message, with aria-invalid and aria-describedby on the field itself."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.utils.html import format_html

register = template.Library()


@dataclass(frozen=True)
class FormMessage:
    text: str
    target: str | None  # the id the summary links to: the field, or its message


def _message_id(field: str) -> str:
    return f"{field}_error"


def _input_errors(context) -> list:
    """The refused input of the page: errors (with `.messages` and `.field`, or plain text) and the view's message."""
    return list(context.get("input_errors") or [])


def _messages_about(context, field: str) -> list[str]:
    return [
        str(text)
        for error in _input_errors(context)
        if getattr(error, "field", None) == field
        for text in getattr(error, "messages", [error])
    ]


@register.simple_tag(takes_context=True)
def form_messages(context, form=None) -> list[FormMessage]:
    """Every message of the page's form: those of the refused input, then those of a Django form."""
    messages = []
    for error in _input_errors(context):
        field = getattr(error, "field", None)
        target = _message_id(field) if field else None
        messages += [FormMessage(str(text), target) for text in getattr(error, "messages", [error])]
    if isinstance(form, BaseForm):
        for name, errors in form.errors.items():
            target = form[name].auto_id if name in form.fields else None
            messages += [FormMessage(str(text), target) for text in errors]
    return messages


@register.simple_tag(takes_context=True)
def invalid(context, field: str, *described_by: str) -> str:
    """` aria-invalid="true" aria-describedby="…"` on a field with a message; the field's own descriptions
    (`described_by`, for example a hint under it) are named in both cases."""
    if not _messages_about(context, field):
        return format_html(' aria-describedby="{}"', " ".join(described_by)) if described_by else ""
    return format_html(' aria-invalid="true" aria-describedby="{}"', " ".join((_message_id(field), *described_by)))


@register.simple_tag(takes_context=True)
def field_error(context, field: str) -> str:
    """The messages about one field, next to it, with the id that the field's aria-describedby names."""
    messages = _messages_about(context, field)
    if not messages:
        return ""
    return format_html('<p class="field-error" id="{}">{}</p>', _message_id(field), " ".join(messages))
