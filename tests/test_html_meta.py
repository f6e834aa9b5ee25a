"""Page metadata from markup publishers write for machines, and bylines from markup for people."""

from metrics.extract.html import read_metadata


def test_json_ld_in_cdata_and_an_object_context_is_read() -> None:
    html = """<html><head><script type="application/ld+json">
    <![CDATA[ {"@context": {"@vocab": "http://schema.org"}, "@type": "NewsArticle",
      "headline": "Impeachment fails", "datePublished": "2024-12-06T22:00:40.000Z",
      "author": [{"@type": "Person", "name": "Stella Kim"}, {"@type": "Person", "name": "Jennifer Jett"}]} ]]>
    </script><meta property="article:published_time" content="2024-12-07T12:43:39Z"></head><body></body></html>"""
    meta = read_metadata(html)
    assert meta.title == "Impeachment fails"
    assert meta.byline == "Stella Kim, Jennifer Jett"
    assert meta.published is not None and meta.published.instant.isoformat().startswith("2024-12-06T22:00:40")


def test_byline_markup_is_used_when_metadata_names_no_author() -> None:
    html = """<html><head><title>t</title></head><body>
      <div class="author-bio">Writes about everything since 1999. Follow on X.</div>
      <span class="pb-byline">By <a href="/erin">Erin Cunningham</a></span>
      <p>Text.</p></body></html>"""
    assert read_metadata(html).byline == "Erin Cunningham"


def test_a_byline_container_holding_a_date_is_not_taken_for_a_name() -> None:
    html = '<html><body><div class="byline">April 28, 2019 at 6:01 am</div></body></html>'
    assert read_metadata(html).byline is None
