from __future__ import annotations

from django.urls import path

from pilotage.web.discussion import views

app_name = "discussion"
urlpatterns = [
    path("", views.comment_list, name="list"),
    path("post/", views.comment_post, name="post"),
    path("<int:pk>/edit/", views.comment_edit, name="edit"),
    path("<int:pk>/withdraw/", views.comment_withdraw, name="withdraw"),
]
