"""A story's timeline: publication order over dates, times and zones; times read from the page's
own stamp; who stated each shared fact first; the timeline command in text and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydiff.articles import article_from_record
from storydiff.cli import main
from storydiff.model import Article, Finding, Mention, Story
from storydiff.report.timeline import timeline_document, timeline_text
from storydiff.timeline import Entry, ordered, published_when, story_timeline, time_from_text
from tests.conftest import EXAMPLE


def _article(article_id: str, published: str | None = None, text: str = "A report.") -> Article:
    record = {"id": article_id, "text": text, **({"published": published} if published else {})}
    return article_from_record(record, source="test")


def test_instants_are_compared_as_instants_and_a_date_alone_is_a_day() -> None:
    """Written on the 25th in California, 23:30 is 06:30 on the 26th in UTC: after 05:00 UTC on the
    26th. A date alone comes after the instants of its day and before those of the next; a time
    with no zone after its day's instants; no date at all last."""
    articles = [
        _article("unknown"),
        _article("day-26", "2018-07-26"),
        _article("naive", "2018-07-26T01:00:00"),
        _article("zoned-late", "2018-07-25T23:30:00-07:00"),
        _article("zoned-early", "2018-07-26T05:00:00+00:00"),
        _article("day-25", "2018-07-25"),
    ]
    order = [e.article.id for e in ordered([Entry(a, published_when(a)) for a in articles])]
    assert order == ["day-25", "zoned-early", "zoned-late", "naive", "day-26", "unknown"]
    late = published_when(articles[3])
    assert late.day == dt.date(2018, 7, 25) and late.instant and late.source == "metadata"
    naive = published_when(articles[2])
    assert naive.time == dt.datetime(2018, 7, 26, 1, 0) and not naive.instant
    assert published_when(articles[0]).day is None and published_when(articles[0]).source is None


def test_the_order_does_not_depend_on_the_input_order() -> None:
    articles = [_article("b", "2018-07-26"), _article("a", "2018-07-26"), _article("c", "2018-07-26T10:00:00Z")]
    for given in (articles, articles[::-1]):
        assert [e.article.id for e in ordered([Entry(a, published_when(a)) for a in given])] == ["c", "a", "b"]


@pytest.mark.parametrize(("text", "stamp", "time", "zoned"), [
    ("Quake hits island\nPosted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET\nA quake struck.",
     "Posted: Nov 27, 2005 8:20 AM ET", dt.datetime(2005, 11, 27, 8, 20), False),  # ET: EST or EDT, no offset
    ("Last Updated: Monday, 28 November 2005, 02: 24 GMT\n\nA quake struck the island.",
     "Last Updated: Monday, 28 November 2005, 02: 24 GMT", dt.datetime(2005, 11, 28, 2, 24, tzinfo=dt.UTC), True),
    ("Posted 11 / 27 / 2005 7: 21 AM\nUpdated 11 / 27 / 2005 3: 41 PM\n\nA quake struck.",
     "Posted 11 / 27 / 2005 7: 21 AM", dt.datetime(2005, 11, 27, 7, 21), False),
    ("Published: March 13, 2013\n\nThe cardinals chose a pope.", "Published: March 13, 2013", None, False),
])
def test_a_time_is_read_from_the_pages_own_stamp(text: str, stamp: str, time: dt.datetime | None,
                                                  zoned: bool) -> None:
    when = time_from_text(text)
    assert when.source == "text" and when.evidence is not None
    assert text[when.evidence.start:when.evidence.end] == stamp
    assert when.time == time and when.instant is zoned
    assert when.day == (time.date() if time else dt.date(2013, 3, 13))


@pytest.mark.parametrize("text", [
    "Copyright 2005 Reuters. All rights reserved.\n\nA quake struck.",
    "The quake struck on Nov 27, 2005, the agency said.",  # a date of the story, not of the page
    "Posted Monday\n\nA quake struck.",  # no year: no day to place it on
    "",
])
def test_no_time_where_the_page_gives_none(text: str) -> None:
    assert time_from_text(text).day is None


def test_the_metadata_comes_before_the_text() -> None:
    article = _article("a", "2013-03-14", text="Published: March 13, 2013\n\nThe cardinals chose a pope.")
    when = published_when(article)
    assert (when.day, when.source, when.evidence) == (dt.date(2013, 3, 14), "metadata", None)


def _story(*mentions: list[Mention]) -> Story:
    findings = tuple(Finding(id=f"f{n}", kind="quantity", status="conflict", subject="dead", explanation="",
                             mentions=tuple(m)) for n, m in enumerate(mentions))
    return Story(id="s-1", title="Quake", articles=("a", "b", "c"), findings=findings)


def test_who_stated_a_fact_first_and_what_each_later_article_gave() -> None:
    a = _article("a", "2005-11-28T02:24:00+00:00", "At least 10 dead.")
    b = _article("b", "2005-11-27", "Five dead.")
    c = _article("c", "2005-11-27", "5 dead.")
    story = _story([Mention("a", 9, 11, "10"), Mention("b", 0, 4, "Five"), Mention("c", 0, 1, "5")],
                   [Mention("a", 9, 11, "10")])  # stated by one article only: no line
    timeline = story_timeline(story, [a, b, c])
    assert [e.article.id for e in timeline.entries] == ["b", "c", "a"]
    (fact,) = timeline.facts
    assert fact.first == ("b", "c")  # the same day, no times: both first
    assert [(s.article, s.text) for s in fact.statements] == [("b", "Five"), ("c", "5"), ("a", "10")]
    document = timeline_document(timeline)
    assert document["schema"] == "storydiff.timeline/1"
    assert [x["note"] for x in document["articles"]] == [
        "date only: placed by its day, after the times of that day", "date only: placed by its day, after the "
        "times of that day", None]
    assert document["facts"][0]["statements"][2] == {
        "article": "a", "start": 9, "end": 11, "text": "10", "day": "2005-11-28", "time": "2005-11-28T02:24:00+00:00",
        "zone_known": True, "when_from": "metadata"}
    for statement in document["facts"][0]["statements"]:
        text = {"a": a, "b": b, "c": c}[statement["article"]].text
        assert text[statement["start"]:statement["end"]] == statement["text"]
    assert "first b, c" in timeline_text(timeline)


def test_no_one_is_first_when_no_article_has_a_date() -> None:
    timeline = story_timeline(_story([Mention("a", 0, 1, "x"), Mention("b", 0, 1, "y")]),
                              [_article("a", text="x"), _article("b", text="y")])
    assert timeline.facts[0].first == ()
    assert "who was first is not known (no dates)" in timeline_text(timeline)


def test_the_timeline_command_on_the_example_pair(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    done = runner.invoke(main, ["ingest", "--db", db, str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(main, ["stories", "--db", db, "--format", "json"])
    (story,) = json.loads(listed.output)["stories"]
    text = runner.invoke(main, ["timeline", story["id"], "--db", db])
    assert text.exit_code == 0, text.output
    assert "date unknown" in text.output and "38-day" in text.output and "39-day" in text.output
    out = runner.invoke(main, ["timeline", story["id"], "--db", db, "--format", "json"])
    document = json.loads(out.output)
    assert [a["id"] for a in document["articles"]] == ["a", "b"]
    assert all(a["day"] is None and a["note"].startswith("no publication date") for a in document["articles"])
    credited = [f for f in document["facts"] if f["kind"] == "attribution"]
    assert credited and {s["text"] for s in credited[0]["statements"]} >= {"first reported by the Portland Tribune"}
    missing = runner.invoke(main, ["timeline", "s-nope", "--db", db])
    assert missing.exit_code == 1 and "no story 's-nope'" in missing.output


@pytest.mark.parametrize(("values", "words", "days", "update"), [
    # a toll that grows from one publication to the next: news developing
    ([("a", 30, "30"), ("b", 32, "32")], ["dead"], {"a": "2018-07-01", "b": "2018-07-02"}, "grew"),
    # the later article gives fewer: a count that cannot shrink went down, so it stays a conflict
    ([("a", 32, "32"), ("b", 30, "30")], ["dead"], {"a": "2018-07-01", "b": "2018-07-02"}, None),
    # two articles of the same time disagree
    ([("a", 30, "30"), ("b", 32, "32"), ("c", 31, "31")], ["injured"],
     {"a": "2018-07-01", "b": "2018-07-02", "c": "2018-07-02"}, None),
    # a magnitude revised, either way
    ([("a", 6.1, "6.1"), ("b", 5.9, "5.9")], ["magnitude"],
     {"a": "2005-11-27T10:30:00+00:00", "b": "2005-11-27T14:00:00+00:00"}, "revised"),
    # not a figure that grows or is revised
    ([("a", 38, "38"), ("b", 39, "39")], ["Occupy ICE protests", "day"], {"a": "2018-07-01", "b": "2018-07-02"},
     None),
    # an article with no date: who came first is not known
    ([("a", 30, "30"), ("b", 32, "32")], ["dead"], {"a": "2018-07-01"}, None),
])
def test_an_update_is_told_from_a_conflict(values: list[tuple[str, float, str]], words: list[str],
                                           days: dict[str, str], update: str | None) -> None:
    from storydiff.timeline import update_reason

    whens = {article: published_when(_article(article, day)) for article, day in days.items()}
    reason = update_reason(values, words, whens)
    if update is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(f"An update, not a contradiction: the figure {update}")
        first, later = values[0], values[1]
        assert reason.index(f"“{first[2]}”") < reason.index(f"“{later[2]}”")


def test_compare_reports_a_grown_toll_as_an_update_only_when_the_later_article_gives_more() -> None:
    from storydiff import compare

    text = ("A fire tore through an apartment building in Springfield on Saturday night. Firefighters battled the "
            "blaze for hours, and the cause is under investigation, the fire chief said. The fire killed {n} people "
            "and injured 12 others; in all, officials said. Dozens of residents were evacuated from nearby homes.")

    def toll(first: str, second: str) -> tuple[str, str]:
        a = _article("a", first, text.format(n=30))
        b = _article("b", second, text.format(n=32))
        (finding,) = [f for f in compare([a, b]).stories[0].findings if f.subject == "people"]
        return finding.status, finding.explanation

    status, explanation = toll("2018-07-01T08:00:00+00:00", "2018-07-02T09:00:00+00:00")
    assert status == "variant" and explanation == (
        "An update, not a contradiction: the figure grew between publications: a (2018-07-01 08:00 +0000) “30”, "
        "then b (2018-07-02 09:00 +0000) “32”.")
    assert toll("2018-07-02T09:00:00+00:00", "2018-07-01T08:00:00+00:00")[0] == "conflict"  # it went down
    assert toll("2018-07-01T08:00:00+00:00", "2018-07-01T08:00:00+00:00")[0] == "conflict"  # the same time


def test_provenance_copies_as_one_source_and_credits_linked_to_the_credited_outlets_article() -> None:
    """b credits the Portland Tribune, whose own article t is in the story and came first; b2 is a
    copy of b (the same text with a line added): one source."""
    from storydiff import compare

    b_text = (EXAMPLE / "b.txt").read_text(encoding="utf-8")
    a_text = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
    t = Article(id="t", text=a_text, outlet="Portland Tribune", published=dt.date(2018, 9, 10))
    b = Article(id="b", text=b_text, outlet="KOIN 6", published=dt.date(2018, 9, 11))
    b2 = Article(id="b2", text=b_text + "\nThis story has been updated.", outlet="KOIN 6",
                 published=dt.date(2018, 9, 12))
    (story,) = compare([t, b, b2]).stories
    timeline = story_timeline(story, [t, b, b2])
    assert timeline.copies == (("b", "b2"),)
    tribune = [c for c in timeline.credits if c.mention.text == "first reported by the Portland Tribune"]
    assert {c.mention.article for c in tribune} == {"b", "b2"} and all(c.by_source == ("t",) for c in tribune)
    oregonian = [c for c in timeline.credits if c.mention.text == "the Oregonian reported"]
    assert oregonian and all(c.by_source == () for c in oregonian)  # no article by the Oregonian here
    assert timeline.credited_first == "t"
    for c in timeline.credits:
        assert {"t": t, "b": b, "b2": b2}[c.mention.article].text[c.mention.start:c.mention.end] == c.mention.text
    document = timeline_document(timeline)
    assert document["copies"] == [{"first": "b", "copies": ["b2"]}] and document["credited_first"] == "t"
    text = timeline_text(timeline)
    assert "b, copied by b2" in text and "Of the credited sources in the story, t published first." in text


def test_a_stamp_like_run_of_digits_is_not_read_at_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Article text is untrusted: a 'stamp' of a hundred thousand digits and separators is passed over
    rather than handed to dateparser; a date alone in the metadata is a day, not midnight."""
    import dateparser

    def refuse(text: str, **_: object) -> None:
        raise AssertionError(f"dateparser was given {len(text):,} characters")

    monkeypatch.setattr(dateparser, "parse", refuse)
    assert time_from_text("Posted: " + "1 / " * 50_000 + "2005\n\nA quake struck.").day is None
    article = Article(id="a", text="x", published=dt.date(2018, 7, 26), meta={"published": "2018-07-26"})
    assert published_when(article).time is None and published_when(article).day == dt.date(2018, 7, 26)


def test_a_stamp_dateparser_cannot_take_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    def breaks(text: str, **_: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(dateparser, "parse", breaks)
    assert time_from_text("Published: March 13, 2013\n\nThe cardinals chose a pope.").day is None


def test_copies_the_store_knows_are_taken_as_given_in_publication_order() -> None:
    articles = [_article("x", "2018-07-02", "One text."), _article("y", "2018-07-01", "Another text."),
                _article("z", "2018-07-03", "A third.")]
    story = Story(id="s", title="t", articles=("x", "y", "z"), findings=())
    assert story_timeline(story, articles, copies=[["x", "y"], ["z"], ["gone", "z"]]).copies == (("y", "x"),)
