"""The one error type extraction raises, kept apart so dates and zones can share it."""

from __future__ import annotations


class DateParseError(ValueError):
    """A date/time string (or a zone abbreviation in one) could not be read.

    The message is one line and names the value and the reason, so a CLI can print it as is.
    """


def clip(value: str, limit: int = 80) -> str:
    """A value short and single-line enough to quote in an error message."""
    shown = value if len(value) <= limit else value[:limit] + "..."
    return repr(shown)
