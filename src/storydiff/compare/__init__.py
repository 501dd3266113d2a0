"""Compare: align one story's facts across its articles and judge each aligned set.

Each fact (or, for quotes, each quoted sentence) lands in exactly one finding, so no statement is
given two verdicts. Status of an aligned set: ``conflict`` if any two of its statements are
incompatible, else ``variant`` if any two differ, else ``agree``; a statement no other article
makes is ``unique``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, TypeVar

from ..analyze.attributions import outlet_key
from ..model import (
    ArticleFacts,
    Attribution,
    DateFact,
    Fact,
    Finding,
    Mention,
    Quantity,
    Quote,
    Status,
    Story,
)
from ..timeline import When, published_when, update_reason
from .align import Pair, Weights, align, restatements
from .attributions import SAME_SOURCE_MIN, describe_attribution, judge_attributions
from .explain import day_count_reason, describe_quantity, join_names
from .quotes import (
    WINDOW,
    Unit,
    common_cuts,
    diff_reference,
    held_in,
    judge_units,
    name_words,
    narrated,
    quote_candidates,
    quote_sentences,
    quote_units,
    unmask,
    word_diff,
)
from .values import (
    Kinds,
    Occasions,
    Slips,
    favour_rare_values,
    judge_dates,
    judge_quantities,
    restates,
    told_apart,
)

__all__ = ["CompareOptions", "compare_story"]

F = TypeVar("F")
FactT = TypeVar("FactT", bound=Fact)
RANK = {"incompatible": 2, "compatible": 1, "same": 0}
STATUS_ORDER = {"conflict": 0, "variant": 1, "agree": 2, "unique": 3}
PER_ARTICLE = 200
"""Figures, dates or credits that compare aligns from one article, the first in the text: every pair
of one kind across two articles is judged, so the work grows with the product of their counts. No
article of the dev data states more than 124 of one kind; an article that states more is a list, and
the story's note says what was left out."""


@dataclass(frozen=True)
class CompareOptions:
    """``unique``: also report facts that only one article states."""

    unique: bool = True


def compare_story(analyzed: Sequence[ArticleFacts], *, story_id: str | None = None, title: str | None = None,
                  options: CompareOptions | None = None, whens: Mapping[str, When] | None = None) -> Story:
    """The findings of one story: its articles' facts aligned and judged. ``whens``: when each article
    was published, when already known (the store keeps them); else read here (storydiff.timeline)."""
    options = options or CompareOptions()
    texts = {a.article.id: a.article.text for a in analyzed}
    known = whens or {}
    whens = {a.article.id: known.get(a.article.id) or published_when(a.article) for a in analyzed}
    facts = [f for a in analyzed for f in a.facts]
    weights: Weights = Weights(((f.article, f.sentence), f.context) for f in facts)
    findings: list[Finding] = []
    notes: list[str] = []
    quantities = _first_per_article([f for f in facts if isinstance(f, Quantity)], "figures", notes)
    dates = _first_per_article([f for f in facts if isinstance(f, DateFact)], "dates", notes)
    kinds, occasions, slips = Kinds(quantities), Occasions(dates), Slips(quantities)
    findings += _judged(quantities, told_apart(quantities, favour_rare_values(
        quantities, lambda x, y: judge_quantities(x, y, weights, kinds, occasions, slips))),
                        lambda group, status: _quantity_finding(group, status, dates, weights, texts, whens),
                        restated=restates)
    findings += _judged(dates, told_apart(dates, favour_rare_values(dates, lambda x, y: judge_dates(x, y, weights))),
                        lambda group, status: _date_finding(group, status, texts), restated=restates)
    units = narrated(unmask([u for f in facts if isinstance(f, Quote) for u in quote_units(f, texts[f.article])]),
                     texts)
    findings += _quote_findings(units)
    attributions = _first_per_article([f for f in facts if isinstance(f, Attribution)], "credits", notes)
    findings += _judged(attributions, favour_rare_values(attributions, lambda x, y: judge_attributions(x, y, weights),
                                                         key=lambda a: outlet_key(a.source), threshold=SAME_SOURCE_MIN),
                        lambda group, status: _attribution_finding(group, status, texts))
    findings = _unquoted(findings)
    if not options.unique:
        findings = [f for f in findings if f.status != "unique"]
    order = {a.article.id: i for i, a in enumerate(analyzed)}
    findings.sort(key=lambda f: (STATUS_ORDER[f.status], order.get(f.mentions[0].article, 0), f.mentions[0].start))
    ids = tuple(a.article.id for a in analyzed)
    if len(ids) == 1:
        notes.insert(0, "Only one article: nothing to compare it with; its facts are listed as unique.")
    return Story(id=story_id or _digest("story", *ids), title=title or _title(analyzed), articles=ids,
                 findings=tuple(findings), note="; ".join(notes) or None)


def _unquoted(findings: list[Finding]) -> list[Finding]:
    """The findings less the figures, dates and credits given alike inside the words of one quote
    the story aligns, by every article that gives the quote ("“There's a one-in-three chance that we
    could lose,” Boehner said" in each): they are words of that quote, whose finding holds them, and a
    finding of their own would tell the reader the same thing twice. One that differs keeps its
    finding (a number misquoted is a conflict that the quote's "variant" would understate), as does
    one that some article's version of the quote leaves out: the figure is then a fact of its own. The
    aligned statements decide, not an article's restatement of the figure elsewhere (see _grouped)."""
    quoted: dict[str, list[tuple[int, int, int]]] = {}
    quoting: dict[int, set[str]] = {}
    for k, q in enumerate(findings):
        if q.kind == "quote" and q.status != "unique":
            quoting[k] = {m.article for m in q.mentions}
            for m in q.mentions:
                quoted.setdefault(m.article, []).append((m.start, m.end, k))

    def within(m: Mention) -> set[int]:
        return {k for start, end, k in quoted.get(m.article, ()) if start <= m.start and m.end <= end}

    def in_one_quote(f: Finding) -> bool:
        if f.kind == "quote" or f.status != "agree":
            return False
        aligned = _firsts(f.mentions)  # an article's restatements follow its aligned statement: see _grouped
        articles = {m.article for m in aligned}
        return any(quoting[k] == articles for k in set.intersection(*(within(m) for m in aligned)))

    return [f for f in findings if not in_one_quote(f)]


def _first_per_article(facts: list[FactT], noun: str, notes: list[str]) -> list[FactT]:
    """``facts`` (one kind), in their order, but only the first :data:`PER_ARTICLE` in the text of
    each article; for each article with more, a note on ``notes`` that the rest were left out."""
    by_article: dict[str, list[FactT]] = {}
    for f in facts:
        by_article.setdefault(f.article, []).append(f)
    dropped: set[int] = set()
    for article, stated in by_article.items():
        if len(stated) > PER_ARTICLE:
            dropped.update(id(f) for f in sorted(stated, key=lambda f: (f.start, f.end))[PER_ARTICLE:])
            notes.append(f"{article} states {len(stated)} {noun}; only its first {PER_ARTICLE} were compared "
                         f"and the other {len(stated) - PER_ARTICLE} are left out of the findings")
    return [f for f in facts if id(f) not in dropped]


def _judged(items: Sequence[F], judge: Callable[[F, F], Pair | None],
            build: Callable[[list[F], Status], Finding], restated: Callable[[F, F], bool] | None = None,
            ) -> list[Finding]:
    return [build(group, status) for group, status in _grouped(items, judge, restated=restated)]


def _grouped(items: Sequence[F], judge: Callable[[F, F], Pair | None],
             candidates: Iterable[tuple[int, int]] | None = None, *,
             bridged: Callable[[F, F], bool] | None = None,
             restated: Callable[[F, F], bool] | None = None) -> list[tuple[list[F], Status]]:
    """Aligned groups of statements, each with its status; two statements of a group judged only
    through a third (``bridged``, see align) are two parts of one thing: a variant. A statement an
    article makes again (``restated``, values.restates, and linked by ``judge`` as another article's
    would be) joins the group that holds its first (align.restatements), after the group's status is
    settled, and follows that first in the group."""
    groups, judged = align(items, lambda f: f.article, judge, candidates,  # type: ignore[attr-defined]
                           bridged=bridged)
    again = restatements(items, lambda f: f.article, groups, judged,  # type: ignore[attr-defined]
                         lambda x, y: restated(x, y) and _linked(judge(x, y))) if restated else {}
    out: list[tuple[list[F], Status]] = []
    for g, members in enumerate(groups):
        if len(members) == 1:
            if members[0] not in again:
                out.append(([items[members[0]]], "unique"))
            continue
        worst = max(RANK[judged[pair].relation] if pair in judged else RANK["compatible"]
                    for pair in combinations(members, 2))
        group = [items[k] for k in members]
        for i in sorted(i for i, host in again.items() if host == g):  # after its article's statements
            article = items[i].article  # type: ignore[attr-defined]
            at = max(n for n, f in enumerate(group) if f.article == article)  # type: ignore[attr-defined]
            group.insert(at + 1, items[i])
        out.append((group, ("agree", "variant", "conflict")[worst]))
    return out


def _linked(pair: Pair | None) -> bool:
    return pair is not None and pair.linked


Told = tuple[list[Unit], Status, list[str]]  # an aligned sentence: its units, status and notes


def _quote_findings(units: Sequence[Unit]) -> list[Finding]:
    """Quote findings; an aligned quote whose version in one article has sentences before or after it
    that another article does not carry anywhere says so ("b's quote goes on with 1 sentence that a
    does not carry (“We can't afford…”)"). A sentence the other article prints elsewhere, aligned
    there, is carried: it is no part of the quote that article left out."""
    judge = _judge_once_per_wording()
    candidates = quote_candidates(units)
    cut = common_cuts(units, candidates.pairs, judge)
    if len(cut) > len(units):
        units, candidates = cut, quote_candidates(cut)
    grouped = _grouped(units, judge, candidates.pairs, bridged=held_in)
    carried = {id(u): {v.article for v in group} for group, _ in grouped for u in group}
    siblings = quote_sentences(units)
    bounded = {id(units[k]): articles for k, articles in candidates.bounded.items()}
    told: list[Told] = []
    for group, status in grouped:
        if len(group) == 1 and group[0].nested:
            continue  # a quote within a quote that no other article quotes: its quote's finding holds it
        notes = [] if len(group) == 1 else _left_out_notes(group, siblings, carried)
        notes += [_bound_note(u, bounded[id(u)]) for u in group if id(u) in bounded]
        told.append((group, status, notes))
    return [_quote_finding(run) for run in _sentence_runs(told)]


def _left_out_notes(group: Sequence[Unit], siblings: Mapping[int, list[Unit]],
                    carried: Mapping[int, set[str]]) -> list[str]:
    """What an aligned sentence's quote has next to it, in some articles, that others do not carry
    anywhere ("a's and b's quotes go on with 1 sentence that c does not carry (“We can't afford…”)"),
    read out from the sentence on each side up to a sentence all of them carry."""
    # the sentences left out, keyed as compared (typography is no difference): how they are shown,
    # and whose quotes carry them
    told: dict[tuple[int, int, tuple[str, ...], tuple[str, ...]], tuple[str, list[str]]] = {}
    for unit in group:
        if unit.nested:
            continue
        others = {v.article for v in group} - {unit.article}
        quote = siblings[id(unit.quote)]
        for step in (-1, 1):
            gap: list[Unit] = []
            missing: set[str] = set()
            k = unit.index + step
            while 0 <= k < len(quote) and (leaving := others - carried.get(id(quote[k]), set())):
                gap.append(quote[k])
                missing |= leaving
                k += step
            if gap:
                opening = min(gap, key=lambda u: u.start)
                key = (step, len(gap), opening.matched[:6], tuple(sorted(missing)))
                told.setdefault(key, (" ".join(opening.text.split()[:6]), []))[1].append(unit.article)
    notes = []
    for (step, count, _, leaving_out), (shown, carriers) in told.items():
        sentences = f"{count} sentence{'s' if count > 1 else ''}"
        whose = join_names([f"{a}'s" for a in carriers])
        many = len(carriers) > 1
        side = (f"{'have' if many else 'has'} {sentences} before these words" if step < 0
                else f"{'go' if many else 'goes'} on with {sentences}")
        notes.append(f"{whose} quote{'s' if many else ''} {side} that {join_names(leaving_out)} "
                     f"{'do' if len(leaving_out) > 1 else 'does'} not carry (“{shown}…”)")
    return notes


def _sentence_runs(told: list[Told]) -> list[list[Told]]:
    """The aligned sentences in runs: sentences that follow one another in one stretch of each
    article's quote, each quoted alike by the same articles as the next, are one quote told alike and
    make one finding ("“It's not about you. It's not about your quality of life. It's not about your
    jobs,” Santorum said" in each: one agreement, not three). A run ends at a cue between sentences
    (“…,” he said. “…”), at a sentence one article does not carry, and at a sentence worded
    differently, which keeps a finding of its own so that its difference is shown where it is."""
    def key(group: list[Unit], step: int = 0) -> frozenset[tuple[str, int, int]]:
        return frozenset((u.article, id(u.quote), u.index + step) for u in group)

    def joins(group: list[Unit], status: Status) -> bool:
        return status == "agree" and len(group) > 1 and not any(u.nested for u in group)

    def by_article(group: list[Unit]) -> list[Unit]:
        return sorted(group, key=lambda u: u.article)

    following = {key(group, -1): k for k, (group, status, _) in enumerate(told) if joins(group, status)}
    successor: dict[int, int] = {}
    for k, (group, status, _) in enumerate(told):
        n = following.get(key(group)) if joins(group, status) else None
        if n is not None and all(_adjacent(u, v) for u, v in zip(by_article(group), by_article(told[n][0]),
                                                                  strict=True)):
            successor[k] = n
    runs = []
    for k in sorted(set(range(len(told))) - set(successor.values())):
        run = [told[k]]
        while k in successor:
            k = successor[k]
            run.append(told[k])
        runs.append(run)
    return runs


def _adjacent(u: Unit, v: Unit) -> bool:
    """Whether ``v`` is the sentence right after ``u`` in one stretch of their quote: nothing between
    them but space or the comma, semicolon or dash where a sentence was cut to match another
    article's (see common_cuts), no cue and no closing mark."""
    base = u.quote.start
    return u.quote is v.quote and u.end <= v.start \
        and not u.quote.text[u.end - base:v.start - base].strip(" \t\n\u00a0,;:-\u2013\u2014")


def _judge_once_per_wording() -> Callable[[Unit, Unit], Pair | None]:
    """judge_units, its verdict kept per pair of quotes and wordings: it reads nothing of a unit but
    its words and its quote's, so a sentence said over and over is judged once against each wording."""
    verdicts: dict[tuple[int, tuple[str, ...], int, tuple[str, ...]], Pair | None] = {}

    def judge(x: Unit, y: Unit) -> Pair | None:
        key = (id(x.quote), x.matched, id(y.quote), y.matched)
        if key not in verdicts:
            verdicts[key] = judge_units(x, y)
        return verdicts[key]

    return judge


def _bound_note(unit: Unit, articles: set[str]) -> str:
    """Where finding the matches of a much-repeated sentence was bounded (see quote_candidates)."""
    return (f"more than {WINDOW} of {join_names(sorted(articles))}'s quoted sentences could match "
            f"{unit.article}'s; it was compared with the {WINDOW} nearest in order")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _finding(kind: Any, status: Status, subject: str, explanation: str, mentions: list[Mention],
             diff: tuple[dict[str, Any], ...] = ()) -> Finding:
    key = [(m.article, m.start, m.end) for m in mentions]
    return Finding(id=_digest(kind, *key), kind=kind, status=status, subject=subject, explanation=explanation,
                   mentions=tuple(mentions), diff=diff)


def _mention(f: Fact | Unit, value: Any = None) -> Mention:
    return Mention(article=f.article, start=f.start, end=f.end, text=f.text, value=value)


def _title(analyzed: Sequence[ArticleFacts]) -> str:
    for a in analyzed:
        if a.article.title:
            return a.article.title
    if not analyzed:
        return ""
    first = analyzed[0].article.text.strip().splitlines()[0] if analyzed[0].article.text.strip() else ""
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def _by_article(statements: Sequence[tuple[str, str]]) -> str:
    """"a says X, b says Y" with articles stating the same value grouped."""
    grouped: dict[str, list[str]] = {}
    for article, value in statements:
        grouped.setdefault(value, []).append(article)
    parts = []
    for value, articles in grouped.items():
        verb = "says" if len(articles) == 1 else "say"
        parts.append(f"{join_names(articles)} {verb} {value}")
    return ", ".join(parts)


def _quantity_finding(group: list[Quantity], status: Status, dates: Sequence[DateFact],
                      weights: Weights, texts: dict[str, str], whens: dict[str, When]) -> Finding:
    first = group[0]
    what = first.counted or first.head or "figure"
    if first.unit == "year of age":
        subject = f"age of {what}"
    elif first.unit in {"percent", "fraction"}:
        subject = f"share of {what}"
    elif first.unit == "$":
        subject = f"amount: {what}"
    elif first.unit == "tally":
        subject = f"tally: “{_lead_in(texts[first.article], first.start, first.end)}”"
    elif first.unit == "ordinal":
        subject = f"rank: {what}"
    elif first.unit and first.unit != first.head:
        subject = f"{what} ({first.unit}s)"
    else:
        subject = what
    explanation = _value_explanation(group, status, "figure", lambda q: f"{describe_quantity(q)} (“{q.text}”)")
    if status == "conflict":
        numbers = [(q.article, float(q.value), q.text) for q in group if isinstance(q.value, int | float)]
        update = update_reason(numbers if len(numbers) == len(group) else [],
                               [w for q in group for w in (q.counted, q.head, q.unit) if w], whens,
                               [c for q in group for c in q.context])
        reason = day_count_reason(group, dates, weights)
        if update:
            status, explanation = "variant", update
        elif reason:
            explanation += " " + reason
    return _finding("quantity", status, subject, explanation, [_mention(q, q.value) for q in group])


def _value_explanation(group: Sequence[F], status: Status, noun: str, describe: Callable[[F], str]) -> str:
    """"a says 38 days, b says 39 days" and the like, for figures and dates; an article that states
    its value again (see _grouped) is named once, and the explanation says that it does."""
    first = group[0]
    told = Counter(f.article for f in group)  # type: ignore[attr-defined]
    articles = list(told)
    again = "".join(f" {article} states it {_times(n)}." for article, n in told.items() if n > 1)
    if status == "unique":
        return f"Only {articles[0]} gives this {noun}: {describe(first)}."
    if status == "agree":
        return f"{join_names(articles)} give the same {noun}: {describe(first)}.{again}"
    said = _by_article([(f.article, describe(f)) for f in _firsts(group)])  # type: ignore[attr-defined]
    if status == "variant":
        return f"Compatible {noun}s at different precision: {said}.{again}"
    return f"Incompatible {noun}s for what reads as the same fact: {said}.{again}"


def _firsts(statements: Sequence[F]) -> list[F]:
    """Each article's first of ``statements``, in their order: the one aligned, its restatements left out."""
    firsts: dict[str, F] = {}
    for s in statements:
        firsts.setdefault(s.article, s)  # type: ignore[attr-defined]
    return list(firsts.values())


def _times(n: int) -> str:
    return {2: "twice", 3: "three times"}.get(n, f"{n} times")


def _date_value(d: DateFact) -> Any:
    if d.value is not None:
        return {"first": d.value.first.isoformat(), "last": d.value.last.isoformat(),
                "granularity": d.value.granularity}
    return {"weekday": d.weekday} if d.weekday else None


def _describe_date(d: DateFact) -> str:
    """“Friday” (April 6, 2018); a bound says which: by “Saturday”, since “2005”."""
    bound = f"{d.relation} " if d.relation else ""
    return f"{bound}“{d.text}”" + (f" ({d.value.label()})" if d.value is not None and d.value.label() != d.text else "")


def _lead_in(text: str, start: int, end: int, words: int = 6) -> str:
    """The mention with the few words of its sentence that lead up to it: “the House voted on Wednesday”."""
    before = re.split(r"[.!?][\"”’]?\s+", text[max(0, start - 80):start])[-1].split()[-words:]
    return " ".join([*before, *text[start:end].split()])


def _weeks_apart(group: Sequence[DateFact], status: Status) -> str:
    """What to add where one weekday is read as days a week apart (values._week_apart): each article
    places a bare "Friday" from its own publication date, so the calendar days shown differ though
    the finding reads them as one day; an agreement shows only the first, and a reader would not
    know."""
    weekdays = {d.weekday for d in group if d.weekday}
    days = sorted({d.value for d in group if d.weekday and d.value is not None and d.value.granularity == "day"},
                  key=lambda v: v.first)
    if status not in ("agree", "variant") or len(weekdays) != 1 or len(days) < 2:
        return ""
    (weekday,) = weekdays
    return (f" Read from each article's publication date, “{weekday}” falls on "
            f"{join_names([v.label() for v in days])}; taken as one {weekday}.")


def _date_finding(group: list[DateFact], status: Status, texts: dict[str, str]) -> Finding:
    first = group[0]
    subject = f"date: “{_lead_in(texts[first.article], first.start, first.end)}”"
    explanation = _value_explanation(group, status, "date", _describe_date) + _weeks_apart(group, status)
    return _finding("date", status, subject, explanation, [_mention(d, _date_value(d)) for d in group])


def _quote_finding(run: Sequence[Told]) -> Finding:
    """The finding of one aligned sentence, or of a run of them (see _sentence_runs): its mentions
    then reach in each article from the run's first sentence to its last."""
    group = [u for units, _, _ in run for u in units]
    status = run[0][1]  # a run is of agreements (see _sentence_runs)
    notes: list[str] = list(dict.fromkeys(note for _, _, said in run for note in said))
    first = max(run[0][0], key=lambda u: len(u.words))
    # a quote within a quote is not its quote's speaker's words
    speakers = [u.quote.speaker.name for u in group if u.quote.speaker is not None and not u.nested]
    unsettled = status in {"agree", "variant"} and _speakers_unsettled([u for u in group if not u.nested])
    who = _most_named(speakers) if speakers else "unattributed"
    words = " ".join(first.text.split()[:8])
    subject = f"{who}: “{words}{'…' if len(first.text.split()) > 8 or len(run) > 1 else ''}”"
    diffs: tuple[dict[str, Any], ...] = ()
    if status == "unique":
        explanation = f"Only {group[0].article} quotes this" + (f" ({who})." if speakers else ".")
    elif status == "agree":
        explanation = f"{join_names([u.article for u in run[0][0]])} quote the same words" + (
            f", attributed to {who}." if speakers and not unsettled else ".")
    elif status == "conflict":
        given = _by_article([(u.article, f"it is by {u.quote.speaker.name}" if u.quote.speaker
                               else "it is unattributed") for u in group])
        explanation = f"The same words are given to different people: {given}."
    else:
        ref = diff_reference(group)
        diffs = tuple(word_diff(ref, u) for u in group if u is not ref)
        explanation = "Same quote, worded differently: " + "; ".join(_diff_sentence(d) for d in diffs) + "."
    if unsettled:
        # different speakers, not both named in so many words: no speaker conflict, but each one said
        given = _by_article([(u.article, f"it is by {u.quote.speaker.name}" if u.quote.speaker
                               else "it is unattributed") for u in group])
        notes = [*notes, f"who said it is not settled: {given}"]
    if notes:
        explanation = explanation.rstrip(".") + "; " + "; ".join(notes) + "."
    lasts = {u.article: u for u in run[-1][0]}  # (a group holds one sentence per article: see align)
    mentions = [Mention(article=u.article, start=u.start, end=lasts[u.article].end,
                        text=u.quote.text[u.start - u.quote.start:lasts[u.article].end - u.quote.start])
                for u in run[0][0]]
    return _finding("quote", status, subject, explanation, mentions, diffs)


def _most_named(names: Sequence[str]) -> str:
    """Whom most articles give the words to, counting "Brown" as "Kate Brown" (the first of those
    given as often), written as most of them write it (the first of those written as often)."""
    # counted by distinct name (in order of first naming): a run of a long quote repeats one name
    # for every sentence, and comparing every naming with every other grew with their square
    times = Counter(names)
    words = {n: name_words(n) for n in times}
    best = max(times, key=lambda n: sum(k for other, k in times.items() if words[n] & words[other]))
    forms = [n for n in times if words[n] & words[best]] or [best]
    return max(forms, key=times.__getitem__)


def _speakers_unsettled(group: Sequence[Unit]) -> bool:
    """The articles give the words to people with no name in common, or some give them to no one."""
    names = [frozenset(name_words(u.quote.speaker.name)) if u.quote.speaker else None for u in group]
    if len(names) < 2 or all(n is None for n in names):
        return False
    named = {n for n in names if n is not None}  # each name once (see _most_named)
    if None in names or frozenset() in named:
        return True  # some give them to no one, or to no name that tells a person (shared by no other)
    return any(not (x & y) for x, y in combinations(named, 2))


def _diff_sentence(diff: dict[str, Any]) -> str:
    parts = []
    if diff["inserted"]:
        parts.append("adds " + ", ".join(f"“{w}”" for w in diff["inserted"]))
    if diff["omitted"]:
        parts.append("leaves out " + ", ".join(f"“{w}”" for w in diff["omitted"]))
    if diff["changed"]:
        parts.append("has " + ", ".join(f"“{new}” for “{old}”" for old, new in diff["changed"]))
    return f"{diff['article']} " + (", ".join(parts) if parts else "differs only in punctuation") + \
        f" compared with {diff['against']}"


def _attribution_finding(group: list[Attribution], status: Status, texts: dict[str, str]) -> Finding:
    first = group[0]
    subject = f"source credited for {describe_attribution(first, texts[first.article])}"
    credits = "; ".join(f"{a.article} credits {a.source} (“{a.text}”)" for a in group)
    if status == "unique":
        explanation = f"Only {first.article} credits {first.source} here (“{first.text}”)."
    elif status == "agree":
        explanation = f"{join_names([a.article for a in group])} credit the same source, {first.source}."
    elif status == "variant":
        explanation = f"Different sources credited for the same report, none said to have had it first: {credits}."
    else:
        explanation = f"Different sources credited for the same report: {credits}."
    return _finding("attribution", status, subject, explanation, [_mention(a, a.source) for a in group])
