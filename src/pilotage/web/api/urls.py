"""The JSON API under /api/ (namespace "api"); its OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from django.urls import path

from pilotage.web.api.views import api
from pilotage.web.budget.api import router as budget_router
from pilotage.web.evaluation.api import router as evaluation_router

api.add_router("", evaluation_router)
api.add_router("", budget_router)

urlpatterns = [path("", api.urls)]
