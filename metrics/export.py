"""Charts as PNG, SVG or PDF, rendered server-side by kaleido.

kaleido 1.x drives a Chrome or Chromium that must already be on the machine. We look for one
ourselves so that, when there is none, the user is told how to get one instead of seeing a
browser download fail. A kaleido server is started once per process: a plain `to_image` call
starts a browser every time (about 2.5 s); with the server an export takes about 0.2 s.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from metrics import charts, story_data

FORMATS = ("png", "svg", "pdf")
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
_MAC_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
NO_BROWSER_HELP = (
    "image export needs Chrome or Chromium on this machine and none was found; install one "
    "(Debian/Ubuntu: `sudo apt-get install chromium`; macOS/Windows: install Google Chrome) or set "
    "BROWSER_PATH to its executable. The chart's own toolbar (camera icon) can still save a PNG."
)

_server_lock = threading.Lock()
_server_started = False


class ExportError(RuntimeError):
    pass


def find_browser() -> str | None:
    """A Chrome/Chromium executable: $BROWSER_PATH first, then the usual names on PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _MAC_APPS if Path(p).is_file()), None)


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if _server_started:
            return
        browser = find_browser()
        if browser is None:
            raise ExportError(NO_BROWSER_HELP)
        os.environ.setdefault("BROWSER_PATH", browser)
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _server_started = True


def figure_image(fig: go.Figure, fmt: str, *, width: int = 1200, height: int = 600, scale: float = 1.0) -> bytes:
    """Render a figure. PNG at `scale` 2 suits slides; SVG and PDF are vector."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown image format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _ensure_server()
    with warnings.catch_warnings():
        # plotly warns that per-call kaleido options are ignored under a server; we pass none.
        warnings.simplefilter("ignore", UserWarning)
        try:
            return fig.to_image(format=fmt, width=width, height=height, scale=scale)
        except Exception as exc:
            raise ExportError(f"the browser could not render the chart: {exc}") from exc


def table_bytes(data: pd.DataFrame, fmt: str) -> bytes:
    """The data behind a chart: CSV (UTF-8, ISO times in UTC) or Parquet (types kept)."""
    if fmt == "csv":
        return data.to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%S%z").encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        data.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ExportError(f"unknown data format {fmt!r}; choose csv or parquet")


def story_figure(
    view: story_data.StoryView, chart: str, *, metric: str = "views", filters: str = "all tags", unique: bool = False,
    bucket: str = "auto", tz: str = "UTC", theme: str = "light",
) -> go.Figure:
    """The same figure the dashboard shows, with a footer saying what it is. `bucket` and `tz`
    shape the timeline; `theme` is 'light' or 'dark'."""
    if chart == "timeline":
        mode = "unique stories (syndicated copies folded)" if unique else "all copies"
        articles = charts.fold_copies(view.articles) if unique else view.articles
        try:
            zone = charts.canonical_timezone(tz)
            chosen = charts.timeline_bucket(articles, bucket)
        except ValueError as exc:
            raise ExportError(str(exc)) from exc
        footer = view.footer(filters, f"coverage timeline, {mode}, {charts.bucket_phrase(chosen, bucket, zone)}",
                             tz=zone)
        return charts.timeline_figure(articles, view.events, bucket=bucket, tz=zone, title=f"{view.title}: coverage",
                                      footer=footer, colors=view.colors, theme=theme)
    if chart == "claims":
        footer = view.footer(filters, f"reported {charts.metric_label(metric).lower()}")
        return charts.claims_figure(view.claims, metric=metric, observations=view.observations,
                                    title=f"{view.title}: {charts.metric_label(metric).lower()} reported",
                                    footer=footer, colors=view.colors, theme=theme)
    raise ExportError(f"unknown chart {chart!r}; choose timeline or claims")


def story_chart_image(
    slug: str, chart: str, fmt: str, *, width: int = 1200, height: int = 600, metric: str = "views",
    db: str | Path | None = None, unique: bool = False, theme: str = "light",
) -> bytes:
    view = story_data.story(slug, db)
    if view is None:
        known = list(story_data.stories(db)["slug"])
        raise ExportError(f"no story {slug!r}; stories: {', '.join(known) if known else 'none yet (run mediametrics seed)'}")
    return figure_image(story_figure(view, chart, metric=metric, unique=unique, theme=_theme(theme)), fmt,
                        width=width, height=height)


def _theme(theme: str) -> str:
    if theme not in charts.THEMES:
        raise ExportError(f"unknown theme {theme!r}; choose {' or '.join(charts.THEMES)}")
    return theme


def story_report(
    view: story_data.StoryView, *, filters: str = "all tags", images: bool = True, theme: str = "light",
    bucket: str = "auto", tz: str = "UTC",
) -> bytes:
    """A zip of everything about a story: every chart as PNG, SVG and PDF, and every table
    behind them as CSV and Parquet, with a README saying what it holds and when it was made.
    The timelines use `bucket` and `tz` as the dashboard did; `theme` colours every chart."""
    from metrics.provenance import figure_provenance
    from metrics.verdicts import story_verdicts

    theme = _theme(theme)
    try:
        zone = charts.canonical_timezone(tz)
        articles = charts.timeline_table(view.articles, bucket, zone)
    except ValueError as exc:
        raise ExportError(str(exc)) from exc
    charts_to_make: list[tuple[str, go.Figure]] = [
        (f"timeline-{name}", story_figure(view, "timeline", filters=filters, unique=unique, bucket=bucket, tz=zone,
                                          theme=theme))
        for name, unique in (("all-copies", False), ("unique-stories", True))
    ]
    charts_to_make += [(f"claims-{m}", story_figure(view, "claims", metric=m, filters=filters, theme=theme))
                       for m in story_data.claim_metrics(view.claims)]
    claims = view.claims.copy()
    verdicts = story_verdicts(claims, view.observations)
    claims["verdict"], claims["verdict_rule"] = verdicts["verdict"], verdicts["rule"]
    tables = {"articles": articles, "claims": claims, "observations": view.observations,
              "provenance": figure_provenance(view.claims), "coverage_volume": view.volume}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = []
        if images:
            for name, fig in charts_to_make:
                for fmt in FORMATS:
                    archive.writestr(f"charts/{name}.{fmt}", figure_image(fig, fmt, width=1400, height=700))
                    names.append(f"charts/{name}.{fmt}")
        for name, table in tables.items():
            for fmt in ("csv", "parquet"):
                archive.writestr(f"data/{name}.{fmt}", table_bytes(table, fmt))
                names.append(f"data/{name}.{fmt}")
        snapshot = f"{view.snapshot:%Y-%m-%d %H:%M} UTC" if view.snapshot else "unknown"
        chosen = charts.timeline_bucket(view.articles, bucket)
        # Say which clock each time is on: the timeline's zone is the reader's choice, the
        # stored instants stay in UTC, and a README claiming one zone for all would mislead.
        zones = ("all times in UTC" if zone == "UTC" else
                 f"days, weeks and months start at midnight in {zone}; published_at and the other "
                 f"instants in the tables are in UTC, bucket_start is in {zone}")
        readme = "\n".join([
            f"mediametrics story report: {view.title} ({view.slug})",
            "sample data loaded from seeds/ (real coverage, compiled by hand)" if view.is_sample else "",
            f"filters: {filters}; data as of {snapshot}",
            f"timezone {zone}: timeline bars per {chosen} in {zone}; {zones}",
            f"charts drawn in the {theme} theme",
            "", "files:", *(f"  {n}" for n in names), "",
            f"articles.csv gives each article's timeline bucket and its start in {zone} (bucket_start, timezone);",
            "an article whose source gave only a date (published_precision 'day') is counted on that date;",
            "claims.csv has a verdict against the measured counts and the rule that decided it;",
            "provenance.csv lists who printed each figure first and who repeated or changed it.",
        ])
        archive.writestr("README.txt", readme)
    return buffer.getvalue()
