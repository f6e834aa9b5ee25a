"""Time-zone abbreviations and dateline cities mapped to IANA zones.

Abbreviations are ambiguous ("IST" is India, Israel or Ireland), so they are read through a named
map chosen per run or per outlet, and every resolution returns a rule string saying which map was
used. The maps give IANA zones rather than fixed offsets: "EST" printed on a May date still resolves
to America/New_York, whose real offset that day (EDT, -04:00) is what we report. That trusts the
calendar over a possibly wrong abbreviation, which is the usual error in news pages.
"""

from __future__ import annotations

from datetime import tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from metrics.extract.errors import DateParseError, clip

_DEFAULT: dict[str, str] = {
    "IST": "Asia/Kolkata",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "ET": "America/New_York",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "GMT": "UTC",
    "UTC": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "MEZ": "Europe/Berlin",  # German-language pages: Mitteleuropäische (Sommer)Zeit
    "MESZ": "Europe/Berlin",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "PKT": "Asia/Karachi",
    "NPT": "Asia/Kathmandu",
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
    "MYT": "Asia/Kuala_Lumpur",
    "ICT": "Asia/Bangkok",
    "PHT": "Asia/Manila",
    "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "AWST": "Australia/Perth",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "SAST": "Africa/Johannesburg",
    "EAT": "Africa/Nairobi",
    "WAT": "Africa/Lagos",
}

# Each map is complete (the default plus its overrides), so the rule names exactly one map.
TZ_MAPS: dict[str, dict[str, str]] = {
    "default": dict(_DEFAULT),
    "israel": {**_DEFAULT, "IST": "Asia/Jerusalem", "IDT": "Asia/Jerusalem"},
    "ireland": {**_DEFAULT, "IST": "Europe/Dublin"},
    "china": {**_DEFAULT, "CST": "Asia/Shanghai"},
}

# Keys are compared case-insensitively (see _outlet_map).
OUTLET_TZ_MAP: dict[str, str] = {
    "The Times of Israel": "israel",
    "Haaretz": "israel",
    "The Jerusalem Post": "israel",
    "Ynetnews": "israel",
    "The Irish Times": "ireland",
    "Irish Independent": "ireland",
    "RTÉ": "ireland",
    "RTE": "ireland",
    "The Irish Examiner": "ireland",
    "China Daily": "china",
    "Global Times": "china",
    "Xinhua": "china",
}

_OUTLET_KEYS = {name.casefold(): (name, map_name) for name, map_name in OUTLET_TZ_MAP.items()}

# Where an outlet's own clock is, for a time it prints without a zone ("June 9, 2018 4:12 PM", or
# a meta tag "2019-04-28 06:01:07"): its newsroom's zone, which is what its pages print. Short on
# purpose and only for outlets with one home zone; for any other outlet a zone-less time is kept
# as a wall clock with its zone unknown rather than guessed. Keys compare case-insensitively.
OUTLET_ZONES: dict[str, str] = {
    "Business Standard": "Asia/Kolkata",
    "Hindustan Times": "Asia/Kolkata",
    "The Times of India": "Asia/Kolkata",
    "The Hindu": "Asia/Kolkata",
    "NDTV": "Asia/Kolkata",
    "India Today": "Asia/Kolkata",
    "Mid-day": "Asia/Kolkata",
    "The Indian Express": "Asia/Kolkata",
    "BBC": "Europe/London",
    "BBC News": "Europe/London",
    "The Guardian": "Europe/London",
    "The Independent": "Europe/London",
    "Daily Mail": "Europe/London",
    "Der Spiegel": "Europe/Berlin",
    "Die Zeit": "Europe/Berlin",
    "ZEIT ONLINE": "Europe/Berlin",
    "Süddeutsche Zeitung": "Europe/Berlin",
    "FAZ": "Europe/Berlin",
    "Frankfurter Allgemeine Zeitung": "Europe/Berlin",
    "The Straits Times": "Asia/Singapore",
    "ABC News (Australia)": "Australia/Sydney",
}
_OUTLET_ZONE_KEYS = {name.casefold(): (name, iana) for name, iana in OUTLET_ZONES.items()}

# By the document's language tag (DocumentMeta.language), for outlets not listed above: a Hebrew
# page's "IST" is Israel's, an Irish English page's is Dublin's, a Chinese page's "CST" is Beijing's.
# Full tags are tried before their primary subtag ("en-IE" before "en").
LANGUAGE_TZ_MAP: dict[str, str] = {
    "he": "israel",
    "iw": "israel",
    "en-il": "israel",
    "en-ie": "ireland",
    "ga": "ireland",
    "zh": "china",
    "en-cn": "china",
}


def _language_map(language: str | None) -> tuple[str, str] | None:
    """(language tag as given, map name) when the tag, or its primary subtag, has a map."""
    if not language:
        return None
    tag = language.strip().lower().replace("_", "-")
    name = LANGUAGE_TZ_MAP.get(tag) or LANGUAGE_TZ_MAP.get(tag.split("-")[0])
    return (language.strip(), name) if name is not None else None


# Where a dateline city keeps its clock; used to read "Thursday" in a Washington story as
# Washington's Thursday. Small on purpose: an unknown place falls back to the publish offset.
DATELINE_ZONES: dict[str, str] = {
    "Washington": "America/New_York",
    "New York": "America/New_York",
    "Boston": "America/New_York",
    "Miami": "America/New_York",
    "Atlanta": "America/New_York",
    "Chicago": "America/Chicago",
    "Houston": "America/Chicago",
    "Dallas": "America/Chicago",
    "Denver": "America/Denver",
    "Los Angeles": "America/Los_Angeles",
    "San Francisco": "America/Los_Angeles",
    "Seattle": "America/Los_Angeles",
    "Ottawa": "America/Toronto",
    "Toronto": "America/Toronto",
    "Mexico City": "America/Mexico_City",
    "London": "Europe/London",
    "Dublin": "Europe/Dublin",
    "Paris": "Europe/Paris",
    "Brussels": "Europe/Brussels",
    "Berlin": "Europe/Berlin",
    "Geneva": "Europe/Zurich",
    "Rome": "Europe/Rome",
    "Madrid": "Europe/Madrid",
    "Kyiv": "Europe/Kyiv",
    "Moscow": "Europe/Moscow",
    "Istanbul": "Europe/Istanbul",
    "Ankara": "Europe/Istanbul",
    "Jerusalem": "Asia/Jerusalem",
    "Tel Aviv": "Asia/Jerusalem",
    "Cairo": "Africa/Cairo",
    "Tehran": "Asia/Tehran",
    "Dubai": "Asia/Dubai",
    "Riyadh": "Asia/Riyadh",
    "Doha": "Asia/Qatar",
    "Islamabad": "Asia/Karachi",
    "Karachi": "Asia/Karachi",
    "Kabul": "Asia/Kabul",
    "New Delhi": "Asia/Kolkata",
    "Delhi": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "Bengaluru": "Asia/Kolkata",
    "Kolkata": "Asia/Kolkata",
    "Chennai": "Asia/Kolkata",
    "Dhaka": "Asia/Dhaka",
    "Bangkok": "Asia/Bangkok",
    "Hanoi": "Asia/Bangkok",
    "Jakarta": "Asia/Jakarta",
    "Singapore": "Asia/Singapore",
    "Manila": "Asia/Manila",
    "Beijing": "Asia/Shanghai",
    "Shanghai": "Asia/Shanghai",
    "Hong Kong": "Asia/Hong_Kong",
    "Taipei": "Asia/Taipei",
    "Seoul": "Asia/Seoul",
    "Pyongyang": "Asia/Pyongyang",
    "Tokyo": "Asia/Tokyo",
    "Sydney": "Australia/Sydney",
    "Canberra": "Australia/Sydney",
    "Melbourne": "Australia/Melbourne",
    "Wellington": "Pacific/Auckland",
    "Nairobi": "Africa/Nairobi",
    "Lagos": "Africa/Lagos",
    "Johannesburg": "Africa/Johannesburg",
}

_DATELINE_KEYS = {name.casefold(): name for name in DATELINE_ZONES}


@cache
def zone(name: str) -> tzinfo:
    """A cached ZoneInfo; the names here are all from the tables above."""
    return ZoneInfo(name)


def check_map_name(tz_map: str | None) -> None:
    """Reject an unknown map name early: it is a configuration error, not bad text."""
    if tz_map is not None and tz_map not in TZ_MAPS:
        known = ", ".join(sorted(TZ_MAPS))
        raise ValueError(f"unknown time-zone map {tz_map!r}; known maps: {known}")


def _outlet_map(outlet: str | None) -> tuple[str, str] | None:
    """(outlet as spelled in OUTLET_TZ_MAP, map name) for a known outlet."""
    if not outlet:
        return None
    return _OUTLET_KEYS.get(outlet.strip().casefold())


def resolve_abbreviation(
    abbrev: str, *, outlet: str | None, tz_map: str | None, language: str | None = None
) -> tuple[tzinfo, str]:
    """Resolve a zone abbreviation to (IANA zone, rule text).

    Choice of map: the explicit per-run `tz_map`, else the outlet's map, else the language's map
    (LANGUAGE_TZ_MAP), else "default". The rule
    reads "IST=Asia/Kolkata (map: default)"; when the map came from the run or the outlet it says so,
    e.g. "IST=Asia/Jerusalem (map: israel, for outlet The Times of Israel)".
    Raises DateParseError when the chosen map has no such abbreviation, ValueError for an unknown map.
    """
    check_map_name(tz_map)
    key = abbrev.strip().upper()
    if tz_map is not None:
        map_name, why = tz_map, ", chosen for this run"
    elif (known := _outlet_map(outlet)) is not None:
        map_name, why = known[1], f", for outlet {known[0]}"
    elif (by_lang := _language_map(language)) is not None:
        map_name, why = by_lang[1], f", for language {by_lang[0]}"
    else:
        map_name, why = "default", ""
    iana = TZ_MAPS[map_name].get(key)
    if iana is None:
        raise DateParseError(f"could not read time zone {clip(abbrev)}: not in time-zone map {map_name!r}")
    return zone(iana), f"{key}={iana} (map: {map_name}{why})"


def outlet_zone(outlet: str | None) -> tuple[str, str] | None:
    """(outlet as spelled in OUTLET_ZONES, IANA zone) for an outlet whose clock is known, else None."""
    if not outlet:
        return None
    return _OUTLET_ZONE_KEYS.get(outlet.strip().casefold())


def dateline_zone(place: str | None) -> tuple[tzinfo, str] | None:
    """(zone, IANA name) for a known dateline city, else None."""
    if not place:
        return None
    name = _DATELINE_KEYS.get(place.strip().casefold())
    if name is None:
        return None
    return zone(DATELINE_ZONES[name]), DATELINE_ZONES[name]
