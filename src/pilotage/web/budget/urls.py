"""/contracts/<id>/budget/...: the management budget per year, and its art. 74 statement."""

from __future__ import annotations

from django.urls import path

from pilotage.web.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.budget_index, name="index"),
    path("<int:year>/", views.budget_year, name="year"),
    path("<int:year>/statement.xlsx", views.statement_download, name="statement"),
]
