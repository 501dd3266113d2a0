"""Compared stories kept in the store, so that reading a story does not compare it again.

Ingest compares every story it makes or changes (it counts the story's conflicts and variants for
the story list) and keeps the comparison under a key made of the story's articles — their ids and the
hashes of their texts, in order — and of the code that compares: a hash of the files of storydiff's
compare and analyze packages (their source and the data compare reads, as its fitted thresholds)
and of its model (:data:`COMPARING_CODE`). A story read
back under the same key is the story :func:`~storydiff.compare.compare_story` would make now; under
any other key (an article changed, storydiff upgraded or edited) the stored comparison is passed
over and the story compared again. Copies are noted when the story is read, as before, so only the
comparison is kept.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

from .. import __version__

COMPARING_CODE = ("compare", "analyze", "model.py", "timeline.py")
"""What compare_story runs, in the package: the compare package, the analyze helpers it uses, the model,
and the publication times it tells updates by."""


@functools.cache
def code_version() -> str:
    """A hash of storydiff's version and of the source files of :data:`COMPARING_CODE`."""
    return source_hash(Path(__file__).resolve().parents[1])


def source_hash(package: Path) -> str:
    """A hash of storydiff's version and of the files of :data:`COMPARING_CODE` under ``package``: its
    source, and the data compare reads with it (the fitted thresholds, the related words); not the
    interpreter's caches."""
    digest = hashlib.sha256(__version__.encode())
    for part in COMPARING_CODE:
        paths = [package / part] if part.endswith(".py") else [
            p for p in (package / part).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        for path in sorted(paths):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def compare_key(members: Sequence[tuple[str, str]]) -> str:
    """The key a comparison of these articles is kept under (see the module's docstring), from each
    one's id and the SHA-256 of its text as the store keeps it (hex), in the order compared."""
    digest = hashlib.sha256(code_version().encode())
    for article_id, text_hash in members:
        digest.update(b"\0" + article_id.encode() + b"\0" + text_hash.encode())
    return digest.hexdigest()
