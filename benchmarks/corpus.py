"""SYNTHETIC news articles for benchmarking extraction. Not real reporting; not a labelled set.

    from benchmarks.corpus import generate
    articles = generate(10_000, seed=1)          # list[Article], deterministic for (n, seed)

    python benchmarks/corpus.py [--articles 3] [--seed 1]    # print a few to look at

Every article is built from pre-built sentence templates, so generating 10,000 of them takes
about a second and does not dominate a benchmark. Each has a headline, a byline or dateline
line ("AP Washington", "By Jane Doe", "Reuters London", "NEW YORK (AP) -"), a publish line in
one of several real-world shapes ("First Published: May 03 2025 | 8:02 AM IST", "Published
May 3, 2025, 8:02 AM EDT", ISO 8601), then about 600 words of paragraphs mixing filler prose on
varied topics with engagement figures in many forms (views, likes, shares, comments, followers,
subscribers, video lengths, video counts; qualifiers, time windows, platforms) and hard
negatives (years, ages, prices, percentages, "3 min read", scores, phone numbers, equity shares).

Article i depends only on (seed, i), so the first 200 articles are the same whether you ask for
200 or 10,000. `Article.planted` counts the engagement figures the generator put in (a rough
sanity reference only: the extractor may fold repeats or merge figures; it is not ground truth).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass

from metrics.extract.dates import MONTH_NAMES

SYNTHETIC_NOTE = "SYNTHETIC corpus (benchmarks/corpus.py): generated text, not real articles"


@dataclass(frozen=True)
class Article:
    text: str
    words: int
    planted: int  # engagement figures the generator inserted (approximate reference, not labels)


# --- vocabulary -------------------------------------------------------------------------------

_FIRST = (
    "Jane",
    "John",
    "Priya",
    "Ahmed",
    "Maria",
    "Chen",
    "Olu",
    "Sofia",
    "Liam",
    "Aiko",
    "Rahul",
    "Elena",
    "Kwame",
    "Grace",
    "Mateo",
    "Hannah",
    "Yusuf",
    "Ingrid",
    "Tomas",
    "Leila",
)
_LAST = (
    "Doe",
    "Roe",
    "Sharma",
    "Hassan",
    "Garcia",
    "Wei",
    "Adeyemi",
    "Rossi",
    "Murphy",
    "Tanaka",
    "Kapoor",
    "Petrova",
    "Mensah",
    "Okafor",
    "Silva",
    "Becker",
    "Demir",
    "Larsen",
    "Novak",
    "Haddad",
)
_CITIES = (
    "Washington",
    "London",
    "New Delhi",
    "Mumbai",
    "Paris",
    "Berlin",
    "Tokyo",
    "Nairobi",
    "Sydney",
    "Toronto",
    "New York",
    "Los Angeles",
    "Singapore",
    "Dubai",
    "Madrid",
)
_AGENCIES = ("AP", "Reuters", "AFP", "PTI", "Bloomberg")
_OUTLETS = (
    "Business Standard",
    "The Daily Ledger",
    "Metro Herald",
    "The Evening Courier",
    "Northern Star",
    "The Tribune Post",
)
_MONTHS = MONTH_NAMES
_ZONES = ("IST", "EDT", "EST", "BST", "GMT", "CET", "JST", "PDT", "AEST")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_PLATFORMS = (
    "YouTube",
    "TikTok",
    "Instagram",
    "X",
    "Facebook",
    "X (formerly Twitter)",
    "Threads",
    "Reddit",
    "YouTube and X",
    "Instagram and TikTok",
    "Snapchat",
)
_SUBJECTS = (
    "video",
    "clip",
    "post",
    "reel",
    "short",
    "livestream",
    "trailer",
    "interview",
    "music video",
    "footage",
    "recruitment videos",
    "clips",
    "posts",
    "videos",
)
_ACCOUNTS = ("account", "channel", "page", "profile", "feed")
_OWNERS = (
    "The agency's",
    "The band's",
    "Her",
    "His",
    "The club's",
    "The minister's",
    "The creator's",
    "The museum's",
    "The startup's",
    "The singer's",
)
_ACTORS = (
    "The agency",
    "The band",
    "The ministry",
    "A local creator",
    "The club",
    "The campaign",
    "The company",
    "The singer",
    "A student group",
    "The broadcaster",
    "The city council",
)
_QUALIFIERS = (
    "more than",
    "nearly",
    "about",
    "at least",
    "some",
    "an estimated",
    "up to",
    "approximately",
    "over",
    "almost",
    "roughly",
    "",
    "",
    "",
)
_WINDOWS = (
    "in their first day",
    "in its first day",
    "within 48 hours",
    "in 24 hours",
    "over the weekend",
    "since Thursday",
    "in its first week",
    "by Friday evening",
    "in under a day",
    "so far",
    "",
)
_SCOPES = ("combined", "in total", "across platforms", "")


def _amount(rng: random.Random) -> str:
    """An engagement-sized figure in one of the forms newsrooms write."""
    form = rng.random()
    if form < 0.30:
        return f"{rng.choice((1, 2, 3, 4, 5, 7, 8, 10, 12, 15, 20, 40))} million"
    if form < 0.45:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
    if form < 0.65:
        return f"{rng.randint(11, 999)},{rng.randint(0, 999):03d}"
    if form < 0.75:
        return f"{rng.randint(2, 900)}K"
    if form < 0.82:
        return f"{rng.randint(2, 60)}M"
    if form < 0.87:
        return f"{rng.randint(1, 4)}.{rng.randint(1, 9)}bn"
    if form < 0.93:
        return rng.choice(("two million", "half a million", "a million", "three million", "ten thousand"))
    return f"{rng.randint(200, 9999):,}"


def _q(rng: random.Random) -> str:
    q = rng.choice(_QUALIFIERS)
    return f"{q} " if q else ""


def _tail(rng: random.Random, options: tuple[str, ...]) -> str:
    t = rng.choice(options)
    return f" {t}" if t else ""


# Claim sentence builders: (figures planted, builder). Each fills its slots from the rng.
def _views(rng: random.Random) -> str:
    return (
        f"The {rng.choice(_SUBJECTS)} posted to {rng.choice(_PLATFORMS)} racked up "
        f"{_q(rng)}{_amount(rng)} views{_tail(rng, _SCOPES)}{_tail(rng, _WINDOWS)}."
    )


def _viewed(rng: random.Random) -> str:
    return (
        f"The {rng.choice(_SUBJECTS)} was viewed {_q(rng)}{_amount(rng)} times on {rng.choice(_PLATFORMS)}."
    )


def _likes(rng: random.Random) -> str:
    return (
        f"{rng.choice(_OWNERS)} {rng.choice(_SUBJECTS)} drew {_q(rng)}{_amount(rng)} likes and "
        f"{rng.randint(2, 90):,},{rng.randint(0, 999):03d} comments{_tail(rng, _WINDOWS)}."
    )


def _shares(rng: random.Random) -> str:
    return (
        f"It was shared {_q(rng)}{_amount(rng)} times on {rng.choice(_PLATFORMS)}"
        f"{_tail(rng, _WINDOWS)}, according to figures shown on the platform."
    )


def _followers(rng: random.Random) -> str:
    return (
        f"{rng.choice(_OWNERS)} {rng.choice(_ACCOUNTS)} on {rng.choice(_PLATFORMS)} has "
        f"{_q(rng)}{_amount(rng)} followers."
    )


def _subscribers(rng: random.Random) -> str:
    return f"The {rng.choice(_ACCOUNTS)} passed {_amount(rng)} subscribers{_tail(rng, _WINDOWS)}."


def _length_count(rng: random.Random) -> str:
    n = rng.choice(("two", "three", "four", "a pair of", "a dozen", "five", "six"))
    return (
        f"{rng.choice(_ACTORS)} released {n} {rng.randint(1, 4)}-minute-long videos on "
        f"{rng.choice(_PLATFORMS)} {rng.choice(_DAYS)}."
    )


def _clip_length(rng: random.Random) -> str:
    return (
        f"In the {rng.choice((30, 45, 60, 90, 120))}-second clip, {rng.choice(_FIRST)} "
        f"{rng.choice(_LAST)} speaks directly to the camera."
    )


def _respectively(rng: random.Random) -> str:
    a, b = rng.randint(100, 400), rng.randint(20, 99)
    return f"The two clips had garnered {a},000 and {b},000 views, respectively."


def _between(rng: random.Random) -> str:
    lo = rng.randint(1, 5)
    return f"Analysts said the {rng.choice(_SUBJECTS)} drew between {lo} million and {lo * 2} million views."


def _vague(rng: random.Random) -> str:
    return f"Millions of views poured in on {rng.choice(_PLATFORMS)} as the {rng.choice(_SUBJECTS)} spread."


def _runtime(rng: random.Random) -> str:
    return (
        f"The {rng.choice(_SUBJECTS)} runs {rng.randint(1, 5)} minutes and "
        f"{rng.choice((10, 15, 20, 30, 45))} seconds."
    )


_CLAIMS = (
    (1, _views),
    (1, _viewed),
    (2, _likes),
    (1, _shares),
    (1, _followers),
    (1, _subscribers),
    (2, _length_count),
    (1, _clip_length),
    (2, _respectively),
    (1, _between),
    (1, _vague),
    (1, _runtime),
)


# Hard negatives: numbers that are not engagement figures.
def _negative(rng: random.Random) -> str:
    k = rng.randrange(12)
    if k == 0:
        return f"The organisation was founded in {rng.randint(1890, 2020)} and moved to {rng.choice(_CITIES)} later."
    if k == 1:
        return f"A {rng.randint(18, 80)}-year-old man was questioned and later released, police said."
    if k == 2:
        return f"The deal is worth ${rng.randint(2, 900)} million, the company said in a filing."
    if k == 3:
        return f"Prices rose {rng.randint(1, 9)}.{rng.randint(0, 9)}% in the year to {rng.choice(_MONTHS)}."
    if k == 4:
        return f"{rng.randint(2, 9)} min read"
    if k == 5:
        return (
            f"The home side won {rng.randint(0, 5)}-{rng.randint(0, 4)} after {rng.randint(90, 120)} minutes."
        )
    if k == 6:
        return (
            f"Readers can call the helpline on +1 {rng.randint(200, 999)} 555 {rng.randint(1000, 9999)} "
            f"or 0{rng.randint(20, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}."
        )
    if k == 7:
        return (
            f"The firm sold {rng.randint(2, 9)} million shares to investors at ${rng.randint(10, 90)} each."
        )
    if k == 8:
        return f"Top {rng.choice((5, 10, 20))} videos of the week"
    if k == 9:
        return f"The team scored {rng.randint(80, 130)} points and the temperature reached {rng.randint(25, 44)} degrees."
    if k == 10:
        return f"Around {rng.randint(2, 90):,},000 people live in the district, according to the {rng.randint(2001, 2021)} census."
    return f"Statue of Liberty was a gift to the US from France in {rng.randint(1880, 1890)}"


# Filler prose: a fixed pool of sentences built once from these fragments.
_TOPICS = {
    "politics": ("lawmakers", "the committee", "the opposition", "the governor", "campaign officials"),
    "economy": ("economists", "central bank officials", "retailers", "investors", "small businesses"),
    "sport": ("the coach", "supporters", "the league", "the captain", "club officials"),
    "science": ("researchers", "the laboratory", "the university team", "climate scientists", "engineers"),
    "culture": ("the director", "critics", "the festival", "gallery curators", "the publisher"),
    "security": ("intelligence officials", "the spy agency", "diplomats", "analysts", "the ministry"),
}
_VERBS = ("said", "argued", "warned", "suggested", "noted", "told reporters", "added")
_CLAUSES = (
    "the plan would need broad support before it could move forward",
    "the decision reflected months of quiet negotiation behind closed doors",
    "the changes were overdue and would be reviewed again next year",
    "public reaction had been stronger than many had expected",
    "the outcome depended on how quickly the details were settled",
    "several questions remained unanswered despite the announcement",
    "the approach marked a shift from the strategy of previous years",
    "it was too early to say whether the effort would succeed",
    "the timing was deliberate and meant to reach a younger audience",
    "officials were monitoring the situation closely and would respond",
    "the message was aimed at people who felt ignored by the system",
    "a fuller account would be published once the review was complete",
)
_OPENERS = (
    "",
    "",
    "Meanwhile, ",
    "Separately, ",
    "Earlier, ",
    "However, ",
    "In a statement, ",
    "Speaking on condition of anonymity, ",
)


def _filler_pool(seed: int, size: int = 1500) -> tuple[tuple[str, int], ...]:
    rng = random.Random(f"filler:{seed}")
    pool = []
    for _ in range(size):
        who = rng.choice(rng.choice(list(_TOPICS.values())))
        s = f"{rng.choice(_OPENERS)}{who} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}"
        if rng.random() < 0.4:
            s += f", and {rng.choice(_CLAUSES)}"
        s = s[0].upper() + s[1:] + "."
        pool.append((s, s.count(" ") + 1))
    return tuple(pool)


_HEADLINES = (
    "{actor} releases new videos aimed at a global audience",
    "Inside the viral campaign that took over {platform}",
    "{city} officials respond as online clip spreads",
    "Why a {n}-minute video became the talk of {city}",
    "{actor} bets on short videos to reach younger viewers",
    "Explained: the numbers behind the latest viral post",
)


def _publish_line(rng: random.Random) -> str:
    y, mo, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    h, mi = rng.randint(1, 12), rng.randint(0, 59)
    ampm, zone = rng.choice(("AM", "PM")), rng.choice(_ZONES)
    month = _MONTHS[mo - 1]
    k = rng.randrange(5)
    if k == 0:
        return f"First Published: {month[:3]} {d:02d} {y} | {h}:{mi:02d} {ampm} {zone}"
    if k == 1:
        return f"Published {month} {d}, {y}, {h}:{mi:02d} {ampm} {zone}"
    if k == 2:
        return f"Published: {y}-{mo:02d}-{d:02d}T{h + 6:02d}:{mi:02d}:00Z"
    if k == 3:
        return f"{rng.randint(2, 9)} min read Last Updated : {month[:3]} {d:02d} {y} | {h}:{mi:02d} {ampm} {zone}"
    return f"Updated {d} {month} {y}, {h}:{mi:02d} {ampm} {zone}"


def _byline(rng: random.Random) -> tuple[str, str]:
    """(line under the headline, prefix of the first paragraph)."""
    k = rng.randrange(4)
    if k == 0:
        return f"{rng.choice(_AGENCIES)} {rng.choice(_CITIES)}", ""
    if k == 1:
        return f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}", ""
    if k == 2:
        return (
            f"By {rng.choice(_FIRST)} {rng.choice(_LAST)} and {rng.choice(_FIRST)} {rng.choice(_LAST)}, "
            f"{rng.choice(_AGENCIES)}"
        ), ""
    return f"{rng.choice(_OUTLETS)} staff", f"{rng.choice(_CITIES).upper()} ({rng.choice(_AGENCIES)}) \u2014 "


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.filler = _filler_pool(seed)

    def article(self, i: int, target_words: int = 600) -> Article:
        rng = random.Random(self.seed * 1_000_003 + i)
        headline = rng.choice(_HEADLINES).format(
            actor=rng.choice(_ACTORS),
            platform=rng.choice(_PLATFORMS),
            city=rng.choice(_CITIES),
            n=rng.randint(2, 5),
        )
        byline, lead = _byline(rng)
        lines = [headline, "", byline, _publish_line(rng), ""]
        words = sum(s.count(" ") + 1 for s in lines if s)
        target = target_words + rng.randint(-60, 60)
        planted = 0
        paragraphs: list[str] = []
        filler = self.filler
        while words < target:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                if words >= target:
                    break
                r = rng.random()
                if r < 0.16:
                    n, build = rng.choice(_CLAIMS)
                    s = build(rng)
                    planted += n
                elif r < 0.26:
                    s = _negative(rng)
                else:
                    s, _ = rng.choice(filler)
                sentences.append(s)
                words += s.count(" ") + 1
            paragraphs.append(" ".join(sentences))
        paragraphs[0] = lead + paragraphs[0]
        text = "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"
        return Article(text, words, planted)


def generate(n: int, seed: int = 1, target_words: int = 600) -> list[Article]:
    """n SYNTHETIC articles of about `target_words` words; article i depends only on (seed, i)."""
    gen = _Generator(seed)
    return [gen.article(i, target_words) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=SYNTHETIC_NOTE)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"# {SYNTHETIC_NOTE}\n")
    for a in generate(args.articles, args.seed):
        print(a.text)
        print(f"# ({a.words} words, {a.planted} figures planted)\n{'-' * 72}")


if __name__ == "__main__":
    main()
