"""Media items and observations: the measured side that claims are compared with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from metrics.record import record_media
from metrics.store import connect


@dataclass(frozen=True)
class Snap:
    platform_id: str
    observed_at: datetime
    metrics: dict[str, float] = field(default_factory=dict)
    platform: str = "youtube"
    url: str = "https://www.youtube.com/watch?v=x"
    title: str | None = "Video"
    channel: str | None = "CIA"
    published_at: datetime | None = datetime(2025, 5, 1, 14, 0, tzinfo=UTC)
    duration_s: float | None = 147.0


def test_each_poll_adds_observations_and_updates_the_item_in_place(db: Path) -> None:
    con = connect(db)
    first = datetime(2025, 5, 2, 12, tzinfo=UTC)
    record_media(con, [Snap("abc", first, {"views": 1e6, "likes": 10})], collector="youtube", command="t",
                 stories={"abc": ["cia-mandarin-videos-2025"]})
    record_media(con, [Snap("abc", first.replace(day=3), {"views": 2.5e6}, title="Renamed")], collector="youtube",
                 command="t")
    assert con.execute("SELECT count(*), any_value(title), any_value(duration_s) FROM media_items").fetchone() == (
        1, "Renamed", 147.0)
    curve = con.execute("SELECT observed_at, value FROM observations WHERE metric = 'views' ORDER BY 1").fetchall()
    assert [v for _, v in curve] == [1e6, 2.5e6]
    assert con.execute("SELECT s.slug FROM story_media JOIN stories s ON s.id = story_id").fetchall() == [
        ("cia-mandarin-videos-2025",)]
    con.close()
