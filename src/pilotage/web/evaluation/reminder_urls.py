"""/reminders/: the reader's deadlines due within N days or late, in every contract."""

from __future__ import annotations

from django.urls import path

from pilotage.web.evaluation import register_views

app_name = "reminders"
urlpatterns = [path("", register_views.reminders_page, name="list")]
