"""pilotage: hold a management contract ("contrat d'administration"), measure it, report on it."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
