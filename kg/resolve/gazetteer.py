"""China's administrative divisions, down to villages, from jionlp's dictionary.

jionlp ships ``dictionary/china_location.txt``: provinces, cities and counties
with codes and short names, and under each county its towns (乡/镇/街道) and
villages/communities (村/社区).  This module reads it into compact parallel
arrays with a name index, so that a mention such as 沈岙村 can be placed as
浙江省/台州市/温岭市/大溪镇/沈岙村 and told apart from the other villages of
that name.

Two quirks of the file are folded away: a municipality (北京市) repeats its
name at the city level, and provinces group their directly administered
county-level cities under a pseudo-city 省直辖行政区划; in both cases the
counties hang directly under the province.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import zipfile
from array import array
from pathlib import Path

from kg.errors import ModelError

log = logging.getLogger(__name__)

PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE, COMMUNITY = range(6)
LEVEL_NAMES = ("province", "city", "county", "township", "village", "community")

_PSEUDO_CITIES = ("省直辖", "自治区直辖", "直辖")


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("jionlp is not installed; its dictionaries are kg's gazetteer and word lists")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def jionlp_dictionary(filename: str) -> str:
    """Return the text of one of jionlp's dictionaries (``china_location.txt``, ``idf.txt`` …).

    jionlp ships most of them zipped and unzips them on first use; kg reads the
    zip in memory rather than write into the installed package.

    Raises:
        ModelError: jionlp or the dictionary is missing.
    """
    folder = _dictionary_dir()
    path = folder / filename
    if path.exists():
        return path.read_text(encoding="utf-8")
    archive = path.with_suffix(".zip")
    try:
        with zipfile.ZipFile(archive) as z:
            return z.read(filename).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise ModelError(f"jionlp's dictionary {filename} is missing (looked for {path} and {archive}): {e}") from e


def _lower_level(name: str) -> int:
    if name.endswith(("村", "村委会", "村民委员会")):
        return VILLAGE
    return COMMUNITY


class Gazetteer:
    """Read-only index of China's divisions.  Use :func:`load_gazetteer`."""

    def __init__(self, lines: list[str]) -> None:
        self.names: list[str] = []
        self.aliases: list[str | None] = []
        self.codes: list[str | None] = []
        self.levels = array("b")
        self.parents = array("i")
        self.index: dict[str, list[int]] = {}
        self._read(lines)

    # -- construction -------------------------------------------------------
    def _add(self, name: str, level: int, parent: int, code: str | None = None, alias: str | None = None) -> int:
        idx = len(self.names)
        self.names.append(name)
        self.aliases.append(alias)
        self.codes.append(code)
        self.levels.append(level)
        self.parents.append(parent)
        self.index.setdefault(name, []).append(idx)
        if alias and alias != name:
            self.index.setdefault(alias, []).append(idx)
        return idx

    def _read(self, lines: list[str]) -> None:
        province = city = county = town = -1
        for line in lines:
            depth = len(line) - len(line.lstrip("\t"))
            fields = line.strip().split("\t")
            if not fields or not fields[0]:
                continue
            name = fields[0]
            code = fields[1] if len(fields) > 1 else None
            alias = fields[2].split("/")[0] if len(fields) > 2 else None
            if depth == 0:
                province = self._add(name, PROVINCE, -1, code, alias)
                city = county = town = -1
            elif depth == 1:
                pname = self.names[province]
                if name == pname or pname.startswith(name) or name.startswith(_PSEUDO_CITIES):
                    city = province  # municipality or directly administered counties
                else:
                    city = self._add(name, CITY, province, code, alias)
                    extra = fields[2].split("/")[1:] if len(fields) > 2 else []
                    for more in extra:
                        self.index.setdefault(more, []).append(city)
                county = town = -1
            elif depth == 2:
                county = self._add(name, COUNTY, city, code, alias)
                town = -1
            elif depth == 3:
                if county < 0:
                    continue
                town = self._add(name, TOWNSHIP, county)
            else:
                if town < 0:
                    continue
                self._add(name, _lower_level(name), town)

    # -- queries ------------------------------------------------------------
    def lookup(self, name: str) -> list[int]:
        """Return the divisions called ``name`` (full name, or short name down to counties)."""
        return self.index.get(name, [])

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def level(self, idx: int) -> str:
        return LEVEL_NAMES[self.levels[idx]]

    def level_rank(self, idx: int) -> int:
        return self.levels[idx]

    def name(self, idx: int) -> str:
        return self.names[idx]

    def parent(self, idx: int) -> int:
        return self.parents[idx]

    def ancestors(self, idx: int) -> list[int]:
        """Return the chain from the province down to ``idx`` (inclusive)."""
        chain = []
        while idx >= 0:
            chain.append(idx)
            idx = self.parents[idx]
        chain.reverse()
        return chain

    def admin_path(self, idx: int) -> str:
        """Return ``浙江省/台州市/温岭市`` for the division ``idx``."""
        return "/".join(self.names[i] for i in self.ancestors(idx))

    def is_within(self, idx: int, ancestor: int) -> bool:
        """Return True when ``ancestor`` is ``idx`` or one of its ancestors."""
        while idx >= 0:
            if idx == ancestor:
                return True
            idx = self.parents[idx]
        return False

    def __len__(self) -> int:
        return len(self.names)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the shared gazetteer (read once per process, about a second).

    Raises:
        ModelError: jionlp or its dictionary is missing.
    """
    gaz = Gazetteer(jionlp_dictionary("china_location.txt").split("\n"))
    log.debug("gazetteer: %d divisions", len(gaz))
    return gaz
