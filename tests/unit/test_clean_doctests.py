"""The doctests of the pure cleaning and decoding helpers run with the tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.clean.page", "kg.clean.script", "kg.clean.dates", "kg.clean.htmlpage", "kg.ingest.decode"]


@pytest.mark.parametrize("name", MODULES)
def test_clean_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
