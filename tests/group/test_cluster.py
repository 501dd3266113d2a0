"""Grouping: similarity, blocks, average link, order independence, copies."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import numpy as np

from storydiff.group import Signature, cluster, group, similarity
from storydiff.group.cluster import EDGE_FLOOR, WINDOW_DAYS, all_edges, average_link, blocks, cluster_block
from storydiff.group.copies import COPY_JACCARD, is_copy, jaccard, minhash
from storydiff.group.signature import weigh


def sig(article: str, features: dict[str, float], *, persons: tuple[str, ...] = (), years: tuple[str, ...] = (),
        published: str | None = None) -> Signature:
    norm = math.sqrt(sum(w * w for w in features.values()))
    return Signature(article, tuple((f, w / norm) for f, w in sorted(features.items(), key=lambda fw: -fw[1])),
                     frozenset(persons), frozenset(years), published)


QUAKE_A = {"E:haiti": 3, "W:earthquake": 2, "N:7.0": 2, "E:port-au-prince": 2, "W:collapse": 1}
QUAKE_B = {"E:chile": 3, "W:earthquake": 2, "N:8.8": 2, "E:concepcion": 2, "W:tsunami": 1}


def test_same_event_is_closer_than_same_topic() -> None:
    a1, a2 = sig("a1", QUAKE_A), sig("a2", {**QUAKE_A, "W:rescue": 1})
    b1 = sig("b1", QUAKE_B)
    assert similarity(a1, a2) > 0.9
    assert similarity(a1, b1) < 0.3


def test_publication_dates_bound_and_weaken_links() -> None:
    a = sig("a", QUAKE_A, published="2010-01-12")
    same_day = sig("b", QUAKE_A, published="2010-01-12")
    three_days = sig("c", QUAKE_A, published="2010-01-15")
    too_far = sig("d", QUAKE_A, published=f"2010-01-{12 + WINDOW_DAYS + 1}")
    assert similarity(a, same_day) > similarity(a, three_days) > 0
    assert math.isclose(similarity(a, three_days), similarity(a, same_day) / 2)
    assert similarity(a, too_far) == 0.0


def test_different_persons_and_years_lower_similarity() -> None:
    base = {"W:arrest": 2, "W:dui": 2, "E:chargers": 2}
    a = sig("a", {**base, "E:jackson": 1}, persons=("jackson",), years=("2008",))
    same = sig("b", {**base, "E:jackson": 1}, persons=("jackson",), years=("2008",))
    other = sig("c", {**base, "E:williams": 1}, persons=("williams",), years=("2009",))
    assert similarity(a, same) > similarity(a, other)
    plain = similarity(sig("x", base), sig("y", base))
    assert similarity(a, other) < plain


def test_blocks_are_connected_components() -> None:
    comps = blocks(["a", "b", "c", "d", "e"], [("a", "b", 0.5), ("b", "c", 0.2), ("d", "e", 0.9)])
    assert comps == [["a", "b", "c"], ["d", "e"]]


def test_average_link_stops_at_threshold() -> None:
    sims = np.array([[0, .9, .8, .1], [.9, 0, .7, 0], [.8, .7, 0, .05], [.1, 0, .05, 0]])
    assert average_link(sims, 0.5) == [[0, 1, 2], [3]]
    assert average_link(sims, 0.95) == [[0], [1], [2], [3]]


def test_two_events_of_one_topic_stay_apart() -> None:
    sigs = [sig(f"a{i}", {**QUAKE_A, f"W:detail{i}": 1}) for i in range(4)]
    sigs += [sig(f"b{i}", {**QUAKE_B, f"W:detail{i}": 1}) for i in range(4)]
    stories = group(sigs)
    assert sorted(map(sorted, stories)) == [[f"a{i}" for i in range(4)], [f"b{i}" for i in range(4)]]


def _synthetic(n_events: int, seed: int) -> tuple[list[Signature], dict[str, int]]:
    rng = random.Random(seed)
    topic_words = [f"W:topic{i}" for i in range(30)]
    sigs, gold = [], {}
    for e in range(n_events):
        own = {f"E:name{e}": 3.0, f"N:{e}": 2.0}
        topic = dict.fromkeys(rng.sample(topic_words, 4), 1.5)
        day = 1 + rng.randrange(20)
        for k in range(rng.randint(1, 5)):
            noise = {f"W:noise{rng.randrange(500)}": 1.0 for _ in range(3)}
            art = f"e{e:03d}-{k}"
            sigs.append(sig(art, {**topic, **own, **noise}, published=f"2020-03-{day + rng.randrange(2):02d}"))
            gold[art] = e
    return sigs, gold


def test_stories_do_not_depend_on_order_or_batches() -> None:
    sigs, gold = _synthetic(40, seed=7)
    reference = group(sigs)
    pure = sum(len({gold[a] for a in story}) == 1 for story in reference)
    assert pure / len(reference) > 0.9
    for seed in range(5):
        shuffled = sigs[:]
        random.Random(seed).shuffle(shuffled)
        assert group(shuffled) == reference


def test_cluster_block_ignores_edges_outside_the_block() -> None:
    assert cluster_block(["a", "b"], [("a", "b", 0.9), ("b", "z", 0.9)]) == [["a", "b"]]


def test_edge_floor_is_a_real_cut() -> None:
    weak = [sig("a", {"W:x": 1, "W:y": 10}), sig("b", {"W:x": 1, "W:z": 10})]
    assert similarity(*weak) < EDGE_FLOOR
    assert sorted(group(weak)) == [["a"], ["b"]]


def test_weigh_keeps_unit_length_and_rarer_words_heavier() -> None:
    weights = dict(weigh({"W:said": 1.0, "W:tsunami": 1.0}))
    assert math.isclose(math.sqrt(sum(w * w for w in weights.values())), 1.0, abs_tol=1e-5)  # rounded to 5 places
    assert weights["W:tsunami"] > weights["W:said"]


def test_copies_are_found_and_different_texts_are_not() -> None:
    text = " ".join(f"word{i}" for i in range(300))
    edited = text.replace("word150", "changed")
    other = " ".join(f"other{i}" for i in range(300))
    assert is_copy(minhash(text), minhash(edited))
    assert jaccard(minhash(text), minhash(other)) < COPY_JACCARD
    assert not is_copy(minhash(text), minhash(other).tobytes())


def test_signature_round_trips_through_json() -> None:
    s = sig("a", QUAKE_A, persons=("reid",), years=("2008",), published="2008-12-01")
    back = Signature.from_json(s.to_json())
    assert back.article == "a" and back.persons == s.persons and back.years == s.years
    assert back.published == "2008-12-01"
    assert [f for f, _ in back.features] == [f for f, _ in s.features]


def test_two_lone_articles_need_a_real_match_to_join() -> None:
    shared = {"W:senate": 1.2, "W:vote": 1.2}
    a = sig("a", {**shared, "W:budget": 3.0, "E:smith": 3.0})
    b = sig("b", {**shared, "W:pipeline": 3.0, "E:jones": 3.0})
    assert 0.1 < similarity(a, b) < EDGE_FLOOR  # shares the topic words, not the event
    assert sorted(group([a, b])) == [["a"], ["b"]]
    assert group([a, sig("c", {**shared, "W:budget": 3.0, "E:smith": 2.0})]) == [["a", "c"]]


def test_keys_past_the_cap_find_no_candidates(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """all_edges follows meet(): a pair is a candidate only through a feature whose keys are live for both."""
    sigs, _ = _synthetic(40, seed=3)
    uncapped = set(all_edges(sigs))
    monkeypatch.setattr(cluster, "KEY_POSTING_CAP", 4)
    posting = Counter(key for s in sigs for key in cluster.index_keys(s))
    assert any(not cluster.live(n) for n in posting.values())  # the cap is reached: the test is not vacuous
    capped = set(all_edges(sigs))
    brute = set()
    for a, b in itertools.combinations(sorted(sigs, key=lambda s: s.article), 2):
        sim = similarity(a, b)
        if cluster.meet(a, b, posting.__getitem__) and sim >= EDGE_FLOOR:
            brute.add((a.article, b.article, sim))
    assert {e[:2] for e in capped} == {e[:2] for e in brute}
    assert capped < uncapped


def test_analysed_weights_are_the_stored_weights() -> None:
    """A signature as analysis makes it survives the store's JSON exactly, so similarities do not
    depend on which article was stored first."""
    import json

    counts = {"E:haiti": 3.0, "W:earthquake": 2.0, "N:7.0": 1.0, "W:collapse": 1.0, "W:rubble": 2.0}
    s = Signature("a", weigh(counts), frozenset({"preval"}), frozenset({"2010"}), "2010-01-13")
    assert Signature.from_json(json.loads(json.dumps(s.to_json()))) == s


def test_a_headline_line_is_in_the_lead_but_does_not_count_as_one_of_its_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    """A headline and a byline read as sentences of their own (no closing mark) stay in the lead, and
    the lead still takes its two sentences of story below them: the lead's words weigh double."""
    from storydiff.group.signature import _lead_end

    text = ("Colts beat Chiefs to clinch playoff spot\nPublished December 23, 2012\n"
            "Andrew Luck threw for 205 yards. The Colts won 20-13. Kansas City fell to 2-13.")
    doc = nlp(text)
    assert len(list(doc.sents)) == 5
    assert doc[:_lead_end(doc)].text.endswith("The Colts won 20-13.")
