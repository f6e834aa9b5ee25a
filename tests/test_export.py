"""Image export through kaleido and a real Chromium."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from metrics.cli import main
from tests.conftest import require_browser


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.browser
def test_cli_exports_a_png_of_the_requested_size(seeded_db: Path, tmp_path: Path) -> None:
    require_browser()
    out = tmp_path / "timeline.png"
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--chart", "timeline", "--format", "png",
                 "--width", "900", "--height", "500", "-o", str(out)]) == 0
    assert png_size(out.read_bytes()) == (900, 500)


@pytest.mark.browser
def test_export_takes_a_story_by_its_title_as_ingest_does(seeded_db: Path, tmp_path: Path) -> None:
    from metrics.store import connect

    require_browser()
    con = connect(seeded_db, read_only=True)
    try:
        (title,) = con.execute("SELECT title FROM stories WHERE slug = 'cia-mandarin-videos-2025'").fetchone()
    finally:
        con.close()
    out = tmp_path / "timeline.svg"
    assert main(["export", "--story", f"  {title.upper()} ", "--chart", "timeline", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"<svg")


@pytest.mark.browser
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<svg"), ("pdf", b"%PDF")])
def test_cli_exports_vector_formats(seeded_db: Path, tmp_path: Path, fmt: str, magic: bytes) -> None:
    require_browser()
    out = tmp_path / f"claims.{fmt}"
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--chart", "claims", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(magic)
    if fmt == "svg":
        text = data.decode("utf-8")
        assert "Business Standard" in text  # the legend made it into the image
        assert "sample data" in text  # and the footer says what the chart shows


def test_export_of_an_unknown_story_is_one_clear_error(seeded_db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--story", "no-such-story", "--chart", "timeline", "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: no story 'no-such-story'; stories: ") and "cia-mandarin-videos-2025" in err
    assert "\n" not in err


def test_without_a_browser_export_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from metrics import export

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(export, "_MAC_APPS", ())
    assert export.find_browser() is None
    monkeypatch.setattr(export, "_server_started", False)
    with pytest.raises(export.ExportError, match="apt-get install chromium"):
        export._ensure_server()


def test_chart_data_downloads_as_csv_and_parquet_keep_every_row(seeded_db: Path) -> None:
    import io

    import pandas as pd

    from metrics import export, story_data

    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    csv = export.table_bytes(view.claims, "csv").decode("utf-8")
    assert "more than 5 million views combined in their first day" in csv
    assert "2025-05-03T02:32:00+0000" in csv  # times written in UTC with their offset
    back = pd.read_parquet(io.BytesIO(export.table_bytes(view.claims, "parquet")))
    assert len(back) == len(view.claims) and str(back["reported_at"].dt.tz) == "UTC"


@pytest.mark.browser
def test_story_report_zip_holds_every_chart_and_table(seeded_db: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    import pandas as pd

    require_browser()
    out = tmp_path / "story.zip"
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--report", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        for chart in ("timeline-all-copies", "timeline-unique-stories", "claims-views", "claims-video_length"):
            for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")):
                assert archive.read(f"charts/{chart}.{fmt}").startswith(magic), (chart, fmt)
        for table in ("articles", "claims", "observations", "provenance"):
            assert f"data/{table}.csv" in names
            frame = pd.read_parquet(io.BytesIO(archive.read(f"data/{table}.parquet")))
            assert list(frame.columns)
        claims = pd.read_csv(io.BytesIO(archive.read("data/claims.csv")))
        assert {"verdict", "verdict_rule", "quote"} <= set(claims.columns)
        readme = archive.read("README.txt").decode("utf-8")
        assert "CIA Mandarin recruitment videos" in readme and "times in UTC" in readme
        assert all(name in readme for name in names if name != "README.txt")


DARK_PAPER = "rgb(14, 17, 23)"  # charts.INKS["dark"].paper, as the browser writes it into an SVG


def _background(svg: str) -> str:
    import re

    # The paper: the first shape in the image, covering all of it.
    found = re.match(r'<svg[^>]*><rect x="0" y="0" [^>]*style="fill: (rgb\([^)]*\))', svg)
    assert found, "the SVG starts with its background"
    return found.group(1)


@pytest.mark.browser
def test_cli_exports_a_dark_chart_with_a_dark_background(seeded_db: Path, tmp_path: Path) -> None:
    from metrics import charts

    require_browser()
    assert charts.INKS["dark"].paper == "#0e1117"
    light, dark = tmp_path / "light.svg", tmp_path / "dark.svg"
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--chart", "claims", "-o", str(light)]) == 0
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--chart", "claims", "--theme", "dark",
                 "-o", str(dark)]) == 0
    assert _background(light.read_text("utf-8")) == "rgb(255, 255, 255)"
    text = dark.read_text("utf-8")
    assert _background(text) == DARK_PAPER
    assert "rgb(232, 234, 237)" in text  # light text on it (INKS["dark"].text), so labels stay readable
    assert "Business Standard" in text and "sample data" in text


def test_an_unknown_export_theme_is_refused_by_the_cli(seeded_db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--story", "cia-mandarin-videos-2025", "--chart", "claims", "--theme", "sepia",
              "-o", str(tmp_path / "x.svg")])
    assert "invalid choice: 'sepia'" in capsys.readouterr().err


@pytest.mark.browser
def test_a_dark_story_report_holds_every_file_each_chart_dark(seeded_db: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    import pandas as pd

    require_browser()
    out = tmp_path / "story.zip"
    assert main(["export", "--story", "cia-mandarin-videos-2025", "--report", "--theme", "dark", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        charts_ = ("timeline-all-copies", "timeline-unique-stories", "claims-views", "claims-video_length")
        tables = ("articles", "claims", "observations", "provenance", "coverage_volume")
        expected = {f"charts/{c}.{f}" for c in charts_ for f in ("png", "svg", "pdf")}
        expected |= {f"data/{t}.{f}" for t in tables for f in ("csv", "parquet")} | {"README.txt"}
        assert expected <= names
        for chart in charts_:
            assert _background(archive.read(f"charts/{chart}.svg").decode("utf-8")) == DARK_PAPER, chart
            assert archive.read(f"charts/{chart}.png").startswith(b"\x89PNG")
            assert archive.read(f"charts/{chart}.pdf").startswith(b"%PDF")
        articles = pd.read_csv(io.BytesIO(archive.read("data/articles.csv")))
        assert {"bucket", "bucket_start", "timezone"} <= set(articles.columns)
        assert set(articles["timezone"]) == {"UTC"}
        readme = archive.read("README.txt").decode("utf-8")
        assert "dark theme" in readme


@pytest.mark.browser
def test_the_report_draws_timelines_in_the_chosen_zone_and_bucket(seeded_db: Path) -> None:
    import io
    import zipfile

    import pandas as pd

    from metrics import export, story_data

    require_browser()
    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    data = export.story_report(view, bucket="week", tz="Asia/Kolkata")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        svg = archive.read("charts/timeline-all-copies.svg").decode("utf-8")
        assert "Asia/Kolkata" in svg and "Articles per week" in svg
        articles = pd.read_csv(io.BytesIO(archive.read("data/articles.csv")))
        assert set(articles["bucket"]) == {"week"} and set(articles["timezone"]) == {"Asia/Kolkata"}
        assert articles["bucket_start"].dropna().str.endswith("+0530").all()
        assert "timeline bars per week in Asia/Kolkata" in archive.read("README.txt").decode("utf-8")
    with pytest.raises(export.ExportError, match="unknown timezone"):
        export.story_report(view, tz="Nowhere/Else", images=False)
    with pytest.raises(export.ExportError, match="unknown theme"):
        export.story_report(view, theme="sepia", images=False)


def test_the_timeline_csv_keeps_a_date_only_article_on_its_date_west_of_utc(seeded_db: Path) -> None:
    import io

    import pandas as pd

    from metrics import coverage, export, story_data

    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    csv = pd.read_csv(io.BytesIO(export.table_bytes(coverage.timeline_table(view.articles, "day", "America/New_York"),
                                                    "csv")))
    starts = dict(zip(csv["outlet"] + " " + csv["published_at"].fillna(""), csv["bucket_start"], strict=True))
    # vcpnewz.com gave only the date 1 May: counted on 1 May, not on 30 April at 20:00 New York time.
    assert starts["vcpnewz.com 2025-05-01T00:00:00+0000"] == "2025-05-01T00:00:00-0400"
    # Business Standard's 02:32 UTC on 3 May is a real time: 22:32 on 2 May in New York.
    assert starts["Business Standard 2025-05-03T02:32:00+0000"] == "2025-05-02T00:00:00-0400"


@pytest.mark.browser
def test_the_dashboards_report_button_builds_a_dark_zip_in_the_chosen_zone(seeded_db: Path) -> None:
    import io
    import zipfile
    from concurrent.futures import ThreadPoolExecutor

    import pandas as pd

    from metrics import story_data
    from metrics.dashboard import widgets

    browser = require_browser()
    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    build = widgets.story_report_data(view, filters="all tags", theme="dark", bucket="day", tz="Asia/Kolkata",
                                      browser_path=browser)
    # Streamlit runs the button's callable on a worker thread with no session: so does this test.
    with ThreadPoolExecutor(1) as pool:
        data = pool.submit(build).result()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        readme = archive.read("README.txt").decode("utf-8")
        assert "dark theme" in readme and "timeline bars per day in Asia/Kolkata" in readme
        assert "bucket_start is in Asia/Kolkata" in readme and "times in UTC" not in readme
        assert "its start in Asia/Kolkata" in readme
        for chart in ("timeline-all-copies", "claims-views"):
            assert _background(archive.read(f"charts/{chart}.svg").decode("utf-8")) == DARK_PAPER, chart
        assert "Asia/Kolkata" in archive.read("charts/timeline-all-copies.svg").decode("utf-8")
        articles = pd.read_csv(io.BytesIO(archive.read("data/articles.csv")))
        assert set(articles["timezone"]) == {"Asia/Kolkata"}
        assert "2025-05-01T00:00:00+0530" in set(articles.loc[articles["outlet"] == "vcpnewz.com", "bucket_start"])
