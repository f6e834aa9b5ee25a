"""One text's state while its claims are read, and the one place a claim is built (_Context.add)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from metrics.extract.anchors import Scanner
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import bound_interval
from metrics.extract.claims.filters import (
    _CONTEXT_REACH,
    _ENGAGEMENT,
    _HYPOTHETICAL,
    _RATE_AFTER,
    _SHORT_RATE_AFTER,
    _disputed,
    _forecast_before,
    _live_audience,
    _metric_allowed,
    _negated_before,
    _not_a_count,
    _programme_rule,
)
from metrics.extract.claims.sentences import _Sentences
from metrics.extract.claims.subjects import (
    _A_MEDIA_SUBJECT,
    _F_MEDIA_SUBJECT,
    _MEDIA_SUBJECT_RE,
    _ON_PLATFORM,
    _ON_PLATFORM_LIST,
    _norm,
    _noun_phrase,
    _own_platform_name,
    _platforms,
    _segments,
)
from metrics.extract.claims.time_scope import (
    _A_TOGETHER,
    _ALONE,
    _AND_JOIN,
    _AUDIENCE,
    _BARE_PERIOD,
    _DATE_AFTER,
    _EACH_BEFORE,
    _EACH_ITEM_BEFORE,
    _EACH_ITEM_WORDS,
    _EACH_REACH,
    _NOT_THEN,
    _PERIOD_COMMA,
    _PERIOD_LEAD,
    _PERIOD_OPENING,
    _SENTENCE_SCOPE,
    _SENTENCE_SCOPES,
    _SPAN_OPENING,
    _SUMMED_AFTER,
    _SUMMED_ITEMS,
    _TOGETHER_BEFORE,
    _UNPLACED,
    _YEAR_PERIOD,
    EARLIER,
    EARLIER_UNDATED,
    _accrued,
    _change_before,
    _earlier_before,
    _Mark,
    _mark_for,
    _PeriodFound,
)
from metrics.extract.periods import calendar_period
from metrics.extract.spans import SpanSet
from metrics.extract.windows import AT_DOCUMENT_TIME, Releases, is_cumulative, resolve_window, window_length
from metrics.model import Claim, TimeRef, unit_for

_REACHED_UP_TO = re.compile(
    r"\b(?:is|'s|\u2019s|are|was|were|now|already|wake|woke|waking|wakes|climbed|risen|gone|went|jumped|shot)"
    r"[ \t\u00a0]{1,2}$",
    re.IGNORECASE,
)
_VIDEO_SUBJECTS = frozenset(
    ["video", "videos", "clip", "clips", "film", "films", "documentary", "documentaries", "reel", "reels",
     "trailer", "trailers", "footage", "teaser", "ad", "advert", "short", "shorts", "tiktok", "post"]
)  # fmt: skip
# "6 billion views and counting", "three million views - and counting", German "- Tendenz steigend".
# A verb of passing before an estimate: the estimate is what was passed, so a lower bound.
_PASSED_BEFORE = re.compile(
    r"\b(?:surpass(?:ed|es|ing)?|top(?:ped|s|ping)?|pass(?:ed|es|ing)?|exceed(?:ed|s|ing)?|cross(?:ed|es|ing)?"
    r"|broke|breaks|breaking)[ \t\u00a0]{1,2}$",
    re.IGNORECASE,
)
_MARK_OF_BEFORE = re.compile(
    rf"\b(?P<verb>{'|'.join(v.MARK_VERBS['en'])})[ \t\u00a0]{{1,2}}the[ \t\u00a0]{{1,2}}"
    rf"(?:{'|'.join(v.MARK_NOUNS['en'])})[ \t\u00a0]{{1,2}}of[ \t\u00a0]{{1,2}}$",
    re.IGNORECASE,
)
_AND_COUNTING = re.compile(
    r"(?:[ \t\u00a0]{0,2}[,\u2013\u2014-])?[ \t\u00a0]{1,2}(?:[a-z]{1,12}[ \t\u00a0]{1,2}){0,2}and[ \t\u00a0]{1,2}"
    r"(?:counting|rising|climbing|growing)\b"
    r"|[ \t\u00a0]{1,2}or[ \t\u00a0]{1,2}more\b"  # "a million views or more"
    r"|[ \t\u00a0]{0,2}[,\u2013\u2014-][ \t\u00a0]{1,2}Tendenz(?:[ \t\u00a0]{1,2}(?:stark|weiter))?[ \t\u00a0]{1,2}steigend",
    re.IGNORECASE,
)
_ORDINAL_UNIT = re.compile(
    r"an?[ \t\u00a0]{1,2}(?:second|minute|hour)[ \t\u00a0]{1,2}(?!long\b)", re.IGNORECASE
)
_LIST_JOIN = re.compile(r",?[ \t\u00a0]{1,2}and[ \t\u00a0]{1,2}|,[ \t\u00a0]{1,2}")


_PLATFORM_METRICS = {
    lang: {(p, written): metric for p, written, metric in rows} for lang, rows in v.PLATFORM_METRICS.items()
}


@dataclass
class _Context:
    text: str
    sentences: _Sentences
    exclude: SpanSet
    as_of: datetime | None
    scan: Scanner
    claims: list[Claim] = field(default_factory=list)
    taken: dict[str, SpanSet] = field(default_factory=dict)
    platform_cache: dict[int, str | None] = field(default_factory=dict)
    subject_cache: dict[int, re.Match[str] | None] = field(default_factory=dict)
    # By sentence start: an as-of reference ("as of Wednesday"), a window written away from its
    # figure ("In its first week, ...") and the scope a sentence opens with ("In total, ...").
    marks: dict[int, list[tuple[int, _Mark]]] = field(default_factory=dict)
    windows: dict[int, str] = field(default_factory=dict)
    lead_of: dict[int, str | None] = field(default_factory=dict)
    releases: Releases = field(default_factory=Releases)
    # Resolved time references by start, for a period written right after a figure.
    refs_at: dict[int, TimeRef] = field(default_factory=dict)
    zone: tzinfo = UTC
    zone_desc: str = "UTC"
    # By sentence start: the period that opens it, if any (period_before).
    opening_period: dict[int, _PeriodFound | None] = field(default_factory=dict)
    # The rules' language (registry.language_of).
    language: str = "en"
    # By sentence start: whether it states a programme's rules (filters._programme_rule).
    programme_of: dict[int, bool] = field(default_factory=dict)

    def programme_rule(self, sent: tuple[int, int]) -> bool:
        """Whether a sentence states a programme's rules: its figures are thresholds."""
        found = self.programme_of.get(sent[0])
        if found is None:
            found = self.programme_of[sent[0]] = _programme_rule(self.scan, sent)
        return found

    # Resolved time references of the text, for video_published claims (rules/release.py).
    time_refs: tuple[TimeRef, ...] = ()

    def engagement_time(
        self, sent: tuple[int, int], span: tuple[int, int], scope: str | None, window: str | None
    ) -> tuple[str | None, str | None, datetime | None, datetime | None, str | None]:
        """(scope, window, as_of, as_of_start, as_of_rule) of an engagement figure in `sent`:
        what its sentence adds, and when the figure held (windows.py)."""
        if scope is None:
            scope = self.lead_scope(sent)
            reach = max(sent[0], span[0] - _EACH_REACH)
            near = max(sent[0], span[0] - 40)
            if self.scan.holds(_A_TOGETHER, near, span[0]) and _TOGETHER_BEFORE.search(
                self.text, near, span[0]
            ):
                # "together they have been watched 9.6m times", even after "Each of the five videos".
                scope = "combined"
            elif scope is None and self.claims:
                # "together they have 1.9 million views and 27,000 shares": the next figure, joined by
                # "and", is of the same items.
                prev = self.claims[-1]
                if (
                    prev.scope == "combined"
                    and prev.span is not None
                    and sent[0] <= prev.span[0]
                    and prev.span[1] <= span[0]
                    and _AND_JOIN.fullmatch(self.text, prev.span[1], span[0]) is not None
                ):
                    scope = "combined"
            if scope is None and (
                (
                    self.scan.low.find("each", reach, span[0]) >= 0
                    and _EACH_BEFORE.search(self.text, reach, span[0])
                )
                or (
                    any(self.scan.low.find(w, reach, span[0]) >= 0 for w in _EACH_ITEM_WORDS)
                    and _EACH_ITEM_BEFORE.search(self.text, reach, span[0])
                )
            ):
                scope = "each"
        if window is None:
            mark = _mark_for(self.marks.get(sent[0]), span[0])
            if mark is not None:
                return scope, mark[0], mark[1], mark[2], mark[3]
            window = self.windows.get(sent[0])
        if window is None:
            return scope, None, self.as_of, None, AT_DOCUMENT_TIME if self.as_of is not None else None
        return scope, window, *resolve_window(window, self.releases.for_figure(span, sent), self.as_of)

    def summed(self, sent: tuple[int, int], span: tuple[int, int], metric: str) -> str | None:
        """A total's scope: "combined" when its sentence names what it sums over, before the figure
        or just after it ("64 videos that generated a total of 38 million views", "80 million total
        views for videos"); else None, the count of one thing ("the album's total of 29 million
        streams"). A video count or a broadcast's audience "in total" is never a sum."""
        if metric in ("video_count", "viewers"):
            return None
        end = min(sent[1], span[1] + _SUMMED_AFTER)
        return "combined" if _SUMMED_ITEMS.search(self.text, sent[0], end) else None

    def lead_scope(self, sent: tuple[int, int]) -> str | None:
        """The scope a sentence opens with: "In total, ...", "Combined, ...", "Each of the videos ..."."""
        if sent[0] not in self.lead_of:
            lead = _SENTENCE_SCOPE.match(self.text, sent[0])
            self.lead_of[sent[0]] = (
                None
                if lead is None
                else "each"
                if lead.group(2)
                else _SENTENCE_SCOPES[" ".join(lead.group(1).split())]
            )
        return self.lead_of[sent[0]]

    def platforms(self, sent: tuple[int, int]) -> str | None:
        if sent[0] not in self.platform_cache:
            self.platform_cache[sent[0]] = _platforms(self.scan, *sent)
        return self.platform_cache[sent[0]]

    def sentence_subject(self, sent: tuple[int, int], figure_start: int) -> str | None:
        """The first media noun phrase of the sentence, if it comes before the figure."""
        if sent[0] not in self.subject_cache:
            found = self.scan.matches_in(_MEDIA_SUBJECT_RE, _F_MEDIA_SUBJECT, _A_MEDIA_SUBJECT, *sent)
            self.subject_cache[sent[0]] = next(found, None)
        m = self.subject_cache[sent[0]]
        if m is None or m.end() > figure_start:
            return None
        return _noun_phrase(self.text, m.start(), m.end(), sent[0])

    def period_after(self, end: int) -> _PeriodFound | None:
        """A period written right after a figure ("... subscribers in 2024", "... views on Tuesday
        alone", "... followers over the past week", "... since January"): (window, as_of,
        as_of_start, rule, new end of the claim, whether "alone" follows). The figure held, or was
        counted, during that period; None when no period follows or it starts after the document's
        own time."""
        lead = _PERIOD_LEAD.match(self.text, end)
        if lead is None:
            return None
        prep = lead.group("prep")
        if (
            prep is None
            and lead.end() not in self.refs_at
            and _BARE_PERIOD.match(self.text, lead.end()) is None
        ):
            return None  # most figures: no preposition and no time reference after them
        return self._period(lead.start("period"), lead.end(), (prep or "").lower())

    def period_before(self, sent: tuple[int, int]) -> _PeriodFound | None:
        """A period that opens the sentence and is set off by a comma ("In 2024, the channel
        gained ...", "Last year, ...", "Over the weekend, ...") speaks for its figures, as
        period_after does for one figure."""
        if sent[0] not in self.opening_period:
            found = None
            lead = _PERIOD_OPENING.match(self.text, sent[0])
            if lead is not None and (
                lead.group("prep") is not None
                or lead.end() in self.refs_at
                or _BARE_PERIOD.match(self.text, lead.end()) is not None
            ):
                found = self._period(lead.start("period"), lead.end(), (lead.group("prep") or "").lower())
                if found is not None and _PERIOD_COMMA.match(self.text, found[4]) is None:
                    found = None
            self.opening_period[sent[0]] = found
        return self.opening_period[sent[0]]

    def _unplaced(self, first: int, finish: int) -> _PeriodFound:
        """A period's words ("in the past 24 hours alone") with no document time to place them by."""
        alone = _ALONE.match(self.text, finish)
        if alone is not None:
            finish = alone.end()
        return _norm(self.text[first:finish]) or "", None, None, None, finish, alone is not None

    def _period(self, first: int, at: int, prep: str) -> _PeriodFound | None:
        """The period whose words (after `prep`, lower-case) start at `at`; `first` is where its lead
        starts."""
        since = prep == "since"
        # After "from" or "between" only a span of months is a period ("between Monday and Friday"
        # is not Monday).
        ref = self.refs_at.get(at) if prep not in ("from", "between") else None
        if (
            ref is not None
            and ref.span is not None
            and (ref.resolved_start is None or ref.resolved_end is None)
        ):
            # "last week" with no document time to count from: its words, no instants.
            if ref.granularity not in ("day", "week", "month", "year", "season"):
                return None
            return self._unplaced(first, ref.span[1])
        if (
            ref is not None
            and ref.span is not None
            and ref.resolved_start is not None
            and ref.resolved_end is not None
        ):
            if ref.granularity not in ("day", "week", "month", "year", "season"):
                return None
            dated = _DATE_AFTER.match(self.text, ref.span[1])
            exact = self.refs_at.get(dated.end()) if dated is not None else None
            if exact is not None and exact.granularity == "day" and exact.span is not None:
                ref = exact  # "on Tuesday, April 22": the date, not the weekday's nearest match
            if ref.resolved_start is None or ref.resolved_end is None or ref.span is None:
                return None
            start, stop, what, rule, finish = (
                ref.resolved_start,
                ref.resolved_end,
                ref.text,
                ref.rule,
                ref.span[1],
            )
        else:
            year = (
                _YEAR_PERIOD.match(self.text, at) if prep in ("in", "during", "throughout", "since") else None
            )
            if year is not None:
                y = int(year.group(1))
                start, stop = datetime(y, 1, 1, tzinfo=self.zone), datetime(y + 1, 1, 1, tzinfo=self.zone)
                what, finish = year.group(1), year.end()
                rule = f"the calendar year {y} in {self.zone_desc}"
            else:
                period = calendar_period(self.text, at, prep, self.as_of, self.zone)
                if period is None and self.as_of is None:
                    # Written, but with no document time it cannot be placed: keep its words only.
                    written = calendar_period(self.text, at, prep, _UNPLACED, self.zone)
                    return None if written is None else self._unplaced(first, written.end)
                if period is None:
                    return None
                start, stop, what, finish = period.start, period.stop, period.what, period.end
                rule = f"{period.rule}, {self.zone_desc}"
                since = False  # a "since" period already runs to the document's time
        if since:
            if self.as_of is None:
                return self._unplaced(first, finish)
            stop, rule = self.as_of, f"from '{what}' ({rule}) to the document's time"
        if self.as_of is not None and start >= self.as_of:
            return None  # a period after the report: not when the figure held
        alone = _ALONE.match(self.text, finish)
        if alone is not None:
            finish = alone.end()
        held = stop if self.as_of is None else min(stop, self.as_of)
        capped = ", no later than publication" if held != stop else ""
        window = _norm(self.text[first:finish]) or what
        if since:
            return window, held, start, f"{rule}{capped}", finish, alone is not None
        return window, held, start, f"during '{what}' ({rule}){capped}", finish, alone is not None

    def _shared_qualifier(self, metric: str, span: tuple[int, int]) -> Claim | None:
        """The claim just before, when its qualifier governs this figure too: "over 25,000 likes
        and 100,000 views" (a list of different counts after one qualifier)."""
        if not self.claims:
            return None
        prev = self.claims[-1]
        if prev.metric == metric or prev.qualifier is None or prev.bound not in ("lower", "upper", "approx"):
            return None
        if prev.qualifier in ("plus", "odd"):
            return None  # "5,000 plus likes and 300 comments": written after its own figure only
        if prev.span is None or not 0 < span[0] - prev.span[1] <= 6:
            return None
        # A qualifier written inside a list governs only its own item: "375,000 retweets, more than
        # 460,000 quote tweets, and 1.5 million likes" (a comma before it: not the list's head). One
        # the item took from the head ("more than 288,000 likes, 188,000 shares and 5,700 comments")
        # goes on down the list.
        written = (
            self.text[prev.span[0] : prev.span[0] + len(prev.qualifier)].lower() == prev.qualifier.lower()
        )
        if written and self.text[max(prev.span[0] - 2, 0) : prev.span[0]].rstrip().endswith(","):
            return None
        return prev if _LIST_JOIN.fullmatch(self.text, prev.span[1], span[0]) is not None else None

    def add(
        self,
        metric: str,
        value: float | None,
        bound: str,
        low: float | None,
        high: float | None,
        qualifier: str | None,
        scope: str | None,
        window: str | None,
        subject: str | None,
        span: tuple[int, int],
        own_platform: str | None = None,
        sent: tuple[int, int] | None = None,
    ) -> None:
        """Record a claim unless its span is excluded or taken; `sent`, if the caller knows it, is
        the sentence around span[0]."""
        taken = self.taken.get(metric)
        if taken is None:
            taken = self.taken[metric] = SpanSet()
        if self.exclude.overlaps(*span) or taken.overlaps(*span):
            return
        if sent is None:
            sent = self.sentences.around(span[0])
        if _forecast_before(self.text, sent[0], span[0]):
            return  # "hopes to reach 2 million subscribers": a goal, not a reported figure
        # A question ends its sentence: look at the last few characters only (a text without full
        # stops is one huge sentence, and a search to its end from every figure would be quadratic).
        if self.text.find("?", max(span[1], sent[1] - 3), sent[1]) >= 0 and _HYPOTHETICAL.match(
            self.text, sent[0]
        ):
            return  # "Could a video with 10 million views really earn nothing?"
        if metric == "views" and not _metric_allowed(self.scan, metric, sent, span[0]):
            metric = "viewers"  # "Millions watched the final on television": a broadcast audience
        if (
            metric == "viewers"
            and subject is not None
            and subject.split()[-1].lower() in _VIDEO_SUBJECTS
            and not _live_audience(self.scan, sent, span[0])
        ):
            metric = "views"  # "the documentary has been seen by millions of viewers": its views
        if metric != "video_published" and _not_a_count(self.text, sent[0], span):
            return  # "a billion views more than its rival", "once they pass 10 million subscribers"
        if metric in _ENGAGEMENT and self.programme_rule(sent):
            return  # "To be eligible you must have at least 10,000 followers"
        if metric == "video_length" and _ORDINAL_UNIT.match(self.text, span[0]) is not None:
            return  # "a second trailer": an ordinal, not a one-second video
        # A rate over a short unit is reported as a figure of its own ("7,000 tweets per minute",
        # "30,000 views per minute"), kept with its rate as scope; a daily or weekly pace is not.
        rate = _SHORT_RATE_AFTER.match(self.text, span[1]) if metric in _ENGAGEMENT else None
        if rate is not None:
            scope, span = f"per {rate.group('unit').lower()}", (span[0], rate.end())
        elif metric in _ENGAGEMENT and _RATE_AFTER.match(self.text, span[1]) is not None:
            return
        if qualifier == "up to" and _REACHED_UP_TO.search(self.text, max(sent[0], span[0] - 20), span[0]):
            # "It's already up to 130,000 views", "wake up to 40,000 views": the count reached that.
            qualifier, bound, low, high = None, "exact", value, value
        if (
            value is not None
            and bound in ("approx", "exact")
            and qualifier in ("an estimated", "estimated", "a record")
            and _PASSED_BEFORE.search(self.text, max(sent[0], span[0] - 16), span[0]) is not None
        ):
            # "surpassed an estimated 7.5 million downloads", "have surpassed a record 67 million views"
            bound, low, high = "lower", value, None
        if value is not None and bound == "exact" and qualifier is None:
            mark = _MARK_OF_BEFORE.search(self.text, max(sent[0], span[0] - 40), span[0])
            if mark is not None:
                # "has exceeded the mark of 109 million followers": past a mark, as "the 1 million mark".
                qualifier, bound, low, high = mark.group("verb").lower(), "lower", value, None
        if value is not None and bound in ("exact", "approx") and metric in _ENGAGEMENT:
            if _AND_COUNTING.match(self.text, span[1]) is not None:
                bound, low, high = "lower", value, None  # "6 billion views and counting", "... or more"
            elif qualifier is None and bound == "exact":
                shared = self._shared_qualifier(metric, span)
                if shared is not None:
                    qualifier, (bound, low, high) = shared.qualifier, bound_interval(value, shared.bound)
        if _negated_before(self.text, sent[0], span[0]) or _disputed(self.scan, sent, span):
            return  # "has not reached 1 million views", "claims that ... are false"
        taken.add(*span)
        platform = own_platform or self.platforms(sent)
        # "2m views on Facebook and a further 900,000 on X", "40 million followers on the X platform and
        # 95 million on Instagram": the platform right after a figure is its own.
        own = _ON_PLATFORM.match(self.text, span[1]) if own_platform is None else None
        if own is not None:
            platform = _own_platform_name(own)
        elif own_platform is None and platform is not None and "," in platform:
            listed = _ON_PLATFORM_LIST.match(self.text, span[1])
            if listed is not None:
                # "viewed 2 million times on YouTube, Facebook and Instagram": all of them.
                platform = _platforms(self.scan, *listed.span("names")) or platform
            else:
                # "... on YouTube, while a TikTok version drew 800,000 views": the platforms named
                # between the commas around the figure, else in the stretch before ("On TikTok, the
                # clip has 5 million views"), else the sentence's.
                # In its own stretch, a platform named before the figure first ("On Facebook, PM Modi
                # has 48 million followers while on Instagram, he has over 78 million").
                own_stretch, before = _segments(self.text, sent, span)
                platform = (
                    _platforms(self.scan, own_stretch[0], span[0])
                    or _platforms(self.scan, *before)
                    or _platforms(self.scan, span[1], own_stretch[1])
                    or platform
                )
        if platform is not None and "," not in platform:
            # Spotify "clicks" are streams.
            metric = _PLATFORM_METRICS[self.language].get((platform, metric), metric)
        as_of = as_of_start = rule = None
        if metric == "video_length" and scope is None and self.lead_scope(sent) == "each":
            scope = "each"  # "Each of the five videos runs to roughly 20 minutes"
        if metric in _ENGAGEMENT and scope is None and _earlier_before(self.text, sent[0], span[0]):
            scope, window = EARLIER, None
        if scope == EARLIER and metric in _ENGAGEMENT:
            # The count before a change held at some earlier time: only a period written right
            # after it ("up from 400,000 a year ago", "from 50,000 in 2020") says when.
            period = self.period_after(span[1])
            if period is not None:
                span = (span[0], period[4])
                window, as_of, as_of_start, rule = period[:4]
            else:
                window, rule = None, EARLIER_UNDATED
        elif metric in _ENGAGEMENT:
            change = _change_before(self.text, span[0]) if scope is None else None
            period = self.period_after(span[1]) if window is None else None
            at_a_point = False  # a period opening the sentence that names a point in time, not a span
            if period is not None:
                span = (span[0], period[4])
            elif window is None and sent[0] not in self.marks and sent[0] not in self.windows:
                period = self.period_before(sent)
                if period is not None and (
                    span[0] - period[4] > _CONTEXT_REACH
                    or _NOT_THEN.search(self.text, period[4], span[0]) is not None
                ):
                    # "In 2019, he started the channel, which today has 4.5 million subscribers".
                    period = None
                # "Over the weekend, the video was viewed 4 million times" counts what came in then; "On
                # Tuesday, she said the clip had been viewed ..." says when a running total was reported.
                at_a_point = period is not None and _SPAN_OPENING.match(self.text, sent[0]) is None
            if period is not None:
                window, as_of, as_of_start, rule, _, alone = period
                # Counted within a calendar period: what changed then ("on Tuesday alone", "racked
                # up 2 million views in 2024", "streamed 2 million times in January"). After an
                # opening point in time only a word of change or "alone" makes it a gain.
                # A broadcast's audience on a day is that audience, not a gain.
                accrued = alone or (not at_a_point and metric != "viewers" and _accrued(self.text, span[0]))
                scope = scope or change or ("gain" if accrued else None)
            else:
                scope, window, as_of, as_of_start, rule = self.engagement_time(sent, span, scope, window)
                if (
                    scope is None
                    and change is not None
                    and (
                        metric in _AUDIENCE
                        or metric == "viewers"  # "dropped 800,000 viewers" since the last episode
                        or (
                            window is not None and window_length(window) is None and not is_cumulative(window)
                        )
                    )
                ):
                    # An audience predates the news, as do a video's views before a window that is
                    # not counted from its release ("gained 230,000 views overnight"); a video's
                    # views since it was posted start at zero, so "the video has picked up 230,000
                    # views" (or "... in its first week") is its running total.
                    scope = change
        if scope == "total":
            scope = self.summed(sent, span, metric)
        claim = Claim(
            metric,
            value,
            unit_for(metric),
            bound,
            low,
            high,
            qualifier,
            scope,
            window,
            subject,
            platform,
            self.text[span[0] : span[1]],
            span,
            as_of,
            (),
            as_of_start,
            rule,
        )
        self.claims.append(claim)
        if metric == "video_published":
            self.releases.add(claim)
