"""storydiff: group news articles by story and show, fact by fact, where outlets agree, vary,
conflict, or say something alone — every fact pointing at the characters it came from.

The Python API has the same verbs as the command line::

    from storydiff import load_articles, compare, analyze
    articles, problems = load_articles(["a.txt", "b.txt"])
    report = compare(articles)                 # a Report: stories with findings
    facts = analyze(articles[0])               # an ArticleFacts: one article's facts
"""

from __future__ import annotations

from .analyze import analyze
from .compare import CompareOptions, compare_story
from .errors import ArticleTooLarge, InputError, ModelError, StorydiffError, UsageError
from .ingest import IngestOptions, load_articles, read_inputs
from .model import (
    Article,
    ArticleFacts,
    Attribution,
    DateFact,
    DateValue,
    Entity,
    Fact,
    Finding,
    Mention,
    Problem,
    Quantity,
    Quote,
    Report,
    Speaker,
    Story,
)
from .pipeline import analyze_articles, compare
from .report import render

__version__ = "0.1.0"

__all__ = [
    "Article", "ArticleFacts", "ArticleTooLarge", "Attribution", "CompareOptions", "DateFact", "DateValue",
    "Entity", "Fact", "Finding", "IngestOptions", "InputError", "Mention", "ModelError", "Problem", "Quantity",
    "Quote", "Report", "Speaker", "Story", "StorydiffError", "UsageError", "analyze", "analyze_articles",
    "compare", "compare_story", "load_articles", "read_inputs", "render",
]
