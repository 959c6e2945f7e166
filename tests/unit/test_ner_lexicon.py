"""The NER model's lexicon features."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.places import trie_regex
from kg.nlp.ner.lexicon import Lexicon

_CHARS = st.sampled_from("台州市温岭大溪镇村")


@given(st.lists(st.text(_CHARS, min_size=1, max_size=5), min_size=1, max_size=12), st.text(_CHARS, max_size=40))
def test_lexicon_place_spans_are_the_trie_regex_matches(names: list[str], text: str) -> None:
    # the set lookup that replaced the regex must find exactly what the regex found
    # (the features of a saved model must not change)
    expected = [m.span() for m in trie_regex(sorted(set(names))).finditer(text)]
    assert Lexicon({"places": names}).place_spans(text) == expected


def test_lexicon_place_features_mark_names_of_two_or_more_characters() -> None:
    lex = Lexicon({"places": ["台州", "台州市", "市"]})
    assert [f[:2] for f in lex.features("台州市市")] == ["gB", "gM", "gE", "g-"]


@given(
    st.lists(st.text(_CHARS, min_size=1, max_size=5), min_size=1, max_size=12),
    st.text(_CHARS, max_size=40),
    st.integers(min_value=0, max_value=45),
)
def test_name_index_search_is_the_trie_regex_search(names: list[str], text: str, pos: int) -> None:
    from kg.extract.places import NameIndex

    m = trie_regex(sorted(set(names))).search(text, pos)
    assert NameIndex(names).search(text, pos) == (m.span() if m else None)
