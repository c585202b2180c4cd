"""WSGI entry point, used by `leerlus serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerlus.settings")
application = get_wsgi_application()
