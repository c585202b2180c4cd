"""The widget's addresses under /widget/v1/: the script, and the feedback endpoint (JSON from the script; without
JavaScript a small form page on this site that posts the same fields and answers with a thank-you page).

No cookies are read or set here, and none of these answers asks for a login. A JSON request must come from a site on
the allow-list (its Origin header); CORS is a few headers, written here because the allow-list lives in the database
and the refusal (403) is the point, which django-cors-headers leaves to the browser.
"""

import json
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from leerlus.errors import InputError
from leerlus.intake.widget import checked_feedback, is_allowed, origin_of, receive_feedback
from leerlus.presentation.problems import input_problem, problem

PREFLIGHT_SECONDS = 86_400


def _texts() -> dict:
    """The widget's words in each language of the app, through gettext like every other page."""
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = {
                "question": _("Heeft deze pagina u geholpen?"),
                "yes": _("Ja"),
                "no": _("Nee"),
                "what": _("Wat zocht u?"),
                "hint": _("Schrijf geen naam, adres, telefoonnummer of BSN: die halen wij er toch uit."),
                "send": _("Versturen"),
                "sending": _("Bezig met versturen …"),
                "thanks": _("Bedankt voor uw reactie."),
                "failed": _("Versturen lukte niet. Probeer het later nog eens."),
                "leave_empty": _("Laat dit veld leeg"),
                "privacy": _("Wij bewaren geen cookies en niet wie u bent."),
            }
    return texts


@require_GET
def script(request):
    """The script a municipality embeds; its texts in Dutch and English, chosen by the page's lang."""
    body = render_to_string(
        "intake/widget/leerlus-feedback.js",
        {"texts": json.dumps(_texts(), ensure_ascii=False), "max_chars": settings.WIDGET_TEXT_CHARS},
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@csrf_exempt
def feedback(request):
    """GET: the form without JavaScript; OPTIONS: the CORS preflight; POST: one submission (202, or the thanks page)."""
    if request.method == "GET":
        return _form(request)
    sender = request.headers.get("Origin", "")
    from_form = sender == _own_origin(request)
    if not from_form and not is_allowed(sender):
        return problem(403, _("Website niet toegestaan"), _("Deze website staat niet op de lijst van de widget."))
    if request.method == "OPTIONS":
        return _with_cors(HttpResponse(status=204), sender, preflight=True)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST, OPTIONS"})
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.WIDGET_MAX_BYTES:
        detail = _("Een reactie mag hoogstens %(n)s bytes zijn.") % {"n": settings.WIDGET_MAX_BYTES}
        return _with_cors(problem(413, _("Reactie te groot"), detail), sender)
    if is_ratelimited(request, group="widget", key="ip", rate=settings.WIDGET_RATE, increment=True):
        detail = _("Te veel reacties vanaf uw adres. Probeer het over een minuut opnieuw.")
        response = problem(429, _("Te veel reacties"), detail)
        response["Retry-After"] = "60"
        return _with_cors(response, sender)
    try:
        data = _posted(request, from_form)
        site = origin_of(str(data.get("page") or "")) if from_form else sender
        if from_form and not is_allowed(site):
            raise PermissionDenied(_("Deze website staat niet op de lijst van de widget."))
        submission = checked_feedback(data, site)
    except InputError as error:
        if from_form:
            raise  # the form again, with its messages
        return _with_cors(input_problem(error), sender)  # the script on the other site may read it only so
    if not data.get("website"):  # the honeypot: a person never sees the field, so a filled one is a robot
        receive_feedback(submission)
    if from_form:
        return render(request, "intake/widget/thanks.html", {"page": submission.page})
    return _with_cors(JsonResponse({"id": str(submission.key)}, status=202), sender)


def _posted(request, from_form: bool) -> dict:
    """The fields from the script's JSON, or from the form (ja/nee as true/false)."""
    if not from_form:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise InputError(_("De reactie is geen geldige JSON.")) from None
        if not isinstance(data, dict):
            raise InputError(_("De reactie is geen geldige JSON."))
        return data
    translation.activate(_language(request.POST))
    data = {name: request.POST.get(name, "") for name in ("page", "text", "key", "website")}
    data["useful"] = {"ja": True, "nee": False}.get(request.POST.get("useful", ""))
    return data


def _form(request):
    """The form for `?page=ADDRESS[&lang=en]`; shown again with its messages after a refused post (same key)."""
    given = request.POST if request.POST else request.GET
    page = given.get("page", "")
    if not is_allowed(origin_of(page)):
        raise PermissionDenied(_("Deze website staat niet op de lijst van de widget."))
    translation.activate(_language(given))
    key = given.get("key") or uuid.uuid4()
    context = {"page": page, "key": key, "max_chars": settings.WIDGET_TEXT_CHARS}
    return render(request, "intake/widget/form.html", context)


def _language(query) -> str:
    """The language of the page the visitor came from (lang=en), else Dutch."""
    return "en" if query.get("lang", "").lower().startswith("en") else "nl"


def _own_origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}".lower()


def _with_cors(response, origin: str, *, preflight: bool = False):
    response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    if preflight:
        response["Access-Control-Allow-Methods"] = "POST"
        response["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
    return response
