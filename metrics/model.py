"""The values that flow between extraction, collectors and the store.

Frozen dataclasses so that extraction stays pure: functions return new values,
nothing downstream can change what an extractor saw. Collectors return these values and the
write path (metrics.record) takes them; neither defines its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from metrics.normalize import story_slug

# The metric names of the `extract --json` contract. Entered (imported) claims may use
# other snake_case names (for example "reach"); extraction only emits these.
METRICS: tuple[str, ...] = (
    "views",
    "video_length",
    "video_count",
    "likes",
    "shares",
    "comments",
    "followers",
    "subscribers",
    "dislikes",
    "reposts",  # reposts and retweets
    "posts",  # posts about a subject: tweets, posts, mentions, uses of a hashtag
    "viewers",  # TV and live audiences, concurrent viewers
    "streams",  # streams and plays of music, audio, podcasts
    "downloads",
    "video_published",
)

# exact / lower ("more than") / upper ("nearly") / approx ("about") / vague ("millions of")
BOUNDS: tuple[str, ...] = ("exact", "lower", "upper", "approx", "vague")

_UNITS = {"video_length": "seconds", "video_published": "timestamp"}


def unit_for(metric: str) -> str:
    """Metric names carry no unit; this is the one place that knows it."""
    return _UNITS.get(metric, "count")


@dataclass(frozen=True)
class PublishTime:
    """When a document was published, as sure as its source allows."""

    instant: datetime  # timezone-aware, UTC
    offset: str | None  # the source's own UTC offset, "+05:30"; None when it stated no zone
    precision: str  # "minute" | "second" | "day"
    source: str  # where the date was read, e.g. 'text: "First Published:" line'
    # How the zone was decided: an abbreviation's map ("IST=Asia/Kolkata (map: default)"), the
    # outlet's zone for a time written without one, or that the zone is unknown.
    tz_rule: str | None = None
    # The wall clock as written (naive), only when the source gave a time but no zone we can know:
    # then `instant` is just its calendar day (precision "day"), since the hour is not a UTC hour.
    local: datetime | None = None


@dataclass(frozen=True)
class Claim:
    """One reported figure. An interval, not a number: [low, high] with open ends as None."""

    metric: str
    value: float | None
    unit: str
    bound: str
    low: float | None
    high: float | None
    qualifier: str | None
    scope: str | None
    time_window: str | None
    subject: str | None
    platform: str | None
    quote: str
    span: tuple[int, int] | None  # offsets into the text the extractor read; None for entered claims
    # When the figure was true. An instant, or a range [as_of_start, as_of] when the text only
    # bounds it ("in their first day" after a release on Thursday ends some time on Friday).
    as_of: datetime | None = None
    # The same figure repeated (standfirst and body, caption): one claim, further quotes here.
    also_spans: tuple[tuple[int, int], ...] = ()
    as_of_start: datetime | None = None
    as_of_rule: str | None = None  # how as_of was decided, so a reader can check it


@dataclass(frozen=True)
class TimeRef:
    """A time expression in the text and the interval it denotes (end exclusive)."""

    text: str
    span: tuple[int, int] | None
    resolved_start: datetime | None
    resolved_end: datetime | None
    granularity: str | None  # "day" | "week" | "month" | "season" | "year"
    rule: str | None  # which rule resolved it, so a reader can check


@dataclass(frozen=True)
class DocumentMeta:
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: PublishTime | None = None
    modified: PublishTime | None = None
    topics: tuple[str, ...] = ()
    syndicated_from: str | None = None  # the wire agency or original outlet, when the text says so
    canonical_url: str | None = None
    language: str | None = None
    dateline: str | None = None  # "Washington" in "AP Washington"


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document. Spans index `text`."""

    text: str
    meta: DocumentMeta
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    time_refs: tuple[TimeRef, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class InputError:
    """One input that could not be read, and why: shown to the user as one line."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True)
class StoryRef:
    """A story by its slug (join it, or start it with this title), or by a name alone.

    A name alone is resolved by metrics.record: the story titled that name (up to case and white
    space) or whose slug it is; else a new story, whose slug gets a suffix (-2, -3...) when another
    story's name already slugs alike, so that two different names never share a story.
    """

    title: str
    slug: str | None = None
    origin: str = "user"  # 'sample' for seeds
    note: str | None = None

    @property
    def key(self) -> str:
        """The slug given, or the name's slug; for a name, the story it lands in may carry a suffix."""
        return self.slug or story_slug(self.title)


@dataclass(frozen=True)
class ArticleInput:
    """One article read by a collector, ready for the write path."""

    source: str  # the path or URL it was read from
    origin: str  # 'file' | 'entered' | 'web' | 'gdelt'
    meta: DocumentMeta
    text: str | None
    claims: tuple[Claim, ...] = ()
    time_refs: tuple[TimeRef, ...] = ()
    url: str | None = None
    story: StoryRef | None = None  # None: join a matching story or start one titled after the article
    tags: tuple[str, ...] = ()
    note: str | None = None
    extractor_version: str | None = None
    warnings: tuple[str, ...] = ()
    copy_signature: bytes | None = None  # similarity.copy_signature(text), when the reader made it


@dataclass(frozen=True)
class MediaSnapshot:
    """A platform item's public counts at one moment (a YouTube video's views, likes, comments)."""

    platform: str  # "youtube"
    platform_id: str  # the 11-character video id
    url: str  # https://www.youtube.com/watch?v=ID
    title: str | None
    channel: str | None
    published_at: datetime | None  # tz-aware UTC
    duration_s: float | None  # None for live and upcoming streams (the API says P0D)
    observed_at: datetime  # tz-aware UTC: when we asked
    metrics: dict[str, float] = field(default_factory=dict)  # views, likes, comments: those returned


@dataclass(frozen=True)
class VolumePoint:
    """Outside coverage counts for one time step (GDELT's timeline)."""

    step_start: datetime  # tz-aware UTC
    articles: int  # matching articles in that step
    monitored: int | None  # total articles monitored in that step (the normalising denominator)


@dataclass(frozen=True)
class Outcome:
    """What the write path did with one ArticleInput."""

    source: str
    status: str  # 'added' | 'unchanged' | 'completed' (entered article that got its text)
    article_id: int
    story_slug: str
    claims_added: int
    time_refs_added: int
    warnings: tuple[str, ...] = ()


@dataclass
class RunResult:
    """One recorded batch: its run id, an outcome per article, the inputs that failed."""

    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(o.status in ("added", "completed") for o in self.outcomes)

    @property
    def unchanged(self) -> int:
        return sum(o.status == "unchanged" for o in self.outcomes)
