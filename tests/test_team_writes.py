"""Team mode's write path on a real PostgreSQL server (issue 17, phase 2): several processes
recording into one team store at once, each article kept once with every claim.

DuckLake has no unique keys: what keeps an article once per canonical URL (or text) there is the
write path's own check inside a transaction that holds the write turn, run again whole when another
writer's commit makes it conflict (metrics.store). Each test gets its own catalog database and data
folder (conftest.team_store); skipped without a server, a failure without one when CI=true.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics import lake, team
from metrics.cli import main
from metrics.collectors.files import read_article
from metrics.config import TeamStore
from metrics.model import StoryRef, VolumePoint
from metrics.record import record_articles, volume_writer
from metrics.store import connect, writing
from tests.conftest import ROOT
from tests.test_collect_feeds import page, rss
from tests.test_collect_youtube import KEY, list_response, video

T = TypeVar("T")
WRITERS = 4
ARTICLES = 24
PER_FOLDER = 10  # folder k holds articles 6k .. 6k+9 (mod 24): each shares 4 with the next


def _article(n: int) -> tuple[str, str]:
    """Article n as (file name, content): an HTML page with a canonical link for even n, a plain
    text for odd n (recognised by its text's hash), each with figures of its own."""
    views, shares = f"{n + 1}.{n % 10} million", f"{(n + 1) * 1000:,}"
    body = (f"A video of the harbour storm number {n} drew {views} views on YouTube by Tuesday, the channel "
            f"said. It was shared {shares} times on Facebook.")
    if n % 2:
        return f"article-{n:02d}.txt", f"Storm clip {n} spreads\n\n{body}\n"
    return f"article-{n:02d}.html", (
        f"<html><head><title>Storm clip {n} spreads</title>"
        f'<link rel="canonical" href="https://news.example/a/{n}">'
        '<meta property="article:published_time" content="2025-05-03T10:00:00Z"></head>'
        f"<body><article><p>{body}</p></article></body></html>"
    )


def _folders(root: Path) -> list[Path]:
    folders = []
    for k in range(WRITERS):
        folder = root / f"writer-{k}"
        folder.mkdir(parents=True)
        for n in range(6 * k, 6 * k + PER_FOLDER):
            name, content = _article(n % ARTICLES)
            (folder / name).write_text(content, encoding="utf-8")
        folders.append(folder)
    return folders


def _claims_by_article(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Each article (by canonical URL, else by text hash) with its claims, sorted."""
    found: dict[str, list[tuple[object, ...]]] = {}
    for key, metric, value, quote in con.execute(
        "SELECT coalesce(a.canonical_url, a.text_hash), c.metric, c.value, c.quote "
        "FROM articles a LEFT JOIN claims c ON c.article_id = a.id ORDER BY ALL"
    ).fetchall():
        found.setdefault(key, [])
        if metric is not None:
            found[key].append((metric, value, quote))
    return found


def _repeated(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """What a unique key would have refused on a file: each repeated key or id, by what it is."""
    checks = {
        "article url": "SELECT canonical_url, count(*) FROM articles WHERE canonical_url NOTNULL GROUP BY 1",
        "article text": "SELECT text_hash, count(*) FROM articles WHERE text_hash IS NOT NULL GROUP BY 1",
        "article id": "SELECT id, count(*) FROM articles GROUP BY 1",
        "claim id": "SELECT id, count(*) FROM claims GROUP BY 1",
        "time ref id": "SELECT id, count(*) FROM time_refs GROUP BY 1",
        "story slug": "SELECT slug, count(*) FROM stories GROUP BY 1",
        "story id": "SELECT id, count(*) FROM stories GROUP BY 1",
        "run id": "SELECT id, count(*) FROM collection_runs GROUP BY 1",
        "story link": "SELECT story_id, article_id, count(*) FROM story_articles GROUP BY 1, 2",
    }
    found = {name: [r for r in con.execute(q).fetchall() if r[-1] > 1] for name, q in checks.items()}
    return {name: again for name, again in found.items() if again}


def _on_file(db: Path, read: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """`read` of the database file `db`: what a team store is compared with."""
    con = connect(db, read_only=True)
    try:
        return read(con)
    finally:
        con.close()


def _env(team_store: TeamStore, user: str = "tester") -> dict[str, str]:
    """The environment of a mediametrics process that writes the team store as `user`."""
    return {**os.environ, "MEDIAMETRICS_DB": team_store.catalog, "MEDIAMETRICS_DATA_PATH": str(team_store.data_path),
            "MEDIAMETRICS_USER": user}


@contextmanager
def _read(team_store: TeamStore) -> Iterator[duckdb.DuckDBPyConnection]:
    con = lake.open_catalog(team_store, read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture
def initialised(team_store: TeamStore) -> TeamStore:
    team.init(team_store)
    return team_store


def test_four_processes_ingesting_overlapping_folders_at_once_keep_each_article_once_with_every_claim(
    initialised: TeamStore, tmp_path: Path
) -> None:
    folders = _folders(tmp_path / "in")
    writers = [subprocess.Popen([sys.executable, "-m", "metrics.cli", "ingest", str(folder)], cwd=tmp_path,
                                env=_env(initialised, folder.name), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
               for folder in folders]
    outputs = [w.communicate(timeout=600) for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, outputs
    summaries = [out.strip().splitlines()[-1] for out, _ in outputs]
    added = sum(int(s.split("ingest: ")[1].split(" added")[0]) for s in summaries)
    assert added == ARTICLES, summaries  # each added by exactly one writer; "already recorded" by the rest

    # The same files ingested one folder after another into a database file: the reference.
    file_db = tmp_path / "reference.duckdb"
    for folder in folders:
        assert main(["--db", str(file_db), "ingest", str(folder)]) == 0
    expected = _on_file(file_db, _claims_by_article)
    with _read(initialised) as con:
        assert _repeated(con) == {}
        got = _claims_by_article(con)
        runs = con.execute("SELECT started_by, count(*), count(finished_at) FROM collection_runs "
                           "GROUP BY ALL ORDER BY ALL").fetchall()
    assert len(expected) == ARTICLES and all(expected.values())
    assert got == expected
    assert runs == [(folder.name, 1, 1) for folder in folders]  # one finished run per writer, started by it


def test_two_writers_on_one_canonical_url_end_with_one_row(initialised: TeamStore, tmp_path: Path) -> None:
    # Two pages with the same canonical link and different texts (an edited article fetched twice).
    # The first writer decides its page is new; before it commits, another process records the other
    # page and commits. The first writer's COMMIT conflicts, it runs again, and finds the article.
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    first.write_text(_article(0)[1], encoding="utf-8")
    second.write_text(_article(0)[1].replace("harbour storm", "harbour gale"), encoding="utf-8")
    attempts: list[int] = []

    def other_writer_commits_meanwhile(_con: duckdb.DuckDBPyConnection, run_id: int) -> None:
        attempts.append(run_id)
        if len(attempts) == 1:  # only while the first attempt is open
            done = subprocess.run([sys.executable, "-m", "metrics.cli", "ingest", str(second)], cwd=tmp_path,
                                  env=_env(initialised), capture_output=True, text=True, timeout=300, check=False)
            assert done.returncode == 0 and "1 added" in done.stdout, done

    with writing(initialised) as con:
        result = record_articles(con, [read_article(first)], collector="files", command="test",
                                 also=other_writer_commits_meanwhile)
    assert len(attempts) == 2  # the first attempt conflicted and the whole batch ran again
    assert [o.status for o in result.outcomes] == ["unchanged"]
    with _read(initialised) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles "
                           "WHERE canonical_url = 'https://news.example/a/0'").fetchone() == (1, 1)
        assert "harbour gale" in con.execute("SELECT text FROM articles").fetchone()[0]
        # Both runs are recorded: the other process's, and this one's second attempt (the first was undone).
        assert con.execute("SELECT count(*) FROM collection_runs").fetchone() == (2,)


def test_a_writer_that_never_gets_a_turn_writes_nothing_and_says_so_in_one_line(
    initialised: TeamStore, tmp_path: Path
) -> None:
    from metrics import store

    page = tmp_path / "page.html"
    page.write_text(_article(2)[1], encoding="utf-8")
    others = iter(range(100, 200, 2))  # pages with canonical links

    with writing(initialised) as other, writing(initialised) as con:
        def another_commit_every_time(_con: duckdb.DuckDBPyConnection, _run_id: int) -> None:
            name, content = _article(next(others))
            path = tmp_path / name
            path.write_text(content, encoding="utf-8")
            record_articles(other, [read_article(path)], collector="files", command="other")

        with pytest.raises(store.ConcurrentWrites) as err:
            record_articles(con, [read_article(page)], collector="files", command="test",
                            also=another_commit_every_time)
    said = str(err.value)
    assert said.count("\n") == 0
    assert f"{store.WRITE_ATTEMPTS} attempts" in said and "nothing of it was written" in said
    with _read(initialised) as con:
        urls = {r[0] for r in con.execute("SELECT canonical_url FROM articles").fetchall()}
        runs = con.execute("SELECT DISTINCT command FROM collection_runs").fetchall()
    assert "https://news.example/a/2" not in urls and len(urls) == store.WRITE_ATTEMPTS
    assert runs == [("other",)]


def test_ingest_on_a_team_store_is_the_same_as_on_a_file(initialised: TeamStore, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # The sample story, twice: the second run finds everything recorded, as on a file.
    seeds = ROOT / "seeds"
    assert main(["ingest", str(seeds)]) == 0
    assert main(["import", str(seeds / "cia-story-coverage.jsonl")]) == 0
    assert main(["ingest", str(seeds)]) == 0
    team_out = capsys.readouterr().out.splitlines()
    file_db = tmp_path / "file.duckdb"
    for command in (["ingest", str(seeds)], ["import", str(seeds / "cia-story-coverage.jsonl")],
                    ["ingest", str(seeds)]):
        assert main(["--db", str(file_db), *command]) == 0
    assert team_out == capsys.readouterr().out.splitlines()
    expected = _on_file(file_db, _sample)
    with _read(initialised) as con:
        assert _sample(con) == expected
        assert _repeated(con) == {}


def _sample(con: duckdb.DuckDBPyConnection) -> tuple[object, ...]:
    """Each article's claims, and the stories with their ids."""
    return _claims_by_article(con), con.execute("SELECT id, slug FROM stories ORDER BY id").fetchall()


def _feed_and_videos(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, *, empty_first: bool = False) -> str:
    """A local site: a feed (no validators, so every poll reads it) of three entry pages (none the
    first time it is read, if `empty_first`), and a videos.list whose view count grows with each
    request. The feed's URL."""
    base = httpserver.url_for("").rstrip("/")
    for n in range(1, 4):
        httpserver.expect_request(f"/story/{n}").respond_with_data(page(n), content_type="text/html")
    reads = iter(range(1000))

    def feed(_request: Request) -> Response:
        entries = [] if empty_first and next(reads) == 0 else [1, 2, 3]
        return Response(rss(base, entries), content_type="application/rss+xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    views = iter(range(1_000_000, 2_000_000, 1000))

    def videos_list(request: Request) -> Response:
        items = [video(v, statistics={"viewCount": str(next(views))}) for v in request.args["id"].split(",")]
        return Response(json.dumps(list_response(items)), content_type="application/json")

    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(videos_list)
    monkeypatch.setenv("YOUTUBE_API_KEY", KEY)
    monkeypatch.setenv("MEDIAMETRICS_YOUTUBE_BASE", httpserver.url_for("/youtube/v3"))
    return httpserver.url_for("/feed.xml")


def _collected(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    return {
        "articles": con.execute("SELECT canonical_url FROM articles ORDER BY 1").fetchall(),
        "feeds": con.execute("SELECT url, story_slug, entries_seen FROM feeds").fetchall(),
        "videos": con.execute("SELECT platform_id, duration_s, channel FROM media_items").fetchall(),
        "linked": con.execute("SELECT s.slug, m.platform_id FROM story_media sm JOIN stories s ON s.id = sm.story_id "
                              "JOIN media_items m ON m.id = sm.media_item_id").fetchall(),
        "tags": con.execute("SELECT tag FROM tags ORDER BY 1").fetchall(),
        "observations": con.execute("SELECT metric, count(*) FROM observations GROUP BY 1 ORDER BY 1").fetchall(),
    }


def test_collect_and_poll_record_into_a_team_store_as_into_a_file(
    initialised: TeamStore, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed_and_videos(httpserver, monkeypatch)
    file_db = tmp_path / "file.duckdb"
    for db in ([], ["--db", str(file_db)]):
        assert main([*db, "collect", "--feed", feed, "--youtube", "abcdefghijk", "--story", "Council clip"]) == 0
        assert main([*db, "poll"]) == 0
    out = capsys.readouterr().out
    assert out.count("3 added") == 2 and [line.split()[0] for line in out.splitlines()].count("measured") == 4
    expected = _on_file(file_db, _collected)
    with _read(initialised) as con:
        assert _collected(con) == expected
        assert _repeated(con) == {}
    assert expected["observations"] and expected["linked"] == [("council-clip", "abcdefghijk")]


def test_polls_from_several_processes_at_once_keep_each_entry_once_and_each_polls_measurement_once(
    initialised: TeamStore, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The first read of the feed has no entries yet: every poller then finds all three new at once.
    feed = _feed_and_videos(httpserver, monkeypatch, empty_first=True)
    assert main(["collect", "--feed", feed, "--youtube", "abcdefghijk"]) == 0  # what is tracked
    env = {**_env(initialised), "YOUTUBE_API_KEY": KEY,
           "MEDIAMETRICS_YOUTUBE_BASE": httpserver.url_for("/youtube/v3")}
    pollers = [subprocess.Popen([sys.executable, "-m", "metrics.cli", "poll"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(WRITERS)]
    outputs = [p.communicate(timeout=600) for p in pollers]
    assert [p.returncode for p in pollers] == [0] * WRITERS, outputs
    added = sum(int(out.strip().splitlines()[-1].split("poll: ")[1].split(" added")[0]) for out, _ in outputs)
    assert added == 3, outputs  # each entry added by one poller, "already recorded" by the others
    with _read(initialised) as con:
        assert _repeated(con) == {}
        assert con.execute("SELECT count(*), count(DISTINCT canonical_url) FROM articles").fetchone() == (3, 3)
        # One views measurement per poll (and one from the first collect), each in its own run.
        per_run = con.execute("SELECT run_id, count(*) FROM observations WHERE metric = 'views' "
                              "GROUP BY 1").fetchall()
        video_runs = con.execute("SELECT count(*) FROM collection_runs WHERE collector = 'youtube'").fetchone()[0]
    assert len(per_run) == WRITERS + 1 == video_runs and all(n == 1 for _, n in per_run)


def test_gdelt_counts_written_again_replace_their_steps_on_a_team_store_as_on_a_file(
    initialised: TeamStore, tmp_path: Path
) -> None:
    # Two collects of one query whose windows overlap: a step counted again takes the new counts.
    day = datetime(2025, 5, 1, tzinfo=UTC)
    first = [VolumePoint(day + timedelta(hours=h), 10 + h, 1000) for h in range(3)]
    second = [VolumePoint(day + timedelta(hours=h), 20 + h, None) for h in range(1, 5)]
    story = StoryRef(title="Council clip")
    found = []
    for target in (tmp_path / "file.duckdb", initialised):
        with writing(target) as con:
            for points in (first, second):
                record_articles(con, [], collector="gdelt", command="test",
                                also=volume_writer(story, "gdelt", "council clip", points))
            found.append(con.execute("SELECT s.slug, v.step_start, v.articles, v.monitored, v.run_id "
                                     "FROM coverage_volume v JOIN stories s ON s.id = v.story_id ORDER BY ALL").fetchall())
    assert found[0] == found[1]
    assert [(n, m, run) for _, _, n, m, run in found[1]] == [(10, 1000, 1), (21, None, 2), (22, None, 2),
                                                             (23, None, 2), (24, None, 2)]
