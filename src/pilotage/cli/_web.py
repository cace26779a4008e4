"""`pilotage web ...`: the web application (database, catalogue, results, accounts, server)."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pilotage.contract import SEED_IDS
from pilotage.web.accounts.roles import RoleName

if TYPE_CHECKING:
    from pilotage.web.accounts.demo import DemoUser

__all__ = [
    "DEMO_SERVICES",
    "SEED_INSTITUTIONS",
    "DemoLogin",
    "collect_static",
    "create_demo_logins",
    "development_mode_note",
    "serve_production",
    "setup",
    "web",
]

# Which institution each seed contract belongs to in the catalogue.
SEED_INSTITUTIONS = {"inasti-2019-2020": "INASTI", "inami-2013-2015": "INAMI"}
# What the demonstration service owner answers for in each institution: an INASTI service of the
# norm tables and an INAMI article of action-commitments.
DEMO_SERVICES = {"INASTI": ["VOB"], "INAMI": ["11"]}
_STORE = "The fact store (default: <PILOTAGE_DATA_DIR>/facts.duckdb)."
# The order the demonstration logins are printed in: the contract manager first, who sees most.
_ROLE_ORDER = (
    RoleName.CONTRACT_MANAGER,
    RoleName.SERVICE_OWNER,
    RoleName.GOVERNMENT_COMMISSIONER,
    RoleName.VIEWER,
    RoleName.ADMINISTRATOR,
)


def setup() -> None:
    """Configure Django; the web commands default to development mode (PILOTAGE_WEB_DEBUG=1)."""
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


def development_mode_note() -> str | None:
    """A sentence saying the server runs in development mode with which key, or None."""
    from pilotage.facts import data_dir
    from pilotage.web.settings import DEV_KEY_FILE, WEB_SECRET_KEY_ENV, debug

    if not debug():
        return None
    key = (
        f"the key in ${WEB_SECRET_KEY_ENV}"
        if os.environ.get(WEB_SECRET_KEY_ENV)
        else f"the development key generated into {data_dir() / DEV_KEY_FILE}"
    )
    return (
        f"Development mode (PILOTAGE_WEB_DEBUG=1), with {key}: for a demonstration on this "
        "machine only; a server sets PILOTAGE_WEB_DEBUG=0 and PILOTAGE_WEB_SECRET_KEY."
    )


def collect_static(verbosity: int = 0) -> None:
    """Copy every static file (the package's and Django's) into STATIC_ROOT for WhiteNoise."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=verbosity)


def serve_production(host: str, port: int, threads: int, trusted_proxy: str | None = None) -> None:
    """Collect the static files, then serve with waitress until Ctrl-C."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    collect_static()
    try:
        # Try the address first: waitress leaves a socket and a pipe open when it cannot bind.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        socket.create_server((host, port), family=family).close()
        server = create_server(
            get_wsgi_application(),
            host=host,
            port=port,
            threads=threads,
            ident="pilotage",
            # Behind a reverse proxy: believe its client address and scheme, nobody else's.
            trusted_proxy=trusted_proxy,
            trusted_proxy_headers="x-forwarded-for x-forwarded-proto" if trusted_proxy else "",
        )
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    note = development_mode_note()
    if note:
        click.echo(note)
    click.echo(
        f"Serving on http://{host}:{port} (waitress, {threads} threads; static files from "
        f"{settings.STATIC_ROOT}). Ctrl-C stops."
    )
    try:
        server.run()  # returns on Ctrl-C (SIGINT) or SystemExit, its workers stopped
    finally:
        server.close()  # waitress leaves its socket and wake-up pipe open otherwise


@dataclass(frozen=True)
class DemoLogin:
    """A demonstration account as printed: who, with which password, what they may see."""

    username: str
    password: str
    role: str
    grants: str

    def line(self) -> str:
        return f"  {self.username} / {self.password}  ({self.role}; {self.grants})"


def create_demo_logins(institutions: Sequence[str]) -> list[DemoLogin]:
    """Create (or reset) the demonstration accounts; the service owner owns DEMO_SERVICES."""
    from pilotage.web.accounts.demo import create_demo_users
    from pilotage.web.accounts.models import Role

    users: list[DemoUser] = create_demo_users(list(institutions), DEMO_SERVICES)
    order: dict[str, int] = {str(value): i for i, value in enumerate(_ROLE_ORDER)}
    logins = []
    for user in sorted(users, key=lambda u: order.get(u.role.value, len(order))):
        grants = [
            f"{code} {' '.join(DEMO_SERVICES[code])}"
            if user.role is Role.SERVICE_OWNER and code in DEMO_SERVICES
            else code
            for code in user.institutions
        ]
        where = ", ".join(grants) or "no institution yet (run load-seeds first)"
        logins.append(
            DemoLogin(user.username, user.password, user.role.value.replace("_", " "), where)
        )
    return logins


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
      pilotage web sync-results
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
    setup()
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
    setup()
    from pilotage.web.catalogue.loading import load_contract_file

    for seed_id in SEED_IDS:
        click.echo(str(load_contract_file(seed_id, SEED_INSTITUTIONS[seed_id])))


@web.command("load-translation")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_translation(file: Path) -> None:
    """Load a translation file: the texts of a contract's elements in another language.

    The file names the contract it translates (translation_of), the language, a note saying
    who wrote and reviewed it, and per element code its texts (name, title, ...). It is
    checked against the newest version of that contract in the catalogue and refused whole,
    with the line, when a code or field does not exist or when it would change a text the
    contract gives in that language itself. The pages then show those texts instead of the
    "[fr]" marked original; contract versions, evaluations and consolidations keep the
    signed text. Loading the same file again changes nothing.

    \b
    Example:
      pilotage web load-translation contracts/inasti-2019-2020.nl.yaml
    """
    setup()
    from pilotage.web.catalogue.loading import load_translation_file

    row = load_translation_file(file)
    label = " (DEMONSTRATION)" if row.demonstration else ""
    click.echo(
        f"{row.contract_id} [{row.language}]{label}: {len(row.texts)} texts, "
        f"sha256 {row.sha256[:12]}"
    )


@web.command("sync-results")
@click.option("--store", "store_file", type=click.Path(dir_okay=False, path_type=Path), help=_STORE)
def sync_results_command(store_file: Path | None) -> None:
    """Copy the result sets published in the fact store into the web database.

    The dashboards read these copies; run it after `pilotage measure` (which publishes).

    \b
    Example:
      pilotage web sync-results --store data/facts.duckdb
    """
    setup()
    from pilotage.web.dashboards.sync import sync_results

    click.echo(str(sync_results(store_file)))


@web.command("create-demo-users")
def create_demo_users_command() -> None:
    """Create (or reset) one DEMONSTRATION account per role, granted every institution.

    Each run sets new random passwords and prints them. For demonstration only: do not use
    these accounts on a server holding real data.

    \b
    Example:
      pilotage web create-demo-users
    """
    setup()
    from pilotage.web.accounts.models import Institution

    logins = create_demo_logins([i.code for i in Institution.objects.all()])
    click.echo("DEMONSTRATION ACCOUNTS (not for real data):")
    for login in logins:
        click.echo(login.line())


@web.command()
def collectstatic() -> None:
    """Copy the static files into <PILOTAGE_DATA_DIR>/static (`serve` does it by itself).

    \b
    Example:
      pilotage web collectstatic
    """
    setup()
    collect_static(verbosity=1)


@web.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1), help="Worker threads."
)
@click.option(
    "--trusted-proxy",
    metavar="ADDRESS",
    default=None,
    help="The reverse proxy's address: its X-Forwarded-For/-Proto headers are believed.",
)
@click.option("--dev", is_flag=True, help="Django's development server (runserver) instead.")
def serve(host: str, port: int, threads: int, trusted_proxy: str | None, dev: bool) -> None:
    """Serve the web application with waitress, a production WSGI server.

    Static files are collected into <PILOTAGE_DATA_DIR>/static first and served by the
    application itself (WhiteNoise): no CDN, nothing fetched from outside. Outside development
    mode PILOTAGE_WEB_SECRET_KEY is required. TLS is the reverse proxy's job (name it with
    --trusted-proxy). --dev runs Django's development server (runserver) instead: handy while
    editing, not for production.

    \b
    Example:
      PILOTAGE_WEB_DEBUG=0 PILOTAGE_WEB_SECRET_KEY=... pilotage web serve --port 8000
      pilotage web serve --dev
    """
    setup()
    if dev:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return
    serve_production(host, port, threads, trusted_proxy)


# The jobs of the web pages from the command line: load-contract, grant, users, export, audit.
from pilotage.cli import _webjobs as webjobs  # noqa: E402  (webjobs reads `setup` above)

for _command in webjobs.WEB_COMMANDS:
    web.add_command(_command)
