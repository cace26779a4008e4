"""The demonstration org units: INASTI, 5 regions, 12 regional offices, a central administration.

Codes are short and stable; every name carries " (démo)" so nothing can be taken for the real
organisation. The weights are the relative intake of each office (larger provinces, more cases);
the central administration handles the objectives of the central services only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "CENTRAL_OFFICE",
    "CENTRAL_SERVICES",
    "DEMO_ORG_UNITS",
    "OrgLevel",
    "OrgUnit",
    "office_weights",
    "offices",
    "org_units_table",
]

DEMO_SUFFIX = " (démo)"


class OrgLevel(StrEnum):
    OFFICE = "office"
    REGION = "region"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    parent: str | None
    level: OrgLevel
    weight: float = 0.0  # relative intake; offices only


def _office(code: str, name: str, region: str, weight: float) -> OrgUnit:
    return OrgUnit(code, name + DEMO_SUFFIX, region, OrgLevel.OFFICE, weight)


def _region(code: str, name: str) -> OrgUnit:
    return OrgUnit(code, name + DEMO_SUFFIX, "INASTI", OrgLevel.REGION)


CENTRAL_OFFICE = "ADM"

DEMO_ORG_UNITS: tuple[OrgUnit, ...] = (
    OrgUnit("INASTI", "INASTI" + DEMO_SUFFIX, None, OrgLevel.INSTITUTION),
    _region("R-BRB", "Région Bruxelles-Brabant"),
    _region("R-ANL", "Région Anvers-Limbourg"),
    _region("R-FLA", "Région Flandres"),
    _region("R-HAI", "Région Hainaut"),
    _region("R-LNL", "Région Liège-Namur-Luxembourg"),
    _office(CENTRAL_OFFICE, "Administration centrale", "R-BRB", 0.0),
    _office("BRU", "Bureau régional de Bruxelles", "R-BRB", 1.4),
    _office("LEU", "Bureau régional de Louvain", "R-BRB", 0.9),
    _office("ANT", "Bureau régional d'Anvers", "R-ANL", 1.6),
    _office("HAS", "Bureau régional de Hasselt", "R-ANL", 0.8),
    _office("GNT", "Bureau régional de Gand", "R-FLA", 1.2),
    _office("BRG", "Bureau régional de Bruges", "R-FLA", 0.9),
    _office("KRT", "Bureau régional de Courtrai", "R-FLA", 0.8),
    _office("CHA", "Bureau régional de Charleroi", "R-HAI", 0.7),
    _office("MON", "Bureau régional de Mons", "R-HAI", 0.6),
    _office("LGE", "Bureau régional de Liège", "R-LNL", 0.9),
    _office("NAM", "Bureau régional de Namur", "R-LNL", 0.6),
    _office("ARL", "Bureau régional d'Arlon", "R-LNL", 0.3),
)

# Services whose cases are handled centrally rather than by the regional offices.
CENTRAL_SERVICES = frozenset({"EAE", "FIN", "STA", "SEC", "P2P", "ECL", "PMP"})


def offices() -> tuple[OrgUnit, ...]:
    return tuple(u for u in DEMO_ORG_UNITS if u.level is OrgLevel.OFFICE)


def office_weights(service: str) -> npt.NDArray[np.float64]:
    """Probability of each office (in `offices()` order) to handle a case of `service`."""
    if service in CENTRAL_SERVICES:
        weights = np.array([1.0 if u.code == CENTRAL_OFFICE else 0.0 for u in offices()])
    else:
        weights = np.array([u.weight for u in offices()])
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def org_units_table() -> pa.Table:
    """The org-unit file of docs/case-records.md: code, name, parent, level."""
    return pa.table(
        {
            "code": [u.code for u in DEMO_ORG_UNITS],
            "name": [u.name for u in DEMO_ORG_UNITS],
            "parent": [u.parent for u in DEMO_ORG_UNITS],
            "level": [u.level.value for u in DEMO_ORG_UNITS],
        }
    )
