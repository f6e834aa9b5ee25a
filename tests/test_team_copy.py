"""`mediametrics team push | pull | maintain` on a real DuckLake catalog on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from metrics import team
from metrics.cli import main
from metrics.config import TeamStore
from metrics.store import StoreError, connect

# Compared table by table, every column, rows in a fixed order.
_SKIP = {"schema_migrations"}


def _everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
                  if t not in _SKIP]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def test_push_then_pull_gives_back_the_same_rows_and_a_file_that_takes_new_articles(
        team_store: TeamStore, seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lake = ["--db", team_store.catalog]  # seeded_db's fixture names the file in MEDIAMETRICS_DB
    assert main([*lake, "team", "init"]) == 0
    assert main([*lake, "team", "push", str(seeded_db)]) == 0
    pushed = capsys.readouterr().out
    assert f"{seeded_db} -> team store" in pushed and "articles)" in pushed
    back = tmp_path / "offline.duckdb"
    assert main([*lake, "team", "pull", str(back)]) == 0
    before, after = _everything(seeded_db), _everything(back)
    assert before.keys() == after.keys() and before["articles"] and before["claims"]
    for table in before:
        assert after[table] == before[table], table

    # The snapshot is a working file: the next ingest gets new ids, after the pulled ones.
    article = tmp_path / "new.txt"
    article.write_text("A new clip drew 1.2 million views in its first day, the ministry said.\n", encoding="utf-8")
    assert main(["--db", str(back), "ingest", str(article)]) == 0
    con = connect(back, read_only=True)
    try:
        newest = con.execute("SELECT max(id) FROM articles").fetchall()[0][0]
    finally:
        con.close()
    assert newest == max(row[0] for row in before["articles"]) + 1


def test_push_refuses_a_team_store_that_holds_articles_and_pull_an_existing_file(
        team_store: TeamStore, seeded_db: Path, tmp_path: Path) -> None:
    team.init(team_store)
    team.push(team_store, seeded_db)
    with pytest.raises(StoreError, match=r"copies into an empty team store, and this one holds \d+ articles"):
        team.push(team_store, seeded_db)
    with pytest.raises(StoreError, match=r"already exists: team pull writes a new file"):
        team.pull(team_store, seeded_db)


def test_maintain_keeps_every_row(team_store: TeamStore, seeded_db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    team.init(team_store)
    team.push(team_store, seeded_db)
    assert main(["--db", team_store.catalog, "team", "maintain"]) == 0
    assert "merged adjacent small files" in capsys.readouterr().out
    back = tmp_path / "after.duckdb"
    team.pull(team_store, back)
    assert _everything(back) == _everything(seeded_db)
