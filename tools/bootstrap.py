#!/usr/bin/env python3
"""Set kg up on a fresh machine and run its main job or its tests.

usage: python3 tools/bootstrap.py main   # install, build the sample graph, print a summary
       python3 tools/bootstrap.py test   # install (and chromium, fonts-noto-cjk via apt-get if missing), run the whole test suite (starts Neo4j)
       python3 tools/bootstrap.py install

Needs only Python 3.11+.  Everything goes into ``.venv`` beside this repository.
pkuseg 0.0.25 has no wheel for Python 3.11 but its sdist carries the default
model; it builds only with numpy and Cython visible at build time, which pip's
build isolation hides, so it is installed with ``--no-build-isolation`` after
them.  The install is skipped when pyproject.toml has not changed since the
last successful one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KG_VENV", ROOT / ".venv"))
BIN = VENV / "bin"
PY = BIN / "python"
STAMP = VENV / ".kg-installed"
EXTRAS = "dev,analysis,notebooks"
#: Debian packages the tests need, and a file each one installs: Chromium for the
#: browser tests (driven by the playwright package, which downloads no browser) and a
#: CJK font so that plots label Chinese (kg.plots finds it through matplotlib).
TEST_DEBS = {
    "chromium": "/usr/bin/chromium",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}


def run(*cmd: object, **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def fingerprint() -> str:
    h = hashlib.sha256()
    for name in ("pyproject.toml", "tools/bootstrap.py"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def install() -> None:
    if sys.version_info < (3, 11):
        raise SystemExit(f"kg needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == fingerprint():
        return
    pip = [PY, "-m", "pip", "--disable-pip-version-check"]
    run(*pip, "install", "-q", "--upgrade", "pip", "wheel", "setuptools>=68")
    run(*pip, "install", "-q", "numpy>=1.26", "Cython>=3.0")
    probe = subprocess.run([str(PY), "-c", "import pkuseg"], capture_output=True)
    if probe.returncode != 0:
        run(*pip, "install", "-q", "--no-build-isolation", "pkuseg==0.0.25")
    run(*pip, "install", "-q", "-e", f"{ROOT}[{EXTRAS}]")
    STAMP.write_text(fingerprint())


def install_test_packages() -> None:
    """Install the Debian packages of TEST_DEBS that are missing (apt-get, as root)."""
    missing = [name for name, path in TEST_DEBS.items() if not Path(path).exists()]
    if not missing:
        return
    wanted = " ".join(missing)
    apt = shutil.which("apt-get")
    if apt is None:
        print(f"warning: the tests need {wanted} (Debian names); there is no apt-get here: install them with "
              "your package manager, or set KG_CHROMIUM to a Chromium; the browser and plot tests fail without them",
              file=sys.stderr, flush=True)
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        print(f"warning: the tests need {wanted}: run `sudo apt-get install -y {wanted}` (this is not root)",
              file=sys.stderr, flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run(apt, "update", "-qq", env=env)
        run(apt, "install", "-y", "-q", *missing, env=env)
    except subprocess.CalledProcessError as e:
        print(f"warning: apt-get could not install {wanted} ({e}); the browser and plot tests will fail",
              file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "main"
    if what not in ("main", "test", "install"):
        raise SystemExit(__doc__)
    install()
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if what == "main":
        store = ROOT / ".kg" / "store"
        cmd = [BIN / "kg", "build", ROOT / "samples", "--store", store]
        return subprocess.run([str(c) for c in cmd], env=env).returncode
    if what == "test":
        install_test_packages()
        cmd = [PY, "-m", "pytest", *argv[1:]]
        return subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
