"""A story with more rows than a page shows: what the read side thins, and that what it keeps is right.

A real DuckDB file (the seeded sample) grown through the write path with many more articles,
figures and measurements for one story; the limits are passed small, so the thinning the
1M-article benchmark needs happens here on a few hundred rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from metrics import story_data
from metrics.model import ArticleInput, Claim, DocumentMeta, PublishTime, StoryRef
from metrics.provenance import figure_provenance
from metrics.record import record_articles, record_media
from metrics.store import connect, query, reading
from metrics.story_data import FIRST, OBSERVATION_STEPS, SAMPLE, StoryFilters, Thinned, observation_step
from tests.test_record_media import Snap

MANDARIN = "cia-mandarin-videos-2025"
START = datetime(2025, 5, 2, tzinfo=UTC)
ARTICLES = 60  # added to the story, each with three figures
ITEMS = 3  # media items, each measured every 20 minutes for four days, views and likes
POLLS = 4 * 72


def _article(n: int) -> ArticleInput:
    published = START + timedelta(hours=7 * n)
    views = 100_000.0 * (n + 1)
    claims = tuple(
        Claim(metric=metric, value=value, unit="count", bound="exact", low=value, high=value, qualifier=None,
              scope="combined", time_window=None, subject=None, platform="YouTube",
              quote=f"{value:,.0f} {metric}", span=None)
        for metric, value in (("views", views), ("views", views * 3), ("likes", views / 50)))
    return ArticleInput(
        source=f"scale-{n}.txt", origin="entered", text=None, claims=claims,
        meta=DocumentMeta(title=f"Report {n}", outlet=f"Outlet {n % 30:02d}",
                          published=PublishTime(instant=published, offset="+00:00", precision="minute",
                                                source="test")),
        story=StoryRef(title="CIA Mandarin recruitment videos", slug=MANDARIN))


@pytest.fixture
def big_db(seeded_db: Path) -> Path:
    return fill_big(seeded_db)


def fill_big(seeded_db: Path) -> Path:
    """The seeded database with ARTICLES more articles in the Mandarin story and ITEMS media items
    polled POLLS times: more than the limits the tests set small."""
    con = connect(seeded_db)
    try:
        record_articles(con, [_article(n) for n in range(ARTICLES)], collector="test", command="test")
        snaps = [Snap(f"vid{i}", START + timedelta(minutes=20 * k), {"views": 1_000.0 * (k + 1) * (i + 1),
                                                                      "likes": 10.0 * (k + 1)}, title=f"Video {i}")
                 for k in range(POLLS) for i in range(ITEMS)]
        record_media(con, snaps, collector="test", command="test",
                     stories={f"vid{i}": [MANDARIN] for i in range(ITEMS)})
    finally:
        con.close()
    return seeded_db


def _claims(db: Path, *, table_rows: int, traced_rows: int, chart_rows: int) -> story_data.ClaimsData:
    return story_data.claims(MANDARIN, db, StoryFilters(), table_rows=table_rows, traced_rows=traced_rows,
                             chart_rows=chart_rows, chart_metric=lambda counts: "views")


def figure_usable(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims metrics.provenance traces (its own filter, restated)."""
    return claims[claims["value"].notna() & claims["reported_at"].notna() & (claims["value"] > 0)
                  & ~claims["metric"].isin(["video_published", "video_count"])]


def _values(frame: pd.DataFrame) -> list[list[object]]:
    # Missing as None: a column with nothing in it reads as objects (None), with something as text (NaN).
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def _everything(db: Path) -> story_data.StoryView:
    view = story_data.story(MANDARIN, db)
    assert view is not None
    return view


def test_a_story_with_every_row_under_the_limits_is_read_whole_and_says_nothing(big_db: Path) -> None:
    full = _everything(big_db)
    head = story_data.story_head(MANDARIN, big_db)
    assert head is not None and head.articles.empty and head.claims.empty and head.title == full.title
    found = story_data.timeline(head, big_db, StoryFilters(), table_rows=10_000)
    assert found.thinned is None
    assert found.table["id"].tolist() == full.articles["id"].tolist()
    assert sorted(found.view.articles["id"]) == sorted(full.articles["id"])
    read = _claims(big_db, table_rows=10_000, traced_rows=10_000, chart_rows=10_000)
    assert read.claims_thinned is None and read.traced_thinned is None and read.sample_thinned is None
    assert read.claims["id"].tolist() == full.claims["id"].tolist()
    views = full.claims[(full.claims["metric"] == "views") & full.claims["value"].notna()]
    assert read.sample_metric == "views" and sorted(read.sample["id"]) == sorted(views["id"])
    observations, thinned = story_data.observations(MANDARIN, big_db, limit=10_000)
    assert thinned is None and len(observations) == len(full.observations) == ITEMS * POLLS * 2


def test_the_first_rows_of_a_table_are_the_first_of_every_row_and_say_how_many_there_are(big_db: Path) -> None:
    full = _everything(big_db)
    head = story_data.story_head(MANDARIN, big_db)
    assert head is not None
    found = story_data.timeline(head, big_db, StoryFilters(), table_rows=25)
    assert found.thinned == Thinned(FIRST, 25, len(full.articles))
    assert found.table["id"].tolist() == full.articles["id"].tolist()[:25]
    assert found.table["claims"].tolist() == full.articles["claims"].tolist()[:25]  # counted for those rows too
    assert len(found.view.articles) == len(full.articles)  # the chart still counts every article

    read = _claims(big_db, table_rows=40, traced_rows=10_000, chart_rows=10)
    assert read.claims_thinned == Thinned(FIRST, 40, len(full.claims))
    assert read.claims["id"].tolist() == full.claims["id"].tolist()[:40]
    assert list(read.claims.columns) == list(full.claims.columns)
    assert _values(read.claims) == _values(full.claims.iloc[:40])
    counts = full.claims.groupby("metric").agg(claims=("id", "size"), with_value=("value", "count"))
    assert read.counts.set_index("metric")[["claims", "with_value"]].to_dict() == counts.to_dict()

    choices, offered = story_data.article_choices(MANDARIN, big_db, StoryFilters(), limit=20)
    assert offered == Thinned(FIRST, 20, len(full.articles))
    with_text = full.articles[full.articles["has_text"]]["id"].tolist()
    assert choices["id"].tolist()[:len(with_text)] == with_text  # the texts first, in publication order


def test_provenance_of_every_traceable_figure_read_is_the_provenance_of_the_whole_story(big_db: Path) -> None:
    full = _everything(big_db)
    read = _claims(big_db, table_rows=10, traced_rows=10_000, chart_rows=10)
    assert read.traced_thinned is None
    assert int(read.counts["traceable"].sum()) == len(read.traced)
    expected = figure_provenance(full.claims)
    assert figure_provenance(read.traced).astype(str).equals(expected.astype(str))
    # Cut down, provenance traces the figures printed first, and says how many of how many.
    cut = _claims(big_db, table_rows=10, traced_rows=30, chart_rows=10)
    assert cut.traced_thinned == Thinned(FIRST, 30, len(read.traced))
    assert cut.traced["id"].tolist() == read.traced["id"].tolist()[:30]
    assert set(read.traced["id"]) == set(figure_usable(full.claims)["id"])


def test_the_chart_sample_is_of_its_metric_the_same_each_read_and_says_it_is_a_sample(big_db: Path) -> None:
    full = _everything(big_db)
    views = full.claims[(full.claims["metric"] == "views") & full.claims["value"].notna()]
    sample, thinned = story_data.claims_sample(MANDARIN, big_db, StoryFilters(), "views", 25, len(views))
    assert thinned == Thinned(SAMPLE, 25, len(views))
    assert len(sample) == 25 and set(sample["metric"]) == {"views"}
    assert set(sample["id"]) <= set(views["id"])
    again, _ = story_data.claims_sample(MANDARIN, big_db, StoryFilters(), "views", 25, len(views))
    assert again["id"].tolist() == sample["id"].tolist()
    # Every column the chart reads, as story_claims gives it.
    by_id = full.claims.set_index("id")
    assert list(sample.columns) == list(full.claims.columns)
    for column in ("value", "outlet", "reported_at", "quote"):
        assert sample.set_index("id")[column].equals(by_id.loc[sample["id"], column])
    everything, none = story_data.claims_sample(MANDARIN, big_db, StoryFilters(), "views", 10_000, len(views))
    assert none is None and sorted(everything["id"]) == sorted(views["id"])
    # The page reads the sample of the metric it draws first with its table: the same sample.
    read = _claims(big_db, table_rows=10, traced_rows=10, chart_rows=25)
    assert read.sample_thinned == thinned
    assert _values(read.sample) == _values(sample)


def test_measurements_past_the_limit_keep_the_last_of_each_item_per_step_and_their_values(big_db: Path) -> None:
    full = _everything(big_db)
    # 3 items x 2 metrics x 4 days: every 20 minutes is 1,728 rows, per hour 576, per day 24 or 30.
    observations, thinned = story_data.observations(MANDARIN, big_db, limit=100)
    assert thinned == Thinned("day", len(observations), len(full.observations))
    raw = full.observations.assign(observed_at=pd.to_datetime(full.observations["observed_at"], utc=True))
    raw = raw.assign(step=raw["observed_at"].dt.floor("D"))
    last = raw.sort_values("observed_at").groupby(["platform_id", "metric", "step"], as_index=False).last()
    got = observations.assign(observed_at=pd.to_datetime(observations["observed_at"], utc=True))
    got = got.assign(step=got["observed_at"].dt.floor("D")).sort_values(["platform_id", "metric", "step"])
    assert got[["platform_id", "metric", "step", "value"]].to_numpy().tolist() == (
        last[["platform_id", "metric", "step", "value"]].to_numpy().tolist())
    assert (got["observed_at"].to_numpy() == last["observed_at"].to_numpy()).all()  # when it was taken
    assert int(observations["observations"].sum()) == len(full.observations)
    assert list(observations.columns[:len(full.observations.columns)]) == list(full.observations.columns)
    hourly, per_hour = story_data.observations(MANDARIN, big_db, limit=1_000)
    assert per_hour is not None and per_hour.how == "hour" and len(hourly) == ITEMS * 2 * 4 * 24


def test_the_step_is_the_finest_that_fits_the_limit() -> None:
    def spans(n: int, hours: float, series: int = 1) -> pd.DataFrame:
        first = pd.Timestamp("2025-05-01", tz="UTC")
        return pd.DataFrame({"media_item_id": range(series), "metric": "views", "observations": n,
                             "first_observed": first, "last_observed": first + pd.Timedelta(hours=hours)})

    assert observation_step(spans(100, 99), 100) is None  # every one fits
    assert observation_step(spans(600, 99), 200) == "hour"  # ~101 hourly points
    assert observation_step(spans(600, 99, series=3), 200) == "day"  # 3 x ~6 daily points
    assert observation_step(spans(10_000, 24 * 365, series=100), 1_000) == "week"  # past the coarsest: the coarsest
    assert list(OBSERVATION_STEPS) == ["hour", "day", "week"]


def test_the_date_range_counts_the_story_list_from_the_articles(big_db: Path) -> None:
    start, end = START, START + timedelta(days=5)
    table = story_data.stories(big_db, StoryFilters(start=start, end=end)).set_index("slug")
    with reading(big_db) as con:
        raw = query(con, "story_articles", slug=MANDARIN, start=start, end=end, outlets=[])
    row = table.loc[MANDARIN]
    assert (row["articles"], row["dated_articles"], row["outlets"]) == (len(raw), len(raw), raw["outlet"].nunique())
    assert (row["first_coverage"], row["last_coverage"]) == (raw["published_at"].min(), raw["published_at"].max())
