"""Translation files written for the demonstration (labelled so inside): Dutch names of the
INASTI 2019-2020 elements, whose seed carries the French text only."""

from __future__ import annotations

from pathlib import Path

__all__ = ["demo_translations"]


def demo_translations() -> list[Path]:
    """The demonstration's translation files, in name order."""
    return sorted(Path(__file__).parent.glob("*.yaml"))
