"""Where the fact store lives and which secret key pseudonymises NISS: from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "DATA_DIR_ENV",
    "SECRET_KEY_ENV",
    "STORE_FILE",
    "data_dir",
    "secret_key",
    "store_path",
]

DATA_DIR_ENV = "PILOTAGE_DATA_DIR"
SECRET_KEY_ENV = "PILOTAGE_SECRET_KEY"
STORE_FILE = "facts.duckdb"


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The data directory: `PILOTAGE_DATA_DIR`, or `./data`."""
    env = os.environ if environ is None else environ
    return Path(env.get(DATA_DIR_ENV) or "data")


def store_path(environ: Mapping[str, str] | None = None) -> Path:
    """The DuckDB file of the fact store: `<data dir>/facts.duckdb`."""
    return data_dir(environ) / STORE_FILE


def secret_key(environ: Mapping[str, str] | None = None) -> str | None:
    """The key of the NISS pseudonym (`PILOTAGE_SECRET_KEY`), or None when it is not set."""
    env = os.environ if environ is None else environ
    return env.get(SECRET_KEY_ENV) or None
