"""Quotation marks: where the quotations of a text begin and end.

One left-to-right pass over the quote marks and line breaks. Curly and straight marks are told
apart as opening or closing from the characters beside them; a quotation nested inside another
is skipped over; a paragraph that ends inside a quotation closes it, unless the next paragraph
opens with a quote mark (news convention: the quotation runs on). So a stray or unbalanced mark
costs at most its own paragraph. Single curly quotes are left alone: ’ is mostly an apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

__all__ = ["MARKS", "QuotedStretch", "ends_sentence", "find_quoted", "opens_lower", "title_like"]

MARKS = "“”\""
# Characters that may stand before an opening mark (a colon too: "Rep. Trey Gowdy (R-S.C.):\"I have not …").
BEFORE_OPEN = frozenset(" \t\r\n\u00a0([{—–―-/‘'“”\":")
_EVENT = re.compile("[“”\"\n]")
# Words a title leaves in lower case.
ARTICLES = frozenset({"a", "an", "the"})  # the words a name or title may begin with that are no part of it
TITLE_SMALL = ARTICLES | {"of", "on", "in", "and", "for", "to", "with", "at", "by", "or"}


@dataclass
class QuotedStretch:
    """One quotation as written: its parts (inside the marks) and where its marks are."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    open_mark: int = -1
    close_mark: int = -1  # -1 when the quotation ends unclosed at a paragraph end


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open (space before, word after) and can close (the reverse)."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    can_open = prev in BEFORE_OPEN and not nxt.isspace()
    can_close = not prev.isspace() and not nxt.isalnum()
    return can_open, can_close


def opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation when none is open."""
    if _opens_line(text, i):
        return True
    can_open, can_close = _flanks(text, i)
    if text[i] == "“":
        return can_open or not can_close
    if text[i] == "”":
        return can_open and not can_close
    return can_open and not (can_close and text[i - 1 if i else 0].isalnum())


# What a quotation opening a line may begin with, after a space: an ellipsis, a bracket, a capital or
# a digit; not a lower-case word, which a closing mark wrapped onto a line of its own goes on with
# ("…world¶” he said").
_LINE_OPENING = re.compile(r"[ \t\u00a0]+(?:…|\.\.\.|[(\[]|[A-Z0-9])")


def _opens_line(text: str, i: int) -> bool:
    """A closing or straight mark that opens a line and is followed by a space, as writers type one
    by mistake for the opening mark before an ellipsis ("¶” … they are so not like him,” she said";
    "¶" (Orozco) arranged to have witnesses"): a mark at the start of a line closes nothing, so it
    opens the quotation that the mark at the sentence's end closes."""
    line = text.rfind("\n", 0, i) + 1
    return not text[line:i].strip() and _LINE_OPENING.match(text, i + 1) is not None


def find_quoted(text: str) -> list[QuotedStretch]:
    """Every quotation in ``text``, in order: one pass over its quote marks and line breaks."""
    found: list[QuotedStretch] = []
    cur: QuotedStretch | None = None
    stack: list[str] = []  # kinds of the open marks: "c" curly, "s" straight
    start = 0
    pos = 0
    for j in _events(text):
        if j < pos:
            continue
        pos = j + 1
        ch = text[j]
        if ch == "\n":
            if cur is None:
                continue
            nxt = _skip_space(text, j)
            if nxt < len(text) and text[nxt] in MARKS and opens(text, nxt):
                _add_part(cur, text, start, j)  # runs on into the next paragraph
                start, stack, pos = nxt + 1, ["s" if text[nxt] == "\"" else "c"], nxt + 1
            elif not _wrapped_line(text, j, nxt):
                _add_part(cur, text, start, j)
                found.append(cur)
                cur, stack = None, []
            continue
        kind = "s" if ch == "\"" else "c"
        if cur is None:
            if opens(text, j):
                cur, stack, start = QuotedStretch(open_mark=j), [kind], j + 1
            continue
        can_open, can_close = _flanks(text, j)
        clear_open = can_open and not can_close
        if kind == "c" and ch == "“" and clear_open or kind != stack[-1] and clear_open:
            stack.append(kind)  # a quotation inside the quotation
            continue
        stack.pop()
        if not stack:
            _add_part(cur, text, start, j)
            cur.close_mark = j
            found.append(cur)
            cur = None
    if cur is not None:
        _add_part(cur, text, start, len(text))
        found.append(cur)
    return [q for q in found if q.parts]


def _events(text: str) -> Iterator[int]:
    """Positions of quote marks and line breaks, in order."""
    for m in _EVENT.finditer(text):
        yield m.start()


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _wrapped_line(text: str, nl: int, nxt: int) -> bool:
    """A single line break inside a paragraph: the next line closes the quotation."""
    if nxt != nl + 1:
        return False
    end = text.find("\n", nxt)
    for k in range(nxt, end if end >= 0 else len(text)):
        if text[k] in MARKS:
            return not opens(text, k)
    return False


def _add_part(cur: QuotedStretch, text: str, start: int, end: int) -> None:
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    if e > s:
        cur.parts.append((s, e))


_SENTENCE_FINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def ends_sentence(quoted: str) -> bool:
    """A quoted stretch that closes its sentence ("…help ourselves." but not "I trust in God,")."""
    return _SENTENCE_FINAL.search(quoted) is not None


_OPENERS = "\"“‘'( "  # what may stand before a quoted stretch's first word


def opens_lower(quoted: str) -> bool:
    """A quoted stretch that goes on with a sentence begun before it ("but God wants…")."""
    first = quoted.lstrip(_OPENERS)
    return bool(first) and first[0].islower()


_I_OPENS = re.compile(r"I(?:[’'](?:m|ve|d|ll))?\b")
_MARKS_AND_SPACE = " \t\u00a0\"“”‘’'"


def goes_on(text: str, end: int, start: int, stop: int) -> bool:
    """The quoted part ``text[start:stop]`` goes on with the sentence that the part ending at ``end``
    broke off at its cue: the cue is set off by commas, one closing the first part and one right
    before the second ("I trust in God," Obama said, "but God wants…"), and the second opens in lower
    case, or with "I", where a full stop would have begun a new sentence ("Leaving my service," he
    said, "I'm able to look back…"). Without the commas they are two quoted phrases of one sentence
    (called it an “act of hate” and called for “hardening our defenses”; "…," says Llamas, but he
    was shocked by the “gun show loophole”)."""
    between = text[end:start]
    closes = text[max(0, end - 8):end].rstrip().endswith(",") or between.lstrip(_MARKS_AND_SPACE).startswith(",")
    if not closes or not between.rstrip(_MARKS_AND_SPACE).endswith(","):
        return False
    quoted = text[start:stop]
    return opens_lower(quoted) or _I_OPENS.match(quoted.lstrip(_OPENERS)) is not None


def title_like(words: Sequence[str]) -> bool:
    """Words written as a title: at most six, each capitalised, a number or a small word ("Generations
    with Kevin Swanson", "Face the Nation")."""
    return 0 < len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w in TITLE_SMALL for w in words)
