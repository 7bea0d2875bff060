"""Every example in the package's docstrings runs and shows what it says."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.iter_modules(kg.__path__, "kg.") if m.name != "kg.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(kg.__path__[0] + "/..")  # examples use paths relative to the project root
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
