"""Charts as PNG, SVG or PDF, rendered server-side by kaleido; tables as CSV or Parquet; a
story's report as one zip.

kaleido 1.x drives a Chrome or Chromium that must already be on the machine. We look for one
ourselves so that, when there is none, the user is told how to get one instead of seeing a
browser download fail. The browser comes in as a parameter (Settings.browser_path, read at the
edge) and is handed to kaleido directly, so nothing here reads or writes the environment. A
kaleido server is started once per process: a plain `to_image` call starts a browser every
time (about 2.5 s); with the server an export takes about 0.2 s.
"""

from __future__ import annotations

import io
import re
import shutil
import threading
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metrics import charts, format, story_data
from metrics.coverage import canonical_timezone, timeline_bucket, timeline_table
from metrics.provenance import figure_provenance
from metrics.verdicts import story_verdicts

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


def find_browser(browser_path: str | None = None) -> str | None:
    """A Chrome/Chromium executable: `browser_path` (Settings.browser_path) when it is a file,
    then the usual names on PATH, then the usual macOS apps."""
    if browser_path and Path(browser_path).is_file():
        return browser_path
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _MAC_APPS if Path(p).is_file()), None)


def _ensure_server(browser_path: str | None = None) -> None:
    global _server_started
    with _server_lock:
        if _server_started:
            return
        browser = find_browser(browser_path)
        if browser is None:
            raise ExportError(NO_BROWSER_HELP)
        import kaleido

        # `path` goes to choreographer's browser, the same one kaleido would otherwise look up
        # through $BROWSER_PATH: passing it keeps the setting out of the process environment.
        kaleido.start_sync_server(path=browser, silence_warnings=True)
        _server_started = True


def figure_image(fig: go.Figure, fmt: str, *, width: int = 1200, height: int = 600, scale: float = 1.0,
                 browser_path: str | None = None) -> bytes:
    """Render a figure. PNG at `scale` 2 suits slides; SVG and PDF are vector. `browser_path`
    is used when this is the process's first export (one server per process)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown image format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _ensure_server(browser_path)
    with warnings.catch_warnings():
        # plotly warns that per-call kaleido options are ignored under a server; we pass none.
        warnings.simplefilter("ignore", UserWarning)
        try:
            return fig.to_image(format=fmt, width=width, height=height, scale=scale)
        except Exception as exc:
            raise ExportError(f"the browser could not render the chart: {exc}") from exc


# A spreadsheet runs a cell that starts with one of these (OWASP, "CSV Injection"): `=HYPERLINK(...)`,
# `+cmd|' /C calc'!A0`, `@SUM(...)`. Such a text cell gets a leading single quote, which the
# spreadsheet shows as text. A number written as text (-5, -3.2, +1e3) and a UTC offset (+05:30,
# -0400) are data a spreadsheet reads as data, and stay as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATA_NOT_FORMULA = re.compile(r"[+-](?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|\d{2}:?\d{2})")


def spreadsheet_text(value: str) -> str:
    """A text cell as a spreadsheet will not run it: OWASP's leading quote where it would be a formula."""
    if value.startswith(FORMULA_STARTS) and not _DATA_NOT_FORMULA.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_safe(data: pd.DataFrame) -> pd.DataFrame:
    """`data` with every text cell passed through spreadsheet_text; numbers, times and missing values
    keep their types. A copy only when a cell changes."""
    out = data
    for i in range(data.shape[1]):  # by position: column names may repeat
        column = data.iloc[:, i]
        if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)
                or isinstance(column.dtype, pd.CategoricalDtype)):
            continue
        values = column.to_numpy(dtype=object, copy=True)
        risky = np.fromiter((isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values), bool, len(values))
        if not risky.any():
            continue
        values[risky] = [spreadsheet_text(v) for v in values[risky]]
        if out is data:
            out = data.copy()
        out.isetitem(i, pd.Series(values, index=data.index, dtype=object))
    return out


def table_bytes(data: pd.DataFrame, fmt: str) -> bytes:
    """The data behind a chart: CSV (UTF-8, ISO times in UTC, text a spreadsheet would run quoted
    as OWASP recommends) or Parquet (types and values kept as they are)."""
    if fmt == "csv":
        return spreadsheet_safe(data).to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%S%z").encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        data.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ExportError(f"unknown data format {fmt!r}; choose csv or parquet")


def story_figure(view: story_data.StoryView, chart: str, **options: object) -> go.Figure:
    """charts.story_figure, with a bad chart, bucket, zone or theme as an ExportError."""
    try:
        return charts.story_figure(view, chart, **options)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ExportError(str(exc)) from exc


def story_chart_image(
    slug: str, chart: str, fmt: str, *, db: story_data.PathLike, browser_path: str | None = None, width: int = 1200,
    height: int = 600, metric: str = "views", unique: bool = False, theme: str = "light",
) -> bytes:
    """One chart of the story `slug` in database `db` as image bytes."""
    view = story_data.story(slug, db)
    if view is None:
        known = list(story_data.stories(db)["slug"])
        raise ExportError(f"no story {slug!r}; stories: {', '.join(known) if known else 'none yet (run mediametrics seed)'}")
    return figure_image(story_figure(view, chart, metric=metric, unique=unique, theme=_theme(theme)), fmt,
                        width=width, height=height, browser_path=browser_path)


def _theme(theme: str) -> str:
    if theme not in charts.THEMES:
        raise ExportError(f"unknown theme {theme!r}; choose {' or '.join(charts.THEMES)}")
    return theme


def story_report(
    view: story_data.StoryView, *, filters: str = "all tags", images: bool = True, theme: str = "light",
    bucket: str = "auto", tz: str = "UTC", browser_path: str | None = None,
) -> bytes:
    """A zip of everything about a story: every chart as PNG, SVG and PDF, and every table
    behind them as CSV and Parquet, with a README saying what it holds and when it was made.
    The timelines use `bucket` and `tz` as the dashboard did; `theme` colours every chart."""
    theme = _theme(theme)
    try:
        zone = canonical_timezone(tz)
        articles = timeline_table(view.articles, bucket, zone)
    except ValueError as exc:
        raise ExportError(str(exc)) from exc
    charts_to_make: list[tuple[str, go.Figure]] = [
        (f"timeline-{name}", story_figure(view, "timeline", filters=filters, unique=unique, bucket=bucket, tz=zone,
                                          theme=theme))
        for name, unique in (("all-copies", False), ("unique-stories", True))
    ]
    charts_to_make += [(f"claims-{m}", story_figure(view, "claims", metric=m, filters=filters, theme=theme))
                       for m in format.claim_metrics(view.claims)]
    claims = view.claims.copy()
    verdicts = story_verdicts(claims, view.observations)
    claims["verdict"], claims["verdict_rule"] = verdicts["verdict"], format.verdict_rules(verdicts)
    tables = {"articles": articles, "claims": claims, "observations": view.observations,
              "provenance": format.provenance_table(figure_provenance(view.claims)), "coverage_volume": view.volume}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = []
        if images:
            for name, fig in charts_to_make:
                for fmt in FORMATS:
                    archive.writestr(f"charts/{name}.{fmt}", figure_image(fig, fmt, width=1400, height=700,
                                                                          browser_path=browser_path))
                    names.append(f"charts/{name}.{fmt}")
        for name, table in tables.items():
            for fmt in ("csv", "parquet"):
                archive.writestr(f"data/{name}.{fmt}", table_bytes(table, fmt))
                names.append(f"data/{name}.{fmt}")
        chosen = timeline_bucket(view.articles, bucket)
        # Say which clock each time is on: the timeline's zone is the reader's choice, the
        # stored instants stay in UTC, and a README claiming one zone for all would mislead.
        zones = ("all times in UTC" if zone == "UTC" else
                 f"days, weeks and months start at midnight in {zone}; published_at and the other "
                 f"instants in the tables are in UTC, bucket_start is in {zone}")
        readme = "\n".join([
            f"mediametrics story report: {view.title} ({view.slug})",
            "sample data loaded from seeds/ (real coverage, compiled by hand)" if view.is_sample else "",
            f"filters: {filters}; data as of {format.snapshot_text(view)}",
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
