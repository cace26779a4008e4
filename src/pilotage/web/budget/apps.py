from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "pilotage.web.budget"
    label = "budget"
    verbose_name = _("Management budget")
