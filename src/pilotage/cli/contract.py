"""`pilotage contract ...`: contract files."""

from __future__ import annotations

import click

__all__ = ["contract"]


@click.group()
def contract() -> None:
    """Contract files: check, show, export, consolidate, diff."""
