"""Mentions of organisations, people, initiatives, documents, events, awards and outcomes.

Each ``find_*`` function reads the :class:`TextView` (and the place mentions
already resolved) and returns :class:`Mention` objects.  The rules are
general patterns over Chinese news prose: a name is delimited by suffixes
(…党支部, …工作法, …示范村), quotation marks, title marks, position titles
and the words around them; every lexicon comes from ``kg.lexicon.v1``.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Iterable

from kg.extract.context import Quote, TextView
from kg.extract.dates import find_dates
from kg.extract.mentions import Mention
from kg.extract.quantities import find_quantities
from kg.resources import load_lexicon

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_QUOTE_CHARS = "“”‘’\"'「」『』《》〈〉"
_PUNCT = set("，,。.！!？?；;：:、（）()【】[]<>…—\n\t ")
# characters that never sit inside a name: function words and light verbs
_FUNCTION_CHARS = set("的了是在和与及或等为被把从向对将就也都又还这那其之所以而但并且着过们于据由让给至往从个条名位项件到要")
_NOT_IN_GIVEN_NAMES = set("的了是着过们说及或等被把也都就还又这那要将会能可在")
_STRIP_MARKS = re.compile(r"[“”‘’\"'「」『』《》〈〉\s]")


def plain(text: str) -> str:
    """Remove quotation marks, title marks and spaces: the canonical form of a name.

    >>> plain("“党建+项目”")
    '党建+项目'
    """
    return _STRIP_MARKS.sub("", text)


@functools.lru_cache(maxsize=1)
def lex() -> dict:
    return load_lexicon("v1")


@functools.lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _suffix_kind(name: str, table: dict[str, str]) -> tuple[str, str] | None:
    for suf in sorted(table, key=len, reverse=True):
        if name.endswith(suf):
            return suf, table[suf]
    return None


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Words that end a name when walking back from its suffix (verbs and adverbials)."""
    lx = lex()
    words = set(lx["initiative"]["verbs"]) | set(lx["event"]["verbs"]) | set(lx["award"]["verbs"])
    words |= set(lx["document"]["issue_verbs"]) | set(lx["document"]["publish_verbs"])
    words |= set(lx["position"]["speech_verbs"])
    words -= {"组织", "服务", "建设", "管理", "发展", "代表", "是"}
    words |= {"开办", "创办", "兴办", "注册", "成立", "组建", "引进", "带着", "传授", "选取", "筛选", "加入", "依靠", "利用", "发挥", "给", "让",
              "改造", "改造成", "建成", "打造成", "变成", "建设成", "设立", "新建", "建起", "办起", "成", "来自", "来到",
              "回到", "跑到", "有事", "申请", "存入", "联合", "凭", "向"}
    words |= {"发源于", "起源于", "源于", "诞生于", "位于", "针对", "帮助", "带领", "依托", "围绕", "通过", "作为", "进行", "负责", "介绍", "推动", "加强", "提升", "坚持", "结合", "按照", "根据", "连续", "全面", "重点", "积极", "主动", "率先", "先后", "共同", "联合", "牵头", "成功", "担任", "当选", "选派", "派出", "来到", "走进", "前往", "返回", "跟随", "发现", "看到", "见到", "研究", "今年", "去年", "目前", "近年来", "如今", "据"}
    return frozenset(words)


def _is_name_token(text: str) -> bool:
    if not text or not _ALL_CJK.match(plain(text) or "x"):
        return text in _QUOTE_CHARS
    if text in _verbs():
        return False
    if len(text) <= 2 and any(ch in _FUNCTION_CHARS for ch in text):
        return False
    return not any(ch in _FUNCTION_CHARS for ch in text if ch not in "之")


@functools.lru_cache(maxsize=1)
def _alias_words() -> tuple[str, ...]:
    return tuple(lex()["alias"]["before_name"])


def _walk_back(view: TextView, end: int, *, max_chars: int = 14, max_tokens: int = 6,
               stop_at: Iterable[Mention] = ()) -> int:
    """Return where a name ending at ``end`` begins: back over name-like words.

    Stops at punctuation, function words and verbs; a place mention that ends
    where the walk is stays inside the name and the walk stops at its start.
    """
    stops = {m.end: m.start for m in stop_at}
    start = end
    tokens = view.tokens
    i = view.token_index_ending_at(end)
    count = 0
    while i is not None and i >= 0 and count < max_tokens:
        s, e = tokens[i]
        if e != start:
            break  # whitespace or skipped text between words ends a name
        if start in stops:
            return stops[start]
        word = view.text[s:e]
        if word in _QUOTE_CHARS:
            start = s
            if view.text[:s].endswith(_alias_words()):
                break  # 简称“绿源合作社”: the quoted name is the alias, the words before declare it
            i -= 1
            continue
        if not _is_name_token(word) or end - s > max_chars:
            break
        start = s
        count += 1
        i -= 1
    if start in stops:
        return stops[start]
    return start


# -- organisations ----------------------------------------------------------

_COMMITTEE_DEPARTMENT = re.compile(r"(?:常委|副书记|委员)[、，,]((?:组织|宣传|统战)部|政法委)(?=常务副部长|副部长|部长|副书记|书记|主任)")


def find_organizations(view: TextView, places: list[Mention]) -> list[Mention]:
    """Organisations named by a suffix (…党委, …银行) or a national short name (中组部)."""
    lx = lex()["organization"]
    text = view.text
    suffixes = tuple(lx["suffix_kinds"])
    level_prefixes = lx["level_prefixes"]
    generic = frozenset(lx["generic_heads"])
    out: list[Mention] = []
    named_places = [p for p in places if not p.ref]
    for m in _alternation(suffixes).finditer(text):
        s, e = m.span()
        suffix = m.group()
        if e not in view.token_ends:
            continue
        token = view.token_covering(s)
        if len(suffix) == 1 and token is not None and token != (s, e) and (token[1] - token[0]) < 3:
            continue  # 举办, 创办: the verb, not an office
        anchor = s if token is None or token[0] == s else token[0]
        start = _walk_back(view, anchor, stop_at=named_places)
        while start < s and text[start] in "”’":
            start += 1
        if start >= s and anchor < s:
            start = anchor
        if start >= s:
            # a bare suffix: only a level prefix (村党支部, 市委组织部) makes it a name
            start = _level_prefix_start(text, s, level_prefixes)
            if start is None:
                continue
        name_text = text[start:e]
        if len(plain(name_text)) < len(suffix) + 1 or "”“" in name_text or "”、“" in name_text:
            continue
        if (text[start : start + 1] == "“" or text[start - 1 : start] == "“") and text[e : e + 1] == "”":
            continue  # “药材银行”, “时间银行”: a programme's name, not a body
        if re.search(r"(怎么|如何|什么|怎样)$", plain(name_text)[: -len(suffix)]):
            continue
        core = plain(name_text)[: -len(suffix)]
        lead = next((p for p in named_places if p.start == start), None)
        has_place = lead is not None
        rest = core[len(plain(lead.text)):] if lead is not None else ""
        if has_place and rest and (rest in generic or any(rest.startswith(g) for g in generic if len(g) > 1)):
            continue  # 温岭市上市公司: the listed companies of a place, not one body
        if not has_place:
            if core.startswith(suffixes) and not _level_prefix_start(text, start + 1, level_prefixes):
                continue  # 党支部领办合作社: one kind of body doing something, not a named body
            if core in generic or any(core.startswith(g) or core.endswith(g) for g in generic if len(g) > 1) or any(ch in core for ch in "各每该这那此某"):
                continue
            if not _proper_core(view, start, s, core, level_prefixes):
                continue
        kind = _suffix_kind(plain(name_text), lx["suffix_kinds"])
        out.append(Mention(start, e, "Organization", name_text, extractor="pattern:org_suffix",
                           confidence=0.75, props={"kind": kind[1] if kind else "other"}))
    # party committees: 台州市委, 市委, 县委 (the suffix 委 alone is too common a character)
    for m in re.finditer(r"(省|市|县|区|州|旗)委(?![员会托屈婉])", text):
        s, e = m.span()
        before = [p for p in named_places if p.end == s + 1 and p.text.endswith(m.group(1))]
        start = before[0].start if before else s
        out.append(Mention(start, e, "Organization", text[start:e], extractor="pattern:party_committee",
                           confidence=0.7, props={"kind": "party"}))
    # 金溪县委常委、组织部部长: the bare department of a committee member's second post is that
    # committee's department (金溪县委组织部)
    for committee in [o for o in out if o.extractor == "pattern:party_committee"]:
        dept = _COMMITTEE_DEPARTMENT.match(text, committee.end)
        if dept:
            ds, de = dept.span(1)
            out.append(Mention(ds, de, "Organization", text[ds:de], name=plain(committee.text) + dept.group(1),
                               extractor="pattern:committee_department", confidence=0.7,
                               props={"kind": "party", "committee": committee.span}))
    for short, full in lx["national"].items():
        for m in re.finditer(re.escape(short), text):
            out.append(Mention(m.start(), m.end(), "Organization", short, name=full,
                               extractor="lexicon:national_bodies", confidence=0.9,
                               props={"kind": "party" if full.startswith("中共") else "government"}))
    for s, e, label in view.ner:
        if label == "ORG":
            name_text = text[s:e]
            kind = _suffix_kind(name_text, lx["suffix_kinds"])
            if kind is None or len(name_text) < 3:
                continue
            # the model's organisation must name itself like the rules' do: after a place, or with a proper core
            lead = any(p.start == s and p.end < e for p in named_places)
            core = plain(name_text)[: -len(kind[0])]
            if not lead and (core.startswith(suffixes) or not _proper_core(view, s, e - len(kind[0]), core, level_prefixes)
                             or any(core.startswith(p) for p in level_prefixes)):
                continue
            out.append(Mention(s, e, "Organization", name_text, extractor="ner", confidence=0.6,
                               props={"kind": kind[1]}))
    return _longest(out)


def _proper_core(view: TextView, start: int, s: int, core: str, level_prefixes: dict[str, str]) -> bool:
    """True when what precedes an organisation suffix names something (茶岭初心, “旧九产业带”, 市委).

    A level word (市委组织部, 村党支部), a quoted name, or a word that is not an
    everyday word makes a proper name; 上市公司 and 旅游公司 do not.
    """
    if not core:
        return False
    if any(core.startswith(p) for p in level_prefixes) and len(core) <= 4:
        return True
    if "“" in view.text[start:s] or "”" in view.text[start:s]:
        return True
    from kg.extract.places import _idf  # noqa: PLC0415

    idf = _idf()
    words = [view.text[a:b] for a, b in view.tokens if start <= a and b <= s]
    return any(len(w) >= 2 and idf.get(w, 99.0) >= 9.5 for w in words)


def _level_prefix_start(text: str, s: int, prefixes: dict[str, str]) -> int | None:
    for p in sorted(prefixes, key=len, reverse=True):
        if text.startswith(p, s - len(p)) and s - len(p) >= 0:
            return s - len(p)
    return None


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (earliest first on ties)."""
    mentions.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in mentions:
        if not any(m.overlaps(k) for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


# -- people -----------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    p = lex()["person"]
    return frozenset(p["surnames"]), tuple(p["compound_surnames"])


@functools.lru_cache(maxsize=1)
def _titles_re() -> re.Pattern:
    return _alternation(tuple(lex()["position"]["titles"]))


@functools.lru_cache(maxsize=1)
def _appointment_re() -> re.Pattern:
    return _alternation(tuple(lex()["person"]["appointment_verbs"]))


def _name_after(text: str, s: int) -> str | None:
    """A 2–3 character personal name starting at ``s`` (surname + given name), or None."""
    singles, compounds = _surnames()
    after = tuple(lex()["person"]["after_name"])
    for comp in compounds:
        if text.startswith(comp, s):
            given = text[s + 2 : s + 4]
            # a compound surname usually carries a two-character given name (欧阳明辉)
            if len(given) == 2 and _ALL_CJK.match(given) and not any(ch in _FUNCTION_CHARS for ch in given):
                return comp + given
            if given[:1] and _ALL_CJK.match(given[:1]):
                return comp + given[:1]
            return None
    if s >= len(text) or text[s] not in singles:
        return None
    for n in (2, 1):
        cand = text[s : s + 1 + n]
        if len(cand) != 1 + n or not _ALL_CJK.match(cand):
            continue
        rest = text[s + 1 + n :]
        if not rest or not _CJK_RE.match(rest[:1]) or rest.startswith(after):
            if any(ch in _NOT_IN_GIVEN_NAMES for ch in cand[1:]):
                continue  # 向, 和, 为 do occur in given names (程向阳); these do not
            return cand
    return None


#: forms of address after a surname (冉大姐, 王大爷): a way to refer to someone, not a name
_ADDRESS_FORMS = ("大姐", "大哥", "大爷", "大妈", "大娘", "大叔", "大婶", "大伯", "大嫂", "阿姨", "阿婆", "阿公", "阿伯", "老伯",
                  "师傅", "老汉", "婆婆", "奶奶", "爷爷")


def _common_word(word: str) -> bool:
    """干部, 包干, 都能: everyday words that start with a surname character are not names."""
    from kg.extract.places import _idf  # noqa: PLC0415

    if word.endswith(_ADDRESS_FORMS):
        return True
    idf = _idf().get(word)
    return idf is not None and idf < 10.5


_NOT_NAME_ENDINGS = ("村", "镇", "乡", "县", "市", "区", "社区", "寨", "屯", "堡", "坝", "长", "书记", "主任", "大姐", "大哥",
                     "大爷", "大妈", "阿姨", "师傅", "老人", "老师", "同志", "员")


def _plausible_name(name: str) -> bool:
    """Whether a span the model calls a person looks like a personal name.

    Han names of two or three characters begin with a surname; longer ones
    (minority names written in Han characters) need not.  Words that end like a
    place or a form of address (周边村, 冉大姐, 楼道长) and everyday words
    (黄芪, 惠民) are not names.
    """
    if not (2 <= len(name) <= 6) or not _ALL_CJK.match(name):
        return False
    if name.endswith(_NOT_NAME_ENDINGS) or _common_word(name):
        return False
    if len(name) <= 3:
        singles, compounds = _surnames()
        return name[0] in singles or name[:2] in compounds
    return True


def find_people(view: TextView) -> list[Mention]:
    """People: the NER model's PER spans, and names right after a position title or before 说/介绍."""
    text = view.text
    out: list[Mention] = []
    for s, e, label in view.ner:
        if label == "PER" and e - s == 3 and text[e - 1] in "说讲笑" and not _CJK_RE.match(text[e : e + 1]):
            e -= 1  # 部长李明说，: the model took the verb into the name
        if label == "PER" and _plausible_name(text[s:e]):
            out.append(Mention(s, e, "Person", text[s:e], extractor="ner", confidence=0.8))
    singles, compounds = _surnames()
    appointed = _appointment_re()
    for m in _titles_re().finditer(text):
        e = m.end()
        if appointed.match(text, e):
            continue  # 党员全票当选…: the words after the title are the verb, not a name
        name = _name_after(text, e)
        token = view.token_covering(e)
        if name is None and token is not None and token[0] == e and 2 <= token[1] - e <= 3:
            # pkuseg keeps most names in one word: 书记|杨国富|掰着
            word = text[e : token[1]]
            if (word[0] in singles or word[:2] in compounds) and _ALL_CJK.match(word) and not any(ch in _FUNCTION_CHARS for ch in word):
                name = word
        if name and not _common_word(name):
            out.append(Mention(e, e + len(name), "Person", name, extractor="pattern:title_name", confidence=0.7))
    speech = _alternation(tuple(lex()["position"]["speech_verbs"]))
    titles = tuple(lex()["position"]["titles"])
    for m in speech.finditer(text):
        s = m.start()
        for n in (3, 2):
            cand_start = s - n
            if cand_start < 0:
                continue
            if cand_start > 0 and _CJK_RE.match(text[cand_start - 1]) and text[cand_start - 1] not in "员长记任主席理事村民":
                continue
            name = _name_after(text, cand_start)
            if name and cand_start + len(name) == s and not _common_word(name):
                out.append(Mention(cand_start, s, "Person", name, extractor="pattern:name_said", confidence=0.65))
                break
        else:
            # between a title and 说 any name will do, with or without a Han surname
            # (党支部书记其木格说: Mongolian, Tibetan, Uyghur names have none)
            for n in (4, 3, 2):
                cand = text[s - n : s]
                if (s - n > 0 and text.endswith(titles, 0, s - n) and _ALL_CJK.match(cand)
                        and not any(ch in _FUNCTION_CHARS - {"其"} for ch in cand) and not cand.endswith(titles)
                        and not _common_word(cand)):
                    out.append(Mention(s - n, s, "Person", cand, extractor="pattern:title_name_said", confidence=0.65))
                    break
    out += _named_to_posts(text, titles)
    return _longest(out)


# what may stand right before a name that opens a clause (…的林某全票当选…, 。王某被选派…)
_BEFORE_NAME = set("，。；：、！？“”‘’（）()《》 \n\t的是由让请派将年月日后时")


def _named_to_posts(text: str, titles: tuple[str, ...]) -> list[Mention]:
    """A surname-led name right before 当选/被选派/担任… with a title soon after it."""
    window = int(lex()["person"]["appointment_window"])
    title_re = _titles_re()
    out: list[Mention] = []
    for m in _appointment_re().finditer(text):
        s = m.start()
        if not title_re.search(text, m.end(), m.end() + window):
            continue
        for n in (4, 3, 2):
            start = s - n
            if start < 0 or (start > 0 and text[start - 1] not in _BEFORE_NAME):
                continue
            name = _name_after(text, start)
            if name and start + len(name) == s and not _common_word(name) and not name.endswith(titles):
                out.append(Mention(start, s, "Person", name, extractor="pattern:name_appointed", confidence=0.65))
                break
    return out


# -- initiatives ------------------------------------------------------------

_NUMERIC_SHAPE = re.compile(r"^[一二三四五六七八九十两双百千万\d]+[个项张条大类]?[\u4e00-\u9fff]{1,4}(?:[一二三四五六七八九十两双百千万\d]+[\u4e00-\u9fff]{1,4})*$")
_PAIR_SHAPE = re.compile(r"^([\u4e00-\u9fff]{2,4})[、，,]?([\u4e00-\u9fff]{2,4})$")
_PLUS_RE = re.compile(r"[\u4e00-\u9fff\dA-Za-z]{1,6}[+＋][\u4e00-\u9fff\dA-Za-z]{1,10}")


def _initiative_shape(inner: str) -> bool:
    """True for names shaped like programmes: 党建+X, 三化十二制, 五个全覆盖, 双整双全.

    >>> [_initiative_shape(x) for x in ("党建+社工", "三化十二制", "五个全覆盖", "80后", "颜值")]
    [True, True, True, False, False]
    """
    if "+" in inner or "＋" in inner:
        return len(_CJK_RE.findall(inner)) >= 2
    if len(_CJK_RE.findall(inner)) < 3 or re.search(r"[年月日岁后前]$", inner):
        return False
    return bool(_NUMERIC_SHAPE.match(inner))


def _quote_is_speech(inner: str) -> bool:
    return len(inner) > 24 or bool(re.search(r"[。！？!?；;，,：:]", inner)) and len(inner) > 12


def find_initiatives(view: TextView, taken: list[Mention]) -> list[Mention]:
    """Programmes, campaigns, mechanisms, methods: quoted names with an initiative suffix or shape."""
    lx = lex()["initiative"]
    text = view.text
    kinds = lx["suffix_kinds"]
    verbs = tuple(sorted(lx["verbs"], key=len, reverse=True))
    out: list[Mention] = []
    for q in view.quotes:
        if q.is_title:
            continue
        inner = plain(q.inner)
        if not inner or _quote_is_speech(q.inner) or len(inner) < 2:
            continue
        if any(t.start <= q.start and q.end <= t.end for t in taken):
            continue
        suffix, suffix_end = _suffix_after(text, q.end, kinds)
        if q.open == "‘" and suffix is None:
            continue
        if suffix is None and text[q.end : q.end + 1] == "的" and not _suffix_after(text, q.end + 1, kinds, gap=6)[0]:
            continue  # “机制活、产业优”的新格局: a description, not a programme
        before = text[max(0, q.start - 4) : q.start]
        verb_before = before.endswith(verbs) or re.search(r"以$", before) is not None
        items = [plain(x) for x in re.split(r"[、，,]", q.inner) if plain(x)]
        content = re.search(r"^为(主要)?(内容|抓手|重点|核心)", text[q.end:q.end + 6])
        if len(items) > 1 and all(2 <= len(x) <= 8 for x in items) and not suffix and (len(items) >= 3 or content) and (verb_before or content or any(_initiative_shape(x) for x in items)):
            # “A、B、C”: several programmes in one pair of quotes
            off = q.inner_start
            for part in re.split(r"([、，,])", q.inner):
                if part and part not in "、，,":
                    st = off + (len(part) - len(part.lstrip()))
                    out.append(Mention(st, off + len(part), "Initiative", part.strip(), name=plain(part),
                                       extractor="pattern:quoted_list", confidence=0.7,
                                       props={"kind": suffix[1] if suffix else _kind_of(plain(part)), "in_list": q.start}))
                off += len(part)
            continue
        if inner in lx["not_initiatives"]:
            continue
        if suffix:
            kind = suffix[1]
            suf = suffix[0]
            if suf in ("工作", "服务", "建设") and not (_initiative_shape(inner) or verb_before):
                continue
            # “1+N”强村联盟: a quoted part with no words of its own is named with what follows it
            name = inner if len(_CJK_RE.findall(inner)) >= 2 else plain(text[q.start:suffix_end])
            out.append(Mention(q.start, suffix_end, "Initiative", text[q.start:suffix_end], name=name,
                               extractor="pattern:quoted_suffix", confidence=0.8, props={"kind": kind}))
        elif _initiative_shape(inner) or (verb_before and 3 <= len(inner) <= 12 and not _looks_like_phrase(inner)):
            out.append(Mention(q.start, q.end, "Initiative", q.inner, name=inner,
                               extractor="pattern:quoted_shape" if _initiative_shape(inner) else "pattern:verb_quote",
                               confidence=0.7, props={"kind": _kind_of(inner)}))
    # unquoted 党建+X
    for m in _PLUS_RE.finditer(text):
        s, e = m.span()
        if any(q.start <= s < q.end for q in view.quotes):
            continue
        plus = s + re.search(r"[+＋]", m.group()).start()
        left = view.token_index_ending_at(plus)
        if left is None:
            continue
        s = max(s, view.tokens[left][0])
        out.append(Mention(s, e, "Initiative", text[s:e], extractor="pattern:plus", confidence=0.7,
                           props={"kind": "model"}))
    out += _unquoted(view, out + taken)
    out += _programme_titles(view, out + taken)
    out += _quoted_groups(view, out, taken)
    out += _colon_members(view, out, taken)
    out += _list_initiatives(view, out + taken)
    out += _groups(view, out)
    out += _repeated(view, out, taken)
    return _dedupe_spans(out)


def _repeated(view: TextView, found: list[Mention], taken: list[Mention]) -> list[Mention]:
    """A programme named once is the same programme wherever its name recurs (“茶乡夜话”让…)."""
    text = view.text
    out: list[Mention] = []
    spans = [(m.start, m.end) for m in found + taken]
    for name in {m.name for m in found if len(m.name) >= 3}:
        for hit in re.finditer(re.escape(name), text):
            s, e = hit.span()
            if text[s - 1 : s] == "“" and text[e : e + 1] == "”":
                s, e = s - 1, e + 1
            if any(a < e and s < b for a, b in spans + [(o.start, o.end) for o in out]):
                continue
            kind = next(m.props.get("kind") for m in found if m.name == name)
            out.append(Mention(s, e, "Initiative", text[s:e], name=name, extractor="pattern:repeated_name",
                               confidence=0.6, props={"kind": kind}))
    return out


def _suffix_after(text: str, pos: int, kinds: dict[str, str], *, gap: int = 4) -> tuple[tuple[str, str] | None, int]:
    """The initiative word after a quoted name, allowing a short modifier: “X”治水先锋行动."""
    for k in range(0, gap + 1):
        if k and (not _CJK_RE.match(text[pos + k - 1 : pos + k] or "x") or text[pos + k - 1] in "一二三四五六七八九十两百千万个项大"):
            break  # “C”三个全覆盖: the count names a group of the quoted programmes
        for suf in sorted(kinds, key=len, reverse=True):
            if text.startswith(suf, pos + k):
                if k and suf in ("工作", "服务", "建设", "法", "制", "办法", "考核", "清单", "经验", "品牌", "理念", "举措", "做法", "项目"):
                    continue  # only strong words may sit after a modifier
                return (suf, kinds[suf]), pos + k + len(suf)
    return None, pos


def _unquoted(view: TextView, taken: list[Mention]) -> list[Mention]:
    """推行党支部领办合作社发展集体经济模式: a named programme without quotation marks."""
    lx = lex()["initiative"]
    text = view.text
    out = []
    heads = _alternation(tuple(lx["unquoted_heads"]))
    verbs = tuple(sorted(lx["unquoted_verbs"], key=len, reverse=True))
    for m in heads.finditer(text):
        s, e = m.span()
        if any(t.start <= s < t.end or t.start < e <= t.end for t in taken) or text[s - 1 : s] in "”":
            continue
        start = _walk_back(view, s, max_chars=16, max_tokens=7)
        before = text[max(0, start - 4) : start]
        if not before.endswith(verbs) and not before.rstrip("了").endswith(verbs):
            continue
        core = plain(text[start:s])
        if len(core) < 4 or any(ch in core for ch in "，,。、"):
            continue
        out.append(Mention(start, e, "Initiative", text[start:e], name=core + m.group(), extractor="pattern:verb_np_head",
                           confidence=0.55, props={"kind": lx["suffix_kinds"].get(m.group(), "other")}))
    return out


def _programme_titles(view: TextView, taken: list[Mention]) -> list[Mention]:
    """(驻村)第一书记: a position that is itself a national programme."""
    text = view.text
    out = []
    for title in lex()["initiative"]["programme_titles"]:
        for m in re.finditer(re.escape(title), text):
            s, e = m.span()
            if any(t.start <= s < t.end for t in taken):
                continue
            if text[s - 2 : s] == "驻村":
                s -= 2
            out.append(Mention(s, e, "Initiative", text[s:e], name=title, extractor="lexicon:programme_title",
                               confidence=0.6, props={"kind": "mechanism"}))
    return out


def _colon_members(view: TextView, found: list[Mention], taken: list[Mention]) -> list[Mention]:
    """“四个全覆盖”：A、B、C、D — the parts of a programme listed after its name and a colon."""
    text = view.text
    out = []
    for g in found:
        if g.extractor not in ("pattern:quoted_suffix", "pattern:quoted_shape", "pattern:verb_quote"):
            continue
        if text[g.end : g.end + 1] not in "：:":
            continue
        stop = g.end + 1
        while stop < len(text) and text[stop] not in "，,。；;\n" and stop - g.end < 80:
            stop += 1
        parts = text[g.end + 1 : stop].split("、")
        if len(parts) < 2:
            continue
        off = g.end + 1
        for part in parts:
            name = plain(part)
            if 2 <= len(name) <= 12 and not any(t.start <= off < t.end for t in taken):
                out.append(Mention(off, off + len(part), "Initiative", part, name=name, extractor="pattern:colon_members",
                                   confidence=0.6, props={"kind": g.props.get("kind", "mechanism"), "member_of": g}))
            off += len(part) + 1
    return out


def _looks_like_phrase(inner: str) -> bool:
    """A figure of speech rather than a name: 烂摊子, 病因, 掉链子 (short, with a particle or verb-object shape)."""
    return len(inner) <= 3 or any(ch in _FUNCTION_CHARS for ch in inner)


def _kind_of(name: str) -> str:
    kinds = lex()["initiative"]["suffix_kinds"]
    if "+" in name or "＋" in name:
        return "model"
    hit = _suffix_kind(name, kinds)
    if hit:
        return hit[1]
    return "other"


_LIST_RE = re.compile(r"((?:[\u4e00-\u9fff“”]{2,12}、){1,8}[\u4e00-\u9fff“”]{2,12})等(?:[\u4e00-\u9fff]{0,4})?")


def _list_initiatives(view: TextView, taken: list[Mention]) -> list[Mention]:
    """A、B、C等模式: each listed item is a programme of that kind."""
    lx = lex()["initiative"]
    heads = tuple(sorted(lx["list_heads"], key=len, reverse=True))
    text = view.text
    out = []
    for m in _LIST_RE.finditer(text):
        tail = text[m.end(1) + 1 : m.end(1) + 8]
        head = next((h for h in heads if tail.startswith(h) or tail[2:].startswith(h) or tail[1:].startswith(h)), None)
        if head is None:
            continue
        pos = m.start(1)
        items = m.group(1).split("、")
        first = items[0]
        # the first item runs back only over name-like words (通过建立产业联村党组织 -> 产业联村党组织)
        cut = _walk_back(view, pos + len(first), max_chars=12)
        for k, item in enumerate(items):
            st = pos if k else max(pos, cut)
            if k == 0:
                item = text[st : pos + len(first)]
                for v in sorted(lx["verbs"] + ["建立", "组织", "通过"], key=len, reverse=True):
                    if item.startswith(v) and len(item) - len(v) >= 2:
                        st += len(v)
                        item = item[len(v):]
                        break
            name = plain(item)
            if 2 <= len(name) <= 12 and not any(t.start <= st < t.end for t in taken):
                out.append(Mention(st, st + len(item), "Initiative", item, name=name, extractor="pattern:list_等",
                                   confidence=0.6, props={"kind": _kind_for_head(head), "in_list": m.start()}))
            pos += len(items[k]) + 1
    return out


def _kind_for_head(head: str) -> str:
    kinds = lex()["initiative"]["suffix_kinds"]
    return kinds.get(head, "mechanism" if head in ("人才", "措施", "举措", "方式") else "other")


_GROUP_RE = re.compile(r"[一二三四五六七八九十两\d]+(?:个|项|大)[\u4e00-\u9fff]{2,5}")


def _quoted_groups(view: TextView, found: list[Mention], taken: list[Mention]) -> list[Mention]:
    """“A”“B”“C”五个全覆盖: quoted names run together and counted are the programmes of a group."""
    text = view.text
    quotes = [q for q in view.quotes if q.open == "“" and not any(t.start <= q.start < t.end for t in taken)]
    runs: list[list] = []
    for q in quotes:
        if runs and q.start - runs[-1][-1].end <= 1 and text[runs[-1][-1].end : q.start] in ("", "、", "，", ","):
            runs[-1].append(q)
        else:
            runs.append([q])
    out = []
    have = {(m.start, m.end) for m in found}
    for run in runs:
        if len(run) < 2 or not _GROUP_RE.match(text, run[-1].end):
            continue
        for q in run:
            inner = plain(q.inner)
            if (q.start, q.end) not in have and 2 <= len(inner) <= 12 and not _quote_is_speech(q.inner):
                out.append(Mention(q.start, q.end, "Initiative", q.inner, name=inner, extractor="pattern:quoted_run",
                                   confidence=0.7, props={"kind": _kind_of(inner) if _kind_of(inner) != "other" else "mechanism"}))
    return out


def _groups(view: TextView, quoted: list[Mention]) -> list[Mention]:
    """“A”“B”“C”五个全覆盖: the group named after a run of quoted programmes."""
    text = view.text
    out = []
    by_end = sorted((m for m in quoted if m.extractor.startswith(("pattern:quoted", "pattern:verb_quote"))), key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for m in by_end:
        if runs and (m.start - runs[-1][-1].end) <= 1 and text[runs[-1][-1].end : m.start] in ("", "、", "，", ","):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue
        g = _GROUP_RE.match(text, run[-1].end)
        if not g:
            continue
        group = Mention(g.start(), g.end(), "Initiative", g.group(), extractor="pattern:group_of_quoted",
                        confidence=0.7, props={"kind": _kind_of(g.group()) if _kind_of(g.group()) != "other" else "campaign"})
        out.append(group)
        for m in run:
            m.props["member_of"] = group
    return out


def _dedupe_spans(mentions: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        out.append(m)
    return out


# -- documents --------------------------------------------------------------

_NUMBERED_DOC = re.compile(r"“([\u4e00-\u9fff]{0,8}?[一二三四五六七八九十百\d]+条)”")
_POLICY_COUNT = re.compile(r"(?:出台|制定|印发|发布|下发|出台了|制定了|印发了)(了)?([\d一二三四五六七八九十百]+条[\u4e00-\u9fff]{2,12}?(?:政策|措施|意见|举措|规定|办法))")


def find_documents(view: TextView) -> list[Mention]:
    """Documents: 《…》 titles, “N条” policy bundles, and 出台了33条…政策."""
    lx = lex()["document"]
    text = view.text
    out = []
    for q in view.quotes:
        if not q.is_title:
            continue
        inner = plain(q.inner)
        if len(inner) < 2:
            continue
        hit = _suffix_kind(inner, lx["suffix_kinds"])
        kind = hit[1] if hit else "policy"
        if any(v in text[q.end : q.end + 6] for v in lx["publish_verbs"]):
            kind = "publication"  # 《X》刊发: whatever its name, X publishes
        out.append(Mention(q.start, q.end, "Document", q.inner, name=inner, extractor="pattern:book_title",
                           confidence=0.85, props={"kind": kind}))
    for m in _NUMBERED_DOC.finditer(text):
        s, e = m.span()
        inner = m.group(1)
        start = s
        if re.match(r"^[一二三四五六七八九十百\d]+条$", inner):
            # 加强国有企业党建工作“二十条”: the bundle is named by what precedes it
            start = _walk_back(view, s, max_chars=16)
            for v in sorted(lx["issue_verbs"], key=len, reverse=True):
                if text.startswith(v, start):
                    start += len(v)
            if text[start:start + 1] == "了":
                start += 1
        name = plain(text[start:e])
        out.append(Mention(start, e, "Document", text[start:e], name=name, extractor="pattern:numbered_rules",
                           confidence=0.75, props={"kind": "policy", "short": inner}))
    for m in _POLICY_COUNT.finditer(text):
        s, e = m.span(2)
        out.append(Mention(s, e, "Document", m.group(2), extractor="pattern:policy_count",
                           confidence=0.65, props={"kind": "policy"}))
    return _longest(out)


# -- events -----------------------------------------------------------------

_EDITION = re.compile(r"(?:(?:19|20)\d{2}年)?(?:第[一二三四五六七八九十百\d]+届|首届)")


def find_events(view: TextView, taken: list[Mention]) -> list[Mention]:
    """Events: 第N届…, quoted theme + 活动/仪式 with a day date, named meetings, elections."""
    lx = lex()["event"]
    text = view.text
    suffixes = tuple(lx["suffixes"])
    out: list[Mention] = []
    suf_re = _alternation(suffixes)
    for m in _EDITION.finditer(text):
        s = m.start()
        j = m.end()
        q = next((q for q in view.quotes if q.start == j and not q.is_title), None)
        if q is not None:
            end = q.end
            sm = suf_re.match(text, end)
            if sm:
                end = sm.end()
        else:
            sm = None
            for k in range(j + 2, min(len(text), j + 24)):
                if text[k] in _PUNCT:
                    break
                sm2 = suf_re.match(text, k)
                if sm2:
                    sm = sm2
            if sm is None:
                continue
            end = sm.end()
        name = plain(text[s:end])
        out.append(Mention(s, end, "Event", text[s:end], name=name, extractor="pattern:edition",
                           confidence=0.8, props={"alias": plain(text[j:end])}))
    for q in view.quotes:
        if q.is_title or q.open == "‘":
            continue
        sm = suf_re.match(text, q.end)
        if not sm or any(o.start <= q.start < o.end for o in out):
            continue
        sent = view.sentence_span(q.start)
        dates = [d for d in find_dates(text[sent[0]:sent[1]], view.base_date) if len(d.value) == 10]
        if not dates:
            continue
        s, e = q.start, sm.end()
        out.append(Mention(s, e, "Event", text[s:e], name=plain(text[s:e]), extractor="pattern:quoted_event",
                           confidence=0.7, props={"date_hint": dates[0].value}))
    for m in suf_re.finditer(text):
        s, e = m.span()
        if any(o.start <= s < o.end for o in out) or any(t.start <= s < t.end for t in taken):
            continue
        if e not in view.token_ends and not text[e:e + 1] in _PUNCT:
            continue
        election = m.group() in ("换届", "换届选举", "选举")
        start = _walk_back(view, s, max_chars=10 if election else 16, max_tokens=3 if election else 6)
        while start < s and text[start] in "”’":
            start += 1
        det = re.match(r"(?:(?:19|20)\d{2}年度?|此次|本次|这次|今年|去年|新一轮|新一届|上一届|上届|本届)+", text[start:s])
        if det:
            start += det.end()
        name = plain(text[start:e])
        core = name[: -len(m.group())]
        if len(core) < 2 or name in suffixes:
            continue
        if m.group() in ("换届", "换届选举", "选举") or len(core) >= 4:
            out.append(Mention(start, e, "Event", text[start:e], name=name, extractor="pattern:event_suffix",
                               confidence=0.6))
    return _merge_events(_longest(out))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _merge_events(events: list[Mention]) -> list[Mention]:
    """One event under several names in one article: 村社换届 / 村社党组织换届 / 宁波村社换届.

    Names that end alike and where the shorter is spelled inside the longer
    (in order) are the same event; the shortest name is canonical.
    """
    for e in sorted(events, key=lambda m: len(m.name)):
        for other in events:
            if other is e or len(other.name) <= len(e.name):
                continue
            if other.name[-2:] == e.name[-2:] and _subsequence(e.name, other.name) and other.name != e.name:
                if other.props.get("canonical") is None:
                    other.props["canonical"] = e.props.get("canonical", e.name)
    for e in events:
        if e.props.get("canonical"):
            e.props["alias"] = e.name
            e.name = e.props.pop("canonical")
    return events


# -- awards -----------------------------------------------------------------

def _award_level(name: str) -> str | None:
    for level, words in lex()["award"]["level_words"].items():
        for w in sorted(words, key=len, reverse=True):
            if w in name[:6]:
                return level
    return None


def find_awards(view: TextView, taken: list[Mention]) -> list[Mention]:
    """Honours: names ending in an honour word (示范村, 先进集体, 最佳案例之一), in lists after 评为/是/向."""
    lx = lex()["award"]
    text = view.text
    suf_re = _alternation(tuple(lx["suffixes"]))
    out: list[Mention] = []
    for m in suf_re.finditer(text):
        s, e = m.span()
        if e not in view.token_ends and not text.startswith("之一", e):
            continue  # 奖 inside 奖励, 模范 inside 模范带头
        if text.startswith("之一", e):
            e += 2
        start = _award_start(view, s)
        if start not in view.token_starts:
            continue
        name = plain(text[start:e])
        core = name[: len(name) - len(m.group()) - (2 if name.endswith("之一") else 0)]
        if re.search(r"\d[名个位户人家]$", text[max(0, s - 2):s]):
            continue  # 12名村干部: a count, not an honour
        level = _award_level(name) or _place_level_prefix(name)
        if not core and level is None:
            continue
        if any(t.start <= start < t.end or t.start < e <= t.end for t in taken):
            continue
        if level is None and len(name) < 5:
            continue
        out.append(Mention(start, e, "Award", text[start:e], name=name, extractor="pattern:honour_suffix",
                           confidence=0.7, props={"level": level}))
    out = _longest(out + _awarded(view, taken, out))
    # list neighbours of honours are honours too: 省级文明村、金牌旅游村
    extra = []
    for a in out:
        j = a.end
        while text[j:j + 1] == "、":
            k = j + 1
            while k < len(text) and _CJK_RE.match(text[k]) and k - j < 12:
                k += 1
            item = text[j + 1 : k]
            if len(item) >= 4 and item[-1] == a.name[-1] and not any(o.start == j + 1 for o in out + extra):
                extra.append(Mention(j + 1, k, "Award", item, extractor="pattern:honour_list", confidence=0.55,
                                     props={"level": _award_level(item) or a.props.get("level")}))
            j = k
    return _longest(out + extra)


_AWARD_VERB = re.compile(r"(?:先后|相继|还|曾|已|均|都|多次)?(?:被评为|获评为|获评|荣获|评为|被授予|授予|被命名为|命名为|被确定为|确定为|被认定为|认定为|"
                         r"被列为|列为|被表彰为|表彰为|被[\u4e00-\u9fff]{2,10}?(?:评为|授予|命名为|确定为|认定为|表彰为)|"
                         r"入选|创成|成功创建|创建成为|跻身|获得|获)(?:了|为)?")
_AWARD_HEAD = re.compile(r"(?:村|镇|乡|社区|嘎查|村落|单位|集体|组织|支部|党委|社|村镇|乡村|书记|党员|工作者|个人|先锋|模范|标兵|能手|称号|奖|金奖|案例|品牌|基地|示范点|示范区|示范县|县|城市|家庭|企业)$")
_AWARD_WORDS = ("先进", "示范", "文明", "优秀", "模范", "标兵", "五星", "四星", "星级", "红旗", "十佳", "百强", "最美", "重点", "卫生", "样板", "美丽", "特色", "和谐", "金牌", "明星", "森林", "休闲", "宜居", "亿元村", "民主法治")


def _awarded(view: TextView, taken: list[Mention], found: list[Mention]) -> list[Mention]:
    """Honours named after 获评/荣获/被评为/授予…: “A”“B”等称号, or A、B和C."""
    text = view.text
    out: list[Mention] = []
    for m in _AWARD_VERB.finditer(text):
        j = m.end()
        items: list[tuple[int, int]] = []
        if text[j:j + 1] in "“「":
            while text[j:j + 1] in "“「":
                close = text.find("”" if text[j] == "“" else "」", j)
                if close < 0 or close - j > 32:
                    break
                items.append((j, close + 1))
                j = close + 1
                if text[j:j + 1] in "、和及与，,":
                    j += 1
            honours = bool(items) and (re.match(r"(?:等)?(?:[\d一二三四五六七八九十]+[项个])?(?:国家级|省级|市级)?(?:荣誉)?(?:称号|荣誉|殊荣|名录|名单)", text[j:j + 12])
                                       or all(_AWARD_HEAD.search(plain(text[a:b])) and any(w in text[a:b] for w in _AWARD_WORDS) for a, b in items))
            if not honours:
                continue
        else:
            end = j
            while end < len(text) and end - j < 60 and text[end] not in "，,。；;！!？?：:（(\n“”":
                end += 1
            for part in re.finditer(r"[^、和及与]+", text[j:end]):
                a, b = j + part.start(), j + part.end()
                item = plain(text[a:b])
                if re.match(r"^(?:等)?(?:荣誉)?称号$", item):
                    continue
                b -= len(re.search(r"(?:等)?(?:[\d一二三四五六七八九十]+[项个])?(?:荣誉)?(?:称号|荣誉|殊荣)?$", text[a:b]).group())
                item = plain(text[a:b])
                if 4 <= len(item) <= 20 and _AWARD_HEAD.search(item) and (_award_level(item) or any(w in item for w in _AWARD_WORDS)):
                    items.append((a, b))
        for a, b in items:
            if any(t.start <= a < t.end for t in taken) or any(f.start <= a < f.end for f in found + out):
                continue
            name = plain(text[a:b])
            if len(name) < 3:
                continue
            out.append(Mention(a, b, "Award", text[a:b], name=name, extractor="pattern:awarded",
                               confidence=0.7, props={"level": _award_level(name) or _place_level_prefix(name)}))
    return out


def _place_level_prefix(name: str) -> str | None:
    """湖南省乡村振兴示范村 -> provincial: an honour named after the body that gives it."""
    from kg.resolve.gazetteer import load_gazetteer  # noqa: PLC0415

    gaz = load_gazetteer()
    for n in range(min(8, len(name) - 1), 1, -1):
        ids = gaz.lookup(name[:n])
        if ids and gaz.name(ids[0]) == name[:n]:
            return {"province": "provincial", "city": "city", "county": "county"}.get(gaz.level(ids[0]))
    return None


def _award_start(view: TextView, s: int) -> int:
    text = view.text
    lx = lex()["award"]
    start = s
    levels = sorted((w for ws in lx["level_words"].values() for w in ws), key=len, reverse=True)
    k = s
    limit = max(0, s - 14)
    while k > limit and _CJK_RE.match(text[k - 1]) or (k > limit and text[k - 1] in "0123456789"):
        k -= 1
        if text[k] in "的是为向成和与及、" and text[k] != "级":
            k += 1
            break
    seg = text[k:s]
    # the honour starts at its level word (省宜居示范村) or at an ordinal (首批省级…)
    best = None
    for w in levels + ["首批", "第一批"]:
        i = seg.find(w)
        if i >= 0 and (best is None or i < best):
            best = i
    if best is not None:
        start = k + best
    else:
        start = max(k, s - 6)
    for v in sorted(lx["verbs"], key=len, reverse=True):
        if text.startswith(v, start) and start + len(v) < s:
            start += len(v)
            break
    return start


# -- outcomes ---------------------------------------------------------------

_YEAR_RE = re.compile(r"((?:19|20)\d{2})年")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?\n]")
_TIME_UNITS = {"年", "月", "天", "日", "周", "小时", "分钟", "岁"}
_LEADING = re.compile(r"^(?:目前|截至目前|截至\S{0,8}?|今年以来|近年来|其中|同时|此外|据统计|另外|并且|并|且|还|也|已|共|累计|全年|当年|如今|这两年|不到一个月时间|从而|通过|由此|因此)+")


def find_outcomes(view: TextView, taken: list[Mention]) -> list[Mention]:
    """Measured results: clauses with a quantity and a result verb (or money, shares, areas)."""
    lx = lex()["outcome"]
    text = view.text
    verbs = tuple(lx["verbs"])
    unless_total = tuple(lx["skip_unless_total"])
    skip = tuple(w for w in lx["skip_words"] if w not in unless_total)
    totals = tuple(lx["total_words"])
    out: list[Mention] = []
    all_qs = find_quantities(text)
    k = 0
    for ss, se in view.sentences:
        sentence = text[ss:se]
        while k < len(all_qs) and all_qs[k].start < ss:
            k += 1
        in_sentence = []
        j = k
        while j < len(all_qs) and all_qs[j].end <= se:
            q = all_qs[j]
            in_sentence.append(_shift(q, -ss))
            j += 1
        quantities = [q for q in in_sentence
                      if (q.unit not in _TIME_UNITS or (q.unit == "岁" and "年龄" in sentence))
                      and not any(t.start <= ss + q.start < t.end for t in taken)
                      and not _weak_quantity(q)]
        if not quantities:
            continue
        bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(sentence)] + [len(sentence) + 1]
        for a, b in zip(bounds, bounds[1:]):
            clause_qs = [q for q in quantities if a <= q.start and q.end <= b]
            if not clause_qs:
                continue
            cs, ce = ss + a, ss + min(b, len(sentence))
            clause = text[cs:ce].rstrip("，,；;：:。！？!?\n ")
            ce = cs + len(clause)
            running_total = any(w in clause for w in totals)  # before 累计 is cut off the front
            lead = _LEADING.match(clause)
            if lead:
                cs += lead.end()
                clause = clause[lead.end():]
            if not clause or any(w in clause for w in skip):
                continue
            if any(w in clause for w in unless_total) and not running_total:
                continue
            if any(t.start <= cs and ce <= t.end for t in taken):
                continue
            if re.search(r"有\d+户\d+人", clause):
                continue  # a population figure describes the place; it is not a result
            chosen = _choose_quantities(clause, clause_qs, sentence)
            year = _YEAR_RE.search(clause)
            period = year.group(1) if year else None
            for q in chosen:
                if _totals_a_list(sentence[:q.start], q.number):
                    continue  # 甲村、乙村以及丙合作社3个党支部: the count of the names just listed
                out.append(Mention(cs, ce, "Outcome", clause, name=plain(clause), extractor="pattern:quantity_clause",
                                   confidence=0.6,
                                   props={"value": q.number, "unit": q.unit, "metric": _metric(clause, q, ss, cs),
                                          "approximate": q.approximate, "period": period, "q_start": ss + q.start}))
    return out


_LIST_ITEM = r"[^、，,。；;：:！？!?的和及与等\s]{1,20}"
_LISTED = re.compile(rf"(?:{_LIST_ITEM}、)+{_LIST_ITEM}(?:(?:以及|和|及|与){_LIST_ITEM})?$")


def _totals_a_list(before: str, number: float | None) -> bool:
    """Whether a figure only counts the names listed right before it (and so adds nothing).

    >>> _totals_a_list("联合甲村、乙村以及丙合作社", 3)
    True
    >>> _totals_a_list("甲村、乙村等", 12)  # 等: more than the names listed
    False
    >>> _totals_a_list("甲村、乙村共增收", 3)
    False
    """
    m = _LISTED.search(before)
    return m is not None and number is not None and len(re.split(r"、|以及|和|及|与", m.group())) == number


def _shift(q, delta: int):
    from dataclasses import replace  # noqa: PLC0415

    return replace(q, start=q.start + delta, end=q.end + delta)


def _weak_quantity(q) -> bool:
    """四次, 三个: a lone Chinese digit with a measure word counts things in passing, it is no result."""
    num = q.text.lstrip("近约超逾")
    if num[:1] in "百千万" and not num[1:2].isdigit():
        return True  # 千名干部进千村, 千亩茶园: round figures of speech
    return (len(num) >= 2 and num[0] in "一二两三四五六七八九十" and not num[1] in "十百千万亿零〇一二两三四五六七八九"
            and q.unit not in ("元", "%", "亩", "平方米", "人次"))


def _choose_quantities(clause: str, qs: list, sentence: str) -> list:
    """The figure a clause reports (one per clause; items listed with 、 each count).

    - a share of a whole (1.2万亩耕地中的八成, 382户中有九成) is the share;
    - a per-capita figure (户均分红1000元) is that figure;
    - a count of things meeting a threshold (216个村…全部超过10万元) is the count;
    - the same unit twice (1697个…已转化1294个) is the last;
    - otherwise the first figure that does not just qualify a noun (超过10万元的村 -> the villages' count).
    """
    if len(qs) <= 1:
        return qs
    listed = [q for q, nxt in zip(qs, qs[1:]) if q.unit == nxt.unit and "、" in sentence[q.end : nxt.start]]
    if listed:
        last = [q for q in qs if q.unit == listed[-1].unit and q.start > listed[-1].start][:1]
        return listed + last
    shares = [q for q in qs if q.unit == "%" and re.search(r"中(?:的|有)?[^，,]{0,4}$", sentence[: q.start])]
    if shares:
        return shares[:1]
    per_capita = [q for q in qs if re.search(r"[人户村亩]均[^，,]{0,6}$", sentence[: q.start])]
    if per_capita:
        return per_capita[-1:]
    thresholds = [q for q in qs if re.search(r"(?:全部|均|都|全)(?:超过|超|达到|达|在)$", sentence[max(0, q.start - 4) : q.start])]
    counts = [q for q in qs if q not in thresholds]
    if thresholds and counts:
        return counts[:1]
    units = {q.unit for q in qs}
    if len(units) == 1:
        return qs[-1:]
    predicates = [q for q in qs if sentence[q.end : q.end + 1] not in ("的", "中")]
    return (predicates or qs)[:1]


def _metric(clause: str, q, sentence_start: int, clause_start: int) -> str | None:
    pos = (sentence_start + q.start) - clause_start
    before = clause[:max(0, pos)]
    before = re.sub(r"(?:达到|达|增加|增长|超过|超|突破|共|全部|累计|总计|共计|了|为|至|到|近|约|已|实现)+$", "", before)
    before = plain(before)[-12:]
    return before or None
