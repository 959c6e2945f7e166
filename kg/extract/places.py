"""Place mentions: divisions of China from the gazetteer, other named places, relative references.

Three sources, in order of trust:

1. the gazetteer (jionlp's divisions): province/city/county names and their
   short forms anywhere in the text; township and village names (with their
   suffix 镇/乡/街道/村/社区) where the text has them;
2. names the gazetteer does not know, shaped like places: a pkuseg word ending
   in a place suffix (金竹岭脚村-like) or a word before a suffix word (X 街道,
   X 小区), and landmarks (X岛, X水库, X大桥, ...);
3. the NER model's LOC spans that neither found.

Relative references (全市, 该村) become mentions with ``ref=True`` and are
resolved with the rest in :mod:`kg.resolve.places`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from kg.extract.context import TextView
from kg.extract.mentions import Mention
from kg.resolve.gazetteer import COUNTY, TOWNSHIP, Gazetteer, load_gazetteer
from kg.resources import load_lexicon

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_LOWER_SUFFIX_RE = re.compile(r"(?:村民委员会|居委会|社区|街道|嘎查|苏木|村|镇|乡)")
_BAD_NAME_CHARS = set("的了是在和与及或等为被把从向对将就也都又还这那其之所以而但并且个们")
_STOP_BEFORE = set("在到于从向对与和及等为由经将把被让给据至往赴离自")
# words that start with a division suffix but name no place (市场 after 合作市, 区别 after X区)
_NOT_PLACE_WORDS = frozenset({"市场", "市值", "区别", "区分", "区间", "区块", "县域"})


def trie_regex(words) -> re.Pattern:
    """Compile ``words`` into one regex that matches the longest word at each position.

    A plain alternation of thousands of names tries them one by one; factoring
    the common prefixes into a trie lets the regex engine walk it instead.

    >>> [m.group() for m in trie_regex(["台州", "台州市", "温岭市"]).finditer("台州市温岭市台州")]
    ['台州市', '温岭市', '台州']
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return re.compile(build(trie))


@functools.lru_cache(maxsize=1)
def _lower_index() -> dict[str, list[int]]:
    """Full names of townships, villages and communities (3+ chars) -> gazetteer ids."""
    gaz = load_gazetteer()
    lower: dict[str, list[int]] = {}
    for name, ids in gaz.index.items():
        if len(name) < 3:
            continue
        keep = [j for j in ids if gaz.level_rank(j) >= TOWNSHIP and gaz.name(j) == name]
        if keep:
            lower[name] = keep
    return lower


class NameIndex:
    """Find the longest of many names at a position (what :func:`trie_regex` matches, faster).

    A trie regex of thousands of names walks its first-character branches one by one at
    every position; a set lookup per candidate length of the character found is ~5x faster.

    >>> index = NameIndex(["台州", "台州市", "温岭市"])
    >>> index.search("在台州市温岭市", 0), index.spans("台州市温岭市台州")
    ((1, 4), [(0, 3), (3, 6), (6, 8)])
    """

    def __init__(self, names) -> None:
        self.names = frozenset(n for n in names if n)
        lengths: dict[str, set[int]] = {}
        for name in self.names:
            lengths.setdefault(name[0], set()).add(len(name))
        self._lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}

    def search(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        """The first position at or after ``pos`` where a name starts, with the longest name there."""
        names, lengths, n = self.names, self._lengths.get, len(text)
        for i in range(pos, n):
            for size in lengths(text[i], ()):
                if i + size <= n and text[i : i + size] in names:
                    return i, i + size
        return None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The longest name at each position, left to right, not overlapping."""
        out: list[tuple[int, int]] = []
        i = 0
        while (hit := self.search(text, i)) is not None:
            out.append(hit)
            i = hit[1]
        return out


@functools.lru_cache(maxsize=1)
def _upper_names() -> NameIndex:
    upper, _, _ = _upper_index()
    return NameIndex(upper)


@functools.lru_cache(maxsize=1)
def _upper_index() -> tuple[dict[str, list[int]], frozenset[str], int]:
    """Names and short names of provinces, cities and counties (2+ chars) -> gazetteer ids."""
    gaz = load_gazetteer()
    upper: dict[str, list[int]] = {}
    for name, ids in gaz.index.items():
        keep = [i for i in ids if gaz.level_rank(i) <= COUNTY]
        if keep and len(name) >= 2:
            upper[name] = keep
    firsts = frozenset(n[0] for n in upper)
    return upper, firsts, max(len(n) for n in upper)


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    lex = load_lexicon("v1")["place"]
    return {
        "suffix_levels": lex["suffix_levels"],
        "suffixes": sorted(lex["suffix_levels"], key=len, reverse=True),
        "landmarks": sorted(lex["landmark_suffixes"], key=len, reverse=True),
        "generic": frozenset(lex["generic_heads"]),
        "relative": lex["relative"],
        "bare": lex["bare_relative"],
        # 社区还设立… / ，村投入…: a bare level word that opens a clause, then a lead
        "bare_re": re.compile(
            r"(?:^|(?<=[，。；！？：\n\s“”「」（）]))("
            + "|".join(sorted(map(re.escape, lex["bare_relative"]), key=len, reverse=True))
            + r")(?="
            + "|".join(sorted(map(re.escape, lex["bare_relative_leads"]), key=len, reverse=True))
            + ")"
        ),
    }


def is_full_name(gaz: Gazetteer, idx: int, text: str) -> bool:
    return gaz.name(idx) == text


def _level_of_suffix(name: str) -> str | None:
    for suf in _lex()["suffixes"]:
        if name.endswith(suf) and len(name) > len(suf):
            return _lex()["suffix_levels"][suf]
    for suf in _lex()["landmarks"]:
        if name.endswith(suf) and len(name) > len(suf):
            return "landmark"
    return None


def _generic_head(name: str) -> bool:
    """True when the name is a category (示范村, 行政村, 全镇) rather than a proper name."""
    generic = _lex()["generic"]
    for suf in _lex()["suffixes"] + _lex()["landmarks"]:
        if name.endswith(suf):
            head = name[: -len(suf)]
            if not head or head in generic or head[-2:] in generic or len(head) == 1 and head in "本该全各每此那这其某":
                return True
            return any(ch in _BAD_NAME_CHARS for ch in head) and len(head) <= 2
    return False


def find_upper(view: TextView, gaz: Gazetteer) -> list[Mention]:
    """Provinces, cities and counties by full or short name, longest match first."""
    upper, _, _ = _upper_index()
    text = view.text
    out: list[Mention] = []
    names = _upper_names()
    i, n = 0, len(text)
    while i < n:
        hit = names.search(text, i)
        if hit is None:
            break
        i, end = hit
        cand = text[i:end]
        ids = upper[cand]
        full = [j for j in ids if gaz.name(j) == cand]
        nxt = text[end : end + 1]
        if i not in view.token_starts and (not full or len(cand) <= 2) and not any(o.end == i for o in out):
            i += 1
            continue  # a short name inside a word (凉山 in 大凉山, 古县 in 千年古县) is not that place
        if full and len(cand) <= 3 and end not in view.token_ends and view.token_covering(end - 1) is not None:
            tok = view.token_covering(end - 1)
            if text[tok[0]:tok[1]] in _NOT_PLACE_WORDS:
                i += 1
                continue  # 合作市 in 合作市场
        # a short name followed by a suffix may be a different, smaller place of that name (仙居镇)
        if not full and nxt and nxt in "镇乡村街区县市省" and gaz.lookup(cand + nxt) and view.token_covering(i) == (i, end + 1):
            i += 1
            continue
        out.append(
            Mention(
                i, end, "Place", cand,
                cands=list(full or ids),
                extractor="gazetteer",
                confidence=0.95 if full else 0.8,
                # two-character full names (古县, 沙县) are as ambiguous as short names
                props={"short": not full or len(cand) <= 2},
            )
        )
        i = end
    return out


def find_lower(view: TextView, gaz: Gazetteer, taken: list[tuple[int, int]],
               upper: Sequence[Mention] = ()) -> list[Mention]:
    """Townships, villages and communities: gazetteer names ending in a place suffix."""
    text = view.text
    out: list[Mention] = []
    for m in _LOWER_SUFFIX_RE.finditer(text):
        end = m.end()
        best = None
        for start in range(max(0, m.start() - 8), m.start() - 1):
            name = text[start:end]
            if len(name) < 3 or not _CJK.match(name):
                continue
            ids = _lower_index().get(name)
            if ids and not _generic_head(name):
                best = (start, name, ids)
                break
        if best is None and m.end() - m.start() == 1:
            best = _two_char_under(gaz, text, m.start() - 1, end, [*upper, *out])
        if best is None:
            continue
        start, name, ids = best
        # a village name must begin a word, or follow the place it is in (大溪镇沈岙村);
        # 岭脚村 inside the word 金竹岭脚村 is not that village, 组织村 after a verb is not one either
        chained = any(e == start for _, e in taken) or any(o.end == start for o in out)
        if start not in view.token_starts and not chained:
            continue
        if not chained and not (view.token_covering(start) == (start, end)):
            # several words: only when the article places it (resolution checks the context)
            pass
        if any(s < end and start < e for s, e in taken):
            # inside an upper-level match: 温岭市 is not a village 岭市
            if not any(s >= start and e <= end for s, e in taken):
                continue
        single_word = view.token_covering(start) == (start, end)
        out.append(
            Mention(start, end, "Place", name, cands=ids, extractor="gazetteer", confidence=0.9,
                    props={"weak": not (single_word or chained)})
        )
    # 实现|村村有产业, 带动|村集体: the 村 begins the next word and 实现村 is not meant, unless the
    # article names that village elsewhere (胜利村 … 胜利|村村集体)
    solid = {m.text for m in out if not m.props["weak"]}
    return [m for m in out if not (m.props["weak"] and m.text not in solid and _suffix_starts_a_word(text, m.text, m.end))]


def _two_char_under(gaz: Gazetteer, text: str, start: int, end: int,
                    before: Sequence[Mention]) -> tuple[int, str, list[int]] | None:
    """A two-character village or township (余村) written right after the place it is in
    (天荒坪镇余村): taken only when the gazetteer files it under that place."""
    if start < 1 or not _CJK.match(text[start:end]):
        return None
    prev = next((p for p in before if p.end == start and p.cands), None)
    if prev is None:
        return None
    name = text[start:end]
    ids = [j for j in gaz.index.get(name, ()) if gaz.level_rank(j) >= TOWNSHIP and gaz.name(j) == name
           and any(gaz.is_within(j, i) for i in prev.cands)]
    return (start, name, ids) if ids else None


def find_unknown(view: TextView, taken: list[tuple[int, int]]) -> list[Mention]:
    """Place-shaped words the gazetteer does not know (new villages, communities, landmarks)."""
    text = view.text
    out: list[Mention] = []
    tokens = view.tokens
    suffixes = _lex()["suffixes"] + _lex()["landmarks"]
    for k, (s, e) in enumerate(tokens):
        word = text[s:e]
        if not _CJK.match(word):
            continue
        start = None
        if len(word) >= 3 and _level_of_suffix(word):
            start = s
        elif word in suffixes and len(word) >= 2 and k > 0:
            ps, pe = tokens[k - 1]
            prev = text[ps:pe]
            if pe == s and 2 <= len(prev) <= 6 and _CJK.match(prev) and not (set(prev) & _BAD_NAME_CHARS):
                start = ps
        if start is None:
            continue
        name = text[start:e]
        level = _level_of_suffix(name)
        if level is None or level in ("province", "city", "county") or _generic_head(name):
            continue
        if any(ts < e and start < te for ts, te in taken):
            continue
        if _inside_quote(view, start, e):
            continue  # “乡贤帮村” is a programme, not a village
        chained = any(te == start for _, te in taken)
        if not chained and _cuts_a_word(text, start):
            continue  # 外乡|贤回村: 乡贤 is the word, the name would start inside it
        ner = any(ns <= start and e <= ne and lab == "LOC" for ns, ne, lab in view.ner)
        if _slogan_shape(name, chained=chained):
            continue
        if level == "landmark" and len(name) - len(head_of(name)) == 1 and not (chained or ner):
            continue  # 刘振江: a one-character landmark word (江, 山, 岛) needs more than its ending
        if not chained:
            # the model calls it something else, unless that is a body named after this place (X村党支部)
            # (a name the model sees only in the head, 乌兰朝鲁 of 乌兰朝鲁嘎查, does not contradict the suffix)
            other = any(ns < e <= ne and not (ns == start and ne > e)
                        and (lab == "ORG" or (lab == "PER" and not text[ns:ne].endswith(("村", "镇", "乡", "社区", "小区"))))
                        for ns, ne, lab in view.ner)
            head_idf = _idf().get(head_of(name))
            everyday = head_idf is not None and head_idf < 8.5
            # the model's agreement counts unless the name is an everyday word (赌博村); without it the
            # name must look made up (金竹岭脚村) and the model must not call it something else
            if not ((ner and not everyday) or (_rare_head(name, level) and not other)):
                continue
        out.append(
            Mention(start, e, "Place", name, extractor="pattern:place_suffix", confidence=0.6, props={"level": level})
        )
        taken.append((start, e))
    return out


def _repeats(view: TextView, found: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Other whole-word occurrences of the new places found (pkuseg cuts a name differently
    in another sentence: 乌兰|朝|鲁嘎|查)."""
    taken = taken + [m.span for m in found]
    out: list[Mention] = []
    for name in dict.fromkeys(m.text for m in found):
        first = next(m for m in found if m.text == name)
        for hit in re.finditer(re.escape(name), view.text):
            s, e = hit.span()
            # 余村村集体: pkuseg joins the name's 村 and the next word's
            doubled = e < len(view.text) and view.text[e] == name[-1]
            if s not in view.token_starts or not (e in view.token_ends or doubled) or any(ts < e and s < te for ts, te in taken):
                continue
            out.append(Mention(s, e, "Place", name, cands=list(first.cands), extractor=first.extractor,
                               confidence=first.confidence, props=dict(first.props)))
            taken.append((s, e))
    return out


def _begins_lower_word(view: TextView, m: Mention) -> bool:
    """True when ``m`` begins a longer word that ends in, or is followed by, a township/village suffix."""
    token = view.token_covering(m.start)
    if token is None or token[0] != m.start or token[1] <= m.end:
        return False
    lower = ("township", "village", "community")
    if _level_of_suffix(view.text[token[0] : token[1]]) in lower:
        return True
    after = view.token_covering(token[1])  # 赤峰塔拉|嘎查
    return after is not None and after[0] == token[1] and _lex()["suffix_levels"].get(view.text[after[0] : after[1]]) in lower


#: words that begin with a division word (the 村 of 实现村集体 belongs to 村集体)
_DIVISION_WORDS = ("村村", "村集体", "村民", "村级", "村干部", "村委", "村两委", "村党", "村务", "村庄", "村容", "村貌", "村规",
                   "村内", "村里", "村企", "村社", "镇村", "镇里", "镇级", "乡村", "乡镇", "乡里", "乡亲", "社区")


def _suffix_starts_a_word(text: str, name: str, end: int) -> bool:
    """True when the suffix of ``name`` (ending at ``end``) begins a division word and the
    name's head is an everyday word (实现|村集体, 带动|村民)."""
    head = head_of(name)
    idf = _idf().get(head)
    if idf is None or idf >= 8.5:
        return False
    suffix_start = end - (len(name) - len(head))
    return text.startswith(_DIVISION_WORDS, suffix_start)


def _cuts_a_word(text: str, start: int) -> bool:
    """True when the characters on both sides of ``start`` make a word and the two after it do not
    (乡|贤回村: 乡贤 is a word, 贤回 is none)."""
    if start < 1 or not _CJK.match(text[start - 1 : start + 2]):
        return False
    words = _idf()
    return text[start - 1 : start + 1] in words and text[start : start + 2] not in words


def _slogan_shape(name: str, *, chained: bool = False) -> bool:
    """镇帮镇 (of 驻镇帮镇扶村), 帮镇扶村, 强镇兴村: division words strung into a slogan, not a name."""
    head = head_of(name)
    if head[:1] in "镇乡村县市区省":
        return True
    return len(head) == 3 and head[1] in "镇乡村" and not chained


def _inside_quote(view: TextView, start: int, end: int) -> bool:
    return any(q.inner_start <= start and end <= q.inner_end and (start, end) != (q.inner_start, q.inner_end) for q in view.quotes)


@functools.lru_cache(maxsize=1)
def _idf() -> dict[str, float]:
    """jionlp's word IDF table: a word in it is a common word, not a made-up place name."""
    from kg.resolve.gazetteer import jionlp_dictionary  # noqa: PLC0415

    table: dict[str, float] = {}
    for line in jionlp_dictionary("idf.txt").split("\n"):
        word, _, value = line.partition("\t")
        if 2 <= len(word) <= 4:
            try:
                table[word] = float(value)
            except ValueError:
                continue
    return table


def _rare_head(name: str, level: str) -> bool:
    """True when the part before the suffix is not an everyday word (破落村 is a description)."""
    for suf in _lex()["suffixes"] + _lex()["landmarks"]:
        if name.endswith(suf) and len(name) > len(suf):
            head = name[: -len(suf)]
            break
    else:
        return False
    idf = _idf().get(head)
    if idf is None:
        return True
    return level in ("community", "landmark") and idf >= 8.0


def find_relative(view: TextView, taken: list[tuple[int, int]]) -> list[Mention]:
    """全市, 我省, 该村 ...: references that name no place themselves."""
    text = view.text
    out = []
    rel = _lex()["relative"]
    for word in sorted(rel, key=len, reverse=True):
        for m in re.finditer(re.escape(word), text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            level, how = rel[word]
            out.append(
                Mention(s, e, "Place", word, ref=True, extractor=f"coref:{how}", confidence=0.7,
                        props={"ref_level": level, "ref_how": how})
            )
            taken.append((s, e))
    bare = _lex()["bare"]
    for m in _lex()["bare_re"].finditer(text):
        s, e = m.span(1)
        if any(ts < e and s < te for ts, te in taken):
            continue
        out.append(
            Mention(s, e, "Place", m.group(1), ref=True, extractor="coref:bare", confidence=0.6,
                    props={"ref_level": bare[m.group(1)], "ref_how": "recent"})
        )
        taken.append((s, e))
    return out


def find_ner_places(view: TextView, taken: list[tuple[int, int]]) -> list[Mention]:
    """LOC spans of the NER model that the gazetteer and patterns did not find."""
    out = []
    for s, e, label in view.ner:
        if label != "LOC" or any(ts < e and s < te for ts, te in taken):
            continue
        name = view.text[s:e]
        if len(name) < 2 or not _CJK.match(name):
            continue
        level = _level_of_suffix(name)
        if level is None or _generic_head(name):
            continue  # a bare word the model calls a place (中国, 农村) is not a governed place here
        chained = any(te == s for _, te in taken)
        if _slogan_shape(name, chained=chained) or (not chained and _cuts_a_word(view.text, s)):
            continue
        head_idf = _idf().get(head_of(name))
        if head_idf is not None and head_idf < 8.5:
            continue  # 赌博村: a kind of village described by an everyday word
        out.append(Mention(s, e, "Place", name, extractor="ner", confidence=0.6, props={"level": level}))
        taken.append((s, e))
    return out


@functools.lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    """Four-character idioms (jionlp's dictionary): 白山黑水 and 鱼米之乡 name no place."""
    from kg.resolve.gazetteer import jionlp_dictionary  # noqa: PLC0415

    lines = jionlp_dictionary("chinese_idiom.txt").split("\n")
    return frozenset(w for w in (line.split("\t", 1)[0] for line in lines) if len(w) == 4)


def idiom_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of four-character idioms in ``text``."""
    idioms = _idioms()
    return [(i, i + 4) for i in range(len(text) - 3) if text[i : i + 4] in idioms]


def head_of(name: str) -> str:
    """Return the name without its place suffix (大溪镇 -> 大溪)."""
    for suf in _lex()["suffixes"] + _lex()["landmarks"]:
        if name.endswith(suf) and len(name) > len(suf):
            return name[: -len(suf)]
    return name


def find_places(view: TextView) -> list[Mention]:
    """Return every place mention of the article (names and relative references), sorted."""
    gaz = load_gazetteer()
    upper = find_upper(view, gaz)
    taken = [m.span for m in upper]
    lower = find_lower(view, gaz, taken, upper)
    # 余村 again, on its own, once the article has placed it (天荒坪镇余村)
    lower += _repeats(view, [m for m in lower if len(m.text) == 2], taken + [m.span for m in lower])
    # a lower match that contains an upper one wins (东阳镇 over 东阳), otherwise the upper one stays
    keep_upper = [u for u in upper if not any(l.start <= u.start and u.end <= l.end and l.span != u.span for l in lower)]
    mentions = keep_upper + [l for l in lower if not any(u.overlaps(l) and not (l.start <= u.start and u.end <= l.end) for u in keep_upper)]
    # a short upper name that only begins a place-shaped word (乌兰 of 乌兰朝鲁嘎查) does not
    # stop that word from being the new place it names
    inside = [m for m in mentions if m.props.get("short") and _begins_lower_word(view, m)]
    unknown = find_unknown(view, [m.span for m in mentions if m not in inside])
    unknown += _repeats(view, unknown, [m.span for m in mentions if not m.props.get("short")])
    mentions = [m for m in mentions if not (m.props.get("short") and any(u.overlaps(m) for u in unknown))]
    mentions += unknown
    taken = [m.span for m in mentions]
    mentions += find_ner_places(view, taken)
    idioms = idiom_spans(view.text)
    if idioms:
        mentions = [m for m in mentions if not any(m.start < e and s < m.end for s, e in idioms)]
    # a short name inside quotation marks (“强基、富民、善治”) is part of a slogan, not that place
    mentions = [m for m in mentions if not (m.props.get("short") and _inside_quote(view, m.start, m.end))]
    mentions += find_relative(view, [m.span for m in mentions])
    mentions.sort(key=lambda m: m.start)
    return mentions
