"""Who may see what: one place the views and the admin ask."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from pilotage.web.accounts.models import Grant, Institution

__all__ = ["grant_for", "institutions_for"]


def grant_for(
    user: AbstractBaseUser | AnonymousUser, institution: Institution | str
) -> Grant | None:
    """The user's grant in `institution`, or None when they are not granted it."""
    if not user.is_authenticated:
        return None
    code = institution.code if isinstance(institution, Institution) else institution
    grant: Grant | None = Grant.objects.filter(user_id=user.pk, institution__code=code).first()
    return grant


def institutions_for(user: AbstractBaseUser | AnonymousUser) -> list[Institution]:
    if not user.is_authenticated:
        return []
    return list(Institution.objects.filter(grants__user_id=user.pk).distinct())
