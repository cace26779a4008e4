from __future__ import annotations

from django.urls import path

from pilotage.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.xlsx", views.entry_export, name="export"),
]
