"""Mentions: spans of the analysed text that name something, before identity is resolved.

A :class:`Mention` lives only inside the extraction of one article; the graph
(:mod:`kg.model`) is made from mentions once their identity (``key``) and
canonical ``name`` are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, eq=False)
class Mention:
    """One span of the analysed (simplified) text that names an entity.

    Attributes:
        start, end: offsets in the article text.
        label: ontology label (Place, Organization, ...).
        text: the surface form, simplified script.
        name: canonical name once resolved (defaults to ``text``).
        key: identity within the label (the same key in any article means the same node).
        props: node properties (level, kind, value, ...).
        extractor: which rule or model found it.
        confidence: 0..1.
        ref: a relative reference (全市, 该村) rather than a name.
        nested: lies inside another entity's name (浙江 in 浙江泰隆商业银行).
        cands: gazetteer candidates (places only).
        parent: the mention this one sits under in an admin chain (places only).
    """

    start: int
    end: int
    label: str
    text: str
    name: str = ""
    key: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    extractor: str = ""
    confidence: float = 0.8
    ref: bool = False
    nested: bool = False
    cands: list[int] = field(default_factory=list)
    parent: "Mention | None" = None
    gaz: int = -1

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end

    def __repr__(self) -> str:  # compact, for debugging and test failures
        return f"<{self.label} {self.text!r}→{self.name!r} {self.start}:{self.end}>"
