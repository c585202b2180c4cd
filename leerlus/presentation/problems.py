"""Errors on the web, in one place: problem+json for a JSON twin, the same page with its form messages for a person."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse, QueryDict
from django.utils.translation import gettext as _

from leerlus.errors import InputError

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str = "", **extra) -> JsonResponse:
    """An error as RFC 9457 problem details: {type, title, status, detail}."""
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra},
        status=status,
        content_type=PROBLEM_JSON,
        json_dumps_params={"ensure_ascii": False},
    )


def input_problem(error: InputError) -> JsonResponse:
    """Bad input as problem+json (400), with each message in `errors`."""
    return problem(400, _("Ongeldige invoer"), str(error), errors=error.messages)


JSON_FORMATS = ("json", "scenario")  # ?format= values that answer JSON (a scenario is a JSON file)


def wants_json(request) -> bool:
    """A JSON twin (`?format=json` or a scenario file) or a client that asks for JSON first.

    Another format (a PDF) is a download for a person: an error there shows the page with its message.
    """
    if request.GET.get("format"):
        return request.GET["format"] in JSON_FORMATS
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


class InputErrorMiddleware:
    """Renders an InputError raised in a view: problem+json (400) on a JSON twin, else the same page again.

    The page again: the view is called once more as a GET, with the messages in `input_errors` (the
    context processor below puts them in every template). The POST data stays in `request.POST`, so
    the form keeps what the user typed. The query parameter the error is about (`InputError.field`,
    or every parameter when it names none) is left out of that call, so a bad filter shows the page
    without that filter. Should the page itself raise again, its messages are added and the next
    step back is taken; when nothing is left to leave out, Django's 400 page shows the messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, InputError):
            return None
        if wants_json(request):
            return input_problem(exception)
        request.input_errors = []
        if "format" in request.GET:  # a download that failed: the page itself shows why
            request.GET = _without(request.GET, "format")
        error = exception
        while True:
            request.input_errors += error.parts
            if not _step_back(request, error.field):
                raise BadRequest(" ".join(str(e) for e in request.input_errors))
            match = request.resolver_match
            try:
                response = match.func(request, *match.args, **match.kwargs)
            except InputError as again:
                error = again
                continue
            if response.status_code == 200:
                response.status_code = 400
            return response


def _step_back(request, field: str | None) -> bool:
    """Turns the request into one the page can show: a GET, without the bad query parameter."""
    if request.method == "POST":
        request.POST  # noqa: B018 -- read the form before the request becomes a GET, so the page shows it again
        request.method = "GET"
        if field in request.GET:
            request.GET = _without(request.GET, field)
        return True
    if field in request.GET:
        request.GET = _without(request.GET, field)
        return True
    if request.GET:
        request.GET = QueryDict()
        return True
    return False


def _without(query: QueryDict, field: str) -> QueryDict:
    query = query.copy()
    del query[field]
    return query


def input_errors(request) -> dict:
    """Makes the refused input (InputErrors, with their messages and field) available in every template as
    `input_errors`."""
    return {"input_errors": getattr(request, "input_errors", [])}
