"""What every response goes through: our errors answered once, no page kept in a cache.

- `PilotageErrorMiddleware`: a PilotageError raised by any view becomes the error page (or, under
  /api/, `{"detail": ...}`) with the HTTP status its class carries (`pilotage.errors`), the
  message saying what is expected, logged with the request id. Anything else a view raises is
  a server error: Django logs it with its traceback and the request id (`LOGGING` in the
  settings), and `server_error` shows the id to report.
- `NoStoreMiddleware`: the pages show figures of cases, pseudonyms, names and comments, so no
  response of the application is kept by a browser or a proxy (`Cache-Control: no-store`);
  static files, served before it by WhiteNoise, stay cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers

from pilotage.errors import PilotageError

__all__ = ["NoStoreMiddleware", "PilotageErrorMiddleware", "request_id", "server_error"]

log = logging.getLogger("pilotage.web")


def request_id(request: HttpRequest | None = None) -> str:
    """The id of the request being served (X-Request-ID), as every log line names it."""
    from log_request_id import local  # type: ignore[import-untyped]

    return str(getattr(request, "id", None) or getattr(local, "request_id", "none"))


def answer(request: HttpRequest, exc: PilotageError) -> HttpResponse:
    """The response to a PilotageError: its message and status, as a page or as JSON."""
    status = exc.http_status
    log.log(
        logging.ERROR if status >= 500 else logging.WARNING,
        "%s %s: %s %s: %s",
        request.method,
        request.get_full_path(),
        status,
        type(exc).__name__,
        exc,
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exc)}, status=status)
    context = {"message": str(exc), "status": status, "request_id": request_id(request)}
    return render(request, "error.html", context, status=status)


class PilotageErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, PilotageError):
            return answer(request, exc)
        return None  # Django's own handling: 403, 404, or a logged server error


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page (handler500): what happened, and the request id to give when reporting it.

    Rendered without the request context: whatever failed may fail again."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request_id(request)}))
