"""URLs of the web application.

/                                             the person's home page (home)
/contracts/                                   contracts the user is granted (catalogue)
/contracts/<id>/                              contract overview (catalogue)
/contracts/<id>/dashboard/...                 dashboards, late cases, XLSX export (dashboards)
/contracts/<id>/actions/..., /missions/...    action-commitments and missions (progress)
/contracts/<id>/comments/...                  comments and justifications (discussion)
/contracts/<id>/evaluation/...                annual evaluations, requests, registers (evaluation)
/contracts/<id>/budget/...                    the management budget per year, statement (budget)
/reminders/                                   deadlines due soon or late (evaluation)
/audit/                                       the audit trail (audit)
/api/...                                      JSON API, OpenAPI schema at /api/openapi.json
/admin/                                       Django admin, for the roles allowed to edit
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from pilotage.web.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("contracts/", include("pilotage.web.catalogue.urls")),
    path("contracts/<str:contract_id>/dashboard/", include("pilotage.web.dashboards.urls")),
    path("contracts/<str:contract_id>/", include("pilotage.web.progress.urls")),
    path("contracts/<str:contract_id>/comments/", include("pilotage.web.discussion.urls")),
    path("contracts/<str:contract_id>/evaluation/", include("pilotage.web.evaluation.urls")),
    path("contracts/<str:contract_id>/budget/", include("pilotage.web.budget.urls")),
    path("reminders/", include("pilotage.web.evaluation.reminder_urls")),
    path("audit/", include("pilotage.web.audit.urls")),
    path("api/", include("pilotage.web.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler500 = "pilotage.web.middleware.server_error"  # names the request id to report
