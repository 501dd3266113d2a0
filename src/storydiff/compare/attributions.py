"""Judging attributions: do two articles credit the same source for the same report?

Two credits align when the sentences they credit say the same thing, or when both tell of one
person speaking to one outlet ("Boehner said in an interview with Fox News", "telling Fox News";
"Ginsburg told The Times" and "Trump told the Times" are two interviews). The same source is
agreement. Two different outlets credited with the same report is a conflict only when one of them is
said to have had it first ("the Oregonian reported" against "first reported by the Portland
Tribune"), and needs the strongest evidence; otherwise both may have reported it ("state television
reported" and "the news agency reported"), and the finding is a variant that names both.
"""

from __future__ import annotations

import re

from ..analyze.attributions import outlet_key
from ..model import Attribution
from .align import Pair, Weights
from .values import named_apart

SAME_SOURCE_MIN = 0.12
CONFLICT_MIN = 0.15
REPORT_CUES = {"report", "reveal", "publish", "learn", "break", "obtain", "first", "disclose"}
FIRST = re.compile(r"\b(?:first|broke|break|breaking|originally|exclusive(?:ly)?|scoop)\b", re.IGNORECASE)


def same_source(a: str, b: str) -> bool:
    """"Press Herald" and "Portland Press Herald", "Times" and "New York Times" are one source."""
    ka, kb = outlet_key(a).split(), outlet_key(b).split()
    if not ka or not kb:
        return False
    if _initials(ka) == "".join(kb) or _initials(kb) == "".join(ka):
        return True  # "AP" and "Associated Press"
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return all(w in long or _initials_of_run(w, long) for w in short)


def _initials_of_run(word: str, words: list[str]) -> bool:
    """Whether ``word`` is the initials of two or more words in a row of ``words``: "la" of "los
    angeles" ("L.A. Times", "Los Angeles Times"), "ny" of "new york"."""
    n = len(word)
    return n >= 2 and any(_initials(words[i:i + n]) == word for i in range(len(words) - n + 1))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def judge_attributions(x: Attribution, y: Attribution, weights: Weights) -> Pair | None:
    if _unnamed(x) != _unnamed(y) or _brought_in(x) or _brought_in(y):
        # a document told by what it is names no source but the story's own: "according to the poll" is
        # not the "New York Times/CBS News poll" another article names, and "according to a new poll" in
        # two articles may be two polls (Harvard's and Morning Consult's); but "the indictment" or "court
        # records" in two reports of one case are one
        return None
    score = weights.similarity(x.context, y.context)
    if same_source(x.source, y.source):
        if x.teller and y.teller:
            if named_apart((x.teller,), (y.teller,)):
                return None  # two people's interviews with one outlet
            return Pair(max(score, SAME_SOURCE_MIN), "same")  # one person's, told two ways
        return Pair(score, "same", linked=score >= SAME_SOURCE_MIN)
    if x.source_kind == y.source_kind == "outlet" and x.cue in REPORT_CUES and y.cue in REPORT_CUES:
        first = FIRST.search(x.text) is not None or FIRST.search(y.text) is not None
        return Pair(score, "incompatible" if first else "compatible", linked=score >= CONFLICT_MIN)
    return None


def _unnamed(a: Attribution) -> bool:
    """A document credited by what it is, with no name: "a new poll", "the indictment", "court records"."""
    return a.source_kind == "document" and not any(w[:1].isupper() for w in a.source.split())


def _brought_in(a: Attribution) -> bool:
    """A document told by what it is and brought in as one of its kind: "a new poll", "an analysis"."""
    return _unnamed(a) and re.search(rf"\b(?:a|an|another)\s+{re.escape(a.source.lower())}\b",
                                     a.text.lower()) is not None


def describe_attribution(a: Attribution, text: str, words: int = 9) -> str:
    """The credited sentence, shortened: “The National ICE Council sent letters to state …”; a mark
    closing the sentence before, which the sentence splitter may leave at its start, left out."""
    sentence = text[a.content.start:a.content.end].split()
    while sentence and not any(c.isalnum() for c in sentence[0]):
        sentence = sentence[1:]
    return "“" + " ".join(sentence[:words]) + ("…" if len(sentence) > words else "") + "”"
