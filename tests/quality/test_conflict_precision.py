"""Conflict precision: every conflict storydiff reports on the dev data, against verdicts given by
reading the passages (tests/compare/data/judged_conflicts.jsonl).

The judged list keeps, per conflict, its articles and offsets and a verdict: ``true`` (the outlets
really disagree on one fact), ``update`` (a figure that changed between publications), ``different
facts``, ``misread value`` or ``compatible``. It holds the conflicts of the compare rules in use and
those of a fitted pair judge, of fitted thresholds (scripts/fit_thresholds.py) and of a wider rule of
near misses (any unit, however many figures of it an article states), all tried and not adopted
(``reported_by``). A judged-false conflict that storydiff still reports is a known mistake:
their number may only go down. A reported conflict the list does not hold fails the test until
someone reads it and adds its verdict.

Agreements and variants are held to judged lists too (tests/compare/data/judged_links.jsonl): pairs of
statements judged one fact or two, of which those reported as one fact are counted; and so are the
statements an article makes again that a finding holds (judged_restatements.jsonl).
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from storydiff import analyze_articles, compare, load_articles
from storydiff.compare import compare_story
from storydiff.model import Article, ArticleFacts, Finding
from tests.conftest import shared_path

pytestmark = pytest.mark.quality

JUDGED = Path(__file__).resolve().parents[1] / "compare" / "data" / "judged_conflicts.jsonl"
TRUE = {"true", "update"}
VERDICTS = TRUE | {"different facts", "misread value", "compatible"}
# Pinned: the judged-false conflicts still reported may only go down, the true ones only up.
# Raised once, from 2 to 3, with the near misses (compare/values.Slips): they added 10 of 210 planted
# conflicts and 3 real ones, 2 judged true and 1 false ("territorial waters extend to 12 nautical
# miles" against a warship "13 nautical miles" from a ship): 20 of 23 true. The true ones raised from
# 21 to 24 with figures of tens one apart in their last digit (compare/values._one_digit_apart: 40
# against 30 hours of deliberation, 70 against 80 wounded, 70 against 80 percent cut off).
MAX_FALSE_REPORTED = 3
MIN_TRUE_REPORTED = 24
MAX_UNJUDGED = 0

Key = tuple[str, frozenset[tuple[str, int, int]]]


def _key(kind: str, mentions: list[tuple[str, int, int]]) -> Key:
    return kind, frozenset((a, int(s), int(e)) for a, s, e in mentions)


def _rows(path: Path) -> list[dict]:
    """The rows of a judged list (JSON lines)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _same_or_different(path: Path, n: int) -> list[dict]:
    """The ``n`` rows of a list of statements judged one fact ("same") or two ("different")."""
    rows = _rows(path)
    assert len(rows) == n and {r["verdict"] for r in rows} == {"same", "different"}
    return rows


def _judged() -> dict[Key, str]:
    return {_key(row["kind"], row["mentions"]): row["verdict"] for row in _rows(JUDGED)}


@functools.cache
def _findings(data: str) -> tuple[Finding, ...]:
    """Every finding of the dev data set ``data``, its articles grouped by event."""
    articles, problems = load_articles([str(shared_path("data", *data.split("/")))])
    assert not problems
    report = compare(articles, group_by="event")
    return tuple(f for s in report.stories for f in s.findings)


def _conflicts(data: str) -> list[Finding]:
    return [f for f in _findings(data) if f.status == "conflict"]


def test_judged_list_is_well_formed() -> None:
    verdicts = Counter(row["verdict"] for row in _rows(JUDGED))
    assert set(verdicts) <= VERDICTS
    assert sum(verdicts.values()) == 243


def test_reported_conflicts_against_the_judged_list() -> None:
    verdicts = _judged()
    counts: Counter[str] = Counter()
    unjudged = []
    for data in ("basil/dev.jsonl", "ecbplus/dev.jsonl"):
        for f in _conflicts(data):
            verdict = verdicts.get(_finding_key(f))
            if verdict is None:
                unjudged.append(f"{data} {f.kind} {[(m.article, m.start, m.end) for m in f.mentions]}: {f.explanation}")
            else:
                counts["right" if verdict in TRUE else "wrong"] += 1
                counts[verdict] += 1
    reported = counts["right"] + counts["wrong"] + len(unjudged)
    print(f"conflicts reported on BASIL dev and ECB+ dev: {reported}; judged true {counts['right']} "
          f"({counts['right'] / max(reported, 1):.0%}; {counts['update']} of them updates), judged false "
          f"{counts['wrong']} "
          f"({', '.join(f'{v} {counts[v]}' for v in ('different facts', 'misread value', 'compatible'))}), "
          f"not yet judged {len(unjudged)}")
    for line in unjudged:
        print("  not yet judged:", line)
    assert len(unjudged) <= MAX_UNJUDGED, "read these conflicts and add their verdicts to " + str(JUDGED)
    assert counts["wrong"] <= MAX_FALSE_REPORTED
    assert counts["right"] >= MIN_TRUE_REPORTED


UNSEEN = JUDGED.with_name("judged_conflicts_unseen.jsonl")
# Pinned as above, for the conflicts first reported on stories no rule had been written against
# (PolNeAR, see the README): of their judged-false ones, at most this many are still reported.
MAX_FALSE_UNSEEN = 0
MIN_TRUE_UNSEEN = 1


@functools.cache
def _polnear() -> dict[str, Article]:
    """PolNeAR's articles, train and dev, by id."""
    by_id = {}
    for split in ("train", "dev"):
        loaded, problems = load_articles([str(shared_path("data", "polnear", f"{split}.jsonl"))])
        assert not problems
        by_id.update({a.id: a for a in loaded})
    return by_id


def _finding_key(f: Finding) -> Key:
    """The statements aligned, an article's first: a statement its article makes again (see
    compare._grouped) is more evidence of the same finding, not another finding."""
    aligned = {m.article: m for m in reversed(f.mentions)}.values()
    return _key(f.kind, [(m.article, m.start, m.end) for m in aligned])


_ANALYZED: dict[str, ArticleFacts] = {}  # PolNeAR articles analysed for the judged rows, by id


def _analyze_polnear(ids: set[str]) -> None:
    """Analyse the PolNeAR articles ``ids`` not yet in _ANALYZED: each once, however many rows name it."""
    wanted = sorted(ids - set(_ANALYZED))
    analyzed, problems = analyze_articles([_polnear()[a] for a in wanted])
    assert not problems
    _ANALYZED.update({a.article.id: a for a in analyzed})


def _reported_again(rows: list[dict]) -> list[bool]:
    """Per judged row, whether comparing its articles again reports one finding of the same statements
    with the row's status (a conflict where the row gives none)."""
    _analyze_polnear({a for row in rows for a, _, _ in row["mentions"]})
    again = []
    for row in rows:
        story = compare_story([_ANALYZED[a] for a in sorted({a for a, _, _ in row["mentions"]})])
        key, status = _key(row["kind"], row["mentions"]), row.get("status", "conflict")
        again.append(any(f.status == status and _finding_key(f) == key for f in story.findings))
    return again


def _tally(rows: list[dict]) -> Counter[str]:
    """The judged rows by verdict, "right" or "wrong", and by whether they are reported again ("wrong
    still")."""
    counts: Counter[str] = Counter()
    for row, still in zip(rows, _reported_again(rows), strict=True):
        counts[("right" if row["verdict"] in TRUE else "wrong") + (" still" if still else "")] += 1
    return counts


def test_conflicts_first_seen_on_unseen_stories() -> None:
    """Each conflict judged on PolNeAR stories, compared again among its own articles: the judged-false
    ones still reported may only go down. (Its articles alone, not the whole story: the stories came
    from grouping all 923 articles, too slow to repeat here.)"""
    rows = _rows(UNSEEN)
    assert {r["verdict"] for r in rows} <= VERDICTS
    counts = _tally(rows)
    print(f"unseen judged conflicts still reported: {counts['right still']} right, {counts['wrong still']} judged "
          f"false (of {len(rows)})")
    assert counts["wrong still"] <= MAX_FALSE_UNSEEN
    assert counts["right still"] >= MIN_TRUE_UNSEEN


AGREEMENTS_UNSEEN = JUDGED.with_name("judged_agreements_unseen.jsonl")
# Pinned: of the agreements and variants judged false on PolNeAR stories (every percentage that two
# poll stories were said to share, read: answers to other questions; three variants of two precisions
# with no word in common but the verb; two credits of two polls, "the poll" against "a New York
# Times/CBS News poll" and "a new poll" against "a new poll"), at most this many are still reported.
MAX_FALSE_AGREEMENTS_UNSEEN = 3


def test_agreements_judged_false_on_unseen_stories() -> None:
    """Each agreement judged on PolNeAR stories, compared again among its own articles (as the
    conflicts above): the judged-false ones still reported, as one finding of the same statements, may
    only go down."""
    rows = _rows(AGREEMENTS_UNSEEN)
    assert rows and {r["verdict"] for r in rows} <= VERDICTS
    counts = _tally(rows)
    print(f"unseen agreements judged false still reported: {counts['wrong still']} of "
          f"{counts['wrong still'] + counts['wrong']}")
    assert counts["wrong still"] <= MAX_FALSE_AGREEMENTS_UNSEEN


VARIANTS_UNSEEN = JUDGED.with_name("judged_variants_unseen.jsonl")
# Pinned: every date and figure variant reported on the PolNeAR stories at 8f32f23, judged by reading
# (57 one fact, 56 joining two facts or more; and one more right pair, the same figure picked from another
# sentence of its article); compared again among their own articles, the judged-false ones still reported
# may only go down, the right ones only up. (At 8f32f23: 55 false, 57 right.)
MAX_FALSE_VARIANTS_UNSEEN = 50
MIN_TRUE_VARIANTS_UNSEEN = 57
AGREEMENTS_DRAWN = JUDGED.with_name("judged_agreements_drawn_unseen.jsonl")
# Pinned: 80 agreements of dates and figures drawn at random (seed 68) from the 463 of two articles or
# more that the PolNeAR stories' reports gave at 0627c30, one pair of articles each, judged by reading:
# 58 one fact (29 of them a sentence an outlet published twice), 20 two facts (two polls' percentages,
# "both" and "several" of two sets, a year or a weekday of two events), 2 misread ("the Second
# Amendment", "both … and"). Compared again among their own articles, the judged-false ones still
# reported may only go down, the right ones only up.
MAX_FALSE_DRAWN = 20
MIN_TRUE_DRAWN = 58
QUOTE_FRAGMENTS = JUDGED.with_name("judged_quote_fragments_unseen.jsonl")
# Pinned: every quote finding of the PolNeAR stories' reports at 0627c30 that joins a quote of one or two
# words with one of five or more (24), judged by reading: 9 one statement ("rigged" in "It's a rigged,
# disgusting, dirty system"), 15 a word someone else also said ("judgment" in another person's
# sentence; 15 at 0627c30, 10 since one word given to one person is no part of another's quote, 8 since
# a phrase of fewer words than a speaker conflict's given to two people is two statements; 5 since one word
# that either writer also uses in their own words is no excerpt of a quoted sentence, all 9 right kept).
MAX_FALSE_FRAGMENTS = 5
MIN_TRUE_FRAGMENTS = 9
QUOTE_VARIANTS = JUDGED.with_name("judged_quote_variants_unseen.jsonl")
# Pinned: every quote variant of the PolNeAR stories' reports at 421c9be (62), read by two helpers: 29 one
# quote, 33 two (a phrase two people said, "presumptive nominee", "I think", "It's going to be"; one
# speaker's stock phrase on two occasions; an interviewer's question and the answer). Compared again among
# their own articles, 28 right and 33 false are reported; 23 false since a phrase of fewer words than a
# speaker conflict's given to two people is two statements; 19 since one word that either writer also uses
# in their own words is no excerpt of a quoted sentence ("evidence", "progressive", "BERNIE!", "Marco!"),
# all 28 right kept; 18 since words two named people each said that only partly match are two statements.
MAX_FALSE_QUOTE_VARIANTS = 18
MIN_TRUE_QUOTE_VARIANTS = 28


@pytest.mark.parametrize(("path", "max_false", "min_true"), [
    (VARIANTS_UNSEEN, MAX_FALSE_VARIANTS_UNSEEN, MIN_TRUE_VARIANTS_UNSEEN),
    (AGREEMENTS_DRAWN, MAX_FALSE_DRAWN, MIN_TRUE_DRAWN),
    (QUOTE_FRAGMENTS, MAX_FALSE_FRAGMENTS, MIN_TRUE_FRAGMENTS),
    (QUOTE_VARIANTS, MAX_FALSE_QUOTE_VARIANTS, MIN_TRUE_QUOTE_VARIANTS),
])
def test_findings_judged_on_unseen_stories(path: Path, max_false: int, min_true: int) -> None:
    """Each finding of a judged list drawn from the PolNeAR stories, compared again among its own
    articles (as above): the judged-false ones still reported may only go down, the right ones only up."""
    rows = _rows(path)
    assert rows and {r["verdict"] for r in rows} <= VERDICTS
    if path == VARIANTS_UNSEEN:
        assert {r["status"] for r in rows} == {"variant"}
    counts = _tally(rows)
    print(f"{path.name}: still reported {counts['right still']} of {counts['right still'] + counts['right']} right, "
          f"{counts['wrong still']} of {counts['wrong still'] + counts['wrong']} judged false")
    assert counts["wrong still"] <= max_false
    assert counts["right still"] >= min_true


LINKS = JUDGED.with_name("judged_links.jsonl")
# Pinned: pairs of statements of two articles (BASIL and ECB+ dev), judged by reading as one fact
# ("same") or two ("different"). 80 were drawn at random from the pairs the reports at 784f890 tell
# as one fact (40 of those a paragraph-wide similarity, tried and not adopted, would keep and 40 of
# those it would drop); 60 from the pairs only that similarity told as one fact (37 judged one fact,
# 23 two: why it was not adopted). Of the pairs reported as one fact, in any status, the judged-two
# may only go down, the judged-one only up. (At 784f890: 64 one fact, 16 two; 14 two since "Patch Tuesday"
# and a title before its author's name are no longer read as a date and a quote; 67 one fact since a
# statement its article makes again joins the finding of its first, judged_restatements.jsonl.) 14 more
# pairs, quotes: every one word quoted that the reports at 0b8f4f8 linked inside another article's quoted
# sentence of four words or more where either writer also uses that word in their own words (12 judged two
# statements: "student", "exploit", "downtime", "threatened", "amnesty" said of others; 2 one: Trump's
# "discriminating"); since such a word is no excerpt of that sentence (compare.quotes.WORD_IN_SENTENCE),
# none of the 14 is linked. 6 more, quotes: every pair of a quote variant at 9c745f6 whose two speakers are named
# and differ and whose words only partly match (Tvert's and Vicente's "wrong side of history", two witnesses
# of one earthquake, Locke's echo of Obama's sentence), all judged two statements; since such words are two
# statements, not one quote credited two ways, none is linked.
MAX_DIFFERENT_LINKED = 14
MIN_SAME_LINKED = 67


def test_statements_told_as_one_fact_against_judged_pairs() -> None:
    rows = _same_or_different(LINKS, 160)
    linked: set[frozenset[tuple[str, int, int]]] = set()
    for data in sorted({r["data"] for r in rows}):
        for f in _findings(data):
            if f.status != "unique":
                mentions = [(m.article, m.start, m.end) for m in f.mentions]
                linked.update(frozenset(p) for p in itertools.combinations(mentions, 2))
    counts = Counter(r["verdict"] for r in rows if frozenset((tuple(r["a"]), tuple(r["b"]))) in linked)
    print(f"judged pairs told as one fact: {counts['same']} judged one fact, {counts['different']} judged two")
    assert counts["different"] <= MAX_DIFFERENT_LINKED
    assert counts["same"] >= MIN_SAME_LINKED


RESTATEMENTS = JUDGED.with_name("judged_restatements.jsonl")
# Pinned: statements an article makes again that a finding holds beside its aligned statement of that
# article (compare._grouped: "a states it twice"), BASIL and ECB+ dev, each judged by reading as the
# same fact again ("same") or another fact of the same value ("different": "Burton said Monday", "King
# said Monday"). 144 were judged, all the reports at the first rule held (same value, linked to another
# article's statement and to its own article's); the rule in use, which also leaves apart what each
# sentence gives to someone else by name, holds 132 of them: 105 the same fact, 27 another. Of those
# held, the judged-different may only go down, the judged-same only up.
MAX_DIFFERENT_RESTATED = 27
MIN_SAME_RESTATED = 105


Statement = tuple[str, int, int]


def _restated(findings: Sequence[Finding]) -> set[tuple[Statement, Statement]]:
    """The pairs of statements of one article that one finding holds, both ways round."""
    return {(a, b) for f in findings
            for a, b in itertools.permutations([(m.article, m.start, m.end) for m in f.mentions], 2) if a[0] == b[0]}


def test_statements_made_again_against_judged_pairs() -> None:
    rows = _same_or_different(RESTATEMENTS, 144)
    held = _restated([f for data in sorted({r["data"] for r in rows}) for f in _findings(data)])
    counts = Counter(r["verdict"] for r in rows if (tuple(r["a"]), tuple(r["b"])) in held)
    print(f"judged statements made again held in one finding: {counts['same']} the same fact, "
          f"{counts['different']} another")
    assert counts["different"] <= MAX_DIFFERENT_RESTATED
    assert counts["same"] >= MIN_SAME_RESTATED


RESTATEMENTS_UNSEEN = JUDGED.with_name("judged_restatements_unseen.jsonl")
# Pinned: the same, on stories the rule was not written against: the 68 statements made again that
# `compare --group-by story` of PolNeAR's multi-article stories (train and dev) held when the rule came,
# each judged by reading: 49 the same fact (72%; 79.5% on the dev data above), 19 another. Each row is
# compared again among its finding's articles (as the unseen conflicts are): 47 and 19 held so.
MAX_DIFFERENT_RESTATED_UNSEEN = 19
MIN_SAME_RESTATED_UNSEEN = 47


def test_statements_made_again_on_unseen_stories() -> None:
    rows = _same_or_different(RESTATEMENTS_UNSEEN, 68)
    _analyze_polnear({a for row in rows for a in row["articles"]})
    counts: Counter[str] = Counter()
    for row in rows:
        held = _restated(compare_story([_ANALYZED[a] for a in row["articles"]]).findings)
        counts[row["verdict"]] += (tuple(row["a"]), tuple(row["b"])) in held
    print(f"unseen statements made again held in one finding: {counts['same']} the same fact, "
          f"{counts['different']} another")
    assert counts["different"] <= MAX_DIFFERENT_RESTATED_UNSEEN
    assert counts["same"] >= MIN_SAME_RESTATED_UNSEEN
