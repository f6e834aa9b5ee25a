"""The words the claim rules read, as plain tables: one table per word list, keyed by language.

Every regex alternation, Scanner anchor group (anchors.group) and first-word set (Scanner.matchiter)
that holds these words is generated from a table here, in fragments.py or in the rule module that
reads it, so a word added to a table reaches each of them; tests/test_claims_vocabulary.py checks
that none is dropped on the way. Nothing here is a pattern: a table is words and what they mean.

Languages: "en" is read by the English rules, "de" by rules/german.py (German number style,
"1.234.567" and "86,3 Millionen", needs patterns of its own). A new language is mostly a new key
in these tables and a rule module reading them, entered in registry.py.

Some tables are selections of another ("by people" audiences leave out "fans"): each says so, and
is derived from the fuller table or checked by the test to lie within it, so the two cannot drift
apart. Such gaps were kept as found, so that extraction's output did not change when the rules
were laid out as data; each is a candidate for a later change.
"""

from __future__ import annotations

# The languages with claim rules, and the language tags (DocumentMeta.language, primary subtag)
# that select each; any other tag, or none, is read as English.
LANGUAGES: tuple[str, ...] = ("en", "de")
LANGUAGE_TAGS: dict[str, tuple[str, ...]] = {"de": ("de", "deu", "ger")}

# Verbs of movement that put a figure behind: "The channel surged past 4 million followers".
# Verbs common elsewhere ("went", "jumped", "climbed") are left out: each first word of a
# qualifier is a place every count pattern is tried.
_PAST_VERBS = (
    "surged", "raced", "sailed", "soared", "zoomed", "edged", "crept", "rocketed", "blew", "sped", "rushed",
    "cruised", "powered",
)  # fmt: skip

# A qualifier written before a figure -> the bound it puts on the figure (claim_bounds): "lower"
# (at least), "upper" (at most), "approx" (+-10%).
QUALIFIERS: dict[str, dict[str, str]] = {
    "en": {
        "more than": "lower",
        "over": "lower",
        "at least": "lower",
        "no less than": "lower",
        "no fewer than": "lower",
        "topped": "lower",
        "tops": "lower",
        "topping": "lower",
        "surpasses": "lower",
        "exceeds": "lower",
        "passes": "lower",
        "crosses": "lower",
        "exceeded": "lower",
        "exceeding": "lower",
        "surpassed": "lower",
        "passed": "lower",
        "crossed": "lower",
        "upwards of": "lower",
        "upward of": "lower",
        "in excess of": "lower",
        "north of": "lower",
        "just over": "lower",
        "well over": "lower",
        # "a record 4.4 million followers" is the record figure itself, as the real labels read it.
        "a record": "exact",
        "a little more than": "lower",
        # "the best part of 2 million views" (without "the": it would make every "the" a place to try).
        "best part of": "upper",
        "better part of": "upper",
        "a little less than": "upper",
        # Headlines write the present: "maths TikToks pass 5m views".
        "pass": "lower",
        "cross": "lower",
        # "broke a million views", "is passing 10 billion views": going past it.
        "broke": "lower",
        "breaking": "lower",
        "passing": "lower",
        "crossing": "lower",
        "surpassing": "lower",
        "surpass": "lower",
        "exceed": "lower",
        **dict.fromkeys([f"{verb} past" for verb in _PAST_VERBS], "lower"),
        "nearly": "upper",
        "approaching": "upper",
        "fast approaching": "upper",
        "nearing": "upper",
        # "is now pushing a million views": close to it.
        "pushing": "upper",
        "closing in on": "upper",
        "almost": "upper",
        "just under": "upper",
        "up to": "upper",
        "as many as": "upper",
        "close to": "upper",
        "fewer than": "upper",
        "less than": "upper",
        "under": "upper",
        "just shy of": "upper",
        "shy of": "upper",
        "about": "approx",
        "around": "approx",
        "roughly": "approx",
        "some": "approx",
        "approximately": "approx",
        "an estimated": "approx",
        "estimated": "approx",
        "circa": "approx",
        "something like": "approx",
        "a little over": "lower",
        "a little under": "upper",
    },
    "de": {
        "mehr als": "lower",
        "über": "lower",
        "weit über": "lower",
        "gut": "lower",
        "mindestens": "lower",
        "fast": "upper",
        "knapp": "upper",
        "beinahe": "upper",
        "nahezu": "upper",
        "annähernd": "upper",
        "bis zu": "upper",
        "weniger als": "upper",
        "rund": "approx",
        "etwa": "approx",
        "ungefähr": "approx",
        "circa": "approx",
        "ca.": "approx",
        "geschätzt": "approx",
    },
}
# Qualifiers written only after a count's noun and verb ("Views ... have climbed past 36 million"):
# kept out of QUALIFIERS, whose first words are tried as the start of every figure.
TALLY_QUALIFIERS: dict[str, dict[str, str]] = {"en": dict.fromkeys(("past", "above", "beyond"), "lower")}
# Qualifier verbs that, after a count's noun, make a tally without a verb of change ("Views
# topped 2 million"): the anchor words such a tally is looked for by (with NOUN_TALLY_VERBS).
# A selection, as written when the rule was: not the present "pass" nor "raced past".
TALLY_QUALIFIER_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "topped", "tops", "topping", "passed", "passes", "crossed", "crosses", "surpassed", "surpasses",
        "exceeded", "exceeds", "exceeding", "neared", "approached", "approaching", "nearing", "fast",
        "closing",
    ),
}  # fmt: skip

# Scale words -> multiplier. English ones are the number grammar's own (numbers.SCALES); German
# ones are read only by rules/german.py.
SCALES: dict[str, dict[str, int]] = {
    "de": {
        "tausend": 1000,
        "million": 10**6,
        "millionen": 10**6,
        "mio.": 10**6,
        "mio": 10**6,
        "milliarde": 10**9,
        "milliarden": 10**9,
        "mrd.": 10**9,
        "mrd": 10**9,
    },
}
# Scale words (numbers.SCALES) written in a round figure's mark or a compound adjective: "the 1
# million subscriber mark", "a 3-million-view rant".
ROUND_SCALES: dict[str, tuple[str, ...]] = {"en": ("thousand", "million", "billion")}
# ... that "a few" / "several" take ("a few hundred thousand views"), and whose plural makes a
# vague count ("millions of views"; "lakhs of views" was left out when written, kept so).
FEW_SCALES: dict[str, tuple[str, ...]] = {"en": ("hundred", *ROUND_SCALES["en"])}
# ... whose plural is a vague number after a verb or "by" ("seen by lakhs", Indian English).
# Plural means at least two of the scale.
VAGUE_SCALES: dict[str, tuple[str, ...]] = {"en": (*FEW_SCALES["en"], "lakh", "crore")}
# Multiples before a vague scale: "tens of thousands", "hundreds of millions".
VAGUE_MULTIPLES: dict[str, dict[str, float]] = {"en": {"tens": 10.0, "hundreds": 100.0}}
# German vague amounts -> their scale: "Millionen Aufrufe", "Zehntausende Likes", "millionenfach
# aufgerufen" (as a prefix of "-fach"); a lower bound of twice the scale, as "millions of views".
VAGUE_AMOUNTS: dict[str, dict[str, float]] = {
    "de": {
        "tausende": 1e3, "zehntausende": 1e4, "hunderttausende": 1e5, "millionen": 1e6, "milliarden": 1e9,
        "tausend": 1e3, "zehntausend": 1e4, "hunderttausend": 1e5,
    },
}  # fmt: skip
# Vague amounts: "a few thousand views", "several million views".
FEW_WORDS: dict[str, tuple[str, ...]] = {"en": ("a few", "several")}
# "views topped seven figures": the number of digits, spelled out.
DIGIT_COUNTS: dict[str, dict[str, int]] = {
    "en": {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
}

# A count's noun -> the metric it counts: "5 million views", "86,3 Millionen Aufrufe".
COUNT_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "views": "views",
        "plays": "streams",
        "streams": "streams",
        # Podcast charts: "331,838 listens".
        "listens": "streams",
        "likes": "likes",
        "dislikes": "dislikes",
        "shares": "shares",
        "reposts": "reposts",
        "retweets": "reposts",
        "comments": "comments",
        "replies": "comments",
        "followers": "followers",
        "subscribers": "subscribers",
        "videos": "video_count",
        "clips": "video_count",
        "films": "video_count",
        "reels": "video_count",
        "documentaries": "video_count",
        "trailers": "video_count",
        "ads": "video_count",
        "adverts": "video_count",
        "shorts": "video_count",
        "spots": "video_count",
        "uploads": "video_count",
        # Posts about a subject: "1.2 million tweets about the final".
        "tweets": "posts",
        "posts": "posts",
        "mentions": "posts",
        # A TV or live audience, not a video's views: "The final drew 12.3 million viewers".
        "viewers": "viewers",
        "downloads": "downloads",
        "installs": "downloads",
        "installations": "downloads",
        # Reddit and forum votes: "5 million downvotes", "256,482 upvotes".
        "downvotes": "dislikes",
        "upvotes": "likes",
        # Twitter's likes were "favorites"; a film's plays online are "viewings".
        "favorites": "likes",
        "favourites": "likes",
        "viewings": "views",
        # "880k subs"; but "all five subs" are substitutes (a count under 1,000 is dropped, rules/counts.py).
        "subs": "subscribers",
        # Streaming press: "produced 27K CCV" (concurrent viewers).
        "ccv": "viewers",
    },
    "de": {
        "aufrufe": "views",
        "aufrufen": "views",
        "abrufe": "views",
        "abrufungen": "views",
        "views": "views",
        "klicks": "views",
        "zugriffe": "views",
        "zugriffen": "views",
        "likes": "likes",
        "follower": "followers",
        "followern": "followers",
        "followerinnen": "followers",
        "anhänger": "followers",
        "anhängern": "followers",
        "abonnenten": "subscribers",
        "abonnentinnen": "subscribers",
        "abonnements": "subscribers",
        "abos": "subscribers",
        "kommentare": "comments",
        "kommentaren": "comments",
        "shares": "shares",
        "dislikes": "dislikes",
        "retweets": "reposts",
        "reposts": "reposts",
        "tweets": "posts",
        "posts": "posts",
        "streams": "streams",
        "plays": "streams",
        "downloads": "downloads",
        "zuschauer": "viewers",
        "zuschauerinnen": "viewers",
        "zuschauern": "viewers",
        "videos": "video_count",
        "clips": "video_count",
    },
}
# Nouns that count followers only where the sentence is about an online account ("has 28,000 fans
# on Instagram", "verlor satte 3,5 Millionen Fans"); elsewhere fans fill a stadium.
ONLINE_COUNT_NOUNS: dict[str, dict[str, str]] = {"en": {"fans": "followers"}, "de": {"fans": "followers"}}
# A count noun's singular -> metric, as it heads a tally ("view count", "follower base") or makes a
# compound adjective ("a 3-million-view rant"); its plural (+"s") is a count noun too.
COUNT_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "view": "views",
        "like": "likes",
        "share": "shares",
        "retweet": "reposts",
        "repost": "reposts",
        "dislike": "dislikes",
        "stream": "streams",
        "download": "downloads",
        "viewer": "viewers",
        "comment": "comments",
        "follower": "followers",
        "subscriber": "subscribers",
    },
}
# Abbreviations that are a count and its rate at once: "381,605 tweets per minute (TPM)", then
# "271,775 TPM" -> (metric, scope).
RATE_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"tpm": ("posts", "per minute"), "tps": ("posts", "per second")},
}
# A word right before a count noun that makes it another metric: "460,000 quote tweets" are reposts.
MODIFIED_COUNT_NOUNS: dict[str, dict[tuple[str, str], str]] = {
    "en": {("quote", "tweets"): "reposts", ("concurrent", "views"): "viewers"}
}
# Count words that make no compound adjective: "a 3-million-retweet post" was left out when the
# rule was written (kept so).
NOT_ADJECTIVE_COUNT_WORDS: dict[str, tuple[str, ...]] = {"en": ("retweet", "repost")}
# An audience as a whole, not a count -> metric: "Her following has grown to 1.3m".
AUDIENCE_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "viewership": "views",
        "followership": "followers",
        "following": "followers",
        "audience": "viewers",
    },
}
# Nouns that name a count without giving it, so that a bare figure after them in the sentence is
# that count (rules/echoes.py): "The number of followers of PM Modi on Twitter is more than 60
# million", "The metro audience was 2.19m", "ratings of 2.7 million". Counts of videos are left out:
# "videos" is said of far more than a count.
MENTIONED_COUNTS: dict[str, dict[str, str]] = {
    "en": {
        **{n: m for n, m in COUNT_NOUNS["en"].items() if m != "video_count"},
        **AUDIENCE_NOUNS["en"],
        # Said of TV and live audiences ("a peak viewership figure of 1.05m"), not of a video's views.
        "viewership": "viewers",
        "ratings": "viewers",
        "concurrency": "viewers",
        # "the day's most watched show with 4.9 million": an audience (a video's, its views:
        # _Context.add turns viewers of a video subject into views).
        "watched": "viewers",
    },
    "de": {n: m for n, m in COUNT_NOUNS["de"].items() if m != "video_count"},
}
# What may follow a bare figure that echoes a named count (rules/echoes.py): words that join,
# place or time it ("MSNBC had 1.45 million and CNN ...", "then hitting 100 million just 5 days
# later"), never a noun of its own.
ECHO_FOLLOWERS: dict[str, tuple[str, ...]] = {
    "en": (
        "in", "on", "at", "by", "for", "since", "after", "before", "within", "over", "during", "this", "last",
        "now", "today", "overnight", "alone", "and", "but", "as", "according", "when", "while", "following",
        "from", "between", "the", "earlier", "previously", "just", "so", "total", "globally", "worldwide",
        "combined", "apiece", "respectively", "then", "compared", "versus", "vs", "set", "held", "a", "an",
        "who", "times",
    ),
    "de": (
        "und", "oder", "auf", "in", "im", "am", "bei", "für", "seit", "nach", "vor", "innerhalb", "insgesamt",
        "zusammen", "weltweit", "übrig", "sind", "waren", "hat", "hatte", "haben", "kommt", "kam", "liegt",
        "lag", "gegenüber", "bislang", "bisher", "geblieben",
    ),
}  # fmt: skip
# Scale words a bare figure may end with ("197 million", "2.19m", "1.05bn"), so that it is big
# enough to be read as an echo of a named count.
ECHO_SCALES: dict[str, tuple[str, ...]] = {
    "en": ("thousand", "million", "billion", "trillion", "lakh", "crore", "mil", "mn", "bn", "m", "b", "k"),
}
# ... and words that may end a bare figure's phrase only as its last word: "(16 million on TV and
# 112 million online)", not "the 1 million online viewings barrier".
ECHO_PHRASE_ENDS: dict[str, tuple[str, ...]] = {"en": ("online", "offline"), "de": ("online",)}
# Words right before a bare figure that make it money, a difference or a population, not a count
# ("worth 3 million", "beat it by 2 million", "a population of 1.4 billion").
NOT_ECHO_BEFORE: dict[str, tuple[str, ...]] = {
    "en": (
        "Rs", "USD", "US", "INR", "EUR", "GBP", "by", "population", "worth", "valued", "revenue", "revenues",
        "income", "earned", "earnings", "paid", "cost", "costs", "price", "budget", "salary", "sales", "sold",
        "raised", "spent", "deal", "fine", "fined",
    ),
    "de": ("um", "Euro", "Dollar", "Pfund", "Franken", "Einwohner", "Umsatz", "Jahr", "Jahre"),
}  # fmt: skip
# People named between a count and a bare figure: the figure counts them ("Downloads ... doubled
# the number of active users from 1.5 million to 3 million").
PEOPLE_BETWEEN: dict[str, tuple[str, ...]] = {
    "en": (
        "users", "people", "members", "accounts", "households", "customers", "residents", "students",
        "employees", "visitors", "readers", "listeners", "voters",
    ),
    "de": ("Nutzer", "Nutzerinnen", "Menschen", "Mitglieder", "Kunden"),
}  # fmt: skip
# Nouns that open a tally as its subject ("Views of the promo topped 2 million", "Her following
# has grown to 1.3m"), in the order tried: count nouns and audience nouns.
TALLY_SUBJECTS: dict[str, tuple[str, ...]] = {
    "en": (
        "views", "viewership", "likes", "shares", "followers", "followership", "following", "subscribers",
        "comments", "retweets", "reposts", "streams", "plays", "dislikes", "downloads", "viewers", "audience",
    ),
}  # fmt: skip
# Of those, the ones a change then a total is read after ("Views doubled overnight to 1.6
# million"): not "streams" nor "plays", as written when the rule was (kept so).
NOT_CHANGED_SUBJECTS: dict[str, tuple[str, ...]] = {"en": ("streams", "plays")}
# What a tally is of: "view count", "follower base", "the number of comments" (each +"s" too).
TALLY_HEADS: dict[str, tuple[str, ...]] = {"en": ("count", "tally", "total", "number", "base", "average")}
# Labels of a stat line: "Views: 8.2m. Likes: 611k."
STAT_LABELS: dict[str, tuple[str, ...]] = {
    "en": (
        "views", "likes", "comments", "shares", "followers", "subscribers", "retweets", "reposts", "plays",
        "streams", "dislikes", "downloads",
    ),
}  # fmt: skip

# A verb read with "N times" -> metric: "viewed 900,000 times", "2,000 Mal geteilt".
TIMES_VERBS: dict[str, dict[str, str]] = {
    "en": {
        "viewed": "views",
        "watched": "views",
        "played": "streams",
        "streamed": "streams",
        "seen": "views",
        "liked": "likes",
        "disliked": "dislikes",
        "shared": "shares",
        "reshared": "shares",
        "forwarded": "shares",
        "retweeted": "reposts",
        "reposted": "reposts",
        "tweeted": "posts",
        "favourited": "likes",
        "favorited": "likes",
        "downloaded": "downloads",
        "installed": "downloads",
        "heard": "streams",
    },
    "de": {
        "aufgerufen": "views",
        "abgerufen": "views",
        "angesehen": "views",
        "angeschaut": "views",
        "angeklickt": "views",
        "abgespielt": "views",
        "gesehen": "views",
        "geklickt": "views",
        "geteilt": "shares",
        "gestreamt": "streams",
        "heruntergeladen": "downloads",
        "runtergeladen": "downloads",
        "retweetet": "reposts",
        "geliked": "likes",
        "gelikt": "likes",
        "geliket": "likes",
        "kommentiert": "comments",
        # "mehr als 11,5 Millionen Mal angehört": a song's or podcast's plays.
        "angehört": "streams",
    },
}
# ... and read with "by N people": "liked by 30,000 people", "followed by 2 million users".
BY_VERBS: dict[str, dict[str, str]] = {
    "en": {**TIMES_VERBS["en"], "followed": "followers", "subscribed to": "subscribers"}
}
# What people did, read after "N people (have)": "More than 40,000 people have shared the video".
PEOPLE_DID: dict[str, dict[str, str]] = {
    "en": {
        verb: {
            **TIMES_VERBS["en"], "commented": "comments", "tuned": "viewers", "watching": "viewers", "saw": "views"
        }[verb]
        for verb in (
            "shared", "reshared", "reposted", "retweeted", "commented", "liked", "watched", "seen", "viewed",
            "downloaded", "streamed", "tweeted", "tuned", "watching", "saw",
        )
    },
}  # fmt: skip
# Who follows, subscribes or watches: "50 million people follow her".
PEOPLE: dict[str, tuple[str, ...]] = {"en": ("people", "users", "fans", "accounts", "viewers")}
# ... after "by": "liked by more than 30,000 people" ("fans" was left out when written; kept so).
BY_PEOPLE: dict[str, tuple[str, ...]] = {"en": tuple(w for w in PEOPLE["en"] if w != "fans")}

# Verbs of a count changing: after one, "from A (to B)" gives the count before the change.
CHANGE_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "went", "gone", "going", "grew", "grown", "growing", "jumped", "jumping", "rose", "risen", "rising",
        "climbed", "climbing", "increased", "increasing", "surged", "surging", "soared", "soaring", "swelled",
        "swelling", "leapt", "leaped", "ballooned", "fell", "fallen", "falling", "dropped", "dropping",
        "declined", "declining", "slipped", "slipping", "slid", "sliding", "shrank", "shrunk", "shrinking",
        "plunged", "plummeted", "tumbled", "dipped", "exploded", "skyrocketed", "rocketed", "doubled",
        "tripled", "quadrupled", "shot up", "shot down", "went up", "went down", "gone up", "gone down",
        "going up", "going down", "fall", "falls", "drop", "drops", "rise", "rises", "grow", "grows",
    ),
}  # fmt: skip
# The change verbs that say the count went down (not "went down": kept as written).
LOSS_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "fell", "fallen", "falling", "dropped", "dropping", "declined", "declining", "slipped", "slipping",
        "slid", "sliding", "shrank", "shrunk", "shrinking", "plunged", "plummeted", "tumbled", "dipped",
        "fall", "falls", "drop", "drops",
    ),
}  # fmt: skip
# Verbs of change or arrival after a count's noun: "Her followers swelled to ...", "Views stood at".
NOUN_TALLY_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "swelled", "jumped", "leapt", "leaped", "rose", "risen", "grew", "grown", "climbed", "soared",
        "surged", "increased", "went", "hit", "reached", "ballooned", "doubled", "tripled", "quadrupled",
        "fell", "fallen", "dropped", "declined", "slipped", "slid", "plunged", "shrank", "dipped", "exploded",
        "skyrocketed", "rocketed", "shot up", "shot down", "went up", "went down", "stood at", "stand at",
        "now stand at",
    ),
}  # fmt: skip

# Verbs that pass a round figure's mark: "passed the 1 million subscriber mark"; those that near
# it ("neared", "approaching") give an upper bound.
MARK_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "passed", "passes", "crossed", "crosses", "hit", "hits", "reached", "reaches", "topped", "tops",
        "surpassed", "surpasses", "broke", "breaks", "neared", "nears", "approached", "approaches",
        "approaching", "nearing", "exceeded", "exceeds",
        # The infinitive after a first or an ordinal: "the second artiste in Kenya to cross the 1
        # million subscribers mark" (forecasts, "aims to cross ...", are filtered as everywhere).
        "cross", "pass", "hit", "reach", "surpass", "top", "break",
    ),
}  # fmt: skip
# ... and those that do it with "past": "sailed past the 1 million view mark".
MARK_PAST_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "sailed", "went", "blew", "raced", "zoomed", "shot", "sped", "galloped", "flew", "soared", "moved",
        "edged", "crept",
    ),
}  # fmt: skip
MARK_NOUNS: dict[str, tuple[str, ...]] = {"en": ("mark", "milestone", "threshold", "barrier")}

# What a count on a platform is, whatever word the text uses -> (platform, metric written, metric):
# plays on a music service are streams ("375 Millionen Klicks auf Spotify"); in German copy,
# "Abonnenten" on a social network are its followers ("223,5 Millionen Abonnenten" on Instagram),
# while English copy that says "subscribers on TikTok" is labelled as written.
_MUSIC_SERVICES = ("Spotify", "Apple Music", "Deezer", "SoundCloud", "Audiomack", "Boomplay")
_SOCIAL_NETWORKS = ("Instagram", "TikTok", "Twitter", "Facebook", "Threads", "Bluesky", "Weibo")
PLATFORM_METRICS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "en": tuple((p, "views", "streams") for p in _MUSIC_SERVICES),
    "de": (
        *((p, "views", "streams") for p in _MUSIC_SERVICES),
        *((p, "subscribers", "followers") for p in _SOCIAL_NETWORKS),
    ),
}

# Platforms, as their names are written (proper names: no language key). A platform's users
# ("YouTubers", "TikToker", "Instagrammers") name it too, with one of PLATFORM_SUFFIXES.
PLATFORMS: tuple[str, ...] = (
    "YouTube", "TikTok", "Instagram", "Facebook", "Twitter", "Snapchat", "Reddit", "Weibo", "WeChat",
    "Douyin", "Bilibili", "Telegram", "WhatsApp", "LinkedIn", "Twitch", "Vimeo", "Rumble", "Truth Social",
    "Bluesky", "Pinterest", "Kuaishou", "Xiaohongshu", "Spotify", "Threads", "Boomplay", "Audiomack",
    "SoundCloud", "Deezer", "Apple Music", "Hotstar", "JioCinema", "Kick", "Tubi", "Tik Tok", "ITV Hub", "BBC iPlayer",
    "ITVX", "RTE Player",
)  # fmt: skip
# Other spellings of a platform in PLATFORMS -> its name: "Tik Tok stars" are on TikTok.
PLATFORM_SPELLINGS: tuple[tuple[str, str], ...] = (("Tik Tok", "TikTok"),)
PLATFORM_SUFFIXES: tuple[str, ...] = ("r", "rs", "er", "ers", "mer", "mers", "s")
# Platforms whose live broadcasts are videos: "The Facebook Live, which lasted two hours".
LIVE_PLATFORMS: tuple[str, ...] = ("Facebook", "Instagram", "YouTube", "TikTok")

# A video or a kind of video, singular -> plural (a mass noun is its own plural), in the order the
# length patterns try them. "live" only after a platform in LIVE_PLATFORMS.
MEDIA_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "video": "videos",
        "clip": "clips",
        "film": "films",
        "reel": "reels",
        "trailer": "trailers",
        "documentary": "documentaries",
        "advert": "adverts",
        "ad": "ads",
        "livestream": "livestreams",
        "episode": "episodes",
        "footage": "footage",
        "montage": "montages",
        "recording": "recordings",
        "teaser": "teasers",
        "vlog": "vlogs",
        "segment": "segments",
        "stream": "streams",
        "spot": "spots",
        "short": "shorts",
        "package": "packages",
        "animation": "animations",
        "promo": "promos",
        "tutorial": "tutorials",
        "version": "versions",
        "cut": "cuts",
        "edit": "edits",
        "bodycam": "bodycams",
        "dashcam": "dashcams",
        "live": "lives",
        "advertisement": "advertisements",
        "commercial": "commercials",
    },
}
# The media nouns a release names ("the clip was posted on Friday"); the active form ("posted two
# videos on Friday") takes only those with a plural: "posted footage" was left out (kept so).
RELEASE_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("video", "clip", "film", "reel", "trailer", "advert", "ad", "livestream", "footage"),
}
# Verbs of a release: "posted", "rolled out".
RELEASE_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("released", "posted", "published", "uploaded", "launched", "rolled out", "dropped"),
}
# "Three of the videos": the media nouns counted that way (plural).
OF_THE_NOUNS: dict[str, tuple[str, ...]] = {"en": ("video", "clip", "film", "reel", "documentary")}
# What a sentence's figures are about, the first of these before a figure (singular; the plural is
# MEDIA_NOUNS's or +"s").
SUBJECT_NOUNS: dict[str, tuple[str, ...]] = {
    "en": (
        "video", "clip", "film", "reel", "trailer", "documentary", "advert", "ad", "livestream", "episode",
        "post", "tweet", "channel", "account", "song", "footage", "podcast", "upload",
    ),
}  # fmt: skip

# Words that are never a modifier between a figure and its noun ("5 million of the views").
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "and", "or", "of", "in", "on", "at", "to", "for", "from", "with", "by", "the", "a", "an", "than",
            "per", "that", "which", "who", "whom", "is", "was", "were", "are", "be", "been", "has", "have",
            "had", "it", "its", "their", "his", "her", "this", "these", "those", "times", "more", "less",
            "over", "under", "about", "as", "into", "across", "after", "before", "during", "since", "until",
            "while", "when", "where", "if", "but", "so", "not", "no", "only", "one", "two", "three", "four",
            "five", "six", "seven", "eight", "nine", "ten", "dozen", "some", "our", "my", "your", "them",
            "they", "we", "he", "she", "you", "i", "up", "out", "just", "also", "all", "each",
        ]
    ),
}  # fmt: skip

# Said together of several items: "together they have been watched 9.6m times".
# Groups a threshold is said of ("channels with more than 100,000 subscribers", "creators who reach
# one million subscribers", "350 channels now have over 1 million"), and the verbs that say it.
GROUP_NOUNS: dict[str, tuple[str, ...]] = {
    "en": (
        "channels", "accounts", "creators", "users", "influencers", "youtubers", "streamers", "tiktokers",
        "videos", "clips", "pages", "artists", "people", "profiles", "celebrities", "politicians", "brands",
    ),
}  # fmt: skip
GROUP_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        "have", "had", "has", "reach", "reached", "reaches", "hit", "hits", "pass", "passed", "passes",
        "cross", "crossed", "crosses", "surpass", "surpassed", "surpasses", "exceed", "exceeded", "exceeds",
        "get", "gets",
    ),
}  # fmt: skip
# What a total sums over: "a total of" or "in total" with one of these near its figure is a sum
# over several items ("The 10 IPL teams have a total of 50 million followers", "64 videos that
# generated a total of 38 million views"); without one, the total of one thing ("the album's
# total of 29 million streams") is just its count.
SUMMED_ITEMS: dict[str, tuple[str, ...]] = {
    "en": (
        "videos", "clips", "uploads", "posts", "ads", "teasers", "trailers", "episodes", "series",
        "reels", "shorts", "songs", "tracks", "shows", "films", "podcasts", "channels", "accounts",
        "pages", "platforms", "networks", "stations", "teams", "clubs", "creators", "advertisers",
        "artists", "players", "members", "candidates", "parties", "brands",
    ),
}  # fmt: skip
TOGETHER: dict[str, tuple[str, ...]] = {
    "en": (
        "together", "collectively", "jointly", "between them", "combined", "cumulatively",
        # "the audience totalled 3.2 million viewers", "Totalling around 10.7 million views".
        "totalled", "totaled", "totalling", "totaling",
    ),
}  # fmt: skip
# A sentence's opening words -> the scope of its figures: "In total, ...", "Combined, ...".
SENTENCE_SCOPES: dict[str, dict[str, str]] = {
    "en": {
        "In total": "total",  # a sum, or one thing's count: SUMMED_ITEMS decides
        "All told": "total",
        "Altogether": "total",
        "Combined": "combined",
        "Together": "combined",
        "Cumulatively": "combined",
        "Collectively": "combined",
        "Between them": "combined",
    },
}

# A figure after one of these is a rank, an episode or a price, not a count: "Top 10", "episode 3";
# "$3 per 1,000 views", "one ad every 1,000 plays" (a rate's unit).
NOT_COUNT_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "top", "no", "no.", "number", "page", "episode", "part", "chapter", "season", "vol", "vol.", "volume",
        "round", "rank", "ranked", "grade", "class", "section", "article", "act", "clause", "level", "tier",
        "gen", "generation", "phase", "per", "every",
    ),
}  # fmt: skip
NOT_COUNT_SIGNS = "#$\u00a3\u20ac\u00a5\u20b9"

# Words that make "shares" equity: "5 million shares" in a markets story. A phrase is named by its
# word other than "share(s)"; "shares in the company" by its noun (FIRMS).
FINANCE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "stock", "stake", "shareholder", "shareholders", "shareholding", "traded", "investor", "investors",
        "IPO", "share price", "equity", "Nasdaq", "NYSE", "issued", "issue", "issuing", "dividend",
        "dividends", "buyback", "buybacks", "new shares", "preferred shares", "ordinary shares", "sold",
        "bought", "selling", "buying", "sells", "buys",
    ),
}  # fmt: skip
FIRMS: dict[str, tuple[str, ...]] = {
    "en": (
        "company", "firm", "business", "group", "bank", "startup", "start-up", "corporation", "conglomerate",
        "lender", "carrier", "insurer",
    ),
}  # fmt: skip
# Followers that are not an audience: "The cult's 3,000 followers" (and any "religio..." word).
NOT_AUDIENCE: dict[str, tuple[str, ...]] = {
    "en": (
        "cult", "cults", "sect", "sects", "church", "churches", "congregation", "congregations", "disciples",
        "faith", "militia", "militias", "guru", "gurus", "prophet", "prophets", "preacher", "preachers",
        "party", "parties", "movement", "rebel", "rebels",
    ),
}  # fmt: skip
# Subscribers that are a service's customers: "200,000 print subscribers", "Netflix subscribers".
SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "print", "paying", "paid", "mobile", "wireless", "broadband", "telecom", "telecoms", "cable",
        "satellite", "streaming service", "newspaper", "magazine", "Netflix", "Disney", "Hulu", "operator",
        "carrier",
    ),
}  # fmt: skip
# German verbs of passing a figure: "Ronaldo knackte die 100 Millionen Follower" (a lower bound).
PASSED_VERBS: dict[str, tuple[str, ...]] = {
    "de": ("knackte", "knackt", "knackten", "überschritt", "überschreitet", "übersprang", "überspringt", "durchbrach"),
}  # fmt: skip
# German verbs of following an account, present tense only ("folgten dem Aufruf" is a crowd).
FOLLOW_VERBS: dict[str, tuple[str, ...]] = {"de": ("folgen",)}
# Words of German TV ratings copy: a figure in millions with a share in brackets is an audience only
# near one of them (rules/german.py), not "Der Umsatz stieg auf 3,5 Millionen (12 Prozent)" nor an
# election result "laut ARD-Hochrechnung".
TV_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        "Zuschauer", "Zuschauern", "Marktanteil", "Einschaltquote", "auf Sat.1", "auf ProSieben", "auf Vox",
        "auf VOX", "bei RTL", "im ZDF", "im Ersten", "auf Kabel eins", "bei RTLzwei", "im ORF", "im SRF",
    ),
}  # fmt: skip
# Broadcasters and television (case as written): "watched by 14 million people on BBC One" is a TV
# audience.
BROADCASTERS: tuple[str, ...] = (
    "BBC", "ITV", "CBS", "NBC", "ABC", "Fox", "ESPN", "television", "TV", "TVNZ", "CBC", "SBS", "TSN",
    "Sportsnet", "Sky",
)  # fmt: skip

# Labels of an embedded video's title line: "WATCH: The moment the bridge collapsed (1:38)".
WATCH_LABELS: dict[str, tuple[str, ...]] = {"en": ("WATCH", "VIDEO", "Watch", "Video")}

# German lengths: "das 18-minütige Video", "ein zehnsekündiger Clip", "das elf Sekunden lange
# Video", "Das Video dauert knapp drei Minuten" (rules/german.py).
NUMBER_WORDS: dict[str, dict[str, float]] = {
    "de": {
    "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "neunzig": 90, "anderthalb": 1.5, "eineinhalb": 1.5,
    "zweieinhalb": 2.5, "dreieinhalb": 3.5, "viereinhalb": 4.5, "fünfeinhalb": 5.5,
    },
}  # fmt: skip
# A compound's unit ("minütig" in "18-minütige") and a spelled unit ("Minuten lang") -> seconds.
LENGTH_COMPOUND_UNITS: dict[str, dict[str, int]] = {"de": {"sekündig": 1, "minütig": 60, "stündig": 3600}}
LENGTH_UNITS: dict[str, dict[str, int]] = {
    "de": {"sekunde": 1, "sekunden": 1, "minute": 60, "minuten": 60, "stunde": 3600, "stunden": 3600},
}  # fmt: skip
LENGTH_MEDIA_NOUNS: dict[str, tuple[str, ...]] = {
    "de": (
    "video", "videos", "clip", "clips", "film", "films", "filmchen", "reel", "reels", "trailer", "teaser",
    "spot", "werbespot", "livestream", "mitschnitt", "aufnahme", "aufnahmen", "youtube-video", "tiktok-video",
    ),
}  # fmt: skip

# German ratings verbs with an audience as their subject, and the particle the sentence must also hold
# (None: the verb alone): "Ab 20.15 Uhr schalteten 6,54 Millionen ... ein", "blieben noch 3,92
# Millionen dran", "sahen 5,1 Millionen zu", "verfolgten 8 Millionen das Spiel".
AUDIENCE_VERBS: dict[str, dict[str, str | None]] = {
    "de": {
        "schalteten": "ein", "schaltete": "ein", "sahen": "zu", "sah": "zu", "schauten": "zu",
        "blieben": "dran", "verfolgten": None, "verfolgte": None,
    },
}  # fmt: skip

# Words that make people who watched a live or broadcast audience (filters._live_audience): "the
# live stream was watched by 8 million users", "9 million people watched the match on BBC One".
LIVE_AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "concurrent", "concurrently", "concurrency", "livestream", "livestreams", "livestreamed", "livestreaming",
        "live stream", "live streams", "live streamed", "live streaming", "live-stream", "live-streams",
        "live-streamed", "live-streaming", "telecast", "telecasts", "tuned in", "tuned into", "nielsen",
        "tv audience", "television audience", "peak audience", "ratings", "broadcast", "primetime", "premiere",
        "finale", "drama", "sitcom", "network", "networks", "oscars", "super bowl", "match", "game", "ceremony",
        "coronation", "funeral", "wedding", "prime time", "prime-time", "audience share", "live on",
        "watched live", "watching live", "eurovision", "song contest", "halftime", "half-time",
    ),
    "de": (
        "gleichzeitig", "livestream", "einschaltquote", "marktanteil", "zuschauer", "ard", "zdf", "rtl", "prosieben",
        "vox", "orf", "srf",
    ),
}  # fmt: skip
# Who is counted when people watched: PEOPLE, and households and nationals ("5.7 million Australians").
COUNTED_PEOPLE: dict[str, tuple[str, ...]] = {
    "en": (
        *PEOPLE["en"], "households", "Australians", "Britons", "Brits", "Americans", "Canadians", "Kiwis",
        "New Zealanders", "Irish", "Scots", "Indians", "Pakistanis", "Nigerians", "Kenyans", "Ghanaians",
        "South Africans", "Filipinos", "Germans",
    ),
    "de": (
        "Menschen", "Leute", "Personen", "Bundesbürger", "Deutsche", "Nutzer", "Nutzern", "Zuschauer", "Interessenten",
    ),
}  # fmt: skip
# German verbs of watching a broadcast after the people who watched: "4,63 Millionen Bundesbürger
# sahen das Finale" (an audience). People who did what TIMES_VERBS name ("11 Millionen Menschen
# haben die Botschaft gesehen", "189.000 Menschen [hatten] den Aufruf geteilt") did that instead.
WATCH_VERBS: dict[str, tuple[str, ...]] = {
    "de": ("sahen", "schauten", "verfolgten", "guckten", "verfolgt", "anschauten", "ansahen", "einschalteten"),
}  # fmt: skip
# Said of no particular figure (filters._not_a_count): habits ("routinely draw") and the words that
# open a threshold ("once they pass").
HABITUAL_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "routinely", "regularly", "typically", "usually", "often", "generally", "commonly", "normally",
        "frequently", "sometimes", "easily", "can",
    ),
}  # fmt: skip
THRESHOLD_WORDS: dict[str, tuple[str, ...]] = {"en": ("once", "until", "unless", "whenever", "when", "if")}
# Words of a programme's rules: a figure in their sentence is what it takes, not what a video or an
# account reported ("To be eligible you must have at least 10,000 followers", "Silver Play Button:
# 100,000 subscribers", "the YPP will require 4,000 watch hours and 1,000 subscribers").
PROGRAMME_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "eligible", "eligibility", "qualify", "qualifies", "requirement", "requirements", "require",
        "requires", "required", "must", "plaque", "monetize", "monetise", "monetization", "monetisation",
        "play button", "play buttons", "need", "needs",
    ),
}  # fmt: skip
