"""Tests of the ``storydiff`` command, run in-process through click's CliRunner (one model load).

The articles are written for the test: two short reports of one invented flood that share a
quote and a figure. Each kind of bad input is given alongside them: the good ones are still
compared, the bad one is named in one line on stderr, and the exit status is 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from storydiff.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"

QUOTE = "We will reopen the bridge as soon as engineers tell us it is safe"
FLOOD_A = (
    "Flood closes Millbrook bridge\n\n"
    "Heavy rain flooded the Millbrook river on Monday, forcing the town to close the old stone bridge. "
    "About 120 residents were evacuated from homes near the water, Mayor Dana Whitfield said.\n"
    f"\u201c{QUOTE},\u201d Whitfield said.\n"
)
FLOOD_B = (
    "Millbrook evacuates riverside homes\n\n"
    "The Millbrook river burst its banks on Monday after two days of rain. Officials said 120 residents "
    "left their homes, and the stone bridge was closed.\n"
    f"\u201c{QUOTE},\u201d Mayor Dana Whitfield told reporters.\n"
)
FIRE_C = "A fire destroyed the Harlow Street bakery on Friday. Firefighters said 14 crews fought the blaze."
FIRE_D = "Fourteen fire crews fought a blaze that destroyed a Harlow Street bakery on Friday, officials said."


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> list[str]:
    """The two good articles, as paths: a.txt and b.txt."""
    (tmp_path / "a.txt").write_text(FLOOD_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FLOOD_B, encoding="utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args), catch_exceptions=False)


def error_lines(result: Result) -> list[str]:
    """stderr lines other than notes."""
    return [line for line in result.stderr.splitlines() if line.strip() and "note:" not in line]


def report_json(result: Result) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


# -- compare and analyze on good input ----------------------------------------------------------


def test_compare_json_is_a_report_whose_mentions_point_into_the_text(runner: CliRunner,
                                                                      good: list[str]) -> None:
    result = run(runner, "compare", *good, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert error_lines(result) == []
    doc = report_json(result)
    assert doc["schema"] == "storydiff.report/1"
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    [story] = doc["stories"]
    assert story["articles"] == ["a", "b"]
    texts = {"a": FLOOD_A, "b": FLOOD_B}
    mentions = [m for f in story["findings"] for m in f["mentions"]]
    assert mentions
    for m in mentions:
        assert m["text"] == texts[m["article"]][m["start"]:m["end"]], m
    # the 120 residents are stated by both articles, so they make one finding, not two unique ones
    shared = [f for f in story["findings"] if {m["article"] for m in f["mentions"]} == {"a", "b"}]
    assert any("120" in m["text"] for f in shared for m in f["mentions"]), story["findings"]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_compare_text_and_markdown_name_the_articles(runner: CliRunner, good: list[str], fmt: str) -> None:
    result = run(runner, "compare", *good, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert "Flood closes Millbrook bridge" in result.stdout  # the story's title: a's first line
    for article_id in ("a", "b"):
        assert (f"`{article_id}`" if fmt == "md" else f"{article_id}:") in result.stdout
    if fmt == "md":
        assert result.stdout.startswith("# ")
        assert "| status | kind |" in result.stdout


def test_compare_group_by_makes_one_story_per_value(runner: CliRunner, tmp_path: Path) -> None:
    records = [
        {"id": "flood-a", "event": "flood", "text": FLOOD_A},
        {"id": "fire-c", "event": "fire", "text": FIRE_C},
        {"id": "flood-b", "event": "flood", "text": FLOOD_B},
        {"id": "fire-d", "event": "fire", "text": FIRE_D},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run(runner, "compare", str(path), "--group-by", "event", "--format", "json")
    assert result.exit_code == 0, result.stderr
    stories = {s["id"]: s["articles"] for s in report_json(result)["stories"]}
    assert stories == {"flood": ["flood-a", "flood-b"], "fire": ["fire-c", "fire-d"]}


def test_analyze_json_is_a_facts_document(runner: CliRunner, good: list[str]) -> None:
    result = run(runner, "analyze", *good, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = report_json(result)
    assert doc["schema"] == "storydiff.facts/1"
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    texts = {"a": FLOOD_A, "b": FLOOD_B}
    for article in doc["articles"]:
        assert article["facts"]
        for fact in article["facts"]:
            assert fact["text"] == texts[article["id"]][fact["start"]:fact["end"]], fact


# -- bad input, each alongside the two good articles --------------------------------------------

EMPTY_PAGE = "<!DOCTYPE html><html><head><title>Daily Bugle</title></head><body></body></html>"
MENU_PAGE = (
    "<!DOCTYPE html><html><head><title>Daily Bugle</title></head><body>"
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></nav>'
    "<footer><p>Copyright 2024 The Daily Bugle</p></footer></body></html>"
)


def write_missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def write_empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def write_binary(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 16)
    return path


def write_latin1(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.txt"
    path.write_bytes("The caf\u00e9 on Main Street flooded on Monday.\n".encode("latin-1"))
    return path


def write_empty_page(tmp_path: Path) -> Path:
    path = tmp_path / "empty-page.html"
    path.write_text(EMPTY_PAGE, encoding="utf-8")
    return path


def write_menu_page(tmp_path: Path) -> Path:
    path = tmp_path / "menu-page.html"
    path.write_text(MENU_PAGE, encoding="utf-8")
    return path


def write_broken_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    good_line = json.dumps({"id": "flood-wire", "text": FLOOD_B.replace("120", "about 120")})
    path.write_text(good_line + '\n{"id": "wire-2", "text": "The river\n', encoding="utf-8")
    return path


def write_huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    sentence = "Heavy rain flooded the Millbrook river on Monday and 120 residents left their homes. "
    path.write_text(sentence * (5_000_000 // len(sentence) + 1), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    return path


def write_jsonl_line(name: str, bad_line: str) -> Callable[[Path], Path]:
    """A JSONL file of a good article, then ``bad_line``."""

    def write(tmp_path: Path) -> Path:
        path = tmp_path / name
        good_line = json.dumps({"id": "flood-wire", "text": FLOOD_B.replace("120", "about 120")})
        path.write_text(f"{good_line}\n{bad_line}\n", encoding="utf-8")
        return path

    return write


def write_deep_json(tmp_path: Path) -> Path:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    return path


BAD_INPUTS: list[Any] = [
    pytest.param(write_missing, "missing.txt", id="missing-path"),
    pytest.param(write_empty, "empty.txt", id="empty-file"),
    pytest.param(write_binary, "photo.jpg", id="binary-file"),
    pytest.param(write_latin1, "latin1.txt", id="invalid-utf8"),
    pytest.param(write_empty_page, "empty-page.html", id="html-empty-body"),
    pytest.param(write_menu_page, "menu-page.html", id="html-menu-only"),
    pytest.param(write_broken_jsonl, "wire.jsonl:2", id="jsonl-broken-line"),
    pytest.param(write_huge, "huge.txt", id="5mb-article"),
    pytest.param(write_jsonl_line("ints.jsonl", '{"id": "n", "text": "t", "n": 1' + "0" * 5000 + "}"), "ints.jsonl:2",
                 id="jsonl-5000-digit-integer"),
    pytest.param(write_jsonl_line("nan.jsonl", '{"id": "n", "text": "t", "n": NaN}'), "nan.jsonl:2", id="jsonl-nan"),
    pytest.param(write_jsonl_line("lone.jsonl", '{"id": "n", "text": "t", "outlet": "\\ud800"}'), "lone.jsonl:2",
                 id="jsonl-lone-surrogate"),
    pytest.param(write_deep_json, "deep.json", id="json-nested-100000-deep"),
]


@pytest.mark.parametrize(("write_bad", "named"), BAD_INPUTS)
def test_bad_input_is_reported_and_the_good_articles_still_compared(
    runner: CliRunner, good: list[str], tmp_path: Path, write_bad: Callable[[Path], Path], named: str
) -> None:
    bad = write_bad(tmp_path)
    result = run(runner, "compare", good[0], str(bad), good[1], "--format", "json")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    [line] = error_lines(result)
    assert line.startswith("storydiff: ")
    assert named in line
    doc = report_json(result)
    [story] = doc["stories"]
    assert {"a", "b"} <= set(story["articles"])
    assert not any(article_id.startswith(bad.stem) for article_id in story["articles"])
    assert [p["source"] for p in doc["problems"]] == [str(bad) + named.removeprefix(bad.name)]


def test_values_at_the_edges_of_numbers_and_the_calendar_are_analysed(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_text("More than 1" + "0" * 400 + " people were counted in June, last week and last summer.\n",
                    encoding="utf-8")
    for published in ("9999-12-31", "0001-01-01"):
        result = run(runner, "analyze", str(path), "--published", published, "--format", "json")
        assert result.exit_code == 0, result.stderr
        doc = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
        assert [a["id"] for a in doc["articles"]] == ["edge"] and "problems" not in doc


def test_one_article_gets_a_note_and_exits_0(runner: CliRunner, good: list[str]) -> None:
    result = run(runner, "compare", good[0], "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert error_lines(result) == []
    [note] = [line for line in result.stderr.splitlines() if line.strip()]
    assert "note:" in note and "one article" in note.lower()
    [story] = report_json(result)["stories"]
    assert story["articles"] == ["a"]
    assert all(f["status"] == "unique" for f in story["findings"])


def test_no_readable_input_exits_1_with_a_message(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "compare", str(write_empty(tmp_path)), str(write_missing(tmp_path)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "empty.txt" in result.stderr and "missing.txt" in result.stderr
    assert "no articles could be read" in result.stderr


# -- documentation ------------------------------------------------------------------------------


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    missing = [f"storydiff {name}" for name in main.commands if f"storydiff {name}" not in readme]
    for name in ("compare", "analyze", "ingest", "serve"):
        for param in main.commands[name].params:
            if isinstance(param, click.Option):
                long_opts = [opt for opt in param.opts if opt.startswith("--")]
                missing += [f"{name} {opt}" for opt in long_opts if opt not in readme]
    assert missing == [], f"undocumented in README.md: {', '.join(missing)}"


# -- the store: ingest, stories, show, export -----------------------------------------------------


def test_ingest_then_stories_show_and_export(runner: CliRunner, good: list[str], tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(FIRE_C, encoding="utf-8")
    (tmp_path / "d.txt").write_text(FIRE_D, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "s.db")
    inputs = [*good, str(tmp_path / "c.txt"), str(tmp_path / "d.txt"), str(tmp_path / "empty.txt")]
    first = runner.invoke(main, ["ingest", "--db", db, *inputs])
    assert first.exit_code == 1  # the empty file is reported and skipped, the rest goes in
    assert "empty.txt" in first.stderr and "4 stored" in first.stderr
    again = runner.invoke(main, ["ingest", "--db", db, *inputs[:4]])
    assert again.exit_code == 0 and "0 stored, 4 already stored" in again.stderr

    listing = json.loads(run(runner, "stories", "--db", db, "--format", "json").stdout)
    assert listing["schema"] == "storydiff.stories/1"
    assert sorted(sorted(s["articles"]) for s in listing["stories"]) == [["a", "b"], ["c", "d"]]
    flood = next(s for s in listing["stories"] if "a" in s["articles"])
    assert "Millbrook" in run(runner, "stories", "--db", db).stdout

    report = report_json(run(runner, "show", flood["id"], "--db", db, "--format", "json"))
    assert report["schema"] == "storydiff.report/1" and report["stories"][0]["articles"] == ["a", "b"]
    texts = {a: Path(p).read_text(encoding="utf-8") for a, p in zip("ab", good, strict=True)}
    for finding in report["stories"][0]["findings"]:
        for m in finding["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["text"]
    assert "Whitfield" in run(runner, "show", flood["id"], "--db", db, "--format", "md").stdout

    exported = [json.loads(line) for line in run(runner, "export", "--db", db).stdout.splitlines()]
    assert {r["id"]: r["story"] for r in exported}["a"] == flood["id"]
    reports = [json.loads(line) for line in run(runner, "export", "--db", db, "--what", "reports").stdout.splitlines()]
    assert len(reports) == 2 and all(r["schema"] == "storydiff.report/1" for r in reports)


def test_findings_as_csv_from_compare_show_and_export(runner: CliRunner, good: list[str], tmp_path: Path) -> None:
    from storydiff.report.csvout import COLUMNS, plain_cell

    def rows(text: str) -> list[dict[str, str]]:
        return [{k: plain_cell(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text, newline=""))]

    compared = rows(run(runner, "compare", *good, "--format", "csv").stdout)
    report = report_json(run(runner, "compare", *good, "--format", "json"))
    assert [(r["finding"], r["article"], r["evidence"]) for r in compared] == [
        (f["id"], m["article"], m["text"]) for f in report["stories"][0]["findings"] for m in f["mentions"]]
    db = str(tmp_path / "s.db")
    run(runner, "ingest", "--db", db, *good)
    [story] = json.loads(run(runner, "stories", "--db", db, "--format", "json").stdout)["stories"]
    shown = rows(run(runner, "show", story["id"], "--db", db, "--format", "csv").stdout)
    exported = rows(run(runner, "export", "--db", db, "--what", "findings", "--format", "csv").stdout)
    assert shown == exported and len(shown) == len(compared)
    assert {r["story"] for r in exported} == {story["id"]}
    lines = [json.loads(line) for line in run(runner, "export", "--db", db, "--what", "findings").stdout.splitlines()]
    assert [list(line) for line in lines] == [list(COLUMNS)] * len(exported)
    assert [{k: str(v) for k, v in line.items()} for line in lines] == exported
    wrong = runner.invoke(main, ["export", "--db", db, "--format", "csv"])
    assert wrong.exit_code == 2 and "--format csv is for --what findings" in wrong.stderr


def test_store_commands_explain_a_missing_store_or_story(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store here" in result.stderr
    assert not (tmp_path / "none.db").exists()
