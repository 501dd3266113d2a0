"""The fuzz suite's report: how many inputs it ran, in how long, and the seed to replay them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fuzz.harness import PROFILE, SEED, TALLY

_wall = {"seconds": 0.0}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/fuzz/" in item.nodeid:
            # a failing input is printed whole, however long: that is what replays it
            item.add_marker(pytest.mark.filterwarnings("ignore:Generating overly large repr"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and "tests/fuzz/" in report.nodeid:
        _wall["seconds"] += report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TALLY.inputs:
        return
    terminalreporter.write_line(
        f"fuzz: {TALLY.inputs:,} generated inputs in {_wall['seconds']:,.0f} s (profile {PROFILE}, seed {SEED}; "
        f"replay with STORYDIFF_FUZZ_SEED={SEED})")
