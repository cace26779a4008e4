"""`pilotage web ...`: the web application (database, catalogue, demonstration users, server)."""

from __future__ import annotations

import os

import click

from pilotage.contract.seeds import SEED_IDS

__all__ = ["web"]

# Which institution each seed contract belongs to in the catalogue.
_SEED_INSTITUTIONS = {"inasti-2019-2020": "INASTI", "inami-2013-2015": "INAMI"}


def _setup() -> None:
    """Configure Django; the web commands default to development mode until a server command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilotage.web.settings")
    os.environ.setdefault("PILOTAGE_WEB_DEBUG", "1")
    import django
    from django.core.exceptions import ImproperlyConfigured

    from pilotage.web.settings import debug, secret_key

    try:
        secret_key(debug_mode=debug())
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def web() -> None:
    """The web application: contract pages for the people who hold the contract.

    The database is SQLite at <PILOTAGE_DATA_DIR>/web.sqlite3, or the server named by
    DATABASE_URL (postgres://user:password@host/name). These commands run in development mode
    (PILOTAGE_WEB_DEBUG=1, a generated key in the data dir) unless PILOTAGE_WEB_DEBUG=0 and
    PILOTAGE_WEB_SECRET_KEY are set.

    \b
    Examples:
      pilotage web migrate
      pilotage web load-seeds
      pilotage web create-demo-users
      pilotage web serve --port 8000
    """


@web.command()
def migrate() -> None:
    """Create or update the web database tables (Django migrations).

    \b
    Example:
      PILOTAGE_DATA_DIR=data pilotage web migrate
    """
    _setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@web.command("load-seeds")
def load_seeds() -> None:
    """Load both seed contracts into the catalogue, under INASTI and INAMI.

    Idempotent: a contract whose content has not changed is left as it is.

    \b
    Example:
      pilotage web load-seeds
    """
    _setup()
    from pilotage.web.catalogue.loading import load_contract_file

    for seed_id in SEED_IDS:
        click.echo(str(load_contract_file(seed_id, _SEED_INSTITUTIONS[seed_id])))


@web.command("create-demo-users")
def create_demo_users_command() -> None:
    """Create (or reset) one DEMONSTRATION account per role, granted every institution.

    Each run sets new random passwords and prints them. For demonstration only: do not use
    these accounts on a server holding real data.

    \b
    Example:
      pilotage web create-demo-users
    """
    _setup()
    from pilotage.web.accounts.demo import create_demo_users

    users = create_demo_users()
    click.echo("DEMONSTRATION ACCOUNTS (not for real data):")
    for u in users:
        where = ", ".join(u.institutions) or "no institution yet (run load-seeds first)"
        click.echo(f"  {u.username:32} {u.password:14} {u.role.label} @ {where}")


@web.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Serve the web application with Django's development server (runserver).

    For now this is Django's development server: fine on one machine, not for production
    (a WSGI server over pilotage.web.wsgi comes later).

    \b
    Example:
      pilotage web serve --host 127.0.0.1 --port 8000
    """
    _setup()
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False)
