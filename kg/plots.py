"""Matplotlib helpers: a CJK font for Chinese labels, and drawings of kg's networks.

Matplotlib's default font has no Chinese glyphs: every label would come out
as empty boxes (and a warning per glyph).  :func:`use_cjk_font` finds a font
the machine has (Debian's ``fonts-noto-cjk`` first) and makes it the
default; it raises with what to install when there is none.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable

import networkx as nx

from kg.errors import ConfigError

logger = logging.getLogger(__name__)

#: Font families that hold simplified Chinese, in order of preference.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
# File names of those fonts, to add them when matplotlib's font cache predates their install.
_CJK_FILE_HINTS = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "droidsansfallback", "uming", "ukai", "msyh", "simhei", "pingfang")

#: Node colours by label (places by level), shared with the report.
COLOURS: dict[str, str] = {
    "province": "#1f4e79",
    "city": "#2e75b6",
    "county": "#5b9bd5",
    "township": "#9dc3e6",
    "village": "#c5dcf0",
    "community": "#c5dcf0",
    "landmark": "#d9d9d9",
    "Place": "#9dc3e6",
    "Organization": "#a9d18e",
    "Initiative": "#f4b183",
    "Outcome": "#ffd966",
}


def find_cjk_font() -> str | None:
    """Return the name of an installed font family that can write Chinese, or None.

    Fonts installed after matplotlib built its font cache are added first.
    """
    from matplotlib import font_manager  # noqa: PLC0415

    names = {f.name for f in font_manager.fontManager.ttflist}
    found = next((family for family in CJK_FAMILIES if family in names), None)
    if found is not None:
        return found
    for path in font_manager.findSystemFonts():
        if any(hint in path.lower().replace("-", "").replace("_", "") for hint in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError) as e:
                logger.debug("cannot add font %s: %s", path, e)
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in names), None)


def use_cjk_font() -> str:
    """Make a CJK font matplotlib's default, so that Chinese labels are drawn.

    Returns:
        The font family chosen.

    Raises:
        ConfigError: no CJK font is installed (the message says what to install).
    """
    import matplotlib  # noqa: PLC0415

    family = find_cjk_font()
    if family is None:
        raise ConfigError(
            "no font with Chinese characters found for matplotlib, so plot labels would be empty boxes; "
            "install one: Debian/Ubuntu `apt-get install fonts-noto-cjk`, Fedora `dnf install google-noto-sans-cjk-fonts`, "
            f"macOS and Windows have one already (looked for: {', '.join(CJK_FAMILIES[:6])} …)"
        )
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, *current]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    logger.info("matplotlib draws text with %s", family)
    return family


def node_colour(attrs: dict[str, Any]) -> str:
    """Return the colour of a node of :func:`kg.analysis.network` (places by level).

    >>> node_colour({"label": "Place", "level": "county"})
    '#5b9bd5'
    >>> node_colour({"label": "Outcome"})
    '#ffd966'
    """
    label = attrs.get("label", "")
    if label == "Place":
        return COLOURS.get(attrs.get("level") or "", COLOURS["Place"])
    return COLOURS.get(label, "#cccccc")


def draw_network(
    net: nx.Graph,
    *,
    ax: Any = None,
    seed: int = 0,
    labels: Iterable[str] = ("Place", "Organization", "Initiative"),
    label_chars: int = 10,
) -> Any:
    """Draw a network of :func:`kg.analysis.network` with matplotlib, coloured by label.

    Call :func:`use_cjk_font` first so that the names are readable.

    Args:
        net: the network (nodes with ``label``, ``name``, ``level``).
        ax: the axes to draw on (default: a new 12 × 9 inch figure).
        seed: seed of the spring layout (the same seed, the same drawing).
        labels: node labels whose names are written (outcomes are long sentences).
        label_chars: names are cut to this many characters.

    Returns:
        The matplotlib axes.
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    if ax is None:
        _, ax = plt.subplots(figsize=(12, 9))
    if net.number_of_nodes() == 0:
        ax.set_axis_off()
        ax.set_title("(empty network)")
        return ax
    # Components side by side, each laid out on its own: leaves (outcomes) stay by their place.
    pos = _layout(net, seed=seed)
    named = set(labels)
    shapes = {"Place": "o", "Organization": "s", "Initiative": "D", "Outcome": "^"}
    for label, marker in shapes.items():
        nodes = [n for n, a in net.nodes(data=True) if a.get("label") == label]
        if nodes:
            nx.draw_networkx_nodes(
                net, pos, nodelist=nodes, node_shape=marker, ax=ax,
                node_color=[node_colour(net.nodes[n]) for n in nodes],
                node_size=[60 + 25 * min(net.degree(n), 12) for n in nodes], edgecolors="#666666", linewidths=0.5,
            )
    styles = {"PART_OF": "dashed", "IMPLEMENTS": "solid", "ACHIEVED": "solid"}
    for rel_type, style in styles.items():
        edges = [(u, v) for u, v, a in net.edges(data=True) if a.get("type") == rel_type]
        if edges:
            nx.draw_networkx_edges(net, pos, edgelist=edges, style=style, ax=ax, edge_color="#9aa5b1", width=0.8, arrows=True, arrowsize=7)
    names = {n: str(a.get("name") or "")[:label_chars] for n, a in net.nodes(data=True) if a.get("label") in named}
    nx.draw_networkx_labels(net, pos, labels=names, font_size=7, ax=ax, font_family=_family())
    handles = [
        Line2D([], [], marker=shapes["Place"], linestyle="", color=COLOURS["county"], label="Place (darker: wider level)"),
        Line2D([], [], marker=shapes["Organization"], linestyle="", color=COLOURS["Organization"], label="Organization"),
        Line2D([], [], marker=shapes["Initiative"], linestyle="", color=COLOURS["Initiative"], label="Initiative"),
        Line2D([], [], marker=shapes["Outcome"], linestyle="", color=COLOURS["Outcome"], label="Outcome"),
        Line2D([], [], linestyle="dashed", color="#9aa5b1", label="PART_OF"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_axis_off()
    return ax


def _family() -> str:
    import matplotlib  # noqa: PLC0415

    return str(matplotlib.rcParams["font.sans-serif"][0]) if matplotlib.rcParams["font.family"] == ["sans-serif"] else "sans-serif"


def _layout(net: nx.Graph, *, seed: int) -> dict[Any, Any]:
    """Spring layout of each connected component, the components packed on a grid (largest first)."""
    import math  # noqa: PLC0415

    undirected = net.to_undirected(as_view=True)
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), min(map(str, c))))
    columns = max(1, math.ceil(math.sqrt(len(parts))))
    pos: dict[Any, Any] = {}
    for index, part in enumerate(parts):
        sub = undirected.subgraph(part)
        local = nx.spring_layout(sub, seed=seed, iterations=200) if len(part) > 1 else {next(iter(part)): (0.0, 0.0)}
        scale = 0.42 if len(part) > 3 else 0.2
        row, column = divmod(index, columns)
        for node, (x, y) in local.items():
            pos[node] = (column + x * scale, -row + y * scale)
    return pos
