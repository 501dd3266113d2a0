"""Shared fixtures: the language model (loaded once per test session) and the shared dev data."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.nlp import load_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "occupy-ice"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the shared data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
