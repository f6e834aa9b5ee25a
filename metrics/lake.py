"""Team mode's store: a DuckLake catalog on PostgreSQL, its data as Parquet files in a folder.

`open_catalog` gives a DuckDB connection whose default database is the lake, so the named queries
run on it unchanged. The two extensions it needs are loaded from the installed wheels
(`duckdb-extension-ducklake`, `duckdb-extension-postgres-scanner`), never from the network:
autoinstall and autoload are off, so nothing is fetched on first use, on a machine without the
internet or on a production server alike. DuckDB checks each file's signature on load.

DuckLake takes no PRIMARY KEY, UNIQUE, sequence, nextval default or index. The schema is still the
one set of migrations in queries/migrations/: `lake_ddl` gives the text of a migration as a team
store runs it, with those clauses left out, and refuses a migration that uses one it does not know
how to leave out. What the left-out clauses guarded on a file (an article once per canonical URL,
a story once per slug, ids from sequences) becomes the write path's job (docs/scale.md).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb

from metrics.config import DATA_PATH_ENV, TeamStore, hide_password
from metrics.store import StoreError

LAKE = "lake"  # the catalog's name inside a connection; USE makes its tables the unqualified ones
POSTGRES_PREFIX = "ducklake:postgres:"
# (wheel's package, extension). DuckDB derives the entry point it calls from the file's name, so
# the PostgreSQL extension must be loaded as postgres_scanner.duckdb_extension: the
# duckdb-extension-postgres-scanner wheel ships it under that name (byte for byte the file of
# duckdb-extension-postgres, which ships it as postgres.duckdb_extension and then fails to load).
EXTENSIONS = (("duckdb_extension_postgres_scanner", "postgres_scanner"), ("duckdb_extension_ducklake", "ducklake"))
WHEELS = "duckdb-extension-ducklake and duckdb-extension-postgres-scanner"


class CatalogMissingError(StoreError):
    """The PostgreSQL database holds no DuckLake catalog yet: `mediametrics team init` creates it."""


class ConcurrentChange(StoreError):
    """Another process changed the catalog at the same moment; what this one began was undone whole."""


def extension_file(package: str, name: str) -> Path:
    """The extension file an installed wheel ships for this DuckDB."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        raise StoreError(f"team mode needs the {WHEELS} packages (they install with mediametrics)") from exc
    path = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise StoreError(f"{package} has no {name} extension for DuckDB {duckdb.__version__}: install the "
                         f"{WHEELS} packages of DuckDB's version")
    return Path(str(path))


def offline_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with team mode's extensions loaded from the wheels and nothing fetched."""
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        for package, name in EXTENSIONS:
            con.load_extension(str(extension_file(package, name)))
    except BaseException:
        con.close()
        raise
    return con


def open_catalog(team: TeamStore, *, read_only: bool, create: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection on the team store, its catalog attached as `lake` and in use.

    `create`: make the catalog if the database has none (only `mediametrics team init` does: two
    processes creating one at the same moment collide). Otherwise a missing catalog is
    CatalogMissingError, and nothing is created in the database.
    """
    if not team.catalog.startswith(POSTGRES_PREFIX):
        raise StoreError(f"{team}: a team store's catalog is on PostgreSQL: "
                         f"{POSTGRES_PREFIX}dbname=... host=... user=...")
    if not team.data_path:
        raise StoreError(f"{DATA_PATH_ENV} is not set: a team store needs the folder of its Parquet data")
    con = offline_connection()
    try:
        con.execute(_attach(team, read_only=read_only, create=create))
        con.execute(f"USE {LAKE}")
        # TIMESTAMPTZ values come back in UTC whatever the machine's zone is, as from a file.
        con.execute("SET TimeZone = 'UTC'")
    except duckdb.Error as exc:
        con.close()
        raise _store_error(team, exc) from exc
    except BaseException:
        con.close()
        raise
    return con


def data_path(team: TeamStore) -> str:
    """The data path as the catalog records it: absolute for a local folder (every process and
    machine must name the same place; DuckLake compares it as text, so always with one trailing
    slash), as given for a URL such as s3://bucket/prefix/."""
    given = team.data_path or ""
    if "://" not in given:
        given = str(Path(given).expanduser().resolve())
    return given.rstrip("/") + "/"


def sql_literal(value: str) -> str:
    # ATTACH takes no bound parameters (DuckDB 1.5.5 rejects `ATTACH $x`), so its two values are
    # written in as SQL string literals, quotes doubled.
    return "'" + value.replace("'", "''") + "'"


def _attach(team: TeamStore, *, read_only: bool, create: bool) -> str:
    options = [f"DATA_PATH {sql_literal(data_path(team))}"]
    if read_only:
        options.append("READ_ONLY")
    if not create:
        options.append("CREATE_IF_NOT_EXISTS false")
    return f"ATTACH {sql_literal(team.catalog)} AS {LAKE} ({', '.join(options)})"


def _store_error(team: TeamStore, exc: duckdb.Error) -> StoreError:
    """DuckDB's error on attaching as one line that names the store without its password."""
    message = hide_password(str(exc))
    first = " ".join(message.split())
    if "creating a new DuckLake is explicitly disabled" in message:
        return CatalogMissingError(f"{team}: no team store there yet: run `mediametrics team init` once to create it")
    if "does not match existing data path" in message:
        recorded = re.search(r'existing data path in the catalog "([^"]*)"', message)
        where = f" ({recorded.group(1)})" if recorded else ""
        return StoreError(f"{DATA_PATH_ENV}={data_path(team)} is not where this team store keeps its data{where}: "
                          "set it to that")
    if "Failed to initialize DuckLake" in message:
        # Two processes creating the catalog's tables in PostgreSQL at once: the loser's are rolled back.
        return ConcurrentChange(f"{team}: another process was creating this team store at the same moment; "
                          "run `mediametrics team init` again")
    if "Unable to connect to Postgres" in message:
        reason = first.split("failed:", 1)[-1].strip() if "failed:" in first else first
        return StoreError(f"{team}: cannot reach its PostgreSQL: {reason}")
    return StoreError(f"{team}: cannot open the team store: {first}")


# --- the migrations as a team store runs them ------------------------------------------------------

# Single-quoted strings and -- comments, in one pass so that a quote inside a comment or two
# dashes inside a string are read as what they are.
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^']|'')*'|--[^\n]*")
_SEQUENCE = re.compile(r"^[ \t]*CREATE\s+SEQUENCE\b[^;]*;[ \t]*\n?", re.MULTILINE | re.IGNORECASE)
_NEXTVAL_DEFAULT = re.compile(r"\s+DEFAULT\s+nextval\s*\(\s*'[^']*'\s*\)", re.IGNORECASE)
_TABLE_KEY = re.compile(r",\s*(?:PRIMARY\s+KEY|UNIQUE)\s*\([^)]*\)", re.IGNORECASE)  # ", PRIMARY KEY (a, b)"
_COLUMN_PRIMARY_KEY = re.compile(r"\bPRIMARY\s+KEY\b", re.IGNORECASE)
_COLUMN_UNIQUE = re.compile(r"[ \t]+UNIQUE\b", re.IGNORECASE)
# What DuckLake rejects (or, for INSERT OR and ON CONFLICT, cannot honour without keys), checked
# after the rewrite: a migration that still holds one is refused, not half-run.
_REJECTED = re.compile(
    r"\b(PRIMARY\s+KEY|UNIQUE|SEQUENCE|nextval|INDEX|CHECK|REFERENCES|FOREIGN\s+KEY|ON\s+CONFLICT|RETURNING|"
    r"INSERT\s+OR)\b",
    re.IGNORECASE,
)


def lake_ddl(text: str, name: str) -> str:
    """Migration `name`'s SQL as a team store runs it.

    Left out: comments; CREATE SEQUENCE statements; DEFAULT nextval(...); table constraints
    PRIMARY KEY (...) and UNIQUE (...); the column constraint UNIQUE. A column PRIMARY KEY becomes
    NOT NULL, the part of it DuckLake enforces. Every other statement runs as written. Raises
    StoreError naming the migration when something DuckLake rejects is left after that.
    """
    out = _STRINGS_AND_COMMENTS.sub(lambda m: m.group(0) if m.group(0).startswith("'") else "", text)
    out = _SEQUENCE.sub("", out)
    out = _NEXTVAL_DEFAULT.sub("", out)
    out = _TABLE_KEY.sub("", out)
    out = _COLUMN_PRIMARY_KEY.sub("NOT NULL", out)
    out = _COLUMN_UNIQUE.sub("", out)
    left = _REJECTED.search(_STRINGS_AND_COMMENTS.sub("''", out))
    if left:
        raise StoreError(f"migration {name} uses {' '.join(left.group(0).split()).upper()}, which a team store "
                         "(DuckLake) does not take and the migration runner does not know how to leave out; "
                         "write it so that both stores can run it (docs/scale.md)")
    return out
