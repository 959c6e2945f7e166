"""Imports of third-party libraries that need taming.

jionlp prints a banner to stdout when imported; kg's library code never
prints (stdout carries the CLI's JSON), so the import is made quiet here.
"""

from __future__ import annotations

import contextlib
import functools
import io


@functools.lru_cache(maxsize=1)
def jionlp():
    """Return the jionlp module, imported once without its stdout banner."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp as module  # noqa: PLC0415
    return module
