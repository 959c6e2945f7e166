"""Clean stage: page boilerplate out, article metadata in, a simplified view for analysis.

Pure functions over text:

- :func:`clean` / :func:`parse_page`: text saved from a news page -> the article
  text (title line and body) and its metadata (:class:`PageText`).
- :func:`parse_html`: the same for an HTML page (trafilatura, then the page rules).
- :func:`simplified_view`: traditional -> simplified with equal length, so that
  offsets found in the view are offsets in the stored text.
- :func:`normalize_date`: a date as written in Chinese news -> ISO 8601.

``Article.text`` keeps the script the article was written in (evidence quotes
what the article says); names and ids are made from :func:`simplified_view`.
"""

from kg.clean.dates import normalize_date
from kg.clean.htmlpage import parse_html
from kg.clean.page import PageText, clean, normalize_text, parse_page
from kg.clean.script import is_traditional, simplified_view, to_simplified

__all__ = [
    "PageText",
    "clean",
    "is_traditional",
    "normalize_date",
    "normalize_text",
    "parse_html",
    "parse_page",
    "simplified_view",
    "to_simplified",
]
