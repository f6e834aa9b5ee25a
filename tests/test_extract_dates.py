"""parse_published, zone maps and the labelled publish lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.extract.dates import DateParseError, find_publish_lines, parse_published
from metrics.extract.zones import OUTLET_TZ_MAP, TZ_MAPS, resolve_abbreviation
from metrics.model import DocumentMeta, PublishTime


def test_iso_with_offset() -> None:
    p = parse_published("2025-05-03T08:02:00+05:30", source="meta")
    assert p.instant == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert p.instant.tzinfo is not None
    assert (p.offset, p.precision, p.source, p.tz_rule) == ("+05:30", "second", "meta", None)


def test_iso_minutes_and_z() -> None:
    p = parse_published("2025-05-02T12:00Z", source="s")
    assert p.instant == datetime(2025, 5, 2, 12, tzinfo=UTC)
    assert (p.offset, p.precision) == ("+00:00", "minute")
    p = parse_published("2025-05-02T12:00:00Z", source="s")
    assert (p.offset, p.precision) == ("+00:00", "second")


def test_date_only_is_day_precision_with_unknown_offset() -> None:
    p = parse_published("2025-05-02", source="s")
    assert p.instant == datetime(2025, 5, 2, tzinfo=UTC)
    assert (p.offset, p.precision) == (None, "day")
    assert parse_published("May 2, 2025", source="s").precision == "day"


def test_ist_under_each_map() -> None:
    value = "May 03 2025 | 8:02 AM IST"
    default = parse_published(value, source="s")
    assert default.instant == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert (default.offset, default.tz_rule) == ("+05:30", "IST=Asia/Kolkata (map: default)")
    israel = parse_published(value, source="s", tz_map="israel")
    assert israel.instant == datetime(2025, 5, 3, 5, 2, tzinfo=UTC)
    assert israel.offset == "+03:00"  # IDT in May
    assert israel.tz_rule is not None and israel.tz_rule.startswith("IST=Asia/Jerusalem (map: israel")
    ireland = parse_published(value, source="s", tz_map="ireland")
    assert ireland.instant == datetime(2025, 5, 3, 7, 2, tzinfo=UTC)
    assert ireland.offset == "+01:00"
    assert ireland.tz_rule is not None and "map: ireland" in ireland.tz_rule


def test_outlet_chooses_map_and_run_map_beats_outlet() -> None:
    value = "May 3, 2025, 8:02 AM IST"
    by_outlet = parse_published(value, source="s", outlet="the times of israel")
    assert by_outlet.offset == "+03:00"
    assert by_outlet.tz_rule == "IST=Asia/Jerusalem (map: israel, for outlet The Times of Israel)"
    by_run = parse_published(value, source="s", outlet="The Times of Israel", tz_map="default")
    assert by_run.offset == "+05:30"
    assert by_run.tz_rule == "IST=Asia/Kolkata (map: default, chosen for this run)"


def test_edt_and_est_use_the_real_offset_of_the_date() -> None:
    p = parse_published("May 3, 2025, 8:02 AM EDT", source="s")
    assert p.instant == datetime(2025, 5, 3, 12, 2, tzinfo=UTC)
    assert (p.offset, p.precision, p.tz_rule) == ("-04:00", "minute", "EDT=America/New_York (map: default)")
    winter = parse_published("January 3, 2025 8:02 PM EST", source="s")
    assert winter.instant == datetime(2025, 1, 4, 1, 2, tzinfo=UTC)
    assert winter.offset == "-05:00"


def test_no_zone_is_read_as_utc_and_said_so() -> None:
    p = parse_published("08 May. 2025, 11:34", source="s")
    assert p.instant == datetime(2025, 5, 8, 11, 34, tzinfo=UTC)
    assert (p.offset, p.precision, p.tz_rule) == (None, "minute", "no zone stated; read as UTC")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("8:02 AM IST, May 3, 2025", datetime(2025, 5, 3, 2, 32, tzinfo=UTC)),
        ("Saturday, May 3, 2025 at 8:02 p.m. GMT+5:30", datetime(2025, 5, 3, 14, 32, tzinfo=UTC)),
        ("2025-05-03 08:02:07 +0530", datetime(2025, 5, 3, 2, 32, 7, tzinfo=UTC)),
        ("3rd May 2025 10:00 BST", datetime(2025, 5, 3, 9, 0, tzinfo=UTC)),
        ("Dec 1, 2024 9am KST", datetime(2024, 12, 1, 0, 0, tzinfo=UTC)),
    ],
)
def test_more_layouts(value: str, expected: datetime) -> None:
    assert parse_published(value, source="s").instant == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("xyz", "not a recognised date layout"),
        ("", "empty"),
        ("2025-02-30", "day is out of range"),
        ("May 3, 2025, 8:02 AM XYZ", "unknown zone abbreviation"),
        ("13:00 PM, May 3, 2025", "hour 13"),
        ("2025-05-03T25:00:00Z", "hour must be in"),
        ("0001-01-01T00:00+05:00", "out of range"),
        ("the day after tomorrow", "not a recognised date layout"),
    ],
)
def test_malformed_raises_with_value_and_reason(value: str, reason: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_published(value, source="s")
    message = str(info.value)
    assert message.startswith(f"could not read date {value!r}: ")
    assert reason in message
    assert "\n" not in message


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_resolve_abbreviation() -> None:
    zone, rule = resolve_abbreviation("ist", outlet=None, tz_map=None)
    assert zone == ZoneInfo("Asia/Kolkata") and rule == "IST=Asia/Kolkata (map: default)"
    zone, rule = resolve_abbreviation("IST", outlet="The Irish Times", tz_map=None)
    assert zone == ZoneInfo("Europe/Dublin") and "map: ireland" in rule
    with pytest.raises(DateParseError):
        resolve_abbreviation("QQQ", outlet=None, tz_map=None)
    with pytest.raises(ValueError, match="unknown time-zone map"):
        resolve_abbreviation("IST", outlet=None, tz_map="atlantis")


def test_maps_name_real_zones() -> None:
    for mapping in TZ_MAPS.values():
        for name in mapping.values():
            ZoneInfo(name)
    assert set(OUTLET_TZ_MAP.values()) <= set(TZ_MAPS)
    assert TZ_MAPS["israel"]["IST"] == "Asia/Jerusalem" and TZ_MAPS["ireland"]["IST"] == "Europe/Dublin"


def test_publish_lines_labels() -> None:
    text = (
        "Headline of a story\n"
        "Published on May 3, 2025\n"
        "Updated: 2025-05-04T10:00:00+01:00\n"
        "Body. The study was published May 1, 2024 in a journal.\n"
    )
    lines = find_publish_lines(text)
    assert [(p.kind, p.label) for p in lines] == [("published", "Published"), ("modified", "Updated")]
    assert lines[0].time.precision == "day"
    assert lines[1].time.instant == datetime(2025, 5, 4, 9, tzinfo=UTC)
    for p in lines:
        assert text[p.span[0] : p.span[1]].startswith(p.label.split()[0])


def test_hints_published_wins_and_anchors_time_refs() -> None:
    hint = PublishTime(datetime(2025, 5, 10, 12, tzinfo=UTC), "+00:00", "second", "html meta")
    ex = extract_document(
        "Published: May 3, 2025\nThe video went up Thursday.", hints=DocumentMeta(published=hint)
    )
    assert ex.meta.published == hint
    (ref,) = ex.time_refs
    assert ref.resolved_start == datetime(2025, 5, 8, tzinfo=UTC)  # Thursday before Sat 2025-05-10


def test_unknown_tz_map_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="unknown time-zone map"):
        extract_document("text", tz_map="nowhere")


@pytest.mark.parametrize(
    ("line", "hints", "expected", "reading"),
    [
        # Ambiguous day/month: the outlet's convention decides.
        (
            "Published: 03/05/2025 10:15 IST",
            {"outlet": "Business Standard"},
            datetime(2025, 5, 3, 4, 45, tzinfo=UTC),
            "day-first (outlet Business Standard)",
        ),
        (
            "Published: 03/05/2025 10:15 AM EDT",
            {"outlet": "CNN"},
            datetime(2025, 3, 5, 15, 15, tzinfo=UTC),
            "month-first (outlet CNN)",
        ),
        # ... or the document's language.
        (
            "Published: 03.05.2025 10:15 MESZ",
            {"language": "de"},
            datetime(2025, 5, 3, 8, 15, tzinfo=UTC),
            "day-first (language de)",
        ),
        # A part above 12 settles it whatever the outlet.
        (
            "Updated: 05/25/2025 8:02 AM EDT",
            {},
            datetime(2025, 5, 25, 12, 2, tzinfo=UTC),
            "month-first (second part",
        ),
        ("Published: 25/05/2025", {}, datetime(2025, 5, 25, tzinfo=UTC), "day-first (first part"),
    ],
)
def test_numeric_dates(line: str, hints: dict[str, str], expected: datetime, reading: str) -> None:
    ex = extract_document(line + "\n\nBody.", hints=DocumentMeta(**hints))
    found = ex.meta.published or ex.meta.modified
    assert found is not None and found.instant == expected
    assert reading in found.source


def test_ambiguous_numeric_date_without_a_convention_is_refused() -> None:
    with pytest.raises(DateParseError, match="ambiguous numeric date"):
        parse_published("03/05/2025", source="s")
    assert extract_document("Published: 03/05/2025\n\nBody.").meta.published is None


def test_language_chooses_the_zone_map_when_the_outlet_does_not() -> None:
    value = "May 3, 2025, 8:02 AM IST"
    hebrew = parse_published(value, source="s", language="he")
    assert hebrew.offset == "+03:00"
    assert hebrew.tz_rule == "IST=Asia/Jerusalem (map: israel, for language he)"
    irish = parse_published(value, source="s", language="en-IE")
    assert irish.offset == "+01:00" and irish.tz_rule is not None and "for language en-IE" in irish.tz_rule
    # The outlet's map wins over the language's; a language without a map keeps the default.
    assert parse_published(value, source="s", outlet="Haaretz", language="en-IE").offset == "+03:00"
    assert parse_published(value, source="s", language="en").offset == "+05:30"
    ex = extract_document("Published: May 3, 2025, 8:02 AM IST\n\nBody.", hints=DocumentMeta(language="he"))
    assert ex.meta.published is not None and ex.meta.published.offset == "+03:00"


# Textual layouts are read from the fields their pattern cuts out, not by dateutil's tokenizer (it
# cost an eighth of extraction time). dateutil.parser.parse stays the reference: on the same date
# written plainly, it must give what we read from the span as news sites decorate it.
_MONTH_FORMS = st.sampled_from(["%b", "%B", "%b."])
_WEEKDAY_FORMS = st.sampled_from(["", "%a, ", "%A, ", "%a ", "Tues, ", "Thurs "])
_SEPARATORS = st.sampled_from([" ", ", ", " | ", " @ ", " at ", " \u00b7 ", " - ", "  "])


@st.composite
def _decorated(draw: st.DrawFn, zone: str | None) -> tuple[str, str, bool]:
    """(span as a site writes it, with `zone` after the time; the same date and time written
    plainly; whether the date is numeric)."""
    when = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)))
    layout = draw(st.sampled_from(["mdy", "dmy", "numeric"]))
    suffix = draw(st.sampled_from(["", "th"])) if 4 <= when.day <= 20 else ""
    weekday = draw(_WEEKDAY_FORMS)
    weekday = "" if weekday.startswith(("Tues", "Thurs")) and when.weekday() not in (1, 3) else weekday
    month = when.strftime(draw(_MONTH_FORMS)).replace("Sep.", "Sept.")
    if layout == "mdy":
        date = f"{month} {when.day}{suffix}, {when.year}"
    elif layout == "dmy":
        date = f"{when.day}{suffix} {month} {when.year}"
    else:
        date = when.strftime("%d/%m/%Y")
    date = when.strftime(weekday) + date
    clock = draw(st.sampled_from(["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p", "%I %p"]))
    time = when.strftime(clock)
    time = time[1:] if time[0] == "0" and time[1].isdigit() else time  # "8:02", also "0:58"
    time = time.replace("AM", draw(st.sampled_from(["AM", "am", "a.m.", "A.M."]))).replace("PM", "p.m.")
    if zone is not None:
        time = f"{time} {zone}"
    sep = draw(_SEPARATORS)
    span = f"{time}{sep}{date}" if draw(st.booleans()) else f"{date}{sep}{time}"
    return span, when.strftime(f"%Y-%m-%d {clock}"), layout == "numeric"


_ZONES = st.sampled_from(["IST", "EDT", "BST", "+05:30", None])


@settings(max_examples=400, deadline=None)
@given(_ZONES.flatmap(lambda zone: st.tuples(st.just(zone), _decorated(zone))))
def test_textual_layouts_read_as_dateutil_reads_the_plain_date(case: tuple[str | None, tuple[str, str, bool]]) -> None:
    zone, (value, plain, numeric) = case
    got = parse_published(value, source="s", outlet="Business Standard")
    reference = dateutil_parser.parse(plain, dayfirst=False, yearfirst=True)
    if zone is None:
        assert got.instant == reference.replace(tzinfo=UTC), value
    elif zone.startswith("+"):
        assert got.instant == reference.replace(tzinfo=timezone(timedelta(hours=5, minutes=30))), value
    else:
        tz, _ = resolve_abbreviation(zone, outlet="Business Standard", tz_map=None)
        assert got.instant == reference.replace(tzinfo=tz).astimezone(UTC), value
    if numeric:
        assert "day-first" in got.source


@pytest.mark.parametrize(
    "value",
    [
        "Mon, 10 August 2024 - 0:58 (IST)",  # dateutil's tokenizer read " - 0:58" as a sign
        "15/10/2025 17:18:40 (IST)",  # and refused the "(" left before a kept zone
        "Tues, Nov 4, 2025",
        "2025-08-29T14:22:59 EDT",  # an ISO time with a zone abbreviation
    ],
)
def test_layouts_dateutil_refused_are_read(value: str) -> None:
    got = parse_published(value, source="s", outlet="Business Standard")
    assert got.precision in ("day", "minute", "second")
