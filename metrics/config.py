"""Every setting mediametrics reads from the environment, in one frozen object.

Read once at an edge (the command line's `main`, the dashboard's start) and passed down; nothing
else in the package reads `os.environ`, and nothing writes it back (`--db` makes a new Settings).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "mediametrics.duckdb"

# The variables, named once: README's settings table lists the same.
DB_ENV = "MEDIAMETRICS_DB"
SEEDS_ENV = "MEDIAMETRICS_SEEDS"
TZ_MAP_ENV = "MEDIAMETRICS_TZ_MAP"
BROWSER_ENV = "BROWSER_PATH"
YOUTUBE_KEY_ENV = "YOUTUBE_API_KEY"
YOUTUBE_BASE_ENV = "MEDIAMETRICS_YOUTUBE_BASE"
GDELT_BASE_ENV = "MEDIAMETRICS_GDELT_BASE"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    tz_map: str | None = None  # a per-run timezone-abbreviation map name; None = per outlet, else "default"
    browser_path: str | None = None  # the Chrome/Chromium image export drives; None = look on PATH
    youtube_api_key: str | None = None  # never stored or printed
    youtube_base: str | None = None  # None = Google's API host
    gdelt_base: str | None = None  # None = GDELT's DOC 2.0 API

    def child_env(self, env: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment for a child process (the dashboard's server) that must see these settings."""
        out = dict(os.environ if env is None else env)
        out[DB_ENV] = str(self.db_path)
        out[SEEDS_ENV] = str(self.seeds_dir)
        for name, value in ((TZ_MAP_ENV, self.tz_map), (BROWSER_ENV, self.browser_path),
                            (YOUTUBE_BASE_ENV, self.youtube_base), (GDELT_BASE_ENV, self.gdelt_base)):
            if value:
                out[name] = value
        return out


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings in `env` (default: this process's environment)."""
    env = os.environ if env is None else env

    def get(name: str) -> str | None:
        return (env.get(name) or "").strip() or None

    return Settings(
        db_path=Path(get(DB_ENV) or DEFAULT_DB),
        seeds_dir=Path(get(SEEDS_ENV) or PROJECT_ROOT / "seeds"),
        tz_map=get(TZ_MAP_ENV),
        browser_path=get(BROWSER_ENV),
        youtube_api_key=get(YOUTUBE_KEY_ENV),
        youtube_base=get(YOUTUBE_BASE_ENV),
        gdelt_base=get(GDELT_BASE_ENV),
    )
