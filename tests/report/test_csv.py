"""Findings as CSV: read back, the rows are the JSON report's findings; text a spreadsheet would run
as a formula comes back neutralised; a strict CSV reader takes the file whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

from storydiff.analyze import facts_from_doc
from storydiff.compare import compare_story
from storydiff.model import Article, Finding, Mention, Report, Story
from storydiff.report import render
from storydiff.report.csvout import COLUMNS, plain_cell, safe_cell

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "occupy-ice"


def _compared(nlp, articles: tuple[Article, ...]) -> Report:  # type: ignore[no-untyped-def]
    story = compare_story([facts_from_doc(nlp(a.text), a) for a in articles])
    return Report(articles=articles, stories=(story,))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _value(value: object) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)


def test_csv_rows_are_the_json_reports_findings(nlp):  # type: ignore[no-untyped-def]
    articles = tuple(Article(id=p.stem, text=p.read_text(encoding="utf-8"), outlet=f"Outlet {p.stem.upper()}")
                     for p in sorted(EXAMPLE.glob("*.txt")))
    report = _compared(nlp, articles)
    text = render(report, "csv")
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = _rows(text)
    doc = json.loads(render(report, "json"))
    outlets = {a["id"]: a["outlet"] for a in doc["articles"]}
    expected = [
        {"story": s["id"], "finding": f["id"], "kind": f["kind"], "status": f["status"], "subject": f["subject"],
         "article": m["article"], "outlet": outlets[m["article"]],
         "value": _value(m["value"]),
         "evidence": m["text"], "start": str(m["start"]), "end": str(m["end"]), "explanation": f["explanation"]}
        for s in doc["stories"] for f in s["findings"] for m in f["mentions"]]
    assert len(rows) == len(expected) > 10
    assert [{k: plain_cell(v) for k, v in row.items()} for row in rows] == expected
    texts = {a.id: a.text for a in articles}
    for row in rows:  # the evidence is the article's own characters, offsets included
        assert texts[row["article"]][int(row["start"]):int(row["end"])] == plain_cell(row["evidence"])


HOSTILE = '=HYPERLINK("http://evil.example","click")'


def _hostile_report() -> Report:
    a = Article(id="a", text=f"{HOSTILE} said 40 people.\n", outlet="@outlet")
    b = Article(id="b", text="-41 people, said the town.\n", outlet="+Gazette")
    finding = Finding(id="f1", kind="quantity", status="conflict", subject="-people", explanation="\tsee both",
                      mentions=(Mention("a", 0, len(HOSTILE), HOSTILE, value="=1+1"),
                                Mention("b", 0, 3, "-41", value=-41.0)))
    return Report(articles=(a, b), stories=(Story(id="s1", title="t", articles=("a", "b"), findings=(finding,)),))


def test_a_formula_looking_cell_is_written_as_text_and_read_back_whole() -> None:
    rows = _rows(render(_hostile_report(), "csv"))
    assert [row["evidence"] for row in rows] == ["'" + HOSTILE, "'-41"]
    assert [row["outlet"] for row in rows] == ["'@outlet", "'+Gazette"]
    assert [row["value"] for row in rows] == ["'=1+1", "-41"]  # a number is written as JSON, not neutralised
    assert rows[0]["subject"] == "'-people" and rows[0]["explanation"] == "'\tsee both"
    # nothing a spreadsheet runs is left at the start of a cell
    for row in rows:
        for column, cell in row.items():
            if column != "value":
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    assert [plain_cell(row["evidence"]) for row in rows] == [HOSTILE, "-41"]


@pytest.mark.parametrize(("text", "cell"), [("=1", "'=1"), ("plain", "plain"), ("'quoted", "'quoted"),
                                            ("\r\nx", "'\r\nx"), ("", "")])
def test_safe_and_plain_cells_undo_each_other(text: str, cell: str) -> None:
    assert safe_cell(text) == cell and plain_cell(cell) == text


def test_a_strict_csv_reader_takes_the_file_whole(nlp, tmp_path: Path):  # type: ignore[no-untyped-def]
    articles = (Article(id="a", text='Officials said 12 people, "a lot, really," were hurt on\nMonday.'),
                Article(id="b", text='Officials said 13 people, "a lot, really," were hurt on Monday.'))
    path = tmp_path / "findings.csv"
    path.write_bytes(render(_compared(nlp, articles), "csv").encode("utf-8"))
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
                           convert_options=pacsv.ConvertOptions(strings_can_be_null=False))
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == len(_rows(path.read_text(encoding="utf-8")))
    assert str(table.schema.field("start").type) == "int64"
