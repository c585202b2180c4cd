"""The one error type app code raises; each face (CLI, API, web) renders it in one place."""


class InputError(Exception):
    """Bad input from the user: the message is Dutch, names the bad value and says what to do.

    The CLI turns it into exit status 2, the web into a form message.
    """
