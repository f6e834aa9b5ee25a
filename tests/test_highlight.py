from metrics.highlight import highlighted_text


def test_nested_spans_render_as_nested_marks_and_text_is_escaped() -> None:
    text = "They released two <b>videos</b> Thursday."
    outer = (5, 40, "claim", "video_published")
    inner = (14, 31, "claim", "video_count")
    when = (32, 40, "timeref", "day")
    got = highlighted_text(text, [inner, when, outer])
    assert got == (
        'They <mark class="claim" title="video_published">released '
        '<mark class="claim" title="video_count">two &lt;b&gt;videos&lt;/b&gt;</mark> '
        '<mark class="timeref" title="day">Thursday</mark></mark>.'
    )


def test_partial_overlaps_and_bad_spans_are_dropped_without_losing_text() -> None:
    text = "abcdefghij"
    got = highlighted_text(text, [(0, 6, "a", "x"), (4, 8, "b", "y"), (9, 99, "c", "z"), (3, 3, "d", "w")])
    assert got == '<mark class="a" title="x">abcdef</mark>ghij'
