"""kg: knowledge graphs of grassroots governance from Chinese news articles."""

__version__ = "0.1.0"
