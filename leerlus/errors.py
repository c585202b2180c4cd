"""The one error type app code raises; each face (CLI, API, web) renders it in one place."""

from contextlib import contextmanager


class InputError(Exception):
    """Bad input from the user: each message is Dutch, names the bad value and says what to do.

    App code just raises it; nothing catches it on the way up. Each face renders it in one place:
    the CLI (`leerlus.cli.command`) as exit status 2, the API (`leerlus.api.main`) as problem+json
    with status 400, and the web (`leerlus.presentation.problems.InputErrorMiddleware`) as the same
    page again with the messages above the form, or as problem+json on a JSON twin.

    One error can carry several messages, so that a form shows all its mistakes at once (see
    `InputErrors`). `field` names the query parameter the error is about: the web shows the page
    again without that parameter.
    """

    def __init__(self, *messages: str, field: str | None = None, parts: list["InputError"] | None = None):
        super().__init__(*messages)
        self.messages = list(messages)
        self.field = field
        self.parts = parts or [self]  # the errors a form collected, each about its own field

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


@contextmanager
def about(field: str):
    """Names the query parameter that an InputError raised inside the block is about."""
    try:
        yield
    except InputError as error:
        error.field = error.field or field
        raise


class InputErrors:
    """Collects the errors of one form, so that the user sees all of them at once.

    `value = errors.check(parse, raw)` returns what `parse` returns, or None after keeping its
    error; `errors.field("budget", parse, raw)` does the same and names the form field the message
    is about (the page marks that field). `errors.raise_any()` raises one InputError with every
    message, its `parts` the errors kept; `errors.add(message, field)` keeps a message of the form's own checks.
    """

    def __init__(self):
        self.errors: list[InputError] = []

    @property
    def messages(self) -> list[str]:
        return [message for error in self.errors for message in error.messages]

    def check(self, parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except InputError as error:
            self.errors += error.parts
            return None

    def field(self, name: str, parse, *args, **kwargs):
        return self.check(_about_field, name, parse, *args, **kwargs)

    def add(self, message: str, field: str | None = None) -> None:
        """Keeps a message of the form's own checks."""
        self.errors.append(InputError(message, field=field))

    def raise_any(self) -> None:
        if self.errors:
            raise InputError(*self.messages, parts=self.errors)


def _about_field(name: str, parse, *args, **kwargs):
    with about(name):
        return parse(*args, **kwargs)
