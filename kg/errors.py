"""The project's exception types: each says what happened and what to do."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """An input file (or one line of it) cannot be read as an article.

    ``path`` names the file and ``line`` the JSONL line (1-based) when there is one.
    """

    def __init__(self, path: str, problem: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ConfigError(KgError):
    """A setting is missing or wrong (an option, a KG_* or NEO4J_* variable)."""


class StoreError(KgError):
    """The graph store cannot be read or written."""


class Neo4jUnavailable(StoreError):
    """The Neo4j server cannot be reached or refused the credentials."""


class ModelError(KgError):
    """A shipped model or resource is missing or cannot be loaded."""
