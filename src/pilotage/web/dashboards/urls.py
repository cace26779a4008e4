"""/contracts/<contract_id>/dashboard/... (objective codes hold spaces: "VOB 2-01")."""

from __future__ import annotations

from django.urls import URLPattern, path

from pilotage.web.dashboards import packs, review, views

app_name = "dashboards"
_SERVICE = "<str:period>/services/<str:service>/"
_OBJECTIVE = "<str:period>/objectives/<str:objective>/"
urlpatterns: list[URLPattern] = [
    path("", views.latest_dashboard, name="latest"),
    path("review/<int:store_id>/", review.review_candidate, name="review"),
    path("<str:period>/", views.contract_dashboard, name="contract"),
    path(
        "<str:period>/export.xlsx",
        views.contract_dashboard,
        {"xlsx": True},
        name="contract-xlsx",
    ),
    path(_SERVICE, views.service_dashboard, name="service"),
    path(f"{_SERVICE}export.xlsx", views.service_dashboard, {"xlsx": True}, name="service-xlsx"),
    path(_OBJECTIVE, views.objective_page, name="objective"),
    path(f"{_OBJECTIVE}export.xlsx", views.objective_page, {"xlsx": True}, name="objective-xlsx"),
    path(f"{_OBJECTIVE}late/", views.late_cases_page, name="late"),
    path(f"{_OBJECTIVE}late/export.xlsx", views.late_cases_page, {"xlsx": True}, name="late-xlsx"),
    path(f"{_OBJECTIVE}late/export.csv", views.late_cases_page, {"csv": True}, name="late-csv"),
    # Report packs (DOCX, PDF; ?lang=fr|nl): the page's figures as a document to send.
    path("<str:period>/report.<str:fmt>", packs.contract_pack, name="contract-pack"),
    path(f"{_SERVICE}report.<str:fmt>", packs.service_pack, name="service-pack"),
    path(f"{_OBJECTIVE}report.<str:fmt>", packs.objective_pack, name="objective-pack"),
]
