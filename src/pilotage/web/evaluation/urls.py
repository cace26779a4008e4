"""/contracts/<id>/evaluation/...: evaluations, their items and documents, the registers."""

from __future__ import annotations

from django.urls import path

from pilotage.web.evaluation import packs, register_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("<int:year>/", views.evaluation_detail, name="detail"),
    path("<int:year>/items/<path:key>/", views.item_page, name="item"),
    path("<int:year>/documents/<str:kind>/", views.document_page, name="document"),
    # The document's pack (DOCX, PDF; ?version=N&lang=fr|nl): the version the page shows.
    path("<int:year>/documents/<str:kind>/report.<str:fmt>", packs.document_pack, name="pack"),
    path("requests/", register_views.request_list, name="requests"),
    path("requests/<int:number>/", register_views.request_detail, name="request"),
    path("art50/", register_views.art50_page, name="art50"),
    path("art51/", register_views.art51_page, name="art51"),
    path("meetings/", register_views.meetings_page, name="meetings"),
]
