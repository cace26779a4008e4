"""WSGI entry point of the web application."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from pilotage.web.settings import debug, secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilotage.web.settings")
secret_key(debug_mode=debug())  # no server without a secret key: a clear error, now
application = get_wsgi_application()
