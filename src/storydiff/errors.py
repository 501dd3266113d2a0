"""Errors raised by storydiff.

Every error storydiff raises on purpose derives from one base::

    StorydiffError
     ├── InputError          an input could not be read as articles (names the input)
     │    ├── ArticleTooLarge an article is bigger than the configured bound
     │    └── LinkRefused     a link leads to an address the fetcher may not reach (the web app's guard)
     ├── ModelError          the spaCy model is not installed or cannot be loaded
     ├── StoreError          the store is missing, not a store, or lacks what was asked for
     │    └── StoreUnavailable SQLite cannot read or write the store file: damaged, read-only, locked, full
     │         └── IngestStopped (storydiff.stories) the store failed midway through an ingest
     ├── UsageError          options that do not fit together
     └── MissingExtra        an optional part (the web app) is used without its extra installed

Messages say what happened, to which input, and what to do. Third-party errors (UnicodeDecodeError,
json.JSONDecodeError, OSError) are mapped to these at the boundary where the input is read.
"""

from __future__ import annotations

import re

# What would break a message's one line, or its printing: C0 and C1 controls (tab aside), line and
# paragraph separators, and lone surrogates (a file name of bytes that are not UTF-8 holds them).
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def one_line(text: str) -> str:
    """``text`` with what would break its line or its printing written as escapes (``\\n``, ``\\udcff``)."""
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(c := m.group(), f"\\u{ord(c):04x}"), text)


class StorydiffError(Exception):
    """Base of every error storydiff raises on purpose."""


class InputError(StorydiffError):
    """An input (file, line, stdin) could not be turned into an article."""

    def __init__(self, source: str, reason: str) -> None:
        source, reason = one_line(source), one_line(reason)  # a file name may hold a newline
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ArticleTooLarge(InputError):
    """An article's text is longer than the bound the caller set."""


class LinkRefused(InputError):
    """A link (or a redirect it leads to) resolves to an address the fetcher was told not to reach:
    the web app fetches public addresses only, unless started with ``--allow-private-urls``."""


class ModelError(StorydiffError):
    """The language model could not be loaded."""


class StoreError(StorydiffError):
    """The store is missing, is not a storydiff store, or does not hold what was asked for."""


class StoreUnavailable(StoreError):
    """SQLite cannot read or write the store file: it is damaged, read-only, locked, or the disk is full."""


class UsageError(StorydiffError):
    """Options or arguments that do not fit together."""


class MissingExtra(StorydiffError):
    """An optional part of storydiff is used, but the packages of its extra are not installed."""

    def __init__(self, extra: str, missing: str) -> None:
        super().__init__(f"the {extra} extra is not installed ({missing} is missing); "
                         f"install it with: pip install 'storydiff[{extra}]'")
        self.extra = extra
