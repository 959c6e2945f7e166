"""Article metadata and page boilerplate in text saved from Chinese news pages.

Many inputs are web pages saved as text: breadcrumbs, a kicker and a title, a
date/source line, bylines, image file names and photo credits, an editor's note,
share and copyright blocks, a 标签/责任编辑 line.  :func:`parse_page` reads the
metadata out of them and returns the article text without them;
:func:`clean` returns only that text.  Both are pure functions.

What is kept: the title (as the first line of the text: titles name the places
and campaigns an article is about), the body paragraphs, one per line, and
image captions without their photo credit (captions name the places shown).
Traditional-script pages are read through :func:`~kg.clean.script.simplified_view`
(same length), so the same rules apply; the text keeps its script and the
metadata values are simplified (they are names).
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from kg.clean.dates import DATE_PATTERN, find_date, infer_year, normalize_date
from kg.clean.script import is_traditional, simplified_view, to_simplified

logger = logging.getLogger(__name__)

__all__ = ["PageText", "clean", "normalize_text", "parse_page", "split_names", "split_tags"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PageText:
    """What :func:`parse_page` reads from one page: the text and the metadata.

    ``text`` is the text to analyse and store (title line, then the body);
    ``body`` is the same without the title.  Metadata values are None (or
    empty) when the page does not give them.
    """

    text: str
    body: str
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    correspondents: tuple[str, ...] = ()
    editor: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    traditional: bool = False
    removed: tuple[str, ...] = field(default=(), repr=False)


# --------------------------------------------------------------------------- text normalisation

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_DROP_CHARS = dict.fromkeys(
    [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0)) + [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD]
)
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_SEPS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_RUNS = re.compile(r" {2,}")


def normalize_text(text: str) -> str:
    """Normalise line breaks, spaces and invisible characters; keep everything else.

    Line breaks become ``\\n``; tabs, no-break and ideographic spaces become
    spaces; zero-width and control characters go; HTML entities left in saved
    text are decoded.  Characters are not NFKC-folded: full-width punctuation
    stays as the article wrote it.

    Args:
        text: Raw text.

    Returns:
        The normalised text (same lines, same words).

    >>> normalize_text("标题\\r\\n\\u3000\\u3000正文&nbsp;第一段\\u200b。")
    '标题\\n  正文 第一段。'
    """
    text = _LINE_SEPS.sub("\n", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text = text.translate(_DROP_CHARS)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- line patterns

_HAN = r"\u4e00-\u9fff"
_NAME = re.compile(rf"[{_HAN}]{{2,4}}|[{_HAN}]{{1,6}}(?:[·•][{_HAN}]{{1,8}})+")
_OUTLET = re.compile(rf"[{_HAN}A-Za-z0-9·\-]{{1,14}}(?:报|网|台|社|刊|杂志|频道|客户端|中心|新闻|融媒|传媒|在线)")
_BYLINE_LABEL = re.compile(
    r"(?P<label>(?:本报|本台|本网|本刊|本社)?(?:首席|特约|见习|实习|全媒体?|融媒体?|驻[\u4e00-\u9fff]{1,4})?"
    r"(?:记者|通讯员|实习生|作者|撰稿|撰文)|文[/／]图|图[/／]文|文[/／])\s*[:：]?\s*"
)
_NAME_SPLIT = re.compile(r"[\s、,，;；/／]+")

_CRUMB_WORDS = re.compile(r"(?:您|你)?(?:当前|现在|所在)的?位置|当前位置|^首页$|^网站首页$|^返回首页$|^首页\s*[>＞»›]")
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|＞|»|›|→|/)\s*")
_PARAGRAPH_END = re.compile(r"[。！？!?…][”」』’]?$")

_SOURCE = re.compile(
    r"(?:信息|文章|新闻|稿件)?(?:来源|稿源|出处)\s*[:：]\s*"
    r"(?P<v>.+?)"
    r"(?=\s{2,}|\s+(?:记者|作者|编辑|责任编辑|责编|通讯员|点击|浏览|阅读|字号|发布|时间|日期|来源)|\s*[|｜丨【\[】\]()（）]"
    r"|\s*(?:19|20)\d{2}\s*[-/.年]|\s*(?:点击|浏览|阅读|报料|字号|作者|编辑|发布时间|发布日期|时间|日期)\s*[:：]?|\s*$)"
)
_META_LABEL = re.compile(
    r"(?:发布|更新|发稿|录入|发表)?(?:时间|日期)\s*[:：]|(?:点击|浏览|阅读)(?:数|量|次数|人次)?\s*[:：]?\s*\d*"
    r"|字号\s*[:：]?\s*(?:[大中小]\s*)*|报料热线\s*[:：]?\s*[\d\-]*|【|】|\[|\]|[|｜丨]"
)
_AUTHOR_IN_META = re.compile(r"(?:记者|作者|撰稿|通讯员)\s*[:：]?\s*")
_META_STOP = re.compile(r"\s*(?:点击|浏览|阅读|发布|来源|稿源|时间|日期|字号|报料|编辑|责任编辑|责编)(?:数|量|次数)?\s*[:：]?|\s{2,}|[|｜丨【\[]")

_EDITOR = re.compile(
    rf"[(（【\[]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*(?P<v>[{_HAN}·]{{2,10}}(?:\s*[、,，/／ ]\s*[{_HAN}·]{{2,10}})*)\s*[)）】\]]?"
)
_TAGS = re.compile(
    r"^[【\[]?\s*(?:标签|关键词|关键字|tags?)\s*[:：]\s*(?P<v>.+?)\s*[】\]]?(?=\s*[(（【\[]?\s*(?:责任编辑|责编|编辑)\s*[:：]|\s{2,}|$)",
    re.IGNORECASE,
)
_TAG_SPLIT = re.compile(r"[;；,，、|｜/／\s]+")
_URL_LINE = re.compile(r"^(?:原文链接|原文地址|本文链接|文章链接|原文网址|网址|链接)\s*[:：]\s*(?P<v>https?://\S+)\s*$")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")

_FOOTER_START = re.compile(
    r"^[【\[]?\s*(?:分享到|分享至|分享\s*[:：]|一键分享|版权和免责|版权声明|免责声明|相关新闻|相关阅读|相关文章|相关链接|推荐阅读|热点推荐|精彩推荐"
    r"|上一篇|下一篇|打印本页|关闭窗口|返回顶部|网友评论|我要评论|发表评论|点击排行|热门排行|copyright)",
    re.IGNORECASE,
)
_BOILER_LINE = re.compile(
    r"copyright|©|版权所有|all rights reserved|icp备|icp证|公网安备|违法和不良信息举报"
    r"|凡注[有明].{0,40}(?:版权|稿件|作品)|未经(?:本网|本站)?(?:许可|授权|同意).{0,12}(?:转载|复制|镜像|使用)|转载请注明|^本文来源[:：]",
    re.IGNORECASE,
)
_FOLLOW = re.compile(r"微信公众号|官方微博|官方微信|微信号|扫码关注|扫一扫|关注我们|长按识别|二维码|客户端下载|官方抖音|视频号|下载客户端")
_IMAGE_FILE = re.compile(r"^[\w\s()（）\-.~]{0,80}\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.IGNORECASE)
_WIDGET = re.compile(
    r"^[【\[]?\s*(?:字号|字体)\s*[:：]?\s*(?:[大中小]\s*)*[】\]]?$|^(?:[【\[]?\s*(?:打印|关闭|收藏|纠错|打印本页|关闭窗口|返回|分享)\s*[】\]]?\s*)+$"
    r"|^\d{1,4}$|^[>＞»]+$"
    r"|^(?:[^|｜。，]{1,8}\s*[|｜]\s*){2,}[^|｜。，]{1,8}$"  # a menu: 首页 | 新闻 | 关于我们
)
_ORIGINAL_TITLE = re.compile(r"^[【\[]?\s*原标题\s*[:：]")
_EDITORS_NOTE = re.compile(r"^[【\[]?\s*编者按\s*[】\]]?\s*[:：]?")
_CREDIT = re.compile(
    rf"\s*(?:[{_HAN}A-Za-z]{{1,10}}(?:网|社|报|台)发\s*)?[(（][^()（）\n]{{0,40}}?(?:摄|供图|提供)\s*[)）]\s*[。.]?\s*$"
    rf"|\s*[{_HAN}]{{0,10}}记者\s*[{_HAN}]{{2,4}}(?:\s+[{_HAN}]{{2,4}})*\s*摄\s*$"
)
_DATELINE = re.compile(
    rf"^(?P<outlet>[{_HAN}A-Za-z]{{1,10}}?(?:社|网|报|台|频道|客户端))"
    rf"(?P<place>[{_HAN}]{{2,8}}?)?"
    r"(?:(?P<date>(?:(?:19|20)\d{2}年)?[01]?\d月[0-3]?\d日)(?:电|讯|消息)|消息(?=\s*[(（:：]))\s*"
    r"(?:[(（](?P<who>[^()（）\n]{1,40})[)）]\s*)?[:：]?\s*"
)
_OWN_OUTLET = ("本报", "本刊", "本台", "本网", "本社")
_BENBAO = re.compile(rf"^(?:本报|本刊|本台|本网|本社)(?P<place>[{_HAN}]{{0,6}}?)讯\s*(?:[(（](?P<who>[^()（）\n]{{1,40}})[)）]\s*)?")
_TRAILING_BYLINE = re.compile(r"\s*[(（](?P<who>[^()（）\n]{2,40})[)）]\s*$")
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…+)\s*$")
_QUOTES = re.compile(r"[\s“”‘’\"'「」『』《》]")


# --------------------------------------------------------------------------- helpers


def split_names(text: str) -> list[str]:
    """Split a list of personal names written in a byline.

    Args:
        text: Names separated by spaces, 、 or commas.

    Returns:
        The names, or an empty list when some part is not a Chinese name.

    >>> split_names("程安然 吕思雨、邵佳")
    ['程安然', '吕思雨', '邵佳']
    >>> split_names("在村里看到")
    []
    """
    parts = [p for p in _NAME_SPLIT.split(text.strip(" :：()（）")) if p]
    if parts and all(_NAME.fullmatch(p) for p in parts):
        return parts
    return []


def split_tags(text: str) -> list[str]:
    """Split a tag list (``乡村治理;为民服务``, ``志愿服务,基层治理``).

    Args:
        text: Tags separated by ; ， 、 | / or spaces.

    Returns:
        The tags in order, without duplicates.

    >>> split_tags("乡村治理;为民服务 ；志愿服务、为民服务")
    ['乡村治理', '为民服务', '志愿服务']
    """
    seen: list[str] = []
    for tag in _TAG_SPLIT.split(text):
        tag = tag.strip(" 【】[]")
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def _parse_byline(text: str) -> tuple[list[str], list[str]] | None:
    """Read a byline (``记者张三通讯员李四``, ``某某报记者 张三 李四``): (authors, correspondents)."""
    text = text.strip().strip("()（）【】[]").strip()
    labels = list(_BYLINE_LABEL.finditer(text))
    if not labels or len(text) > 60:
        return None
    prefix = text[: labels[0].start()].strip()
    if prefix and not _OUTLET.fullmatch(prefix):
        return None
    authors: list[str] = []
    correspondents: list[str] = []
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        chunk = text[label.end() : end].strip()
        if not chunk:
            continue
        names = split_names(chunk)
        if not names:
            return None
        secondary = "通讯员" in label.group("label") or "实习生" in label.group("label")
        (correspondents if secondary else authors).extend(names)
    if not authors and not correspondents:
        return None
    if not authors:  # no reporter: the correspondents are the authors
        authors, correspondents = correspondents, []
    return authors, correspondents


def _is_breadcrumb(s: str) -> bool:
    if len(s) > 100 or _PARAGRAPH_END.search(s):
        return False
    if _CRUMB_WORDS.search(s):
        return True
    parts = _CRUMB_SEP.split(s)
    return len(parts) >= 2 and sum(1 for p in parts if p) >= 1 and all(len(p) <= 16 for p in parts) and (">" in s or "＞" in s or "»" in s or "›" in s)


def _is_meta_line(s: str) -> bool:
    """A date/source line: ``2019年3月4日 08:05:06 来源: X``, ``时间:… 来源:… 点击:``."""
    if len(s) > 160 or s.endswith(("。", "！", "？")):
        return False
    if re.search(r"(?:来源|稿源)\s*[:：]", s):
        return True
    date = DATE_PATTERN.search(s)
    if not date:
        return False
    rest = _META_LABEL.sub("", s[: date.start()] + " " + s[date.end() :])
    rest = _SOURCE.sub("", rest)
    rest = re.sub(r"(?:记者|作者|编辑|通讯员)\s*[:：]?\s*(?:[\u4e00-\u9fff·]{2,10}\s*)*", "", rest)
    return len(re.sub(r"[\s:：]", "", rest)) <= 12 and not re.search(r"[，。,]", rest)


def _is_paragraph(s: str) -> bool:
    return len(s) > 80 or (len(s) > 20 and bool(_PARAGRAPH_END.search(s)))


def _names_join(names: list[str]) -> str | None:
    unique = list(dict.fromkeys(n for n in names if n))
    return " ".join(unique) if unique else None


# --------------------------------------------------------------------------- the parser


class _Line:
    """One line of the page: its original text and its simplified view (same length)."""

    __slots__ = ("o", "s", "keep")

    def __init__(self, o: str, s: str) -> None:
        self.o, self.s, self.keep = o, s, True

    def cut(self, start: int, end: int) -> None:
        self.o = self.o[:start] + self.o[end:]
        self.s = self.s[:start] + self.s[end:]

    def strip(self) -> None:
        lead = len(self.s) - len(self.s.lstrip())
        self.o, self.s = self.o[lead:], self.s[lead:]
        self.o, self.s = self.o[: len(self.s.rstrip())], self.s.rstrip()


class _Meta:
    def __init__(self) -> None:
        self.title: str | None = None  # simplified view
        self.title_text: str | None = None  # as written
        self.published_at: str | None = None
        self.source: str | None = None
        self.authors: list[str] = []
        self.correspondents: list[str] = []
        self.editors: list[str] = []
        self.tags: list[str] = []
        self.url: str | None = None
        self.removed: list[str] = []

    def add_byline(self, authors: list[str], correspondents: list[str]) -> None:
        self.authors.extend(authors)
        self.correspondents.extend(correspondents)


def _drop(line: _Line, meta: _Meta) -> None:
    if line.keep and line.s:
        meta.removed.append(line.o)
    line.keep = False


def _read_meta_line(s: str, meta: _Meta) -> None:
    iso, _ = find_date(s)
    if iso and not meta.published_at:
        meta.published_at = iso
    source = _SOURCE.search(s)
    if source and not meta.source:
        value = source.group("v").strip(" :：-—|｜,，")
        if value:
            meta.source = value
    author = _AUTHOR_IN_META.search(s)
    if author:
        stop = _META_STOP.search(s, author.end())
        names = s[author.start() : stop.start() if stop else len(s)]
        byline = _parse_byline(names)
        if byline:
            meta.add_byline(*byline)
    _read_editor_and_tags(s, meta)


def _read_editor_and_tags(s: str, meta: _Meta) -> list[tuple[int, int]]:
    """Record the 责任编辑 and 标签 of a line; return the spans they take."""
    spans: list[tuple[int, int]] = []
    tags = _TAGS.search(s)
    if tags:
        meta.tags.extend(t for t in split_tags(tags.group("v")) if t not in meta.tags)
        spans.append(tags.span())
    for editor in _EDITOR.finditer(s):
        if editor.group(0).lstrip("(（【[ ").startswith("编辑") and len(s) > 40:
            continue  # a bare 编辑: inside a sentence is not a credit line
        meta.editors.extend(split_names(editor.group("v")) or [editor.group("v").strip()])
        spans.append(editor.span())
    return spans


def _header(lines: list[_Line], meta: _Meta, title_hint: str | None) -> int:
    """Read breadcrumbs, kicker, title, date/source line; return the index where the body starts."""
    visible = [i for i, ln in enumerate(lines) if ln.keep and ln.s]
    head = visible[:14]
    meta_at = None
    for i in head:
        s = lines[i].s
        if _is_meta_line(s) and not _is_paragraph(s):
            meta_at = i
            break
        if _is_paragraph(s) and not _is_breadcrumb(s):
            break
    hint = _QUOTES.sub("", to_simplified(title_hint)) if title_hint else None
    if meta_at is None:
        # No date/source line: breadcrumbs, then a short first line is the title.
        for i in head:
            s = lines[i].s
            if _is_breadcrumb(s):
                _drop(lines[i], meta)
                continue
            if hint is not None:
                if _QUOTES.sub("", s) == hint:
                    _drop(lines[i], meta)
                return i
            if len(s) <= 50 and not re.search(r"[。！？!?；;：:,，、…]$", s) and _parse_byline(s) is None and len(visible) > 1:
                meta.title, meta.title_text = s, lines[i].o
                _drop(lines[i], meta)
            return i
        return 0
    _read_meta_line(lines[meta_at].s, meta)
    _drop(lines[meta_at], meta)
    # the date and the source are often on lines of their own (【来源：…】 then 2023-05-19 07:12)
    after = [i for i in visible if i > meta_at][:2]
    for i in after:
        s = lines[i].s
        if not (_is_meta_line(s) and not _is_paragraph(s)):
            break
        _read_meta_line(s, meta)
        _read_editor_and_tags(s, meta)
        _drop(lines[i], meta)
        meta_at = i
    candidates = [i for i in head if i < meta_at and lines[i].keep]
    for i in candidates:
        if _is_breadcrumb(lines[i].s):
            _drop(lines[i], meta)
    candidates = [i for i in candidates if lines[i].keep]
    # A short name line right above the date line is a byline (a person or a desk), not the title.
    if len(candidates) >= 2 and re.fullmatch(rf"[{_HAN}]{{2,5}}", lines[candidates[-1]].s):
        meta.authors.append(lines[candidates[-1]].s)
        _drop(lines[candidates[-1]], meta)
        candidates.pop()
    for i in candidates:
        byline = _parse_byline(lines[i].s)
        if byline:
            meta.add_byline(*byline)
            _drop(lines[i], meta)
    candidates = [i for i in candidates if lines[i].keep]
    if candidates:
        title_line = candidates[-1]
        if hint is not None:
            match = [i for i in candidates if _QUOTES.sub("", lines[i].s) == hint]
            title_line = match[0] if match else title_line
        if len(lines[title_line].s) <= 80:
            meta.title, meta.title_text = lines[title_line].s, lines[title_line].o
        for i in candidates:  # kicker lines and the title line itself
            _drop(lines[i], meta)
    return meta_at + 1


def _footer(lines: list[_Line], meta: _Meta, body_start: int) -> None:
    seen_paragraph = False
    for i in range(body_start, len(lines)):
        ln = lines[i]
        if not ln.keep or not ln.s:
            continue
        if len(ln.s) <= 60 and _FOOTER_START.search(ln.s):
            if not seen_paragraph:  # a share bar above the article: only the line goes
                _read_editor_and_tags(ln.s, meta)
                _drop(ln, meta)
                continue
            for rest in lines[i:]:
                if rest.keep:
                    _read_editor_and_tags(rest.s, meta)
                    _drop(rest, meta)
            return
        if len(ln.s) > 40 or re.search(r"[。！？!?]", ln.s):
            seen_paragraph = True


def _scattered(lines: list[_Line], meta: _Meta) -> None:
    previous: _Line | None = None
    for ln in lines:
        if not ln.keep or not ln.s:
            continue
        s = ln.s
        url = _URL_LINE.match(s)
        if url:
            meta.url = meta.url or url.group("v")
            _drop(ln, meta)
        elif _BARE_URL.match(s) or _IMAGE_FILE.match(s) or _WIDGET.match(s) or _ORIGINAL_TITLE.match(s) or _EDITORS_NOTE.match(s):
            _drop(ln, meta)
        elif len(s) <= 200 and _BOILER_LINE.search(s):
            _drop(ln, meta)
        elif len(s) <= 20 and _FOLLOW.search(s):
            _drop(ln, meta)
            if previous is not None and previous.keep and len(previous.s) <= 12 and not re.search(r"[。，！？：:\d]", previous.s):
                _drop(previous, meta)
        else:
            spans = _read_editor_and_tags(s, meta) if len(s) <= 120 else []
            source = re.fullmatch(r"[(（【\[]?\s*(?:来源|稿源)\s*[:：]\s*(?P<v>[^()（）【】\[\]]{2,30}?)\s*[)）】\]]?", s)
            if source:
                meta.source = meta.source or source.group("v").strip()
                _drop(ln, meta)
            elif spans:
                for start, end in sorted(spans, reverse=True):
                    ln.cut(start, end)
                ln.strip()
                if not re.sub(r"[\s()（）【】\[\]]", "", ln.s):
                    _drop(ln, meta)
        if ln.keep:
            previous = ln


def _credits(lines: list[_Line], meta: _Meta) -> None:
    """Cut photo credits (``某某网发(张三 摄)``, ``（XX供图）``) off caption lines."""
    for ln in lines:
        credit = _CREDIT.search(ln.s) if ln.keep and ln.s else None
        if credit:
            meta.removed.append(ln.o[credit.start() : credit.end()])
            ln.cut(*credit.span())
            ln.strip()
            if not ln.s:
                ln.keep = False


def _bylines(lines: list[_Line], meta: _Meta) -> None:
    visible = [ln for ln in lines if ln.keep and ln.s]
    after_byline = False
    for ln in visible[:8]:
        byline = _parse_byline(ln.s)
        if byline:
            meta.add_byline(*byline)
            _drop(ln, meta)
            after_byline = True
            continue
        names = split_names(ln.s) if after_byline and len(ln.s) <= 30 else []
        if names and (len(names) >= 2 or len(names[0]) <= 3):
            meta.authors.extend(names)  # names continued on the next line
            _drop(ln, meta)
            continue
        after_byline = False
    for ln in visible[-3:]:
        if not ln.keep:
            continue
        byline = _parse_byline(ln.s)
        if byline:
            meta.add_byline(*byline)
            _drop(ln, meta)
            continue
        trailing = _TRAILING_BYLINE.search(ln.s)
        if trailing and ln is visible[-1]:
            byline = _parse_byline(trailing.group("who"))
            if byline:
                meta.add_byline(*byline)
                ln.cut(*trailing.span())


def _dateline(lines: list[_Line], meta: _Meta, full_text: str) -> None:
    visible = [ln for ln in lines if ln.keep and ln.s]
    for ln in visible[:3]:
        match = _DATELINE.match(ln.s) or _BENBAO.match(ln.s)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("outlet") and groups["outlet"] not in _OWN_OUTLET and not meta.source:
            meta.source = groups["outlet"]
        who = groups.get("who")
        if who:
            byline = _parse_byline(who)
            names = split_names(who)
            if byline:
                meta.add_byline(*byline)
            elif names:
                meta.authors.extend(names)
        if groups.get("date") and not meta.published_at:
            meta.published_at = _dateline_date(groups["date"], full_text)
        meta.removed.append(ln.o[: match.end()])
        ln.cut(0, match.end())
        ln.strip()
        if not ln.s:
            ln.keep = False
        return


def _dateline_date(text: str, full_text: str) -> str | None:
    if re.match(r"(?:19|20)\d{2}年", text):
        return normalize_date(text)
    md = re.match(r"([01]?\d)月([0-3]?\d)日", text)
    if not md:
        return None
    month, day = int(md.group(1)), int(md.group(2))
    year = infer_year(full_text, month=month, day=day)
    if year is None:
        logger.debug("dateline %s gives no year and the text names none", text)
        return None
    return normalize_date(text, base_year=year)


def _teaser(lines: list[_Line], meta: _Meta) -> None:
    """Drop a summary line ending in "..." that repeats the start of the next paragraph."""
    visible = [ln for ln in lines if ln.keep and ln.s]
    for first, nxt in zip(visible[:3], visible[1:4]):
        if not _ELLIPSIS_END.search(first.s):
            continue
        head = _QUOTES.sub("", _ELLIPSIS_END.sub("", first.s))[:16]
        if head and _QUOTES.sub("", nxt.s).startswith(head):
            _drop(first, meta)
            return


def parse_page(text: str, *, title: str | None = None, keep_title: bool = True) -> PageText:
    """Read the metadata of a news page saved as text and remove its boilerplate.

    Args:
        text: The page text (any script, any line endings).
        title: The title when it is known from elsewhere (an HTML ``<title>``, a
            JSONL field); a header line equal to it is recognised as the title.
        keep_title: Put the title on the first line of ``PageText.text``.

    Returns:
        The text without boilerplate and the metadata found.

    >>> page = parse_page('''您当前的位置 : 示例网 > 新闻 > 正文
    ... 县委推行“三联三帮”工作法
    ... 2023年11月20日 08:35:16 来源: 示例日报 记者 周晓岚 通讯员 毛建军
    ...
    ...   全县38名村党组织书记同台比武。
    ... 标签: 基层党建;乡村治理 责任编辑: 姜文涛
    ... 分享到:''')
    >>> page.title, page.published_at, page.source, page.author, page.correspondents
    ('县委推行“三联三帮”工作法', '2023-11-20T08:35:16', '示例日报', '周晓岚', ('毛建军',))
    >>> page.editor, page.tags
    ('姜文涛', ('基层党建', '乡村治理'))
    >>> page.text
    '县委推行“三联三帮”工作法\\n全县38名村党组织书记同台比武。'
    """
    normalized = normalize_text(text)
    traditional = is_traditional(normalized)
    view = simplified_view(normalized) if traditional else normalized
    lines = [_Line(o, s) for o, s in zip(normalized.split("\n"), view.split("\n"))]
    for ln in lines:
        ln.strip()
    meta = _Meta()
    _credits(lines, meta)
    body_start = _header(lines, meta, title)
    _footer(lines, meta, body_start)
    _scattered(lines, meta)
    _bylines(lines, meta)
    _dateline(lines, meta, view)
    _teaser(lines, meta)

    body_lines = [_RUNS.sub(" ", ln.o) for ln in lines if ln.keep and ln.s]
    body = "\n".join(body_lines)
    title_text = _RUNS.sub(" ", normalize_text(title or meta.title_text or "").strip()) or None
    text_out = f"{title_text}\n{body}" if keep_title and title_text and body else body
    authors = list(dict.fromkeys(meta.authors))
    correspondents = [c for c in dict.fromkeys(meta.correspondents) if c not in authors]

    def simplify(value: str) -> str:
        return to_simplified(value) if traditional else value

    return PageText(
        text=text_out,
        body=body,
        title=simplify(title_text) if title_text else None,
        published_at=meta.published_at,
        source=simplify(meta.source) if meta.source else None,
        author=_names_join(authors),
        correspondents=tuple(correspondents),
        editor=_names_join(meta.editors),
        tags=tuple(meta.tags),
        url=meta.url,
        traditional=traditional,
        removed=tuple(meta.removed),
    )


def clean(text: str) -> str:
    """Return the article text of a page: title line and body, without boilerplate.

    Args:
        text: Page text as saved (breadcrumbs, date/source line, share blocks...).

    Returns:
        The text to analyse: the title on the first line, then one paragraph per line.

    >>> clean("首页 > 新闻\\n村里来了新书记\\n2024-12-06 来源: 示例报\\n\\n  近日，村里来了新书记。\\n640.jpg\\nCopyright © 2024")
    '村里来了新书记\\n近日，村里来了新书记。'
    """
    return parse_page(text).text
