"""`mediametrics` command line: seed, ingest, import, extract, export, dashboard, compile.

Exit codes: 0 all inputs recorded, 1 some input failed (the rest were recorded),
2 nothing could be done (bad arguments, database unavailable).
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
import webbrowser
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from metrics.config import PROJECT_ROOT, settings
from metrics.extract.zones import TZ_MAPS
from metrics.model import Extraction
from metrics.record import InputError, RunResult, StoryRef
from metrics.store import WRITE_LOCK_WAIT_S, StoreError, connect


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _report(result: RunResult, *, verb: str) -> int:
    for outcome in result.outcomes:
        if outcome.status == "unchanged":
            print(f"already recorded  {outcome.source} -> story {outcome.story_slug} (article #{outcome.article_id})")
            continue
        detail = f"{_plural(outcome.claims_added, 'claim')}, {_plural(outcome.time_refs_added, 'time ref')}"
        print(f"{outcome.status:<17} {outcome.source} -> story {outcome.story_slug} "
              f"(article #{outcome.article_id}; {detail})")
        for warning in outcome.warnings:
            _err(f"warning: {outcome.source}: {warning}")
    for error in result.errors:
        _err(f"error: {error}")
    print(
        f"{verb}: {result.added} added, {result.unchanged} already recorded, "
        f"{len(result.errors)} failed (run #{result.run_id})"
    )
    return 1 if result.errors else 0


def _story_ref(value: str | None) -> StoryRef | None:
    return StoryRef(title=value) if value else None


def _record(
    items: Sequence[Any], errors: Sequence[InputError], *, collector: str, command: str, verb: str,
    also: Any = None,
) -> int:
    from metrics.record import record_articles, record_failed_run

    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        try:
            result = record_articles(con, items, collector=collector, command=command, errors=errors, also=also)
        except Exception as exc:  # noqa: BLE001 - any failure rolled the batch back; report it
            # The batch rolled back; say so and keep the trace of the attempt.
            record_failed_run(con, collector=collector, command=command,
                              errors=[*errors, InputError(collector, f"nothing recorded: {exc}")])
            _err(f"error: nothing recorded, the database is unchanged: {exc}")
            return 2
    finally:
        con.close()
    return _report(result, verb=verb)


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from metrics.collectors.files import expand, read_articles, skipped_in_folders

    files, errors = expand(args.paths)
    skipped = skipped_in_folders(args.paths)
    if skipped:
        print(f"skipping {_plural(len(skipped), 'file')} in the given folders that are not .txt or .html "
              f"(for example {skipped[0]})")
    items = []
    progress = tqdm(total=len(files), unit="file", disable=None if len(files) > 1 else True, file=sys.stderr)
    for got in read_articles(files, story=_story_ref(args.story), tags=tuple(args.tag), tz_map=_tz_map(args)):
        (errors.append if isinstance(got, InputError) else items.append)(got)
        progress.update()
    progress.close()
    if not files and not errors:
        _err("error: no .txt or .html files found in the given paths")
        return 2
    return _record(items, errors, collector="files", command=" ".join(["ingest", *args.paths]), verb="ingest")


def cmd_collect(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from metrics.collectors.http import FetchConfig
    from metrics.collectors.web import collect_urls

    urls = list(args.urls)
    errors: list[InputError] = []
    if args.from_file:
        try:
            urls += Path(args.from_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(InputError(args.from_file, f"cannot read the URL list: {exc}"))
    urls = [u.strip() for u in urls if u.strip() and not u.strip().startswith("#")]
    given = len(urls)
    if urls and not args.refetch:
        urls = _skip_known(urls)
    if given and not urls and not errors and not args.feed:
        print(f"collect: 0 added, {given} already recorded, 0 failed")
        return 0
    if args.gdelt:
        if urls or args.feed or args.youtube:
            _err("error: collect --gdelt runs on its own; collect pages, feeds and videos in another run")
            return 2
        return _collect_gdelt(args)
    if args.youtube:
        if urls or args.feed:
            _err("error: collect --youtube takes video ids or URLs only; collect pages and feeds in another run")
            return 2
        return _collect_youtube(args.youtube, story=args.story, base_url=args.youtube_base, command="collect")
    if not urls and not errors and not args.feed:
        _err("error: no URLs given (pass them as arguments, with --from-file, --feed FEED_URL or --youtube ID)")
        return 2
    config = FetchConfig(read_timeout_s=args.timeout, connect_timeout_s=min(args.timeout, 10.0))
    items = []
    progress = tqdm(total=len(urls), unit="page", disable=None if len(urls) > 1 else True, file=sys.stderr)
    for got in collect_urls(urls, story=_story_ref(args.story), tags=tuple(args.tag), tz_map=_tz_map(args),
                            config=config):
        (errors.append if isinstance(got, InputError) else items.append)(got)
        progress.update()
    progress.close()
    also = None
    if args.feed:
        feed_items, feed_errors, also = _poll_feeds(args.feed, story=args.story, tags=tuple(args.tag),
                                                    tz_map=_tz_map(args), config=config)
        items += feed_items
        errors += feed_errors
    command = " ".join(["collect", *args.urls, *(f"--feed {f}" for f in args.feed or [])])
    return _record(items, errors, collector="feed" if args.feed and not urls else "web", command=command,
                   verb="collect", also=also)


def _skip_known(urls: list[str]) -> list[str]:
    """URLs not recorded yet: a re-run picks up only what failed or is new."""
    from metrics.collect_service import asked_urls
    from metrics.normalize import canonical_url

    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        known = asked_urls(con)
    finally:
        con.close()
    fresh = [u for u in urls if canonical_url(u) not in known]
    for url in urls:
        if url not in fresh:
            print(f"already recorded  {url} (not fetched again; --refetch to fetch it anyway)")
    return fresh


def _collect_youtube(ids: Sequence[str], *, story: str | None, base_url: str | None, command: str,
                     stories: dict[str, list[str]] | None = None) -> int:
    """Ask YouTube for the videos' counts now; record them as observations."""
    from metrics.collectors.youtube import fetch_videos, video_id
    from metrics.record import record_media

    key = os.environ.get("YOUTUBE_API_KEY", "").strip()
    if not key:
        _err("error: YOUTUBE_API_KEY is not set: create a YouTube Data API v3 key in the Google Cloud "
             "console and export YOUTUBE_API_KEY=... (it is read from the environment, never stored)")
        return 2
    snapshots, errors = fetch_videos(ids, api_key=key, base_url=base_url)
    links = dict(stories or {})
    if story:
        slug = _story_ref(story).key  # type: ignore[union-attr]
        for value in ids:
            vid = video_id(value)
            if vid:
                links.setdefault(vid, []).append(slug)
    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        result = record_media(con, snapshots, collector="youtube", command=f"{command} --youtube {' '.join(ids)}",
                              stories=links, errors=errors)
    finally:
        con.close()
    for snap in snapshots:
        counts = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(snap.metrics.items())) or "no public counts"
        print(f"measured  youtube {snap.platform_id} ({snap.title or 'untitled'}): {counts}")
    for error in errors:
        _err(f"error: {error}")
    print(f"youtube: {len(snapshots)} videos measured, {len(errors)} failed (run #{result.run_id})")
    return 1 if errors else 0


def _collect_gdelt(args: argparse.Namespace) -> int:
    """GDELT's coverage volume (matching and monitored counts) and its article list, for a story."""
    import warnings

    from metrics.collectors.gdelt import GdeltError, fetch_articles, fetch_volume
    from metrics.extract.dates import DateParseError, parse_published
    from metrics.model import DocumentMeta, PublishTime
    from metrics.record import ArticleInput, volume_writer

    if not args.since or not args.story:
        _err("error: collect --gdelt needs --since DATE and --story (the story the counts belong to)")
        return 2
    try:
        since = parse_published(args.since, source="--since").instant
        until = parse_published(args.until, source="--until").instant if args.until else None
    except DateParseError as exc:
        _err(f"error: {exc}")
        return 2
    query = args.gdelt
    story = _story_ref(args.story)
    errors: list[InputError] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            points = fetch_volume(query, since=since, until=until, base_url=args.gdelt_base)
        except GdeltError as exc:
            points = []
            errors.append(InputError(f"gdelt volume {query!r}", str(exc)))
        try:
            listed, notes = fetch_articles(query, since=since, until=until, max_articles=args.gdelt_max,
                                           base_url=args.gdelt_base)
        except GdeltError as exc:
            listed, notes = [], []
            errors.append(InputError(f"gdelt articles {query!r}", str(exc)))
    for note in [*(str(w.message) for w in caught), *notes]:
        _err(f"warning: gdelt: {note}")
    items = [
        ArticleInput(
            source=f"gdelt:{query}", origin="gdelt", text=None, url=a.url, story=story,
            meta=DocumentMeta(
                title=a.title, outlet=a.domain, language=a.language,
                published=PublishTime(instant=a.seen_at, offset=None, precision="minute",
                                      source="gdelt: seendate (when GDELT first saw it, not the outlet's own time)",
                                      tz_rule="UTC as GDELT reports it") if a.seen_at else None,
            ),
            note=f"listed by GDELT for {query!r}; source country {a.source_country or 'unknown'}",
        )
        for a in listed
    ]
    if points:
        total = sum(p.articles for p in points)
        print(f"gdelt     {query!r}: {len(points)} steps, {total} matching articles in all")
    return _record(items, errors, collector="gdelt", command=f"collect --gdelt {query!r} --since {args.since}",
                   verb="collect", also=volume_writer(story, "gdelt", query, points))  # type: ignore[arg-type]


def cmd_poll(args: argparse.Namespace) -> int:
    """Re-poll every tracked feed and video: what cron runs every hour."""
    from metrics.store import rows

    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        feeds = [r[0] for r in rows(con, "feeds_all")]
        videos = rows(con, "tracked_media", platform="youtube")
    finally:
        con.close()
    if not feeds and not videos:
        print("nothing to poll yet: add feeds with `collect --feed URL` and videos with `collect --youtube ID`")
        return 0
    code = 0
    if feeds:
        args.urls, args.from_file, args.youtube, args.gdelt = [], None, None, None
        args.feed, args.story, args.tag = feeds, None, []
        code = max(code, cmd_collect(args))
    if videos:
        stories = {vid: [s for s in (slugs or "").split(",") if s] for vid, slugs in videos}
        code = max(code, _collect_youtube([v for v, _ in videos], story=None, base_url=args.youtube_base,
                                          command="poll", stories=stories))
    return code


def _poll_feeds(
    feed_urls: Sequence[str], *, story: str | None, tags: tuple[str, ...], tz_map: str | None, config: Any
) -> tuple[list[Any], list[InputError], Any]:
    """Poll feeds with their stored validators; returns items, errors and the state writer."""
    from metrics.collect_service import feed_state_writer
    from metrics.collectors.feeds import FeedState, collect_feed
    from metrics.store import rows

    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        known = {r[0] for r in rows(con, "canonical_urls")}
        states = {}
        for url in feed_urls:
            found = rows(con, "feed_state", url=url)
            states[url] = (FeedState(url, found[0][1], found[0][2]) if found else FeedState(url),
                           story or (found[0][3] if found else None))
    finally:
        con.close()
    items: list[Any] = []
    errors: list[InputError] = []
    results = []
    for url, (state, feed_story) in states.items():
        result = collect_feed(state, known_urls=known, story=_story_ref(feed_story), tags=tags, tz_map=tz_map,
                              config=config)
        results.append((result, _story_ref(feed_story).key if feed_story else None))  # type: ignore[union-attr]
        items += result.items
        errors += result.errors
        if result.unchanged:
            print(f"feed      {url}: unchanged since the last poll (304)")
        elif result.entries:
            entries = f"{result.entries} entr{'y' if result.entries == 1 else 'ies'}"
            print(f"feed      {url}: {entries}, {result.known} already recorded, {len(result.items)} new read")
        known |= {i.meta.canonical_url or "" for i in result.items}

    return items, errors, feed_state_writer(results)


def cmd_import(args: argparse.Namespace) -> int:
    from metrics.collectors.entered import ImportDefaults, read_entered

    items, errors = [], []
    for path in args.files:
        got, bad = read_entered(Path(path), ImportDefaults(story=_story_ref(args.story), tags=tuple(args.tag),
                                                           tz_map=_tz_map(args)))
        items.extend(got)
        errors.extend(bad)
    return _record(items, errors, collector="import", command=" ".join(["import", *args.files]), verb="import")


def cmd_extract(args: argparse.Namespace) -> int:
    from metrics.collectors.files import BadInput, expand, read_article
    from metrics.extract import EXTRACTOR_VERSION

    files, errors = expand(args.paths)
    for path in files:
        try:
            item = read_article(path, tz_map=_tz_map(args))
        except BadInput as exc:
            errors.append(InputError(str(path), str(exc)))
            continue
        ex = Extraction(text=item.text or "", meta=item.meta, claims=item.claims, time_refs=item.time_refs)
        record = extraction_json(str(path), ex, extractor_version=EXTRACTOR_VERSION)
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            _print_human(record)
    for error in errors:
        _err(f"error: {error}")
    return 1 if errors else 0


def cmd_compile(args: argparse.Namespace) -> int:
    from metrics.extract import native

    if args.status:
        print(native.build)
        return 0
    if native.has_build():
        print(f"the compiled extractor is up to date: {native.build_dir()}")
        return 0
    print("compiling the extractor with mypyc (once for these sources; a minute or two)", flush=True)
    try:
        where = native.compile_build()
    except (RuntimeError, OSError) as exc:
        _err(f"error: could not compile the extractor: {exc}; it runs as pure Python (the same results, slower)")
        return 1
    print(f"compiled extractor: {where} (used from the next start)")
    return 0


def _print_human(record: dict[str, Any]) -> None:
    print(f"{record['source']}")
    print(f"  title:     {record['title']}")
    print(f"  outlet:    {record['outlet']}   byline: {record['byline']}")
    print(f"  published: {record['published_at']} (offset {record['published_offset']}; {record['date_source']})")
    print(f"  topics:    {', '.join(record['topics'])}")
    for c in record["claims"]:
        print(f"  claim {c['metric']:<15} {c['value']!s:>12} {c['bound']:<6} \"{c['quote']}\"")
    for t in record["time_refs"]:
        print(f"  time  {t['text']!r:<20} {t['resolved_start']} .. {t['resolved_end']} ({t['granularity']})")


def _tz_map(args: argparse.Namespace) -> str | None:
    chosen = args.tz_map or settings().tz_map
    if chosen is not None and chosen not in TZ_MAPS:
        _err(f"error: MEDIAMETRICS_TZ_MAP={chosen!r} is not a timezone map; choose one of {', '.join(sorted(TZ_MAPS))}")
        raise SystemExit(2)
    return chosen


def ensure_ready(db: Path | None = None, *, quiet: bool = False) -> bool:
    """Create and migrate the database; load seeds/ the first time. Returns True if it seeded."""
    from metrics import seed

    cfg = settings()
    con = connect(db)
    try:
        if seed.is_seeded(con):
            return False
        result = seed.load(con, cfg.seeds_dir, tz_map=cfg.tz_map)
    finally:
        con.close()
    if not quiet:
        print(f"first run: loaded the sample story from {cfg.seeds_dir} ({result.added} articles, run #{result.run_id})")
        for error in result.errors:
            _err(f"error: {error}")
    return True


def cmd_seed(args: argparse.Namespace) -> int:
    from metrics import seed

    cfg = settings()
    con = connect()
    try:
        if seed.is_seeded(con) and not args.force:
            print("seeds already loaded (use --force to load them again; it adds only what is missing)")
            return 0
        result = seed.load(con, cfg.seeds_dir, tz_map=cfg.tz_map)
    finally:
        con.close()
    return _report(result, verb="seed")


def cmd_export(args: argparse.Namespace) -> int:
    from metrics import export, story_data
    from metrics.store import ensure_current

    ensure_current()
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower() or "png"
    try:
        if args.report:
            view = story_data.story(args.story)
            if view is None:
                raise export.ExportError(f"no story {args.story!r} (see `mediametrics stories`)")
            data, fmt = export.story_report(view, theme=args.theme), "zip"
        elif args.chart is None:
            raise export.ExportError("choose --chart timeline|claims, or --report for everything")
        else:
            data = export.story_chart_image(args.story, args.chart, fmt, width=args.width, height=args.height,
                                            metric=args.metric, unique=args.unique, theme=args.theme)
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


def cmd_stories(args: argparse.Namespace) -> int:
    from metrics import stories
    from metrics.store import query

    con = connect(lock_wait_s=WRITE_LOCK_WAIT_S)
    try:
        if args.action == "rename":
            stories.rename(con, args.slug, args.title)
            print(f"renamed {args.slug}: {args.title}")
        elif args.action == "merge":
            stories.merge(con, args.source, args.into)
            print(f"merged {args.source} into {args.into}")
        elif args.action == "move":
            stories.move_article(con, args.article_id, args.to)
            print(f"moved article #{args.article_id} to {args.to}")
        else:
            table = query(con, "stories_list")
            if table.empty:
                print("no stories yet: run `mediametrics ingest PATH...` or `mediametrics seed`")
            for r in table.itertuples():
                first = f"{r.first_coverage:%Y-%m-%d}" if r.first_coverage is not None and r.first_coverage == r.first_coverage else "-"
                last = f"{r.last_coverage:%Y-%m-%d}" if r.last_coverage is not None and r.last_coverage == r.last_coverage else "-"
                sample = " (sample)" if r.origin == "sample" else ""
                noun = "article " if r.articles == 1 else "articles"  # padded so the date columns stay aligned
                print(f"{r.slug:<40} {r.articles:>4} {noun}  {first} .. {last}  {r.title}{sample}")
    except stories.StoryError as exc:
        _err(f"error: {exc}")
        return 2
    finally:
        con.close()
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    ensure_ready()
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
    server = subprocess.Popen(command)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mediametrics", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: $MEDIAMETRICS_DB or data/mediametrics.duckdb)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each request and retry on stderr")
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
    p.add_argument("--youtube", nargs="+", metavar="VIDEO", help="YouTube video ids or URLs to measure now "
                   "(needs YOUTUBE_API_KEY)")
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
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a page (default 20)")
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

    p = sub.add_parser("compile", help="compile the extractor with mypyc (same results, about 1.3x faster)")
    p.add_argument("--status", action="store_true", help="say which build this process runs, and why")
    p.set_defaults(func=cmd_compile)

    p = sub.add_parser("seed", help="load the sample story in seeds/ (done on first run)")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("export", help="write a story's chart as an image")
    p.add_argument("--story", required=True, help="story slug")
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
    p.add_argument("--timeout", type=float, default=20.0)
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

    p = sub.add_parser("dashboard", help="open the dashboard (loads seeds/ on first run)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(func=cmd_dashboard)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logger = logging.getLogger("mediametrics")
    handlers, level = logger.handlers[:], logger.level
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG)
    if args.db:
        os.environ["MEDIAMETRICS_DB"] = args.db
    try:
        return int(args.func(args))
    except StoreError as exc:
        _err(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mediametrics extract ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        # main() also runs in-process (tests, notebooks): -v must not outlive the call, writing
        # to a stderr that may be gone by then.
        logger.handlers[:] = handlers
        logger.setLevel(level)


if __name__ == "__main__":
    sys.exit(main())
