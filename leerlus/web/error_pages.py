"""The 400, 403, 404 and 500 pages in the app's own layout, and problem+json for a JSON twin or the API."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from leerlus.presentation.problems import problem, wants_json

API_PATH = "/api/"


def _answer(request, status: int, title: str, detail: str, *, with_request: bool = True) -> HttpResponse:
    if request.path.startswith(API_PATH) or wants_json(request):
        return problem(status, title, detail)
    context = {"status": status, "title": title, "detail": detail}
    if with_request:
        back = request.headers.get("Referer", "")
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            context["back"] = back
        return render(request, "web/error.html", context, status=status)
    # a 500 may come from the database: render without the context processors that query it
    return HttpResponse(render_to_string("web/error.html", context), status=status)


def bad_request(request, exception):
    return _answer(request, 400, _("Dit verzoek kan niet"), _("Het adres of het formulier bevat iets wat niet klopt."))


def forbidden(request, exception):
    detail = str(exception) or _("U heeft geen toegang tot deze pagina.")
    return _answer(request, 403, _("Dat mag u niet"), detail)


def not_found(request, exception):
    detail = _(
        "Deze pagina bestaat niet (meer). Misschien is het adres verkeerd getypt, of is wat hier stond verwijderd."
    )
    return _answer(request, 404, _("Pagina niet gevonden"), detail)


def server_error(request):
    detail = _(
        "Aan onze kant ging iets mis. Probeer het later opnieuw; blijft het misgaan, meld het dan aan de beheerder."
    )
    return _answer(request, 500, _("Er ging iets mis"), detail, with_request=False)
