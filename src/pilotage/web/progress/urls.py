"""/contracts/<id>/actions/..., /events/, /missions/...: follow-up of the contract's commitments."""

from __future__ import annotations

from django.urls import path

from pilotage.web.progress import views

app_name = "progress"
urlpatterns = [
    path("actions/", views.action_list, name="action-list"),
    path("actions/upcoming/", views.upcoming_list, name="upcoming"),
    path("actions/<str:article>/<str:action>/", views.action_detail, name="action-detail"),
    path(
        "evidence/<str:kind>/<int:pk>/",
        views.evidence_file,
        name="evidence-file",
    ),
    path("events/", views.event_list, name="events"),
    path("missions/", views.mission_list, name="mission-list"),
    path("missions/<str:code>/", views.mission_detail, name="mission-detail"),
]
