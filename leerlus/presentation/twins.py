"""The JSON twin of a page: the same document that `--json` prints, with Dutch letters as written."""

from django.http import JsonResponse

from leerlus.presentation.documents import as_document


def json_twin(document, status: int = 200) -> JsonResponse:
    return JsonResponse(as_document(document), status=status, json_dumps_params={"ensure_ascii": False})
