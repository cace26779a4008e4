"""`pilotage start`: the main job of the README."""

from __future__ import annotations

import click

__all__ = ["start"]


@click.command()
def start() -> None:
    """Check and show both seed contracts shipped with pilotage."""
    raise click.ClickException("not ready yet")
