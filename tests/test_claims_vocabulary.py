"""The pieces generated from each word table of metrics/extract/claims/vocabulary.py stay in step
with it: every word reaches the pattern that reads it, the anchor group the Scanner looks for it by
and the first-word set a match is tried at. A word added to a table cannot be dropped silently."""

from __future__ import annotations

import re

import pytest

from metrics.extract.anchors import group_words
from metrics.extract.claims import filters, subjects, time_scope
from metrics.extract.claims import fragments as fr
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.rules import (
    counts,
    echoes,
    follows,
    german,
    lengths,
    marks,
    release,
    stat_lines,
    tallies,
    times,
    vague,
)


def _plural(noun: str) -> str:
    return v.MEDIA_NOUNS["en"].get(noun, noun + "s")


def _found(pattern: re.Pattern[str], text: str, name: str, expected: str) -> None:
    m = pattern.search(text)
    assert m is not None, (pattern.pattern[:60], text)
    assert " ".join(m.group(name).lower().split()) == expected.lower(), (text, m.group(name))


def test_every_vocabulary_table_is_keyed_by_a_known_language() -> None:
    for name, table in vars(v).items():
        if name.isupper() and isinstance(table, dict) and name != "LANGUAGE_TAGS":
            assert set(table) <= set(v.LANGUAGES), name
    assert set(v.LANGUAGE_TAGS) <= set(v.LANGUAGES)


@pytest.mark.parametrize("noun", v.COUNT_NOUNS["en"])
def test_count_nouns(noun: str) -> None:
    _found(counts._COUNT_RE, f"It has 5,000 {noun}.", "noun", noun)
    assert noun in group_words(fr._A_NOUNS)


@pytest.mark.parametrize("qualifier", [*v.QUALIFIERS["en"], *v.TALLY_QUALIFIERS["en"]])
def test_qualifiers(qualifier: str) -> None:
    if qualifier in v.QUALIFIERS["en"]:
        _found(counts._COUNT_RE, f"It has {qualifier} 5,000 views.", "qual", qualifier)
        assert qualifier.split()[0] in fr._F_QUAL_NUMBER
    _found(tallies._NOUN_TALLY_RE, f"Views have climbed {qualifier} 5,000.", "qual", qualifier)


def test_tally_qualifier_verbs_are_words_the_rules_read() -> None:
    words = {w for q in v.QUALIFIERS["en"] for w in q.split()} | set(v.MARK_VERBS["en"])
    assert set(v.TALLY_QUALIFIER_VERBS["en"]) <= words
    assert set(v.TALLY_QUALIFIER_VERBS["en"]) <= group_words(tallies._A_TALLY_VERBS)


@pytest.mark.parametrize("verb", v.TIMES_VERBS["en"])
def test_times_verbs(verb: str) -> None:
    _found(times._TIMES_RE, f"It was {verb} 25,000 times.", "verb", verb)
    assert verb in fr._F_TIMES_VERBS and verb in group_words(fr._A_TIMES_VERBS)


@pytest.mark.parametrize("verb", v.BY_VERBS["en"])
def test_by_people_verbs(verb: str) -> None:
    _found(follows._BY_PEOPLE_RE, f"It was {verb} by 25,000 people.", "verb", verb)
    first = verb.split()[0]  # a phrase ("subscribed to") is anchored on its first word
    assert first in fr._F_TIMES_VERBS and first in group_words(fr._A_TIMES_VERBS)


@pytest.mark.parametrize("verb", v.PEOPLE_DID["en"])
def test_what_people_did(verb: str) -> None:
    _found(follows._FOLLOW_RE, f"Some 25,000 people have {verb} the video.", "did", verb)
    assert verb in group_words(follows._A_FOLLOW)


def test_people() -> None:
    for who in v.PEOPLE["en"]:
        assert follows._FOLLOW_RE.search(f"Some 25,000 {who} follow her.") is not None
        assert who in group_words(follows._A_PEOPLE_FOLLOW)
    for who in v.BY_PEOPLE["en"]:
        assert follows._BY_PEOPLE_RE.search(f"It was liked by 25,000 {who}.") is not None
        assert who in group_words(follows._A_PEOPLE)


@pytest.mark.parametrize("word", v.COUNT_WORDS["en"])
def test_count_words(word: str) -> None:
    _found(tallies._TALLY_RE, f"The {word} count stood at 5,000.", "cw", word)
    _found(tallies._CHANGED_TO_RE, f"The {word} count doubled to 5,000.", "cw", word)
    assert {word, word + "s"} <= tallies._F_TALLY & tallies._F_CHANGED_TO
    assert {word, word + "s"} <= group_words(vague._A_NOUNS_AND_WORDS) & group_words(tallies._A_CHANGED_TO)
    if word not in v.NOT_ADJECTIVE_COUNT_WORDS["en"]:
        _found(counts._ADJ_COUNT_RE, f"a 300,000-{word} video", "cw", word)
        assert word in group_words(counts._A_ADJ_COUNT)


def test_tally_heads_subjects_and_verbs() -> None:
    for head in v.TALLY_HEADS["en"]:
        assert tallies._TALLY_RE.search(f"The view {head} stood at 5,000.") is not None
        assert {head, head + "s"} <= group_words(tallies._A_TALLY)
    for noun in v.TALLY_SUBJECTS["en"]:
        _found(tallies._NOUN_TALLY_RE, f"{noun} jumped to 5,000.", "cw", noun)
        assert noun in fr._F_TALLY_NOUNS and noun in group_words(fr._A_TALLY_NOUNS)
        if noun not in v.NOT_CHANGED_SUBJECTS["en"]:
            assert tallies._CHANGED_TO_RE.search(f"{noun} doubled to 5,000.") is not None
            assert noun in tallies._F_CHANGED_TO
    for verb in v.NOUN_TALLY_VERBS["en"]:
        _found(tallies._NOUN_TALLY_RE, f"Views {verb} 5,000.", "verb", verb)
        assert fr.anchor_word(verb) in group_words(tallies._A_TALLY_VERBS)


@pytest.mark.parametrize("verb", v.CHANGE_VERBS["en"])
def test_change_verbs(verb: str) -> None:
    _found(tallies._CHANGED_TO_RE, f"Views {verb} to 5,000.", "verb", verb)
    assert fr.anchor_word(verb) in group_words(tallies._A_CHANGE_VERBS)
    assert re.search(rf"\b(?:{fr._CHANGE_VERB_ALT})\Z", verb) is not None


def test_loss_verbs_are_change_verbs() -> None:
    assert set(v.LOSS_VERBS["en"]) <= set(v.CHANGE_VERBS["en"])


def test_marks() -> None:
    for verb in (*v.MARK_VERBS["en"], *(f"{w} past" for w in v.MARK_PAST_VERBS["en"])):
        for noun in v.MARK_NOUNS["en"]:
            _found(marks._MARK_RE, f"It {verb} the 1 million view {noun}.", "verb", verb)
            assert noun in group_words(marks._A_MARK)
        assert verb.split()[0] in marks._F_MARK_VERBS


@pytest.mark.parametrize("noun", v.MEDIA_NOUNS["en"])
def test_media_nouns(noun: str) -> None:
    where = "Facebook " if noun == "live" else ""
    for form in {noun, _plural(noun)}:
        _found(lengths._LENGTH_BEFORE_RE, f"the 3-minute {where}{form}", "noun", form)
        _found(lengths._LENGTH_AFTER_RE, f"The {where}{form} runs 3 minutes.", "noun", form)
        assert form in fr._F_MEDIA and form in group_words(fr._A_MEDIA)


def test_release_nouns_and_verbs() -> None:
    for noun in v.RELEASE_NOUNS["en"]:
        for verb in v.RELEASE_VERBS["en"]:
            _found(release._PASSIVE_RE, f"The {noun} was {verb} on Friday.", "noun", noun)
            _found(release._PASSIVE_RE, f"The {_plural(noun)} were {verb} on Friday.", "verb", verb)
            if _plural(noun) != noun:  # the active form takes countable nouns only
                _found(release._RELEASE_RE, f"They {verb} two new {_plural(noun)}.", "noun", _plural(noun))
            assert verb.split()[0] in release._F_RELEASE_VERBS
            assert verb.split()[0] in group_words(release._A_RELEASE_VERBS)
        assert {noun, _plural(noun)} <= release._F_RELEASE_NOUNS
        assert {noun, _plural(noun)} <= group_words(release._A_RELEASE_NOUNS)


def test_subject_and_of_the_nouns() -> None:
    for noun in v.SUBJECT_NOUNS["en"]:
        for form in {noun, _plural(noun)}:
            assert subjects._MEDIA_SUBJECT_RE.fullmatch(form) is not None, form
            assert form in subjects._F_MEDIA_SUBJECT and form in group_words(subjects._A_MEDIA_SUBJECT)
    for noun in v.OF_THE_NOUNS["en"]:
        _found(counts._OF_THE_RE, f"Three of the {_plural(noun)} went viral.", "noun", _plural(noun))
        assert _plural(noun) in group_words(counts._A_VIDEO_NOUNS)


@pytest.mark.parametrize("name", v.PLATFORMS)
def test_platforms(name: str) -> None:
    for suffix in ("", *v.PLATFORM_SUFFIXES):
        _found(subjects._PLATFORM_RE, f"a {name}{suffix} said", "name", name)
    first = name.split()[0].lower()
    assert {first + s for s in ("", *v.PLATFORM_SUFFIXES)} <= subjects._F_PLATFORMS
    assert first in group_words(subjects._A_PLATFORMS)
    assert re.fullmatch(fr._PLATFORM_ALT, name) is not None


def test_scales() -> None:
    for scale in v.VAGUE_SCALES["en"]:
        _found(vague._VAGUE_TIMES_RE, f"It was shared {scale}s of times.", "scale", scale + "s")
        assert scale + "s" in fr._F_VAGUE and scale + "s" in group_words(fr._A_VAGUE)
    for scale in v.FEW_SCALES["en"]:
        _found(vague._VAGUE_RE, f"It has {scale}s of views.", "scale", scale + "s")
        for few in v.FEW_WORDS["en"]:
            _found(vague._FEW_RE, f"It has {few} {scale} views.", "unit", scale)
            assert few.split()[0] in vague._F_FEW and few.split()[-1] in group_words(vague._A_FEW)
    for scale in v.ROUND_SCALES["en"]:
        assert marks._MARK_RE.search(f"It passed the 1 {scale} view mark.") is not None
        assert counts._ADJ_COUNT_RE.search(f"a 3-{scale}-view rant") is not None
    for multiple in v.VAGUE_MULTIPLES["en"]:
        _found(vague._VAGUE_TIMES_RE, f"It was shared {multiple} of thousands of times.", "pre", multiple)
        assert multiple in fr._F_VAGUE
    for word, digits in v.DIGIT_COUNTS["en"].items():
        _found(vague._FIGURES_RE, f"Views topped {word} figures.", "n", word)
        assert vague._FIGURE_DIGITS[word] == digits


def test_stat_labels_together_and_sentence_scopes() -> None:
    for label in v.STAT_LABELS["en"]:
        _found(stat_lines._STAT_RE, f"{label.title()}: 5,000.", "noun", label)
        assert label in stat_lines._F_STAT and label in group_words(stat_lines._A_STAT)
    for words in v.TOGETHER["en"]:
        assert time_scope._TOGETHER_BEFORE.search(f"{words} they have ") is not None, words
        assert words.split()[0] in group_words(time_scope._A_TOGETHER)
    for opening, scope in v.SENTENCE_SCOPES["en"].items():
        _found(time_scope._SENTENCE_SCOPE, f"{opening}, the videos drew 5 million views.", 1, opening)
        assert time_scope._SENTENCE_SCOPES[opening] == scope


def test_stop_words_are_never_modifiers() -> None:
    for word in fr._STOP:
        assert re.fullmatch(fr._GAP_WORD, word, fr._F) is None, word
    assert set(fr.LONG_SCALES) <= fr._STOP


def test_words_that_make_a_figure_something_else() -> None:
    for word in v.NOT_COUNT_WORDS["en"]:
        assert filters._count_blocked(f"the {word} "), word
    for sign in v.NOT_COUNT_SIGNS:
        assert filters._count_blocked(sign)
    checks = [
        (filters._FINANCE, filters._F_FINANCE, v.FINANCE_WORDS["en"]),
        (filters._FINANCE, filters._F_FINANCE, [f"shares in the {firm}" for firm in v.FIRMS["en"]]),
        (filters._NOT_AUDIENCE, filters._F_NOT_AUDIENCE, v.NOT_AUDIENCE["en"]),
        (filters._SERVICE, filters._F_SERVICE, v.SERVICE_WORDS["en"]),
        (filters._BROADCAST, filters._F_BROADCAST, [f"on {b}" for b in v.BROADCASTERS]),
    ]
    for pattern, anchors, phrases in checks:
        for phrase in phrases:
            m = pattern.search(f"It said {phrase} today.")
            assert m is not None, phrase
            # The Scanner asks its chunks for one of these words before searching at all.
            assert set(re.findall("[a-z]+", m.group().lower())) & anchors, phrase


def test_watch_labels() -> None:
    for label in v.WATCH_LABELS["en"]:
        assert lengths._WATCH_LINE.match(f"{label}: The moment the bridge fell (1:38)") is not None
        assert lengths._VIDEO_LABEL.search(f"the bridge fell ({label}, 0:52)") is not None


def test_german_tables() -> None:
    for noun, metric in v.COUNT_NOUNS["de"].items():
        _found(german._DE_COUNT_RE, f"Das Video hat 5.000 {noun}.", "noun", noun)
        assert german._DE_NOUNS[noun] == metric
    for verb in v.TIMES_VERBS["de"]:
        _found(german._DE_TIMES_RE, f"Es wurde 5.000 Mal {verb}.", "verb", verb)
    for qualifier in v.QUALIFIERS["de"]:
        _found(german._DE_COUNT_RE, f"Es hat {qualifier} 5.000 Aufrufe.", "qual", qualifier)
    for scale in v.SCALES["de"]:
        _found(german._DE_COUNT_RE, f"Es hat 5 {scale} Aufrufe.", "scale", scale)


@pytest.mark.parametrize("phrase", v.LIVE_AUDIENCE_WORDS["en"])
def test_live_audience_words(phrase: str) -> None:
    from metrics.extract.claims import filters

    assert filters._LIVE_AUDIENCE.fullmatch(phrase), phrase
    assert phrase.replace("-", " ").split()[0].lower() in filters._F_LIVE_AUDIENCE


@pytest.mark.parametrize("word", (*v.HABITUAL_WORDS["en"], *v.THRESHOLD_WORDS["en"]))
def test_the_cheap_hint_holds_every_habit_and_threshold_word(word: str) -> None:
    # The hint decides whether the habit and threshold patterns are searched at all: a word missing
    # from it ("whenever" once was) would drop those patterns silently.
    from metrics.extract.claims import filters

    assert filters._HINTS.search(f"... {word} ...")


@pytest.mark.parametrize("word", v.ECHO_FOLLOWERS["en"])
def test_echo_followers_end_a_bare_figure(word: str) -> None:
    assert echoes._FIGURE_AT_DIGITS.match(f"197 million {word} x") is not None, word


@pytest.mark.parametrize("word", v.NOT_ECHO_BEFORE["en"] + v.NOT_ECHO_BEFORE["de"])
def test_not_echo_before_words_stop_a_bare_figure(word: str) -> None:
    text = f"{word} 197 million"
    assert echoes._NOT_A_COUNT_BEFORE.search(text, 0, len(text) - len("197 million")) is not None, word


@pytest.mark.parametrize("lang", sorted(v.MENTIONED_COUNTS))
def test_mentioned_counts_are_anchor_words(lang: str) -> None:
    for noun in v.MENTIONED_COUNTS[lang]:
        assert echoes._MENTION[lang].fullmatch(noun) is not None
        if lang == "en":
            assert noun.lower() in group_words(echoes._A_MENTION_EN)
