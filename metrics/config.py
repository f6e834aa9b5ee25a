"""Every setting mediametrics reads from the environment, in one frozen object.

Read once at an edge (the command line's `main`, the dashboard's start) and passed down; nothing
else in the package reads `os.environ`, and nothing writes it back (`--db` makes a new Settings).
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "mediametrics.duckdb"
# MEDIAMETRICS_DB names a team store (docs/scale.md) rather than a file when it starts so.
TEAM_PREFIX = "ducklake:"

# The variables, named once: README's settings table lists the same.
DB_ENV = "MEDIAMETRICS_DB"
DATA_PATH_ENV = "MEDIAMETRICS_DATA_PATH"
SEEDS_ENV = "MEDIAMETRICS_SEEDS"
TZ_MAP_ENV = "MEDIAMETRICS_TZ_MAP"
BROWSER_ENV = "BROWSER_PATH"
YOUTUBE_KEY_ENV = "YOUTUBE_API_KEY"
YOUTUBE_BASE_ENV = "MEDIAMETRICS_YOUTUBE_BASE"
GDELT_BASE_ENV = "MEDIAMETRICS_GDELT_BASE"
# The dashboard's Collect page fetches public addresses only unless this is set (1, true, yes).
ALLOW_PRIVATE_ENV = "MEDIAMETRICS_ALLOW_PRIVATE_TARGETS"
# Set by `mediametrics dashboard` for its server when others can reach it (metrics.signin): the
# provider visitors sign in with ("" for the one given in [auth] itself).
SIGN_IN_ENV = "MEDIAMETRICS_SIGN_IN"
USER_ENV = "MEDIAMETRICS_USER"


@dataclass(frozen=True)
class TeamStore:
    """A team store: a DuckLake catalog (`ducklake:postgres:dbname=... host=... user=...`) and where
    its Parquet data lives (MEDIAMETRICS_DATA_PATH). Connecting says so when `data_path` is missing."""

    catalog: str
    data_path: str | None = None

    def __str__(self) -> str:
        return hide_password(self.catalog)


# The value of a libpq keyword: quoted ('it\'s'), or up to a space or the quote that closes a
# DSN inside an error message.
_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s\"]+)", re.IGNORECASE)


def hide_password(text: str) -> str:
    """`text` with any libpq `password=...` masked. Messages name a team store by its catalog; a
    password belongs in PGPASSWORD or ~/.pgpass, and one written into the catalog anyway is not printed."""
    return _PASSWORD.sub(r"\1***", text)

# Where the data is: a DuckDB file (the default) or a team store.
Database = Path | TeamStore


def database(value: str | None, data_path: str | None = None) -> Database:
    """MEDIAMETRICS_DB or --db as a Database: a team store when it starts with `ducklake:`."""
    if value and value.startswith(TEAM_PREFIX):
        return TeamStore(value, data_path)
    return Path(value or DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    db: Database
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    tz_map: str | None = None  # a per-run timezone-abbreviation map name; None = per outlet, else "default"
    browser_path: str | None = None  # the Chrome/Chromium image export drives; None = look on PATH
    youtube_api_key: str | None = None  # never stored or printed
    youtube_base: str | None = None  # None = Google's API host
    gdelt_base: str | None = None  # None = GDELT's DOC 2.0 API
    data_path: str | None = None  # MEDIAMETRICS_DATA_PATH, for a team store named by --db
    allow_private_targets: bool = False  # the Collect page may fetch loopback and private addresses
    sign_in: str | None = None  # the dashboard asks visitors to sign in with this provider (metrics.signin)
    user: str | None = None  # who starts the runs this process records (collection_runs.started_by)

    def child_env(self, env: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment for a child process (the dashboard's server) that must see these settings."""
        out = dict(os.environ if env is None else env)
        # The catalog as written (str() hides a password), so the child reaches the same store.
        out[DB_ENV] = self.db.catalog if isinstance(self.db, TeamStore) else str(self.db)
        out[SEEDS_ENV] = str(self.seeds_dir)
        data_path = self.db.data_path if isinstance(self.db, TeamStore) else self.data_path
        for name, value in ((TZ_MAP_ENV, self.tz_map), (BROWSER_ENV, self.browser_path),
                            (YOUTUBE_BASE_ENV, self.youtube_base), (GDELT_BASE_ENV, self.gdelt_base),
                            (DATA_PATH_ENV, data_path), (USER_ENV, self.user),
                            (ALLOW_PRIVATE_ENV, "1" if self.allow_private_targets else None)):
            if value:
                out[name] = value
        out.pop(SIGN_IN_ENV, None)  # only as this object says, never inherited
        if self.sign_in is not None:
            out[SIGN_IN_ENV] = self.sign_in
        return out


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings in `env` (default: this process's environment)."""
    env = os.environ if env is None else env

    def get(name: str) -> str | None:
        return (env.get(name) or "").strip() or None

    return Settings(
        db=database(get(DB_ENV), get(DATA_PATH_ENV)),
        seeds_dir=Path(get(SEEDS_ENV) or PROJECT_ROOT / "seeds"),
        tz_map=get(TZ_MAP_ENV),
        browser_path=get(BROWSER_ENV),
        youtube_api_key=get(YOUTUBE_KEY_ENV),
        youtube_base=get(YOUTUBE_BASE_ENV),
        gdelt_base=get(GDELT_BASE_ENV),
        data_path=get(DATA_PATH_ENV),
        allow_private_targets=(get(ALLOW_PRIVATE_ENV) or "").lower() in ("1", "true", "yes"),
        # Not through get(): "" (the provider in [auth] itself) is a value here.
        sign_in=env.get(SIGN_IN_ENV),
        user=get(USER_ENV) or login_name(),
    )


def login_name() -> str | None:
    """The user name this process runs as, None where the system knows none (a container's
    numeric user without a passwd entry, say): a run is then recorded without one."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # OSError from Python 3.13 on, KeyError before
        return None
