"""The contracts shipped with pilotage, encoded by hand from the signed documents."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SEED_IDS", "resolve_contract_path", "seed_path"]

SEED_IDS = ("inasti-2019-2020", "inami-2013-2015")


def seed_path(seed_id: str) -> Path:
    """The file of a shipped seed contract."""
    return Path(str(resources.files("pilotage") / "seeds" / f"{seed_id}.yaml"))


def resolve_contract_path(name: str) -> Path:
    """A contract file path, or the id of a shipped seed when no such file exists."""
    path = Path(name)
    if not path.exists() and name in SEED_IDS:
        return seed_path(name)
    return path
