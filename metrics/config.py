"""One frozen settings object, read from the environment once per call site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "mediametrics.duckdb"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    seeds_dir: Path
    tz_map: str | None  # a per-run timezone-abbreviation map name; None = per outlet, else "default"


def settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ) if env is None else env
    db = Path(env.get("MEDIAMETRICS_DB") or DEFAULT_DB)
    seeds = Path(env.get("MEDIAMETRICS_SEEDS") or PROJECT_ROOT / "seeds")
    return Settings(db_path=db, seeds_dir=seeds, tz_map=env.get("MEDIAMETRICS_TZ_MAP") or None)
