"""Page stamps: the dates a page gives itself, which are not facts of the story.

"Posted: Nov 27, 2005 8:20 AM ET", "Last Updated: Monday, 28 November 2005, 02:24 GMT",
"Updated 3:45 p.m.", "PUBLISHED: THURSDAY, MAY 2, 2013", "Copyright 2005", and datelines
("WASHINGTON, Nov. 27 (Reuters) -"), and a blog's "posted in Hit and Run Accidents on Friday,
September 20, 2013". A stamp word must be capitalized (as it is at the head of a
line or a sentence) and followed at once by date material, so "the video was posted Monday" and
"Updated: Rick Santorum on Sunday tried ..." keep their dates.
"""

from __future__ import annotations

import re

from .datenorm import MONTH

__all__ = ["CLOCK_TIME", "markup_tags", "not_story", "page_stamps"]

CLOCK_TIME = (r"\b\d{1,2}\s?:\s?\d\d(?:\s?:\s?\d\d)?(?:\s?(?:[ap]\.\s?m\b\.?|[ap]m\b))?"
              r"|\b\d{1,2}\s?(?:[ap]\.\s?m\b\.?|[ap]m\b|o['’]clock)")
"""A time of day: "7:21 AM", "5 p.m.", "11: 47: 35" (ECB+'s spacing), "5 o'clock"."""

_STAMP_WORD = (r"(?:(?:Last|LAST)\s+)?(?:Updated|UPDATED|Posted|POSTED|Published|PUBLISHED|Modified|MODIFIED)"
               r"|(?:Last\s+updated|(?:Originally|First)\s+(?:published|posted))|Copyright|COPYRIGHT|©|\([Cc]\)")
_MONTHS = rf"(?i:{MONTH})"  # in any case: "PUBLISHED: THURSDAY, MAY 2, 2013"
_WEEKDAYS = r"(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day|nesday|sday|urday)?"
# One piece of a stamp: a number (with its ordinal ending), a month or weekday, a clock word or a
# time zone, or the separators between them.
_PIECE = (rf"(?:\d+(?:st|nd|rd|th|(?i:[ap]m))?|{_MONTHS}\.?|{_WEEKDAYS}\.?|[ap]\.\s?m\.|(?i:am|pm)|at|on|hrs|"
          r"[A-Z]{1,2}[SD]?T|GMT|UTC)(?![\w])")
_STAMP = re.compile(rf"(?=[A-Z©(])(?<![\w-])(?:{_STAMP_WORD})\s*:?\s*(?:(?:on|at)\s+)?(?=\d|{_MONTHS}|{_WEEKDAYS})"
                    rf"(?:{_PIECE}|\((?:{_PIECE}|\s)+\)|[\s,:|/.-])+")
# A blog's byline: "posted in Pedestrian Accidents on Wednesday, September 18, 2013".
_POSTED_IN = re.compile(rf"(?<![\w-])(?i:posted)\s+in\s+(?:(?:[A-Z][\w&'’-]*|and|of|&)\s+){{1,6}}on\s+"
                        rf"(?:{_WEEKDAYS},?\s+)?{_MONTHS}\.?\s+\d{{1,2}},?\s+\d{{4}}")
_PLACE = r"[A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,3}"
_DATELINE = re.compile(
    rf"(?=[A-Z])(?<![\w,]){_PLACE}(?:,\s{_PLACE})?,\s(?:{_WEEKDAYS},?\s)?(?:{_MONTHS})\.?\s\d{{1,2}}(?:,\s\d{{4}})?"
    r"\s*(?:\([A-Za-z. ]+\)\s*)?[-—–]{1,2}\s")


# A line that holds nothing but date and time material ("May 3, 2013 | 8:20 am", "12:52 p.m. EDT
# May 2, 2013", "published: 2012 - 04 - 04 11: 47: 35", "21 July 2013 Last updated at 11: 11 GMT",
# "26 September 2013, 10: 00 (GMT+05: 00)"),
# stamp words allowed among it, is the page's
# stamp when it holds a time of day, or when it stands in the page's head (its first HEAD_LINES
# non-empty lines: headline, byline, date) and holds a day.
_ZONE_OFFSET = r"\(?(?:GMT|UTC)\s?[+−-]\s?\d{1,2}(?:\s?:\s?\d\d)?\)?"  # "(GMT+05: 00)", "UTC-4"
_DATE_TIME_LINE = re.compile(rf"(?:(?i:(?:last\s+)?(?:updated|posted|published|modified))(?![\w])|{_ZONE_OFFSET}"
                             rf"|\((?:{_PIECE}|\s)+\)|{_PIECE}|[ \t,:|/.-])+")
_CLOCK = re.compile(CLOCK_TIME, re.IGNORECASE)
_DAY = re.compile(rf"{_MONTHS}|\d\s?/\s?\d|\d{{4}}\s?-\s?\d\d?\s?-\s?\d")
HEAD_LINES = 4


def page_stamps(text: str) -> list[tuple[int, int]]:
    """Character ranges of the page's own stamps and datelines in ``text``."""
    spans = [m.span() for pattern in (_STAMP, _DATELINE, _POSTED_IN) for m in pattern.finditer(text)]
    return spans + _date_time_lines(text)


def _date_time_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    lines = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lines += 1
            if len(body) <= 80 and any(c.isdigit() for c in body) and _DATE_TIME_LINE.fullmatch(body) \
                    and _DAY.search(body) and (lines <= HEAD_LINES or _CLOCK.search(body)):
                spans.append((start, start + len(body)))
        start += len(line)
    return spans


# A tag of markup left in an article's text: "<tweet tweet-author="@ByronYork" tweet-date="March 9,
# 2016">", "<tweet/>", "</p>". A tag opens with a letter (or "/") at once after "<", so "x < 3 and y
# > 2" is no tag; a quoted attribute may run over lines (as a tweet's pasted date does), the rest of
# a tag may not, and no part of it holds "<" or ">".
_TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*)(?:\s+(?:[^<>\"\n]|\"[^<>\"]*\")*)?/?>")


def markup_tags(text: str) -> list[tuple[int, int]]:
    """Character ranges of the markup tags in ``text``: what their attributes hold (a tweet's date and
    id, its author) is the page's, not the story's, though it reads as dates and figures."""
    return [m.span() for m in _TAG.finditer(text)]


def not_story(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that hold no facts of the story: the page's stamps and its markup
    tags."""
    return page_stamps(text) + markup_tags(text)
