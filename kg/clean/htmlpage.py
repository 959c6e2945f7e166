"""News pages as HTML: main text and metadata with trafilatura, then the page-text rules.

trafilatura finds the article body and the page metadata (title, date, author,
site name, canonical URL, keywords).  Chinese pages often write 来源, 作者 and
责任编辑 in the page itself rather than in ``<meta>`` tags, so the visible page
text, from the title down, is also read with :func:`kg.clean.page.parse_page`;
what the page says wins over what ``<meta>`` tags say, since it carries the time
of day and the outlet the page credits.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html
import trafilatura

from kg.clean.dates import normalize_date
from kg.clean.page import PageText, normalize_text, parse_page, split_names, split_tags

logger = logging.getLogger(__name__)

__all__ = ["parse_html", "visible_text"]

_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "figure", "figcaption",
    "hr", "main", "form", "center", "title",
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+)\s*[^-_|｜—–]{1,20}$")
# libxml2 refuses control characters (and trafilatura hands it the markup): they
# carry nothing in a page, so they go first.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def visible_text(markup: str) -> str:
    """Return the visible text of an HTML page, one block element per line.

    Args:
        markup: An HTML document.

    Returns:
        Its text without scripts and styles; block elements and ``<br>`` start
        new lines.  Empty when the markup cannot be parsed.

    >>> visible_text("<html><body><div>首页 &gt; 新闻</div><h1>标题</h1><p>正文<br>第二行</p><script>x=1</script></body></html>")
    '首页 > 新闻\\n标题\\n正文\\n第二行'
    """
    markup = _CONTROL.sub("", _XML_DECLARATION.sub("", markup))
    if not markup.strip():
        return ""
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as e:
        logger.debug("cannot parse HTML: %s", e)
        return ""
    for element in tree.xpath("//script|//style|//noscript|//template|//head"):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    text = tree.text_content()
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _header_text(page: str, title: str | None) -> str:
    """The visible text from the title line down (navigation above it is not the article)."""
    if not title:
        return page
    lines = page.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == title.strip():
            return "\n".join(lines[i:])
    return page


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    if not title:
        return None
    title = normalize_text(title).strip()
    if sitename and title.endswith(sitename):
        title = _SITE_SUFFIX.sub("", title) or title
    return title or None


def parse_html(markup: str) -> PageText:
    """Read the article text and metadata of a news page in HTML.

    Args:
        markup: The HTML document (already decoded).

    Returns:
        The article as :class:`~kg.clean.page.PageText`; its ``text`` is empty
        when the page has no article text (a navigation page, an empty shell).

    >>> page = parse_html('''<html><head><title>村里来了新书记_示例网</title>
    ... <link rel="canonical" href="https://news.example.com/a/1.html"></head><body>
    ... <div>首页 &gt; 新闻 &gt; 正文</div><h1>村里来了新书记</h1>
    ... <div>发布时间：2024-04-18 15:30 来源：示例日报 作者：贾文博</div>
    ... <div><p>4月16日，山东省临沂市沂南县岸堤镇库东村召开村民大会，选举产生了新一届村党支部。</p>
    ... <p>新当选的村党支部书记表示，将带领村民发展樱桃产业，让集体经济收入再上台阶。</p>
    ... <p>（责任编辑：孔令辉）</p></div><div>Copyright © 2024 示例网</div></body></html>''')
    >>> page.title, page.published_at, page.source, page.author, page.editor, page.url
    ('村里来了新书记', '2024-04-18T15:30:00', '示例日报', '贾文博', '孔令辉', 'https://news.example.com/a/1.html')
    >>> page.text.splitlines()[0]
    '村里来了新书记'
    """
    markup = _CONTROL.sub("", markup)
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    if document is None:
        return PageText(text="", body="")
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    main_text = found.get("text") or ""
    title = _clean_title(found.get("title"), found.get("sitename"))
    page = visible_text(markup)
    header = parse_page(_header_text(page, title), title=title) if page else None
    body = parse_page(main_text, title=title)
    if not body.body:
        return PageText(text="", body="", title=title)

    def first(*values: str | None) -> str | None:
        return next((v for v in values if v), None)

    date = found.get("date")
    meta_tags = [t for raw in (found.get("tags") or []) for t in split_tags(raw)]
    meta_author = found.get("author")
    meta_author = " ".join(split_names(meta_author)) if meta_author else None
    return PageText(
        text=body.text,
        body=body.body,
        title=first(body.title, header.title if header else None),
        published_at=first(header.published_at if header else None, body.published_at, normalize_date(date) if date else None),
        source=first(header.source if header else None, body.source, found.get("sitename")),
        author=first(header.author if header else None, body.author, meta_author),
        correspondents=(header.correspondents if header and header.author else body.correspondents),
        editor=first(body.editor, header.editor if header else None),
        tags=tuple(dict.fromkeys((header.tags if header else ()) + body.tags + tuple(meta_tags))),
        url=first(found.get("url"), body.url, header.url if header else None),
        traditional=body.traditional,
        removed=body.removed,
    )
