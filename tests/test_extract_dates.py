"""parse_published, zone maps and the labelled publish lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.extract.dates import (
    MONTH_NUMBER,
    MONTHS_BY_LANGUAGE,
    WEEKDAYS_BY_LANGUAGE,
    DateParseError,
    find_publish_lines,
    find_stamp_lines,
    parse_published,
)
from metrics.extract.zones import OUTLET_TZ_MAP, OUTLET_ZONES, TZ_MAPS, resolve_abbreviation
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


def test_no_zone_keeps_the_wall_clock_and_only_the_day_as_instant() -> None:
    # Until extractor 0.8.0 this read 11:34 as 11:34 UTC, which is wrong by the outlet's offset and
    # looks as sure as a stated zone. Now the hour is kept as written, apart from the instant.
    p = parse_published("08 May. 2025, 11:34", source="s")
    assert p.instant == datetime(2025, 5, 8, tzinfo=UTC)
    assert (p.offset, p.precision) == (None, "day")
    assert p.local == datetime(2025, 5, 8, 11, 34)
    assert p.tz_rule == "no zone stated; wall clock kept, zone unknown"
    iso = parse_published("2019-04-28 06:01:07", source="meta")  # a meta tag without an offset
    assert (iso.instant, iso.precision, iso.local) == (
        datetime(2019, 4, 28, tzinfo=UTC),
        "day",
        datetime(2019, 4, 28, 6, 1, 7),
    )


def test_no_zone_is_read_in_the_outlets_zone_when_the_outlet_map_knows_it() -> None:
    p = parse_published("June 9, 2018 4:12 PM", source="s", outlet="business standard")
    assert p.instant == datetime(2018, 6, 9, 10, 42, tzinfo=UTC)
    assert (p.offset, p.precision, p.local) == ("+05:30", "minute", None)
    assert p.tz_rule == "no zone stated; outlet Business Standard's zone Asia/Kolkata (outlet map)"
    # The zone's real offset on that date: BST in June, GMT in January.
    assert parse_published("9 June 2018 16:12", source="s", outlet="BBC News").offset == "+01:00"
    assert parse_published("9 January 2018 16:12", source="s", outlet="BBC News").offset == "+00:00"
    # A stated zone still wins over the outlet's.
    assert parse_published("June 9, 2018 4:12 PM EDT", source="s", outlet="NDTV").offset == "-04:00"


def test_a_caller_may_say_which_zone_its_zone_less_input_is_in() -> None:
    p = parse_published("2025-05-01T10:00", source="--since", default_zone="UTC")
    assert (p.instant, p.offset, p.precision) == (datetime(2025, 5, 1, 10, tzinfo=UTC), "+00:00", "minute")
    assert p.tz_rule == "no zone stated; read in UTC (the caller's zone)"


def test_outlet_zones_name_real_zones() -> None:
    for name in OUTLET_ZONES.values():
        ZoneInfo(name)


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


def _reference_outlet(zone: str | None) -> str:
    """A day-first outlet (it settles numeric dates). For zone-less spans, one not in OUTLET_ZONES
    (Le Monde), so the wall clock is kept rather than read in Business Standard's zone."""
    return "Business Standard" if zone is not None else "Le Monde"


@settings(max_examples=400, deadline=None)
@given(_ZONES.flatmap(lambda zone: st.tuples(st.just(zone), _decorated(zone))))
def test_textual_layouts_read_as_dateutil_reads_the_plain_date(
    case: tuple[str | None, tuple[str, str, bool]],
) -> None:
    zone, (value, plain, numeric) = case
    got = parse_published(value, source="s", outlet=_reference_outlet(zone))
    reference = dateutil_parser.parse(plain, dayfirst=False, yearfirst=True)
    if zone is None:
        # No zone and an outlet without a known zone: the wall clock is kept, the instant is its day.
        assert got.local == reference, value
        assert got.instant == reference.replace(hour=0, minute=0, second=0, tzinfo=UTC), value
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


# Stamp lines: a line near the top that holds only a stamp, in the layouts real pages print.
_HEAD = "A headline of the story here\n\n"
_BODY = (
    "\nThe first paragraph of the story runs on for a while, long enough to be prose and not a header "
    "line, with more than twenty-five words in it before it ends.\n"
)


@pytest.mark.parametrize(
    ("line", "outlet", "instant", "offset", "local"),
    [
        ("Mar 5, 2019 \u2022 Comments", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        ("Mar 5, 2019 \u2022 12 Comments", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        (
            "12 March,2021 09:15 AM IST | Mumbai | PTI",
            None,
            datetime(2021, 3, 12, 3, 45, tzinfo=UTC),
            "+05:30",
            None,
        ),
        ("3/14/2022 8:05:00 AM", None, datetime(2022, 3, 14, tzinfo=UTC), None, datetime(2022, 3, 14, 8, 5)),
        ("June 9, 2018 4:12 PM", "Hindustan Times", datetime(2018, 6, 9, 10, 42, tzinfo=UTC), "+05:30", None),
        ("June 9, 2018 4:12 PM", None, datetime(2018, 6, 9, tzinfo=UTC), None, datetime(2018, 6, 9, 16, 12)),
        ("Thu 3 Jan 2019 07.00 GMT", None, datetime(2019, 1, 3, 7, tzinfo=UTC), "+00:00", None),
        ("February 1, 2016: 12:41 PM ET", None, datetime(2016, 2, 1, 17, 41, tzinfo=UTC), "-05:00", None),
        (
            "Dec. 6, 2024, 10:00 PM UTC | 3 min read",
            None,
            datetime(2024, 12, 6, 22, tzinfo=UTC),
            "+00:00",
            None,
        ),
        ("5. M\u00e4rz 2019", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        (
            "12. Dezember 2023, 14:30 Uhr",
            "Der Spiegel",
            datetime(2023, 12, 12, 13, 30, tzinfo=UTC),
            "+01:00",
            None,
        ),
        ("Dienstag, 5. M\u00e4rz 2019", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        ("5 Mac 2019", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        ("12 Desember 2023", None, datetime(2023, 12, 12, tzinfo=UTC), None, None),
        (
            "Selasa, 12 Desember 2023 pukul 14.30 WIB",
            None,
            datetime(2023, 12, 12, 7, 30, tzinfo=UTC),
            "+07:00",
            None,
        ),
        ("5 de marzo de 2019", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        ("5 mars 2019", None, datetime(2019, 3, 5, tzinfo=UTC), None, None),
        (
            "30 avril 2015 \u00e0 07:19",
            None,
            datetime(2015, 4, 30, tzinfo=UTC),
            None,
            datetime(2015, 4, 30, 7, 19),
        ),
        (
            "21.dez.2018 \u00e0s 12h55",
            None,
            datetime(2018, 12, 21, tzinfo=UTC),
            None,
            datetime(2018, 12, 21, 12, 55),
        ),
    ],
)
def test_stamp_lines(
    line: str, outlet: str | None, instant: datetime, offset: str | None, local: datetime | None
) -> None:
    ex = extract_document(_HEAD + line + "\n" + _BODY, hints=DocumentMeta(outlet=outlet))
    p = ex.meta.published
    assert p is not None
    assert (p.instant, p.offset, p.local) == (instant, offset, local)
    assert p.source.startswith(f'text: stamp line "{" ".join(line.split())}"')
    # The stamp is the article's date, not a time reference in its text.
    start = ex.text.index(line)
    assert all(r.span is None or r.span[1] <= start or r.span[0] >= start + len(line) for r in ex.time_refs)


def test_a_stamp_lines_source_quotes_the_line() -> None:
    (found,) = find_stamp_lines(_HEAD + "12 March,2021 09:15 AM IST | Mumbai | PTI\n" + _BODY)
    assert found.time.source == 'text: stamp line "12 March,2021 09:15 AM IST | Mumbai | PTI"'
    assert found.kind == "published"


def test_an_update_after_the_stamp_is_the_modified_time() -> None:
    text = _HEAD + "April 28, 2019 at 6:01 am EDT | Updated April 29, 2019 at 3:33 pm EDT\n" + _BODY
    meta = extract_document(text).meta
    assert meta.published is not None and meta.modified is not None
    assert meta.published.instant == datetime(2019, 4, 28, 10, 1, tzinfo=UTC)
    assert meta.modified.instant == datetime(2019, 4, 29, 19, 33, tzinfo=UTC)


def test_a_labelled_line_wins_over_a_stamp_line() -> None:
    text = _HEAD + "March 4, 2019\nPublished: March 5, 2019, 10:00 AM IST\n" + _BODY
    published = extract_document(text).meta.published
    assert published is not None and published.source == 'text: "Published" line'
    assert published.instant == datetime(2019, 3, 5, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        # A date inside a sentence is never a publish time.
        _HEAD + "The study was published on March 5, 2019 in a journal.\n" + _BODY,
        _HEAD + "March 5, 2019 was the day it all began.\n" + _BODY,
        # Anything else on the line that is not a known trailer.
        _HEAD + "March 5, 2019 | read the full report here\n" + _BODY,
        _HEAD + "See March 5, 2019\n" + _BODY,
        # After the body's first prose paragraph: a live-blog entry or an embedded post.
        _HEAD + _BODY + "March 5, 2019\n",
        # Beyond the header window.
        _HEAD + "A short line\n" * 40 + "March 5, 2019\n",
        ("x" * 2990) + "\nMarch 5, 2019\n",
        # A time alone, and an ambiguous numeric date with no convention known.
        _HEAD + "12:05\n" + _BODY,
        _HEAD + "03/05/2025\n" + _BODY,
    ],
)
def test_no_stamp_line(text: str) -> None:
    assert find_stamp_lines(text) == []
    assert extract_document(text).meta.published is None


def test_a_german_texts_numeric_stamp_is_read_day_first() -> None:
    text = (
        "Die Schlagzeile des Tages\n03.05.2025\n"
        "Das Video wurde in den ersten Tagen mehr als eine Million Mal aufgerufen, und die Zahl "
        "steigt noch. Es ist nicht das erste Video, das so oft gesehen wurde.\n"
    )
    ex = extract_document(text)
    assert ex.meta.language == "de"
    assert ex.meta.published is not None and ex.meta.published.instant == datetime(2025, 5, 3, tzinfo=UTC)
    assert "day-first (language de)" in ex.meta.published.source


def test_every_month_form_names_one_month() -> None:
    for language, months in MONTHS_BY_LANGUAGE.items():
        assert len(months) == 12, language
        for number, forms in enumerate(months, start=1):
            for form in forms:
                assert MONTH_NUMBER[form.casefold()] == number, (language, form)
                assert parse_published(f"5 {form} 2019", source="s").instant.month == number, (language, form)
    for language, weekdays in WEEKDAYS_BY_LANGUAGE.items():
        assert len(weekdays) == 7, language
        for forms in weekdays:
            assert parse_published(f"{forms[0]}, 5 March 2019", source="s").precision == "day", (
                language,
                forms,
            )


@pytest.mark.parametrize(
    "text",
    [
        "5 March 2019 " + "| Mumbai " * 130_000,  # a megabyte line that starts like a stamp line
        "5 March 2019\n" * 80_000,
        "Mar 5, 2019 \u2022 " * 70_000,
        "5. M\u00e4rz " * 100_000,
    ],
)
def test_stamp_lines_stay_linear_on_a_megabyte(text: str) -> None:
    # Only the header window is read, each line at most a few hundred characters: a hang here is a
    # pattern that backtracks. No wall-clock assertion: timings belong in benchmarks. The whole
    # extraction gets the first 100 kB, as in test_extract_properties.
    find_stamp_lines(text)
    extract_document(text[:100_000])


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Updated", "modified"),
        ("(Mis \u00e0 jour :", "modified"),
        ("Aktualisiert:", "modified"),
        ("Published", "published"),
    ],
)
def test_a_label_alone_on_the_line_above_says_what_the_stamp_is(label: str, kind: str) -> None:
    text = _HEAD + f"{label}\nJul 24, 2018, 2:15pm EDT\n" + _BODY
    (found,) = find_stamp_lines(text)
    assert found.kind == kind
    assert found.time.source.endswith(f'under "{label.strip(" (:")}"')
    meta = extract_document(text).meta
    assert (meta.published if kind == "published" else meta.modified) == found.time
