"""The home page: /, for a person logged in (anyone else is sent to log in)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from pilotage.web.home.services import home_for, mark_visit

__all__ = ["home"]

WITHIN_DAYS = 30


@login_required
def home(request: HttpRequest) -> HttpResponse:
    assert request.user.is_authenticated
    built = home_for(request.user, get_language() or "fr", WITHIN_DAYS)
    response = render(request, "home/home.html", {"home": built, "within": WITHIN_DAYS})
    mark_visit(request.user)
    return response
