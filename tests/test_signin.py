"""Who may open a dashboard served beyond this machine (metrics.signin, `mediametrics dashboard`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from metrics.cli import main
from metrics.config import ALLOW_PRIVATE_ENV, SIGN_IN_ENV
from metrics.format import escape_markdown
from metrics.signin import SignInMissing, access, configured_provider, is_loopback
from metrics.store import connect
from tests.conftest import ROOT
from tests.test_page_collect import PAGE

AUTH = """[auth]
redirect_uri = "https://desk.example/oauth2callback"
cookie_secret = "a-long-random-string"
"""
PROVIDER = """client_id = "mediametrics"
client_secret = "not-a-real-secret"
server_metadata_url = "https://id.example/.well-known/openid-configuration"
"""


def secrets(tmp_path: Path, text: str) -> list[Path]:
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path, tmp_path / "home" / ".streamlit" / "secrets.toml"]


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.1.1", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("desk.example", False),
])
def test_only_loopback_addresses_are_this_machine_alone(address: str, loopback: bool) -> None:
    assert is_loopback(address) is loopback


def test_this_machine_needs_no_sign_in_and_others_need_it_or_no_auth(tmp_path: Path) -> None:
    none = [tmp_path / "nothing.toml"]
    assert access("127.0.0.1", 8501, no_auth=False, files=none).provider is None
    with pytest.raises(SignInMissing, match=r"^the dashboard on 0\.0\.0\.0:8501 is reachable by others"):
        access("0.0.0.0", 8501, no_auth=False, files=none)
    open_to_all = access("0.0.0.0", 8501, no_auth=True, files=none)
    assert open_to_all.provider is None and "anyone who can reach that address" in (open_to_all.warning or "")
    assert access("0.0.0.0", 8501, no_auth=False, files=secrets(tmp_path, AUTH + PROVIDER)).provider == ""


def test_a_named_provider_and_an_incomplete_auth_table(tmp_path: Path) -> None:
    assert configured_provider(secrets(tmp_path, AUTH + "[auth.desk]\n" + PROVIDER)) == "desk"
    with pytest.raises(SignInMissing, match=r"\[auth\] names no provider"):
        configured_provider(secrets(tmp_path, AUTH))
    with pytest.raises(SignInMissing, match=r"\[auth\] has no cookie_secret"):
        configured_provider(secrets(tmp_path, '[auth]\nredirect_uri = "https://desk.example/oauth2callback"\n'))
    assert configured_provider(secrets(tmp_path, '[other]\nkey = "value"\n')) is None


def test_the_command_refuses_to_serve_others_without_sign_in_and_starts_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    db = tmp_path / "db.duckdb"
    monkeypatch.setenv("MEDIAMETRICS_DB", str(db))
    assert main(["dashboard", "--address", "0.0.0.0", "--headless"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: the dashboard on 0.0.0.0:8501 is reachable by others") and "--no-auth" in err
    assert "\n" not in err
    assert not db.exists()  # refused before the sample story was loaded or a server started


def test_a_shared_dashboard_shows_nothing_before_sign_in(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SIGN_IN_ENV, "")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe and not at.sidebar.multiselect  # no story, no filter: nothing read

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "ana_b@desk.example", "name": "Ana"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe and "Sign out" in [b.label for b in at.sidebar.button]
    # The address is data from the provider: shown as text, never as Markdown or a link.
    assert [c.value for c in at.sidebar.caption if c.value.startswith("Signed in")] == [
        f"Signed in as {escape_markdown('ana_b@desk.example')}"]


def test_this_machines_dashboard_asks_no_one_to_sign_in(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SIGN_IN_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.dataframe and "Sign in" not in [b.label for b in at.button]


def test_a_run_started_from_a_shared_dashboard_records_who_signed_in(
        seeded_db: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SIGN_IN_ENV, "")
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")  # the page fetches from this local server
    monkeypatch.setenv("MEDIAMETRICS_USER", "server-account")
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    at = AppTest.from_file(str(ROOT / "app_pages" / "collect.py"), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "ana@desk.example"}
    at.run()
    at.text_area(key="collect_urls").input(httpserver.url_for("/news/clip"))
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    con = connect(seeded_db, read_only=True)
    try:
        [(who,)] = con.execute("SELECT started_by FROM collection_runs ORDER BY id DESC LIMIT 1").fetchall()
    finally:
        con.close()
    assert who == "ana@desk.example"
