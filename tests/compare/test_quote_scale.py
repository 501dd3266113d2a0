"""Quote comparison's work grows with the length of the quotes, not with its square.

The stories are built by hand (no parsing): two articles quoting one long statement of N sentences.
Work is counted, not timed: ``judge_units`` calls for N = 200 and N = 800 sentences must grow about
4x (linear), not 16x (every sentence against every other).
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from storydiff.compare import compare_story
from storydiff.compare.align import align
from storydiff.compare.quotes import WINDOW, Candidates, _sentence_cuts, judge_units, quote_candidates, quote_units
from storydiff.model import Article, ArticleFacts, Quote, Span, Speaker, Story

compare_module = importlib.import_module("storydiff.compare")


def _quoted(article: str, body: str, speaker: str = "Ted Wheeler") -> ArticleFacts:
    """An article that is one quote: ``Ted Wheeler said: "…"``."""
    text = f'{speaker} said: "{body}"'
    start, end = text.index('"') + 1, len(text) - 1
    quote = Quote(article=article, start=start, end=end, text=text[start:end], sentence=Span(0, len(text)),
                  context=(), parts=(Span(start, end),), speaker=Speaker(speaker, 0, len(speaker)),
                  cue=Span(len(speaker) + 1, len(speaker) + 5), partial=False)
    return ArticleFacts(Article(id=article, text=text), (quote,))


def _sentences(n: int, seed: int = 1) -> list[str]:
    """n distinct sentences of made-up words drawn as words of speech are (Zipf: the k-th commonest
    word is 1/k as frequent as the commonest), so sentences share their common words."""
    rng = random.Random(seed)
    vocabulary = sorted({"".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
                         for _ in range(5000)})
    weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]
    sentences: dict[str, None] = {}
    while len(sentences) < n:
        words = rng.choices(vocabulary, weights, k=rng.randint(8, 25))
        sentences[" ".join(words).capitalize() + "."] = None
    return list(sentences)


def _counted_compare(monkeypatch: pytest.MonkeyPatch, a: str, b: str) -> tuple[int, Story]:
    calls = 0

    def counted(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return judge_units(*args)

    monkeypatch.setattr(compare_module, "judge_units", counted)
    story = compare_story([_quoted("a", a), _quoted("b", b)])
    return calls, story


def _quote_statuses(story: Story) -> list[str]:
    return [f.status for f in story.findings if f.kind == "quote"]


def test_distinct_sentences_are_judged_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {}
    for n in (200, 800):
        body = " ".join(_sentences(n))
        calls[n], story = _counted_compare(monkeypatch, body, body)
        # every sentence found again, in order, in the other article: one quote told alike
        assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
            ("agree", [body, body])]
    # All against all is 16x. The pairs judged are the sentences' own copies (4x) and pairs that
    # share enough common words to be one quote by the count, which grow faster (about 6x here).
    assert calls[800] / calls[200] < 8, calls
    assert calls[800] < 2 * 800, calls


@pytest.mark.parametrize("sentence", ["We shall overcome.", "We shall overcome {k}."])
def test_a_sentence_said_over_and_over_is_judged_in_linear_work(monkeypatch: pytest.MonkeyPatch,
                                                                sentence: str) -> None:
    """Every copy could match every copy in the other article: each is judged against the WINDOW
    nearest in order, which keeps copy k of a with copy k of b, and the findings say so."""
    work = {}
    kept: list[Candidates] = []
    monkeypatch.setattr(compare_module, "quote_candidates", lambda units: _kept(kept, quote_candidates(units)))
    for n in (100, 400):
        body = " ".join(sentence.format(k=100 + k) for k in range(n))  # "1." would read as an initial
        calls, story = _counted_compare(monkeypatch, body, body)
        work[n] = (calls, len(kept[-1].pairs))
        quote_findings = [f for f in story.findings if f.kind == "quote"]
        # copy k of a with copy k of b, each the next of the last: one quote told alike, in full
        assert [(f.status, [m.text for m in f.mentions]) for f in quote_findings] == [("agree", [body, body])]
        assert all(f"the {WINDOW} nearest in order" in f.explanation for f in quote_findings)
    assert work[400][0] / work[100][0] < 6, work  # judge_units calls; all against all: 16x
    assert work[400][1] / work[100][1] < 6, work  # pairs aligned


def _kept(kept: list[Candidates], candidates: Candidates) -> Candidates:
    kept.append(candidates)
    return candidates


def test_one_verdict_per_wording_is_the_verdict_for_every_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence repeated in one quote is judged once against each wording of the other article's."""
    for seed in range(10):
        facts = _story_facts(seed, repeat=3)
        story = compare_story(facts)
        monkeypatch.setattr(compare_module, "_judge_once_per_wording", lambda: judge_units)
        assert compare_story(facts) == story
        monkeypatch.undo()


def _variants(rng: random.Random, sentence: list[str]) -> Iterator[list[str]]:
    """The ways outlets reword a sentence: words dropped, changed, added, bracketed; a fragment of it."""
    words = list(sentence)
    yield words
    yield [w for w in words if rng.random() > 0.3]
    yield [w if rng.random() > 0.3 else rng.choice(["ours", "them", "it", "budget"]) for w in words]
    yield words[:2] + ["[the", "mayor]"] + words[2:]
    start = rng.randrange(len(words))
    yield words[start:start + rng.randint(1, 2)]
    yield words[len(words) // 2:]


def _story_facts(seed: int, repeat: int = 1) -> list[ArticleFacts]:
    """Three articles quoting a statement each in their way, each sentence ``repeat`` times."""
    rng = random.Random(seed)
    vocabulary = ["the", "we", "will", "not", "protest", "council", "budget", "housing", "police", "overcome",
                  "bridge", "open", "tomorrow", "never", "vote", "and", "a", "is", "exhilarated", "people"]
    statements = [[rng.choice(vocabulary) for _ in range(rng.randint(1, 12))] for _ in range(25)]
    facts = []
    for article in ("a", "b", "c"):
        chosen = [rng.choice(list(_variants(rng, s))) for s in statements if rng.random() < 0.7]
        body = " ".join(" ".join(words).capitalize() + "." for words in chosen if words for _ in range(repeat))
        facts.append(_quoted(article, body, rng.choice(["Ted Wheeler", "Lis Smith"])))
    return facts


def _story_units(seed: int) -> list[Any]:
    return [u for f in _story_facts(seed) for q in f.facts if isinstance(q, Quote)
            for u in quote_units(q, f.article.text)]


@pytest.mark.parametrize("seed", range(40))
def test_candidates_hold_every_pair_the_judge_links(seed: int) -> None:
    """Narrowing the pairs judged changes nothing: the same groups and judged pairs as all against all."""
    units = _story_units(seed)
    article: Callable[[Any], str] = lambda u: u.article  # noqa: E731
    everything = align(units, article, judge_units)
    candidates = quote_candidates(units)
    assert not candidates.bounded
    assert align(units, article, judge_units, candidates.pairs) == everything
    assert everything[1]  # the stories do link sentences


class _CountingText(str):
    """A text that counts the characters read back out of it by slicing."""

    read = 0

    def __getitem__(self, key: Any) -> str:
        piece = str.__getitem__(self, key)
        _CountingText.read += len(piece)
        return piece


def test_sentence_cuts_read_the_text_about_once() -> None:
    read = {}
    for n in (500, 2000):
        _CountingText.read = 0
        cuts = _sentence_cuts(_CountingText("Ab. " * n))
        assert cuts == [4 * k + 3 for k in range(n - 1)]
        read[n] = _CountingText.read
    assert read[2000] / max(read[500], 1) < 6, read  # each cut reading all the text before it: 16x


@pytest.mark.parametrize(("chunk", "sentences"), [
    ("We came. We saw.", ["We came."]),
    ("Mr. Smith came. He saw.", ["Mr. Smith came."]),
    ("The U.S. Army came. It saw.", ["The U.S. Army came."]),
    ("At 9 a.m. People came.", []),
    ("It was J. Smith. And then A. B. Jones came.", ["It was J. Smith."]),
    ("Why? Because. “Really?” Yes.", ["Why?", "Why? Because.", "Why? Because. “Really?"]),
    ("Wait... Then it came.", ["Wait..."]),
    ("Then Lt-Gen. Smith came. Send an x-ray. Now.",
     ["Then Lt-Gen. Smith came.", "Then Lt-Gen. Smith came. Send an x-ray."]),
    ("Café. É. Next_one. Done.", ["Café. É. Next_one."]),  # no cut before "É": not an A-Z capital
])
def test_sentence_cuts(chunk: str, sentences: list[str]) -> None:
    """Where a quoted stretch is cut into sentences: "Mr." and "U.S." and an initial end none."""
    assert [chunk[:cut] for cut in _sentence_cuts(chunk)] == sentences
