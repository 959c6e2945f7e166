"""Ingest stage: files and folders in, :class:`~kg.model.Article` values out.

:func:`read_articles` reads ``.txt``, ``.html``/``.htm`` and ``.jsonl`` files and
folders of them, detects encodings, refuses files over the size limit
(``--max-bytes`` / ``KG_MAX_BYTES``, default 20 MB) and cleans each article
with :mod:`kg.clean`.  Inputs that cannot be read are yielded as
:class:`~kg.errors.InputError` values naming the file (and line), so that a batch
goes on.
"""

from kg.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, resolve_max_bytes
from kg.ingest.reader import ARTICLE_SUFFIXES, read_articles

__all__ = ["ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "decode_bytes", "read_articles", "resolve_max_bytes"]
