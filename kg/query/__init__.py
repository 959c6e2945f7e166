"""Cypher templates: every statement kg runs lives in ``cypher/``, loaded here by name.

A template is one ``.cypher`` file holding one statement under a header::

    // name: initiatives_in_place
    // Which initiatives do a place and the places inside it carry out?
    // params: place (str: name, alias or id of a Place), limit (int = 100)
    // returns: place, level, initiative, kind, articles
    // example: {"place": "温岭"}
    MATCH ...

``example`` (optional) gives parameters to try it with, as JSON: ``kg queries``
shows them and the Neo4j Browser guide (``cypher/browser/``) runs them.

Read templates sit in ``cypher/`` itself (``kg query NAME``, ``kg queries``),
the loader's statements in ``cypher/write/``, the schema in ``cypher/schema/``
and server administration in ``cypher/admin/`` (names ``write/<file>``,
``schema/<file>``, ``admin/<file>``).

Values always travel as ``$parameters``.  The one substitution this module
makes is a label or relationship type from the ontology's closed lists
(:data:`kg.model.LABELS`, :data:`kg.model.REL_TYPES`) into the ``{{label}}`` /
``{{type}}`` slots of write and schema templates (:meth:`Template.for_label`,
:meth:`Template.for_type`): Cypher cannot take a label as a parameter and
still use the label's index.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from kg.errors import ConfigError
from kg.model import LABELS, REL_TYPES

#: Where the templates live (``KG_CYPHER_DIR`` overrides).
CYPHER_DIR = Path(os.environ.get("KG_CYPHER_DIR", Path(__file__).resolve().parent.parent.parent / "cypher"))

#: Kinds of template, by folder.
KINDS = ("read", "write", "schema", "admin")

_TYPES = ("str", "int", "float", "bool", "list")
_HEADER = re.compile(r"^//\s?(.*)$")
_FIELD = re.compile(r"^(name|params|returns|example):\s*(.*)$")
_SLOT = re.compile(r"\{\{(label|type)\}\}")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s*=\s*(?P<default>[^:]+?))?\s*(?::\s*(?P<desc>.*))?\)$")


@dataclass(frozen=True, kw_only=True, slots=True)
class Param:
    """One ``$parameter`` of a template, as its header declares it."""

    name: str
    type: str
    required: bool = True
    default: Any = None
    description: str = ""

    def convert(self, value: Any) -> Any:
        """Return ``value`` as this parameter's type (strings from the CLI are parsed).

        Args:
            value: the value given.

        Returns:
            The converted value (None stays None).

        Raises:
            ConfigError: the value cannot be read as this type.

        >>> Param(name="limit", type="int").convert("5")
        5
        >>> Param(name="names", type="list").convert("台州,温岭")
        ['台州', '温岭']
        """
        if value is None:
            return None
        try:
            if self.type == "str":
                return str(value)
            if self.type == "int":
                if isinstance(value, bool):
                    raise ValueError(value)
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                text = str(value).strip().lower()
                if text not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                return text in ("true", "1", "yes")
            if isinstance(value, str):
                text = value.strip()
                return json.loads(text) if text.startswith("[") else [v.strip() for v in text.split(",") if v.strip()]
            return list(value)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"parameter {self.name!r} must be a {self.type}, not {value!r}") from e


@dataclass(frozen=True, kw_only=True, slots=True)
class Template:
    """One Cypher statement and what its header says about it."""

    name: str
    kind: str
    cypher: str
    description: str
    params: tuple[Param, ...] = ()
    returns: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)
    slot: str | None = None
    example: Mapping[str, Any] = field(default_factory=dict)

    def bind(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Check and complete the parameters of one run of this template.

        Args:
            params: the values given (strings are converted to the declared types).

        Returns:
            Every declared parameter, defaults filled in.

        Raises:
            ConfigError: a parameter is unknown, missing or of the wrong type.
        """
        given = dict(params or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ConfigError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"its parameters: {', '.join(known) or 'none'}"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                bound[param.name] = param.convert(given[param.name])
            elif param.required:
                raise ConfigError(f"query {self.name!r} needs --param {param.name}=… ({param.description or param.type})")
            else:
                bound[param.name] = param.default
        return bound

    def for_label(self, label: str) -> Template:
        """Return this template with its ``{{label}}`` slot filled.

        Args:
            label: a label of :data:`kg.model.LABELS`.

        Returns:
            A template whose Cypher names the label.

        Raises:
            ConfigError: the template has no label slot, or the label is not in the closed list.
        """
        return self._fill("label", label, LABELS)

    def for_type(self, rel_type: str) -> Template:
        """Return this template with its ``{{type}}`` slot filled.

        Args:
            rel_type: a relationship type of :data:`kg.model.REL_TYPES`.

        Returns:
            A template whose Cypher names the type.

        Raises:
            ConfigError: the template has no type slot, or the type is not in the closed list.
        """
        return self._fill("type", rel_type, REL_TYPES)

    def _fill(self, slot: str, value: str, allowed: tuple[str, ...]) -> Template:
        if self.slot != slot:
            raise ConfigError(f"template {self.name!r} has no {{{{{slot}}}}} slot")
        if value not in allowed:
            raise ConfigError(f"{value!r} is not in the closed list of {slot}s ({', '.join(allowed)})")
        return replace(self, cypher=self.cypher.replace("{{" + slot + "}}", value), slot=None)


def parse(text: str, *, kind: str = "read", path: Path | None = None) -> Template:
    """Read a template from the text of a ``.cypher`` file.

    Args:
        text: the file's text.
        kind: ``read``, ``write``, ``schema`` or ``admin``.
        path: the file, for messages.

    Returns:
        The template.

    Raises:
        ConfigError: the header is incomplete or a parameter line cannot be read.

    >>> t = parse("// name: n\\n// Count nodes.\\n// params: limit (int = 5: rows)\\n// returns: n\\nMATCH (x) RETURN count(x) AS n LIMIT $limit\\n")
    >>> (t.name, t.description, t.params[0].default, t.returns)
    ('n', 'Count nodes.', 5, ('n',))
    """
    where = str(path) if path else "template"
    fields: dict[str, str] = {}
    description: list[str] = []
    body: list[str] = []
    in_header = True
    for line in text.splitlines():
        header = _HEADER.match(line.strip()) if in_header else None
        if header is None:
            in_header = False
            body.append(line)
            continue
        content = header.group(1).strip()
        match = _FIELD.match(content)
        if match:
            fields[match.group(1)] = match.group(2).strip()
        elif content:
            description.append(content)
    missing = [key for key in ("name", "params", "returns") if key not in fields]
    if missing or not description:
        raise ConfigError(f"{where}: the header needs // name:, // params:, // returns: and one line of what it answers (missing: {', '.join(missing) or 'description'})")
    cypher = "\n".join(body).strip()
    if not cypher:
        raise ConfigError(f"{where}: no statement below the header")
    example: Any = {}
    if "example" in fields:
        try:
            example = json.loads(fields["example"])
        except ValueError as e:
            raise ConfigError(f"{where}: // example: must be a JSON object of parameters, not {fields['example']!r}") from e
        if not isinstance(example, dict):
            raise ConfigError(f"{where}: // example: must be a JSON object of parameters")
    slots = set(_SLOT.findall(cypher))
    if len(slots) > 1:
        raise ConfigError(f"{where}: a template may have one kind of slot, not {sorted(slots)}")
    return Template(
        name=fields["name"],
        kind=kind,
        cypher=cypher,
        description=" ".join(description),
        params=_parse_params(fields["params"], where),
        returns=tuple(r.strip() for r in fields["returns"].split(",") if r.strip() and r.strip() != "nothing"),
        path=path,
        slot=slots.pop() if slots else None,
        example=example,
    )


def _parse_params(text: str, where: str) -> tuple[Param, ...]:
    if text.strip() in ("", "none"):
        return ()
    items: list[str] = []
    depth = 0
    current = ""
    for char in text:  # split on commas outside parentheses
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    params = []
    for item in items:
        match = _PARAM.match(item)
        if match is None or match.group("type") not in _TYPES:
            raise ConfigError(f"{where}: cannot read parameter {item!r}; write it as `name (type[ = default][: description])` with type one of {', '.join(_TYPES)}")
        default_text = match.group("default")
        if default_text is None:
            params.append(Param(name=match.group("name"), type=match.group("type"), description=(match.group("desc") or "").strip()))
            continue
        try:
            default = json.loads(default_text)
        except ValueError as e:
            raise ConfigError(f"{where}: default of {match.group('name')!r} must be a JSON value, not {default_text!r}") from e
        params.append(
            Param(
                name=match.group("name"),
                type=match.group("type"),
                required=False,
                default=default,
                description=(match.group("desc") or "").strip(),
            )
        )
    return tuple(params)


def _folder(kind: str) -> Path:
    return CYPHER_DIR if kind == "read" else CYPHER_DIR / kind


@lru_cache(maxsize=None)
def load(name: str) -> Template:
    """Load a template by name: ``NAME`` (read), ``write/NAME``, ``schema/NAME`` or ``admin/NAME``.

    Args:
        name: the template's name.

    Returns:
        The template.

    Raises:
        ConfigError: there is no such template, or its header is wrong.
    """
    kind, _, base = name.rpartition("/")
    kind = kind or "read"
    if kind not in KINDS or not re.fullmatch(r"[a-z0-9_]+", base):
        raise ConfigError(f"no query named {name!r}; `kg queries` lists them")
    path = _folder(kind) / f"{base}.cypher"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        known = ", ".join(t.name for t in list_templates(kind=kind))
        raise ConfigError(f"no query named {name!r}; known: {known}") from e
    template = parse(text, kind=kind, path=path)
    expected = base if kind == "read" else f"{kind}/{base}"
    if template.name != expected:
        raise ConfigError(f"{path}: its header names it {template.name!r}, but the file says {expected!r}")
    return template


def list_templates(*, kind: str = "read") -> list[Template]:
    """Return every template of one kind, sorted by name.

    Args:
        kind: ``read`` (the queries users run), ``write``, ``schema`` or ``admin``.

    Returns:
        The templates.

    Raises:
        ConfigError: the kind is unknown or a template's header is wrong.
    """
    if kind not in KINDS:
        raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    prefix = "" if kind == "read" else f"{kind}/"
    return [load(prefix + path.stem) for path in sorted(_folder(kind).glob("*.cypher"))]
