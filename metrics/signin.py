"""Who may open a dashboard: anyone on this machine, or, when it is served beyond it, only people
who sign in (Streamlit's st.login with an OpenID Connect provider) unless its operator says
`--no-auth` and is told what that exposes.

A dashboard on a loopback address is reached only from this machine. On any other address others
can reach it: they read every story and can collect into the database through the Collect page.
Sign-in is configured where Streamlit reads it, the `[auth]` table of `.streamlit/secrets.toml` in
the folder the dashboard starts from or in the home folder (docs/scale.md has an example).
"""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from pathlib import Path

# What Streamlit needs to run st.login: [auth] holds these two, and the provider the rest.
SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class SignInMissing(Exception):
    """Served beyond this machine with neither sign-in configured nor --no-auth: one line why."""


@dataclass(frozen=True)
class Access:
    """How the dashboard is reached: `provider` None when no sign-in is asked (this machine only,
    or --no-auth, with `warning` saying what that exposes)."""

    provider: str | None = None
    warning: str | None = None


def is_loopback(address: str) -> bool:
    """Whether a server address is reached only from this machine."""
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: whoever it resolves for can reach it


def secrets_files(cwd: Path, home: Path) -> list[Path]:
    """Where Streamlit reads secrets.toml: the start folder's .streamlit, then the home folder's."""
    return [cwd / ".streamlit" / "secrets.toml", home / ".streamlit" / "secrets.toml"]


def configured_provider(files: list[Path]) -> str | None:
    """The provider [auth] configures in the first secrets file that has an [auth] table ("" for
    one given in [auth] itself, else the first [auth.NAME] with every key), or None. Raises
    SignInMissing naming the file and what it lacks when its [auth] is incomplete or unreadable."""
    for path in files:
        if not path.is_file():
            continue
        try:
            auth = tomllib.loads(path.read_text(encoding="utf-8")).get("auth")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SignInMissing(f"{path} cannot be read ({exc})") from exc
        if not isinstance(auth, dict):
            continue
        missing = [k for k in SHARED_KEYS if not auth.get(k)]
        if missing:
            raise SignInMissing(f"{path}: [auth] has no {', '.join(missing)}")
        if all(auth.get(k) for k in PROVIDER_KEYS):
            return ""
        named = [name for name, table in auth.items() if isinstance(table, dict)]
        for name in named:
            if all(auth[name].get(k) for k in PROVIDER_KEYS):
                return str(name)
        raise SignInMissing(f"{path}: [auth] names no provider with {', '.join(PROVIDER_KEYS)}")
    return None


def access(address: str, port: int, *, no_auth: bool, files: list[Path]) -> Access:
    """How a dashboard served on address:port is to be reached. Raises SignInMissing with the one
    line to show when it would be reachable by others without sign-in or --no-auth."""
    if is_loopback(address):
        return Access()
    if no_auth:
        return Access(warning=f"serving without sign-in on {address}:{port}: anyone who can reach that address "
                              "can read every story and collect into the database through the Collect page")
    provider = configured_provider(files)
    if provider is None:
        raise SignInMissing(
            f"the dashboard on {address}:{port} is reachable by others, so it needs sign-in: configure an "
            "OpenID Connect provider in [auth] of .streamlit/secrets.toml (docs/scale.md), or pass --no-auth "
            "to serve it to anyone who can reach it")
    return Access(provider=provider)
