"""The five roles by their stored names, in plain Python: what the command line offers before
Django is set up. `models.Role` gives them their labels, from these values."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["RoleName"]


class RoleName(StrEnum):
    ADMINISTRATOR = "administrator"
    CONTRACT_MANAGER = "contract_manager"
    SERVICE_OWNER = "service_owner"
    GOVERNMENT_COMMISSIONER = "government_commissioner"
    VIEWER = "viewer"
