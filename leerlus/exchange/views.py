"""The public feeds: /uitwisseling/lessen.json (paged, with ETag and If-None-Match), .atom, one URI per lesson, and
/uitwisseling/signalen.json (the early warning, only when the municipality opted in; else 404).
No login: these addresses are meant for other municipalities."""

import hashlib
import json

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from leerlus.core.selectors import current_organisation
from leerlus.exchange.feed import feed_lesson, lesson_uri, lessons_feed, public_lessons
from leerlus.exchange.signals_feed import signals_feed
from leerlus.presentation.documents import as_document


def _json_response(request, document) -> HttpResponse:
    """The document as JSON with a strong ETag of its bytes; 304 when the client already has them."""
    body = json.dumps(as_document(document), ensure_ascii=False, indent=1).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _page(request) -> int:
    value = request.GET.get("pagina", "1")
    if not value.isdigit() or int(value) < 1:
        raise Http404
    return int(value)


@require_safe
def lessons_json(request):
    return _json_response(request, lessons_feed(_page(request), request.build_absolute_uri))


@require_safe
def lesson_json(request, pk: int):
    lesson = get_object_or_404(public_lessons(), pk=pk)
    return _json_response(request, feed_lesson(lesson, request.build_absolute_uri))


@require_safe
def signals_json(request):
    document = signals_feed()
    if document is None:
        raise Http404
    return _json_response(request, document)


class LessonsAtom(Feed):
    """The same public lessons as an Atom feed, newest first, for feed readers."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        organisation = current_organisation()
        return _("Lessen van %(g)s") % {"g": organisation.name if organisation else "leerlus"}

    def subtitle(self):
        return _("Wat we probeerden, wat er gebeurde en wat we leerden, ook wat mislukte.")

    def link(self):
        return reverse("exchange-lessons-json")

    def items(self):
        return public_lessons().order_by("-updated_at")[:50]

    def item_title(self, lesson):
        return f"{lesson.title} ({lesson.get_outcome_display()})"

    def item_description(self, lesson):
        return "\n\n".join(part for part in (lesson.tried, lesson.happened, lesson.learned, lesson.differently) if part)

    def item_link(self, lesson):
        return reverse("exchange-lesson", args=[lesson.pk])

    def item_guid(self, lesson):
        return lesson_uri(lesson, self.request.build_absolute_uri)

    def item_pubdate(self, lesson):
        return lesson.created_at

    def item_updateddate(self, lesson):
        return lesson.updated_at

    def item_categories(self, lesson):
        return [lesson.outcome]
