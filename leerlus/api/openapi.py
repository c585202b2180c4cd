"""Prints the OpenAPI description of the REST API (`make openapi` writes it to docs/openapi.json)."""

import json
import os


def schema_text() -> str:
    from leerlus.api.main import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerlus.settings")
    import django

    django.setup()
    print(schema_text(), end="")
