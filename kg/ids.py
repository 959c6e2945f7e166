"""Content-derived identifiers: the same thing gets the same id in every run.

Every id in the graph is made here, so that a re-run is an idempotent upsert.
"""

from __future__ import annotations

import hashlib
import unicodedata

_SEP = "\x1f"  # unit separator: cannot occur in a cleaned name


def _digest(*parts: object) -> str:
    text = _SEP.join(unicodedata.normalize("NFC", str(p)) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def node_id(label: str, *parts: object) -> str:
    """Return the id of a node from its label and the parts that identify it.

    >>> node_id("Place", "浙江省/台州市")
    'place-b5821668bc29c769'
    >>> node_id("Place", "浙江省/台州市") == node_id("Place", "浙江省/台州市")
    True
    """
    return f"{label.lower()}-{_digest(label, *parts)}"


def article_id(key: str) -> str:
    """Return the id of an article from its stable key (URL or relative path).

    >>> article_id("samples/a.txt").startswith("article-")
    True
    """
    return node_id("Article", key)


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of a text, as stored on the Article node.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
