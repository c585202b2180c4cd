"""The JSON twin of a page: the same document that `--json` prints, with Dutch letters as written."""

from django.http import JsonResponse


def json_twin(document, status: int = 200) -> JsonResponse:
    return JsonResponse(document, status=status, json_dumps_params={"ensure_ascii": False})
