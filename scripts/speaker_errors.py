"""The quote speakers score_quotes.py counts wrong on PolNeAR, by cause, with the cases to read.

Evaluation for storydiff (not part of the package):

    storydiff analyze ../shared/data/polnear/dev.jsonl --format json > facts.json
    python scripts/speaker_errors.py ../shared/data/polnear/dev.jsonl facts.json [--list CAUSE] [--shared ../shared]

A gold direct quote counts as in score_quotes.py (../shared/tools, whose QUOTE and overlaps this
script uses): an attribution whose content holds a quotation mark, found when an extracted quote
overlaps its content, its speaker right when a found quote's speaker span overlaps the gold source
or its name shares a capitalised word with it. Each found quote whose speaker is not right gets the
first cause that applies:

    no gold source   the gold names no source: no speaker can be right
    no speaker       storydiff gives none
    outer source     the gold credits whoever reports the speaking ("…,” O'Malley said, according to
                     the Las Vegas Sun": the Sun; "…, CNN reported"), by a cue storydiff did not take
    source as cue    the gold's source and cue are swapped ("…,” said Hester": source "said", cue
                     "Hester") and storydiff's speaker is the one the gold's cue names
    pronoun          the gold's source is a pronoun ("he"), storydiff's speaker another mention
    wrong mention    the rest

Prints the counts as a table; --list CAUSE prints each case of that cause with its passage.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CAUSES = ("no gold source", "no speaker", "outer source", "source as cue", "pronoun", "wrong mention")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his", "its", "their",
                      "who", "which"})
OUTER_CUES = re.compile(r"^(?:according to|(?:was |were )?report(?:s|ed)?|reported that)$", re.I)
SAYING = re.compile(r"^(?:said|says|asked|asks|told|tells|wrote|writes|added|adds|according to)\b", re.I)
NAME_WORD = re.compile(r"[A-Z][a-z]+")  # as score_quotes.py reads a name


def scorer(shared: Path) -> ModuleType:
    """../shared/tools/score_quotes.py, so that quotes and overlaps are read exactly as it reads them."""
    path = shared / "tools" / "score_quotes.py"
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def joined(text: str, ranges: list[list[int]] | None) -> str:
    return " ".join(text[s:e] for s, e in ranges or [])


def cause(text: str, attribution: dict[str, Any], hits: list[dict[str, Any]], overlaps: Any) -> str:
    source = attribution["source"] or []
    if not source:
        return "no gold source"
    if not any(q.get("speaker") for q in hits):
        return "no speaker"
    cue = attribution["cue"] or []
    if OUTER_CUES.match(joined(text, cue).strip()) and not any(
            q.get("cue") and overlaps([(q["cue"]["start"], q["cue"]["end"])], cue) for q in hits):
        return "outer source"
    if SAYING.match(joined(text, source).strip()) and speaker_right(text, cue, hits, overlaps):
        return "source as cue"
    if joined(text, source).strip().lower() in PRONOUNS:
        return "pronoun"
    return "wrong mention"


def speaker_right(text: str, source: list[list[int]], hits: list[dict[str, Any]], overlaps: Any) -> bool:
    words = {w for s, e in source for w in NAME_WORD.findall(text[s:e])}
    for q in hits:
        speaker = q.get("speaker") or {}
        if speaker.get("start") is not None and source and overlaps([(speaker["start"], speaker["end"])], source):
            return True
        if words and set(NAME_WORD.findall(speaker.get("name") or "")) & words:
            return True
    return False


def errors(gold_path: Path, facts_path: Path, sq: ModuleType) -> tuple[int, list[tuple[str, str, dict[str, Any],
                                                                                      list[dict[str, Any]], str]]]:
    """The number of gold direct quotes found, and (cause, article id, attribution, found quotes,
    text) for each one whose speaker is not right."""
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    quotes = {a["id"]: [f for f in a.get("facts", []) if f.get("kind") == "quote"] for a in facts.get("articles", [])}
    found = 0
    wrong = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text, extracted = record["text"], quotes.get(record["id"], [])
        for a in record["attributions"]:
            if not a["content"] or not sq.QUOTE.search(joined(text, a["content"])):
                continue
            hits = [q for q in extracted if sq.overlaps([(q["start"], q["end"])], a["content"])]
            if not hits:
                continue
            found += 1
            if not speaker_right(text, a["source"] or [], hits, sq.overlaps):
                wrong.append((cause(text, a, hits, sq.overlaps), record["id"], a, hits, text))
    return found, wrong


def passage(text: str, attribution: dict[str, Any], width: int = 80) -> str:
    spans = [r for key in ("source", "cue", "content") for r in attribution[key] or []]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    body = text[start:end] if end - start <= 600 else text[start:start + 600] + " …"
    return (text[max(start - width, 0):start] + body + text[end:end + width]).replace("\n", " ¶ ")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="PolNeAR jsonl (../shared/data/polnear/dev.jsonl)")
    ap.add_argument("facts", type=Path, help="storydiff analyze --format json of the same file")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--list", choices=CAUSES, help="print each case of this cause")
    args = ap.parse_args(argv)
    found, wrong = errors(args.gold, args.facts, scorer(args.shared))
    counts = Counter(c for c, *_ in wrong)
    print(f"{found} gold direct quotes found, {found - len(wrong)} with the right speaker "
          f"({(found - len(wrong)) / max(found, 1):.3f})\n")
    print("| cause | count |\n|---|---|")
    for c in CAUSES:
        print(f"| {c} | {counts[c]} |")
    print(f"| all | {len(wrong)} |")
    for c, article, a, hits, text in wrong:
        if c != args.list:
            continue
        ours = hits[0].get("speaker") or {}
        cue = hits[0].get("cue")
        print(f"\n## {article}\n   gold: {joined(text, a['source'])!r} ({joined(text, a['cue'])!r})"
              f"   storydiff: {ours.get('name')!r} ({text[cue['start']:cue['end']] if cue else None!r})")
        print("   " + passage(text, a))


if __name__ == "__main__":
    main()
