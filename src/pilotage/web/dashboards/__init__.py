"""Dashboards: result sets mirrored for the pages; figures, trends, late cases, XLSX."""
