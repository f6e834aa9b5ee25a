"""`mediametrics` command line: ingest, collect, import, poll, extract, export, stories, seed, dashboard, team.

Argument parsing and printing only: every command that collects builds a request for the one
orchestrator (metrics.collect_service) and prints its rows.

Exit codes: 0 all inputs recorded, 1 some input failed (the rest were recorded),
2 nothing could be done (bad arguments, database unavailable, an unexpected failure).
No traceback reaches the user: a failure is one line naming its input, and `--debug` shows the
traceback behind it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import time
import traceback
import webbrowser
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from metrics import collect_service as cs
from metrics.collectors.http import DEFAULT_FETCH, FetchConfig
from metrics.config import PROJECT_ROOT, Settings, TeamStore, database, settings
from metrics.extract.zones import TZ_MAPS
from metrics.model import Extraction, InputError, StoryRef
from metrics.normalize import shown
from metrics.store import StoreError, require_file, writing


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _iso_utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def extraction_json(source: str, ex: Extraction, *, extractor_version: str) -> dict[str, Any]:
    """The stable `extract --json` record. Later versions add keys; they never remove or rename one."""
    meta = ex.meta
    pub = meta.published
    return {
        "source": source,
        "title": meta.title,
        "outlet": meta.outlet,
        "byline": meta.byline,
        "published_at": _iso_utc(pub.instant) if pub else None,
        "published_offset": pub.offset if pub else None,
        "published_precision": pub.precision if pub else None,
        "date_source": pub.source if pub else None,
        "tz_rule": pub.tz_rule if pub else None,
        # The wall clock as printed when the source stated no zone (published_at is then its day).
        "published_local": _iso(pub.local) if pub else None,
        "modified_at": _iso_utc(meta.modified.instant) if meta.modified else None,
        "dateline": meta.dateline,
        "syndicated_from": meta.syndicated_from,
        "topics": list(meta.topics),
        "claims": [
            {
                "metric": c.metric,
                "value": c.value,
                "unit": c.unit,
                "bound": c.bound,
                "low": c.low,
                "high": c.high,
                "qualifier": c.qualifier,
                "scope": c.scope,
                "time_window": c.time_window,
                "subject": c.subject,
                "platform": c.platform,
                "quote": c.quote,
                "span": list(c.span) if c.span else None,
                "also_spans": [list(s) for s in c.also_spans],
                "as_of": _iso(c.as_of),
                "as_of_start": _iso(c.as_of_start),
                "as_of_rule": c.as_of_rule,
            }
            for c in ex.claims
        ],
        "time_refs": [
            {
                "text": t.text,
                "span": list(t.span) if t.span else None,
                "resolved_start": _iso(t.resolved_start),
                "resolved_end": _iso(t.resolved_end),
                "granularity": t.granularity,
                "rule": t.rule,
            }
            for t in ex.time_refs
        ],
        "extractor_version": extractor_version,
    }


def _collect(request: cs.CollectRequest, cfg: Settings, *, verb: str, config: FetchConfig = DEFAULT_FETCH) -> int:
    """Run a request through the orchestrator and print one line per input, then a summary."""
    bar: list[Any] = []

    def progress(done: float, total: int, _label: str) -> None:
        # One bar for the inputs read, then for the articles recorded (a new total); tqdm hides
        # itself when stderr is not a terminal.
        if not bar:
            from tqdm import tqdm

            bar.append(tqdm(total=total, unit="input", disable=None, file=sys.stderr))
        elif bar[0].total != total:
            bar[0].reset(total=total)
            bar[0].unit = "article"
        bar[0].n = done
        bar[0].refresh()

    try:
        result = cs.collect(request, cfg, progress=progress, config=config)
    finally:
        if bar:
            bar[0].close()
    return _print_result(result, verb=verb)


def _print_result(result: cs.CollectResult, *, verb: str) -> int:
    for line in [*result.earlier, *result.notes]:
        print(line)
    for line in result.warnings:
        _err(f"warning: {line}")
    for row in result.rows:
        if row.status == cs.FAILED:
            _err(f"error: {row.input}: {row.detail}")
        else:
            print(f"{row.status:<18} {row.input}  {row.detail}".rstrip())
        for warning in row.warnings:
            _err(f"warning: {row.input}: {warning}")
    if result.locked:
        _err(f"error: nothing recorded now: {result.locked}")
        if result.kept:
            _err(f"kept what was read in {result.kept}: the next mediametrics run that can write "
                 "(collect, ingest, import, poll or the dashboard's Collect page) records it first")
    if result.problem:
        _err(f"error: {result.problem}")
    print(cs.summary(result, verb))
    if result.locked or (result.problem and not result.wrote):
        return 2  # nothing was recorded
    return 1 if result.failed or result.problem else 0


def _story(args: argparse.Namespace) -> StoryRef | None:
    return cs.story_ref(args.story)


def _command(args: argparse.Namespace) -> str:
    return shown(" ".join(["mediametrics", *args.argv]))


def _fetch_config(args: argparse.Namespace) -> FetchConfig:
    """--timeout is the whole of one URL (every attempt, read and wait); each connect and read also
    stays within the usual per-step limits."""
    return FetchConfig(deadline_s=args.timeout, read_timeout_s=min(args.timeout, DEFAULT_FETCH.read_timeout_s),
                       connect_timeout_s=min(args.timeout, 10.0))


def cmd_ingest(args: argparse.Namespace, cfg: Settings) -> int:
    request = cs.CollectRequest(paths=tuple(args.paths), story=_story(args), tags=tuple(args.tag),
                                tz_map=_tz_map(args, cfg), command=_command(args))
    return _collect(request, cfg, verb="ingest")


def cmd_import(args: argparse.Namespace, cfg: Settings) -> int:
    request = cs.CollectRequest(imports=tuple(args.files), story=_story(args), tags=tuple(args.tag),
                                tz_map=_tz_map(args, cfg), command=_command(args))
    return _collect(request, cfg, verb="import")


def cmd_collect(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics.extract.dates import DateParseError, parse_published

    urls = list(args.urls)
    errors: list[InputError] = []
    if args.from_file:
        try:
            urls += Path(args.from_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(InputError(shown(args.from_file), f"cannot read the URL list: {shown(str(exc))}"))
    gdelt = None
    if (args.since or args.until) and not args.gdelt:
        _err("error: --since and --until go with --gdelt QUERY")
        return 2
    if args.gdelt:
        if not args.since or not args.story:
            _err("error: collect --gdelt needs --since DATE and --story (the story the counts belong to)")
            return 2
        try:
            # A clock time typed without a zone is UTC here, as GDELT counts in UTC.
            since = parse_published(args.since, source="--since", default_zone="UTC").instant
            until = (
                parse_published(args.until, source="--until", default_zone="UTC").instant
                if args.until
                else None
            )
        except DateParseError as exc:
            _err(f"error: {exc}")
            return 2
        gdelt = cs.GdeltQuery(args.gdelt, since=since, until=until, max_articles=args.gdelt_max)
    request = cs.CollectRequest(
        urls=cs.lines("\n".join(urls)), feeds=tuple(args.feed or ()), youtube=tuple(args.youtube or ()), gdelt=gdelt,
        story=_story(args), tags=tuple(args.tag), refetch=args.refetch, tz_map=_tz_map(args, cfg),
        errors=tuple(errors), command=_command(args),
    )
    if request.total == 0 and not errors:
        _err("error: nothing to collect: give URLs (as arguments or with --from-file), --feed FEED_URL, "
             "--youtube ID or --gdelt QUERY")
        return 2
    return _collect(request, _with_bases(args, cfg), verb="collect", config=_fetch_config(args))


def cmd_poll(args: argparse.Namespace, cfg: Settings) -> int:
    """Every tracked feed and video again: what cron runs every hour."""
    request = cs.CollectRequest(poll=True, tz_map=_tz_map(args, cfg), command=_command(args))
    return _collect(request, _with_bases(args, cfg), verb="poll", config=_fetch_config(args))


def _with_bases(args: argparse.Namespace, cfg: Settings) -> Settings:
    """--youtube-base and --gdelt-base win over the environment for this run."""
    return replace(cfg, youtube_base=getattr(args, "youtube_base", None) or cfg.youtube_base,
                   gdelt_base=getattr(args, "gdelt_base", None) or cfg.gdelt_base)


def cmd_extract(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics.extract import EXTRACTOR_VERSION

    # Read through the orchestrator like `ingest`, without recording anything.
    gathered = cs.gather(cs.CollectRequest(paths=tuple(args.paths), tz_map=_tz_map(args, cfg)), cfg)
    for row in gathered.rows:
        if row.item is None:
            continue
        item = gathered.items[row.item]
        ex = Extraction(text=item.text or "", meta=item.meta, claims=item.claims, time_refs=item.time_refs)
        record = extraction_json(item.source, ex, extractor_version=EXTRACTOR_VERSION)
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            _print_human(record)
    for note in gathered.notes:
        _err(note)
    failed = [r for r in gathered.rows if r.status == cs.FAILED]
    for row in failed:
        _err(f"error: {row.input}: {row.detail}")
    return 1 if failed else 0


def _print_human(record: dict[str, Any]) -> None:
    print(f"{record['source']}")
    print(f"  title:     {record['title']}")
    print(f"  outlet:    {record['outlet']}   byline: {record['byline']}")
    local = f"; {record['published_local']} local, zone unknown" if record["published_local"] else ""
    offset = f"offset {record['published_offset']}{local}"
    print(f"  published: {record['published_at']} ({offset}; {record['date_source']})")
    print(f"  topics:    {', '.join(record['topics'])}")
    for c in record["claims"]:
        print(f"  claim {c['metric']:<15} {c['value']!s:>12} {c['bound']:<6} \"{c['quote']}\"")
    for t in record["time_refs"]:
        print(f"  time  {t['text']!r:<20} {t['resolved_start']} .. {t['resolved_end']} ({t['granularity']})")


def _tz_map(args: argparse.Namespace, cfg: Settings) -> str | None:
    chosen = getattr(args, "tz_map", None) or cfg.tz_map
    if chosen is not None and chosen not in TZ_MAPS:
        _err(f"error: MEDIAMETRICS_TZ_MAP={chosen!r} is not a timezone map; choose one of {', '.join(sorted(TZ_MAPS))}")
        raise SystemExit(2)
    return chosen


def cmd_seed(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics import seed

    with writing(require_file(cfg.db, "seed")) as con:
        if seed.is_seeded(con) and not args.force:
            print("seeds already loaded (use --force to load them again; it adds only what is missing)")
            return 0
        result = seed.load(con, cfg.seeds_dir, tz_map=cfg.tz_map, started_by=cfg.user)
    for outcome in result.outcomes:
        status = cs.KNOWN if outcome.status == "unchanged" else cs.ADDED
        print(f"{status:<18} {outcome.source} -> story {outcome.story_slug} (article #{outcome.article_id})")
    for error in result.errors:
        _err(f"error: {error}")
    print(f"seed: {result.added} added, {result.unchanged} already recorded, {len(result.errors)} failed "
          f"(run #{result.run_id})")
    return 1 if result.errors else 0


def _story_slug(cfg: Settings, name: str) -> str:
    """The slug of the story `name` names (its title or its slug, as `ingest --story` reads it);
    the name as given when no story has it (the caller says so)."""
    from metrics import stories
    from metrics.store import reading

    with reading(cfg.db) as con:
        return stories.slug_of(con, name) or name


def cmd_export(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics import export, story_data
    from metrics.store import ensure_current

    ensure_current(cfg.db)
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower() or "png"
    args.story = _story_slug(cfg, args.story)
    try:
        if args.report:
            view = story_data.story(args.story, cfg.db)
            if view is None:
                raise export.ExportError(f"no story {args.story!r} (see `mediametrics stories`)")
            data, fmt = export.story_report(view, theme=args.theme, browser_path=cfg.browser_path), "zip"
        elif args.chart is None:
            raise export.ExportError("choose --chart timeline|claims, or --report for everything")
        else:
            data = export.story_chart_image(args.story, args.chart, fmt, db=cfg.db, browser_path=cfg.browser_path,
                                            width=args.width, height=args.height, metric=args.metric,
                                            unique=args.unique, theme=args.theme)
    except export.ExportError as exc:
        _err(f"error: {exc}")
        return 2
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        _err(f"error: {args.output}: cannot write: {exc.strerror or exc}")
        return 2
    print(f"wrote {args.output} ({len(data):,} bytes, {fmt})")
    return 0


def cmd_stories(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics import stories

    if args.action is None:
        return _list_stories(cfg)
    try:
        with writing(require_file(cfg.db, f"stories {args.action}")) as con:
            if args.action == "rename":
                stories.rename(con, args.slug, args.title)
                print(f"renamed {args.slug}: {args.title}")
            elif args.action == "merge":
                stories.merge(con, args.source, args.into)
                print(f"merged {args.source} into {args.into}")
            else:
                slug = stories.move_article(con, args.article_id, args.to)
                print(f"moved article #{args.article_id} to {shown(slug)}")
    except stories.StoryError as exc:
        _err(f"error: {exc}")
        return 2
    return 0


def _list_stories(cfg: Settings) -> int:
    from metrics.store import ensure_current, query, reading

    if isinstance(cfg.db, Path) and not cfg.db.exists():
        print("no stories yet: run `mediametrics ingest PATH...` or `mediametrics seed`")
        return 0
    ensure_current(cfg.db)
    with reading(cfg.db) as con:
        table = query(con, "stories_list")
    if table.empty:
        print("no stories yet: run `mediametrics ingest PATH...` or `mediametrics seed`")
    for r in table.itertuples():
        first = f"{r.first_coverage:%Y-%m-%d}" if r.first_coverage is not None and r.first_coverage == r.first_coverage else "-"
        last = f"{r.last_coverage:%Y-%m-%d}" if r.last_coverage is not None and r.last_coverage == r.last_coverage else "-"
        sample = " (sample)" if r.origin == "sample" else ""
        noun = "article " if r.articles == 1 else "articles"  # padded so the date columns stay aligned
        print(f"{r.slug:<40} {r.articles:>4} {noun}  {first} .. {last}  {r.title}{sample}")
    return 0


def cmd_team(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics import team

    if not isinstance(cfg.db, TeamStore):
        _err(f"error: team {args.action} needs MEDIAMETRICS_DB (or --db) naming a DuckLake catalog, "
             "ducklake:postgres:dbname=... host=... user=..., and MEDIAMETRICS_DATA_PATH the folder of its data")
        return 2
    if args.action in ("push", "pull"):
        copy = team.push if args.action == "push" else team.pull
        copied = copy(cfg.db, args.file)
        way = f"{args.file} -> team store {cfg.db}" if args.action == "push" else f"team store {cfg.db} -> {args.file}"
        print(f"{way}: {copied.rows:,} rows in {copied.tables} tables ({copied.articles:,} articles)")
        return 0
    if args.action == "maintain":
        for done in team.maintain(cfg.db):
            print(f"team store {cfg.db}: {done}")
        return 0
    result = team.init(cfg.db)
    done = (f"{len(result.applied)} migration{'s' if len(result.applied) != 1 else ''} applied now"
            if result.applied else "already up to date")
    print(f"team store {cfg.db}: schema at {result.version} ({done}); data in {result.data_path}")
    return 0


def cmd_dashboard(args: argparse.Namespace, cfg: Settings) -> int:
    from metrics import seed, signin

    # Decided before anything is read or started: served beyond this machine, others can reach it.
    try:
        reach = signin.access(args.address, args.port, no_auth=args.no_auth,
                              files=signin.secrets_files(Path.cwd(), Path.home()))
    except signin.SignInMissing as exc:
        _err(f"error: {exc}")
        return 2
    if reach.warning:
        _err(f"warning: {reach.warning}")
    env = replace(cfg, sign_in=reach.provider).child_env()
    seeded = seed.ensure_ready(cfg)
    if seeded is not None:
        print(f"first run: loaded the sample story from {cfg.seeds_dir} ({seeded.added} articles, run #{seeded.run_id})")
        for error in seeded.errors:
            _err(f"error: {error}")
    # Streamlit always runs headless: otherwise, on a machine where it was never set up, it first
    # asks for an email address on stdin, and without a terminal (background, nohup, CI) it exits.
    # The browser is opened here instead, once the server answers.
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard.py"),
        "--server.address", args.address,
        "--server.port", str(args.port),
        "--browser.gatherUsageStats", "false",
        "--server.headless", "true",
    ]
    server = subprocess.Popen(command, env=env)
    url = f"http://{args.address}:{args.port}"

    # A service manager, `kill` or a test stops this command with SIGTERM; the server is a child
    # process and would otherwise outlive it, holding the port.
    def stop_server(_signum: int, _frame: object) -> None:
        server.terminate()

    previous = signal.signal(signal.SIGTERM, stop_server)
    try:
        if not args.headless and _wait_until_serving(url, server):
            webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_until_serving(url: str, server: subprocess.Popen[bytes], timeout_s: float = 60.0) -> bool:
    import requests

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"{url}/_stcore/health", timeout=1).ok:
                return True
        except requests.RequestException:
            time.sleep(0.3)
    return False


TZ_MAP_HELP = "timezone-abbreviation map for this run (default: $MEDIAMETRICS_TZ_MAP, else per outlet)"
TIMEOUT_HELP = (f"seconds one URL may take in all: connecting, reading, retries and waits "
                f"(default {DEFAULT_FETCH.deadline_s:g}); a server asking to retry after more than "
                f"{DEFAULT_FETCH.max_retry_after_s:g} s fails that URL at once")
DEBUG_HELP = "show the traceback behind a failure (and each request, as -v does)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mediametrics", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file, or a team store's catalog ducklake:postgres:dbname=... host=... "
                        "(default: $MEDIAMETRICS_DB or data/mediametrics.duckdb)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each request and retry on stderr")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="record .txt/.html articles (files or folders)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--story", help="story title or slug to file them under (default: a story per article)")
    p.add_argument("--tag", action="append", default=[], help="topic tag (repeatable)")
    p.add_argument("--tz-map", choices=sorted(TZ_MAPS), help=TZ_MAP_HELP)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("collect", help="fetch news pages by URL and record them")
    p.add_argument("urls", nargs="*", help="article URLs")
    p.add_argument("--feed", action="append", help="an RSS or Atom feed URL (repeatable); new entries are collected")
    p.add_argument("--youtube", action="append", metavar="VIDEO", help="a YouTube video id or URL to measure now "
                   "(repeatable; needs YOUTUBE_API_KEY)")
    p.add_argument("--youtube-base", default=None, help="YouTube Data API base URL (default: "
                   "$MEDIAMETRICS_YOUTUBE_BASE or Google's)")
    p.add_argument("--gdelt", metavar="QUERY", help="GDELT DOC 2.0 query: coverage volume and article list")
    p.add_argument("--since", help="with --gdelt: start date (YYYY-MM-DD or ISO 8601)")
    p.add_argument("--until", help="with --gdelt: end date (default now)")
    p.add_argument("--gdelt-max", type=int, default=1000, help="with --gdelt: most articles to list (default 1000)")
    p.add_argument("--gdelt-base", default=None, help="GDELT DOC API URL (default: $MEDIAMETRICS_GDELT_BASE or GDELT's)")
    p.add_argument("--from-file", help="a file of URLs, one per line (# comments allowed)")
    p.add_argument("--story", help="story title or slug to file them under (default: a story per article)")
    p.add_argument("--tag", action="append", default=[], help="topic tag (repeatable)")
    p.add_argument("--timeout", type=float, default=DEFAULT_FETCH.deadline_s, help=TIMEOUT_HELP)
    p.add_argument("--refetch", action="store_true", help="fetch URLs that are already recorded again")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="show each request and retry on stderr")
    p.add_argument("--tz-map", choices=sorted(TZ_MAPS), help=TZ_MAP_HELP)
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("import", help="record hand-entered articles and figures (JSON Lines or CSV)")
    p.add_argument("files", nargs="+")
    p.add_argument("--story", help="story title or slug for records that name none")
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--tz-map", choices=sorted(TZ_MAPS), help=TZ_MAP_HELP)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("extract", help="print what extraction reads from documents (no database)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON object per document per line")
    p.add_argument("--tz-map", choices=sorted(TZ_MAPS), help=TZ_MAP_HELP)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("seed", help="load the sample story in seeds/ (done on first run)")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("export", help="write a story's chart as an image")
    p.add_argument("--story", required=True, help="story slug or title")
    p.add_argument("--chart", choices=["timeline", "claims"])
    p.add_argument("--report", action="store_true", help="a zip of every chart (PNG, SVG, PDF) and table (CSV, Parquet)")
    p.add_argument("--format", choices=["png", "svg", "pdf"])
    p.add_argument("--metric", default="views", help="claims chart: which metric (default views)")
    p.add_argument("--unique", action="store_true", help="timeline: fold syndicated copies into their original")
    p.add_argument("--theme", choices=["light", "dark"], default="light", help="chart colours (default light)")
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=600)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("poll", help="re-poll every tracked feed and video (for cron)")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="show each request and retry on stderr")
    p.add_argument("--timeout", type=float, default=DEFAULT_FETCH.deadline_s, help=TIMEOUT_HELP)
    p.add_argument("--tz-map", choices=sorted(TZ_MAPS), help=TZ_MAP_HELP)
    p.add_argument("--youtube-base", default=None)
    p.set_defaults(func=cmd_poll)

    p = sub.add_parser("stories", help="list stories; rename, merge, or move an article between them")
    actions = p.add_subparsers(dest="action")
    a = actions.add_parser("rename", help="give a story a new title (its slug stays)")
    a.add_argument("slug")
    a.add_argument("--title", required=True)
    a = actions.add_parser("merge", help="fold one story into another")
    a.add_argument("source")
    a.add_argument("--into", required=True)
    a = actions.add_parser("move", help="file an article under another story")
    a.add_argument("article_id", type=int)
    a.add_argument("--to", required=True, help="story slug or title (started if new)")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("team", help="a store shared by many collectors and readers (DuckLake on PostgreSQL)")
    actions = p.add_subparsers(dest="action", required=True)
    actions.add_parser("init", help="create the team store named by --db/$MEDIAMETRICS_DB once and bring its "
                       "schema up to date (safe to run again)")
    a = actions.add_parser("push", help="copy a database file into the (empty) team store, in one transaction")
    a.add_argument("file", type=Path)
    a = actions.add_parser("pull", help="write a snapshot of the team store to a new database file, for offline work")
    a.add_argument("file", type=Path)
    actions.add_parser("maintain", help="merge small data files, expire snapshots older than a week and delete "
                       "the files no snapshot needs (run it on a schedule)")
    p.set_defaults(func=cmd_team)

    p = sub.add_parser("dashboard", help="open the dashboard (loads seeds/ on first run)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.add_argument("--no-auth", action="store_true",
                   help="on an address others can reach, serve without sign-in (anyone there can read and collect)")
    p.set_defaults(func=cmd_dashboard)
    # `mediametrics ingest --debug ...` as well as `mediametrics --debug ingest ...`
    for each in sub.choices.values():
        each.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


class _NoTraceback(logging.Formatter):
    """-v shows what happened; only --debug shows where it failed."""

    def formatException(self, ei: Any) -> str:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logger = logging.getLogger("mediametrics")
    handlers, level = logger.handlers[:], logger.level
    if args.verbose or args.debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter((logging.Formatter if args.debug else _NoTraceback)("%(name)s: %(message)s"))
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG)
    cfg = settings()
    if args.db:
        cfg = replace(cfg, db=database(args.db, cfg.data_path))
    args.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return int(args.func(args, cfg))
    except StoreError as exc:
        _err(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mediametrics extract ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last net: one line, the traceback only when asked for
        if args.debug:
            traceback.print_exc()
        first = " ".join(str(exc).split()) or type(exc).__name__
        _err(f"error: unexpected failure: {shown(first)} ({type(exc).__name__})"
             + ("" if args.debug else "; run again with --debug to see where"))
        return 2
    finally:
        # main() also runs in-process (tests, notebooks): -v must not outlive the call, writing
        # to a stderr that may be gone by then.
        logger.handlers[:] = handlers
        logger.setLevel(level)


if __name__ == "__main__":
    sys.exit(main())
