"""Versioned data resources (lexicons), registered with spaCy's registry.

A component names the resource it uses (``kg.lexicon.v1``) in its config, so
a changed lexicon is a new version, never a silent edit of an old one.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml
from spacy.util import registry

from kg.errors import ModelError


@functools.lru_cache(maxsize=None)
def load_lexicon(version: str = "v1") -> dict[str, Any]:
    """Return the trigger lexicon of the given version.

    Raises:
        ModelError: the version is not shipped with this package.
    """
    path = resources.files("kg.resources").joinpath("lexicon", f"{version}.yaml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ModelError(f"lexicon {version!r} is not shipped with kg (looked for {path})") from e
    return yaml.safe_load(text)


@registry.misc("kg.lexicon.v1")
def lexicon_v1() -> dict[str, Any]:
    return load_lexicon("v1")
