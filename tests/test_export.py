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
