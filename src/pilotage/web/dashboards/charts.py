"""The trend chart of an objective on the pages: the core's drawing, which the packs print too."""

from __future__ import annotations

from pilotage.reports.charts import trend_svg

__all__ = ["trend_svg"]
