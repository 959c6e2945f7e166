"""kg.plots: a CJK font for matplotlib, and the network drawing."""

from __future__ import annotations

import doctest
import warnings

import matplotlib
import networkx as nx
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from kg import plots  # noqa: E402
from kg.errors import ConfigError  # noqa: E402


def test_plots_doctests() -> None:
    result = doctest.testmod(plots)
    assert result.attempted >= 2 and result.failed == 0


def test_plots_cjk_font_draws_chinese_without_missing_glyphs() -> None:
    with matplotlib.rc_context():
        family = plots.use_cjk_font()
        assert family in plots.CJK_FAMILIES
        assert matplotlib.rcParams["font.sans-serif"][0] == family
        fig, ax = plt.subplots()
        ax.set_title("温岭市大溪镇沈岙村 “三化十二制”")
        ax.bar(["党建+乡贤", "屋场恳谈会"], [1, 2])
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "Glyph … missing from font" would fail here
            fig.canvas.draw()
        plt.close(fig)


def test_plots_without_a_cjk_font_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "CJK_FAMILIES", ("No Such Font SC",))
    with matplotlib.rc_context(), pytest.raises(ConfigError, match="apt-get install fonts-noto-cjk"):
        plots.use_cjk_font()


def test_plots_draw_network_colours_nodes_by_label() -> None:
    net = nx.DiGraph()
    net.add_node("p", label="Place", name="温岭市", level="county")
    net.add_node("i", label="Initiative", name="三化十二制")
    net.add_node("o", label="Outcome", name="241个村整转")
    net.add_edge("p", "i", type="IMPLEMENTS")
    net.add_edge("i", "o", type="ACHIEVED")
    with matplotlib.rc_context():
        plots.use_cjk_font()
        ax = plots.draw_network(net)
        texts = sorted(t.get_text() for t in ax.texts)
        assert texts == ["三化十二制", "温岭市"]  # outcomes are not named
        colours = {tuple(round(c, 3) for c in fc) for coll in ax.collections for fc in coll.get_facecolors()}
        assert tuple(round(c, 3) for c in matplotlib.colors.to_rgba(plots.COLOURS["Initiative"])) in colours
        plt.close(ax.figure)
    empty = plots.draw_network(nx.DiGraph())
    assert empty.get_title() == "(empty network)"
    plt.close(empty.figure)
