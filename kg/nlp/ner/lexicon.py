"""Lexicon features of the NER model: which characters fall in a known name.

A character model learns names it saw; a lexicon tells it about names it did
not see (a county, a country, a rare surname).  For every character this module
computes one short string, embedded by the model like its other features
(``DEP`` attribute, see :mod:`kg.nlp.ner.tokenizer`):

* ``g``: position (``B``/``M``/``E``) in the longest match of a place name:
  China's provinces, cities and counties and their short names (kg's
  gazetteer) and the world's countries, their full names, capitals and main
  cities (jionlp's ``world_location.txt``);
* ``o``: position in an organisation head (公司, 委员会, 大学, ... from kg's
  lexicon and a few national-news ones);
* ``t``: position in a job title (书记, 主席, 总经理, ...);
* ``s``: the character is a common surname (``1``), or starts / ends a compound
  surname (``B``/``E``).

``-`` marks no match, so a plain character reads ``g-o-t-s-``.  The lists are
taken from kg's resources when a model is trained and saved with the model
(:meth:`Lexicon.to_dict`), so a trained model's features do not change when
kg's lexicon does.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Organisation heads of national news that kg's (village-news) lexicon lacks.
EXTRA_ORG_HEADS: tuple[str, ...] = (
    "有限公司", "有限责任公司", "股份有限公司", "总公司", "分公司", "集团公司", "代表大会", "人民代表大会",
    "常务委员会", "常委会", "委员会", "研究会", "学会", "研究所", "研究院", "科学院", "总会", "分会",
    "联盟", "同盟", "组织", "共产党", "国民党", "民主党", "工党", "议会", "国会", "参议院", "众议院",
    "部队", "军区", "通讯社", "新闻社", "广播电台", "出版社", "书店", "旅行社", "饭店", "酒店", "宾馆",
    "大使馆", "领事馆", "使馆", "代表处", "俱乐部", "代表团", "工会", "妇联", "团委", "国务院", "外交部",
    "中央", "总部", "基金", "交易所", "博物馆", "图书馆", "剧团", "剧院", "乐团", "球队", "法庭",
)

#: Job titles common in national news beyond kg's lexicon.
EXTRA_TITLES: tuple[str, ...] = (
    "总书记", "总理", "副总理", "总统", "副总统", "首相", "国务委员", "委员长", "副委员长", "议长",
    "大使", "外长", "司令", "司令员", "政委", "军长", "师长", "团长", "教授", "研究员", "院士",
    "记者", "同志", "先生", "女士", "小姐", "夫人", "总干事", "秘书长", "主编", "导演", "厂长",
)


def _jionlp_dictionary(name: str) -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / name
    return path if path.exists() else None


def world_place_names() -> list[str]:
    """Countries (short and full names), capitals, main cities and continents from jionlp."""
    path = _jionlp_dictionary("world_location.txt")
    if path is None:
        return []
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.endswith((":", "：")):
            names.add(line[:-1])
            continue
        for field in line.split("\t"):
            names.update(part.strip() for part in field.split("/"))
    return sorted(n for n in names if len(n) >= 2)


def default_lists() -> dict[str, list[str]]:
    """Build the lexicon lists from kg's resources (gazetteer, trigger lexicon, jionlp).

    Returns:
        ``{"places", "org_heads", "titles", "surnames", "compound_surnames"}``.
    """
    from kg.extract.places import _upper_index
    from kg.resources import load_lexicon

    lex = load_lexicon("v1")
    upper, _, _ = _upper_index()
    places = set(upper) | set(world_place_names())
    org_heads = {s for s in lex["organization"]["suffix_kinds"] if len(s) >= 2} | set(EXTRA_ORG_HEADS)
    titles = {t for t in lex["position"]["titles"] if len(t) >= 2} | set(EXTRA_TITLES)
    return {
        "places": sorted(n for n in places if len(n) >= 2),
        "org_heads": sorted(org_heads),
        "titles": sorted(titles),
        "surnames": sorted(set(lex["person"]["surnames"])),
        "compound_surnames": sorted(set(lex["person"]["compound_surnames"])),
    }


def _name_index(words: Iterable[str]):
    from kg.extract.places import NameIndex

    return NameIndex(words)


def _trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    from kg.extract.places import trie_regex

    return trie_regex(sorted(set(words)))


class Lexicon:
    """Name lists and the per-character features they give.

    Args:
        lists: As returned by :func:`default_lists` (or saved with a model).
    """

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.lists = {key: list(value) for key, value in lists.items()}
        # thousands of names: a set lookup per first character beats the trie regex's branch walk
        self._places = _name_index(self.lists.get("places", []))
        self._orgs = _trie_regex(self.lists.get("org_heads", []))
        self._org_set = frozenset(self.lists.get("org_heads", []))
        self._titles = _trie_regex(self.lists.get("titles", []))
        self._title_set = frozenset(self.lists.get("titles", []))
        self._surnames = frozenset(self.lists.get("surnames", []))
        self._compound = frozenset(self.lists.get("compound_surnames", []))

    def to_dict(self) -> dict[str, list[str]]:
        """The lists, for saving with a model."""
        return self.lists

    @staticmethod
    def _mark(text: str, pattern: re.Pattern[str], known: frozenset[str], out: list[str]) -> None:
        Lexicon._mark_spans((m.span() for m in pattern.finditer(text) if m.group() in known), out)

    @staticmethod
    def _mark_spans(spans: Iterable[tuple[int, int]], out: list[str]) -> None:
        for start, end in spans:
            if end - start < 2:
                continue
            out[start] = "B"
            for i in range(start + 1, end - 1):
                out[i] = "M"
            out[end - 1] = "E"

    def place_spans(self, text: str) -> list[tuple[int, int]]:
        """The longest place name at each position, left to right, not overlapping.

        The same matches as the trie regex of the names would give.

        >>> Lexicon({"places": ["台州", "台州市", "温岭市"]}).place_spans("台州市温岭市台州")
        [(0, 3), (3, 6), (6, 8)]
        """
        return self._places.spans(text)

    def features(self, text: str) -> list[str]:
        """One feature string per character of ``text``.

        >>> lex = Lexicon({"places": ["台州", "台州市"], "org_heads": ["委员会"], "titles": ["书记"],
        ...                "surnames": ["王"], "compound_surnames": ["欧阳"]})
        >>> lex.features("台州市委员会王书记")
        ['gBo-t-s-', 'gMo-t-s-', 'gEo-t-s-', 'g-oBt-s-', 'g-oMt-s-', 'g-oEt-s-', 'g-o-t-s1', 'g-o-tBs-', 'g-o-tEs-']
        """
        n = len(text)
        place, org, title = ["-"] * n, ["-"] * n, ["-"] * n
        self._mark_spans(self.place_spans(text), place)
        self._mark(text, self._orgs, self._org_set, org)
        self._mark(text, self._titles, self._title_set, title)
        surname = ["1" if c in self._surnames else "-" for c in text]
        if self._compound:
            for i in range(n - 1):
                if text[i : i + 2] in self._compound:
                    surname[i], surname[i + 1] = "B", "E"
        return [f"g{a}o{b}t{c}s{d}" for a, b, c, d in zip(place, org, title, surname, strict=True)]


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon built from kg's current resources (for training a new model)."""
    return Lexicon(default_lists())


def lexicon_from_settings(settings: dict[str, Any]) -> Lexicon | None:
    """The lexicon saved in a model's tokenizer settings, if any."""
    lists = settings.get("lexicon")
    return Lexicon(lists) if lists else None
