from __future__ import annotations

from django.urls import path

from pilotage.web.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.contract_list, name="contract-list"),
    path("<str:contract_id>/", views.contract_overview, name="contract-overview"),
]
