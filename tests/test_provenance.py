"""Who printed a figure first, who repeated it, and who changed it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics import story_data
from metrics.format import provenance_table
from metrics.provenance import NUMBER_CHANGED, QUALIFIER_DROPPED, Report
from metrics.provenance import figure_provenance as provenance_data


def figure_provenance(claims: pd.DataFrame) -> pd.DataFrame:
    """The provenance table as the dashboard and the report show it."""
    return provenance_table(provenance_data(claims))


def _claim(i: int, outlet: str, when: str, value: float, bound: str, qualifier: str | None) -> dict[str, object]:
    low, high = {"lower": (value, None), "exact": (value, value), "upper": (None, value)}[bound]
    return {"id": i, "metric": "views", "unit": "count", "value": value, "bound": bound, "qualifier": qualifier,
            "low": low, "high": high, "outlet": outlet, "reported_at": pd.Timestamp(when, tz="UTC")}


def test_first_report_repeats_and_a_dropped_qualifier() -> None:
    claims = pd.DataFrame([
        _claim(1, "AP", "2025-05-02T10:00", 5e6, "lower", "more than"),
        _claim(2, "Taipei Times", "2025-05-04T00:00", 5e6, "lower", "more than"),
        _claim(3, "Copy Daily", "2025-05-05T00:00", 5e6, "exact", None),
        _claim(4, "Other", "2025-05-06T00:00", 4.2e6, "exact", None),
        _claim(5, "Archive", "2025-05-01T00:00", 900_000, "exact", None),
    ])
    table = figure_provenance(claims).set_index("figure")
    five = table.loc["more than 5M views"]
    assert five["first_outlet"] == "AP"
    assert five["repeated_by"] == "Taipei Times, Copy Daily, Other"
    assert "Copy Daily: qualifier dropped: more than 5M views became 5M views" in five["changes"]
    assert "Other: number changed" in five["changes"]
    assert "Other (4.2M views)" in five["conflicts"]  # exactly 4.2M cannot be more than 5M
    # The same as data: reports and change kinds, no sentences.
    data = provenance_data(claims).set_index("first_outlet").loc["AP"]
    assert data["first"] == Report("AP", "more than", 5e6, "lower")
    assert data["repeated_by"] == ("Taipei Times", "Copy Daily", "Other")
    assert [(c.kind, c.report.outlet) for c in data["changes"]] == [(QUALIFIER_DROPPED, "Copy Daily"),
                                                                    (NUMBER_CHANGED, "Other")]
    assert data["conflict"] == (Report("Other", None, 4.2e6, "exact"), Report("AP", "more than", 5e6, "lower"))
    assert table.loc["900K views", "repeated_by"] == ""


def test_the_sample_story_credits_ap_first_for_the_5_million(seeded_db: Path) -> None:
    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    table = figure_provenance(view.claims)
    row = table[table["figure"] == "more than 5M views"].iloc[0]
    assert row["first_outlet"] == "Star Tribune"  # the earliest dated AP copy in the sample
    assert "Business Standard" in row["repeated_by"] and "Taipei Times" in row["repeated_by"]


def test_changes_list_the_first_twenty_distinct_ones() -> None:
    claims = pd.DataFrame([_claim(0, "AP", "2025-05-02T00:00", 5e6, "exact", None)]
                          + [_claim(i, f"Outlet {i}", f"2025-05-03T10:{i:02d}", 5e6 + i * 10_000, "exact", None)
                             for i in range(1, 25)]
                          + [_claim(30, "Outlet 1", "2025-05-04T00:00", 5.01e6, "exact", None)])
    row = figure_provenance(claims).iloc[0]
    changes = row["changes"].split("; ")
    assert len(changes) == 20
    assert changes[0] == "Outlet 1: number changed: 5M views became 5.01M views"
    assert changes[-1].startswith("Outlet 20: ")
    assert row["repeated_by"].split(", ")[:2] == ["Outlet 1", "Outlet 2"] and row["repeated_by"].count("Outlet 1,") == 1


def _in_article(article_id: int, claim: dict[str, object]) -> dict[str, object]:
    return {**claim, "article_id": article_id}


def test_two_figures_of_one_article_are_neither_a_change_nor_a_conflict() -> None:
    # Korea JoongAng Daily: "170,000 and 140,000 views, respectively" -- two videos, one article.
    claims = pd.DataFrame([
        _in_article(4, _claim(13, "Korea JoongAng Daily", "2025-05-07T03:00", 170_000, "exact", None)),
        _in_article(4, _claim(14, "Korea JoongAng Daily", "2025-05-07T03:00", 140_000, "exact", None)),
        _in_article(9, _claim(20, "Copy Daily", "2025-05-08T00:00", 140_000, "exact", None)),
        _in_article(10, _claim(21, "Other", "2025-05-09T00:00", 150_000, "exact", None)),
    ])
    table = figure_provenance(claims).set_index("figure")
    assert list(table.index) == ["170K views", "140K views"]
    assert (table["first_outlet"] == "Korea JoongAng Daily").all()
    # A later outlet's 140K repeats the article's 140K, not a change of its 170K.
    assert table.loc["140K views", "repeated_by"] == "Copy Daily" and table.loc["140K views", "changes"] == ""
    # Across articles a different number is still a change and a conflict, as before.
    assert table.loc["170K views", "changes"] == "Other: number changed: 170K views became 150K views"
    assert table.loc["170K views", "conflicts"] == "Other (150K views) vs Korea JoongAng Daily (170K views)"
    assert not table["changes"].str.contains("Korea JoongAng Daily:").any()
    assert not table["conflicts"].str.count("Korea JoongAng Daily").eq(2).any()


def test_an_article_restating_its_figure_is_no_change_and_conflicts_skip_its_own_pair() -> None:
    claims = pd.DataFrame([
        _in_article(1, _claim(1, "AP", "2025-05-02T10:00", 5e6, "lower", "more than")),
        _in_article(1, _claim(2, "AP", "2025-05-02T10:00", 5e6, "upper", "nearly")),
        _in_article(2, _claim(3, "Copy Daily", "2025-05-03T00:00", 4.5e6, "exact", None)),
    ])
    [row] = figure_provenance(claims).to_dict("records")
    assert row["repeated_by"] == "Copy Daily"
    assert row["changes"] == "Copy Daily: number changed: more than 5M views became 4.5M views"
    # AP's own two readings meet only at 5M; the conflict named is with the other article.
    assert row["conflicts"] == "Copy Daily (4.5M views) vs AP (more than 5M views)"


def test_the_sample_joongang_figures_are_not_set_against_each_other(seeded_db: Path) -> None:
    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    joongang = view.claims[(view.claims["outlet"] == "Korea JoongAng Daily") & (view.claims["metric"] == "views")]
    assert sorted(joongang["value"]) == [140_000, 170_000] and joongang["article_id"].nunique() == 1
    table = figure_provenance(view.claims)
    views = table[table["metric"] == "views"].set_index("figure")
    assert views.loc["170K views", "first_outlet"] == views.loc["140K views", "first_outlet"] == "Korea JoongAng Daily"
    for text in (*table["changes"], *table["conflicts"]):
        assert "170K views" not in text or "140K views" not in text, text


def test_a_conflict_is_sought_past_an_article_that_disagrees_with_itself() -> None:
    # Hand-entered figures can carry any interval: here AP's own two do not meet, which is not
    # a conflict to report; the widest pair across two articles is.
    own = {**_claim(2, "AP", "2025-05-02T10:00", 5e6, "exact", None), "low": 4.8e6, "high": 4.8e6}
    claims = pd.DataFrame([
        _in_article(1, _claim(1, "AP", "2025-05-02T10:00", 5e6, "lower", "more than")),
        _in_article(1, own),
        _in_article(2, _claim(3, "Copy Daily", "2025-05-03T00:00", 4.95e6, "exact", None)),
    ])
    assert figure_provenance(claims).iloc[0]["conflicts"] == "AP (5M views) vs Copy Daily (4.95M views)"
    only_ap = figure_provenance(claims[claims["outlet"] == "AP"]).iloc[0]
    assert only_ap["conflicts"] == "" and only_ap["changes"] == ""


def test_first_is_who_printed_first_not_whose_figure_is_dated_earliest() -> None:
    # A later article dating its figure "as of Wednesday" did not print it first.
    early = {**_claim(1, "Early Post", "2025-05-03T10:00", 5e6, "lower", "more than"),
             "published_at": pd.Timestamp("2025-05-03T10:00", tz="UTC")}
    late = {**_claim(2, "Late Times", "2025-04-30T00:00", 5e6, "lower", "more than"),
            "published_at": pd.Timestamp("2025-05-08T02:34", tz="UTC")}
    row = figure_provenance(pd.DataFrame([late, early])).iloc[0]
    assert (row["first_outlet"], row["repeated_by"]) == ("Early Post", "Late Times")
    assert row["first_reported"] == pd.Timestamp("2025-05-03T10:00", tz="UTC")


def test_an_unknown_outlet_is_named_as_such_not_nan() -> None:
    claims = pd.DataFrame([
        _claim(1, "Review Weekly", "2025-05-02T10:00", 5e6, "lower", "more than"),
        _claim(2, None, "2025-05-03T10:00", 5e6, "lower", "more than"),  # type: ignore[arg-type]
    ])
    claims["outlet"] = claims["outlet"].astype(object).where(claims["outlet"].notna(), float("nan"))
    row = figure_provenance(claims).iloc[0]
    assert row["repeated_by"] == "(outlet unknown)"
    assert "nan" not in " ".join(str(v) for v in row.to_numpy())


def test_the_first_reports_precision_comes_with_it() -> None:
    # A date-only article (published_precision "day") printed the figure first: the table says so,
    # so that no one reads its stored midnight as a time.
    dated = {**_claim(1, "Dated Daily", "2025-05-01T00:00", 5e6, "exact", None),
             "published_at": pd.Timestamp("2025-05-01", tz="UTC"), "published_precision": "day"}
    timed = {**_claim(2, "Timed Times", "2025-05-02T10:00", 5e6, "exact", None),
             "published_at": pd.Timestamp("2025-05-02T10:00", tz="UTC"), "published_precision": "minute"}
    row = figure_provenance(pd.DataFrame([timed, dated])).iloc[0]
    assert (row["first_outlet"], row["first_reported_precision"]) == ("Dated Daily", "day")
    row = figure_provenance(pd.DataFrame([timed])).iloc[0]
    assert row["first_reported_precision"] == "minute"
