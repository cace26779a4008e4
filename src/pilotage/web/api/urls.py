"""The JSON API under /api/ (namespace "api"); its OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from django.urls import path

from pilotage.web.api.views import api

urlpatterns = [path("", api.urls)]
