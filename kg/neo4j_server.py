"""A real Neo4j Community server assembled from Maven Central jars, no Docker needed.

``install()`` runs Maven on ``tools/neo4j/pom.xml``, which copies Neo4j
Community 5.26, Neo4j Browser and APOC Core into ``tools/neo4j/lib/`` (jars
cached in ``~/.m2``).  ``start()`` writes a config into a home folder and runs
``org.neo4j.server.CommunityEntryPoint`` (what ``bin/neo4j console`` runs)
with the JVM flags of the shipped ``neo4j.conf``, waits until Bolt answers,
sets the password on first start and records the process in
``<home>/run/kg-neo4j.json``.  ``stop()`` sends SIGTERM and waits;
``status()`` reads the state file and checks the process.

The state file never holds the password: clients read it from
``NEO4J_PASSWORD`` like every other kg command.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.errors import ConfigError, Neo4jUnavailable

logger = logging.getLogger(__name__)

#: The Neo4j version that tools/neo4j/pom.xml fetches (and docker-compose.yml runs).
NEO4J_VERSION = "5.26.5"
#: The Docker image of the same server line, for users with Docker.
DOCKER_IMAGE = "neo4j:5.26-community"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_USER = "neo4j"

#: Where pom.xml lives and where Maven puts the jars (``KG_NEO4J_TOOLS`` overrides).
TOOLS_DIR = Path(os.environ.get("KG_NEO4J_TOOLS", Path(__file__).resolve().parent.parent / "tools" / "neo4j"))
LIB_DIR = TOOLS_DIR / "lib"
PLUGINS_DIR = LIB_DIR / "plugins"
#: Default server home (``KG_NEO4J_HOME`` overrides): config, data, logs, state.
DEFAULT_HOME = Path(os.environ.get("KG_NEO4J_HOME", TOOLS_DIR / "run"))

STATE_FILE = "run/kg-neo4j.json"
PASSWORD_FILE = "conf/kg-password"
#: Where the server serves the Browser guide and style (see _stage_browser_files).
GUIDE_PATH = "/browser/guide/kg.html"
STYLE_PATH = "/browser/guide/kg.grass"
_STAMP = ".kg-installed"
_MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
# From the neo4j.conf that ships with 5.26 (server.jvm.additional): the page
# cache and Netty need these on Java 17+.
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dfile.encoding=UTF-8",
)
_INITIAL_PASSWORD = "neo4j"
# Servers this process started: kept so that stop() can reap them (a Popen
# dropped while its process runs warns, and its zombie lingers).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True, kw_only=True, slots=True)
class ServerHandle:
    """A running server started by :func:`start` (what its state file records).

    The password is kept in memory only (``repr=False``) and is never written
    to the state file.
    """

    home: str
    pid: int
    bolt_port: int
    http_port: int
    auth: bool
    version: str = NEO4J_VERSION
    started_at: float = 0.0
    startup_seconds: float = 0.0
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def uri(self) -> str:
        """The direct Bolt URI (``bolt://127.0.0.1:PORT``)."""
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def routing_uri(self) -> str:
        """The routing URI (``neo4j://127.0.0.1:PORT``), as for a cluster or Aura."""
        return f"neo4j://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        """The HTTP endpoint (discovery document, query API)."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def browser_url(self) -> str:
        """Where Neo4j Browser is served."""
        return f"{self.http_url}/browser/"

    @property
    def guide_url(self) -> str:
        """The kg guide for Browser's ``:play`` (localhost: Browser's default allowed host for guides)."""
        return f"http://localhost:{self.http_port}{GUIDE_PATH}"

    @property
    def style_url(self) -> str:
        """The kg Browser style (``.grass``), served next to the guide."""
        return f"http://localhost:{self.http_port}{STYLE_PATH}"

    def state(self) -> dict[str, object]:
        """Return what the state file records (no password)."""
        data = asdict(self)
        data.pop("password")
        return data


@dataclass(frozen=True, kw_only=True, slots=True)
class ServerStatus:
    """What :func:`status` finds in a server home."""

    home: str
    running: bool
    bolt_ready: bool = False
    handle: ServerHandle | None = None
    detail: str = ""


# -- install ---------------------------------------------------------------


def installed() -> bool:
    """Return whether the jars of the current ``pom.xml`` are in ``tools/neo4j/lib``."""
    stamp = LIB_DIR / _STAMP
    return stamp.is_file() and stamp.read_text() == _pom_digest() and any(LIB_DIR.glob("neo4j-*.jar"))


def install(*, force: bool = False, timeout: float = 1800.0) -> Path:
    """Fetch Neo4j, Neo4j Browser and APOC Core into ``tools/neo4j/lib`` with Maven.

    Skipped when the jars of the current ``pom.xml`` are already there.  The
    first run downloads about 130 MB into ``~/.m2``; later runs copy from it.

    Args:
        force: run Maven even when the jars look installed.
        timeout: seconds to allow Maven.

    Returns:
        The folder holding the jars (``plugins/`` inside it holds APOC).

    Raises:
        ConfigError: Maven or Java is missing, or ``pom.xml`` is not found.
        Neo4jUnavailable: Maven failed (its last output lines are in the message).
    """
    if not force and installed():
        return LIB_DIR
    pom = TOOLS_DIR / "pom.xml"
    if not pom.is_file():
        raise ConfigError(f"{pom} is missing; set KG_NEO4J_TOOLS to the folder of kg's tools/neo4j")
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ConfigError("Maven (mvn) is not on PATH; install it (apt-get install maven) to fetch the Neo4j jars")
    _java()
    logger.info("fetching Neo4j %s jars with Maven into %s", NEO4J_VERSION, LIB_DIR)
    if LIB_DIR.exists():
        shutil.rmtree(LIB_DIR)  # a version change must not leave old jars on the classpath
    cmd = [mvn, "-B", "-q", "-f", str(pom), "generate-resources"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise Neo4jUnavailable(f"Maven did not fetch the Neo4j jars within {timeout:.0f}s; check the network and run `kg neo4j install` again") from e
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise Neo4jUnavailable(f"Maven could not fetch the Neo4j jars (exit {done.returncode}):\n{tail}")
    (LIB_DIR / _STAMP).write_text(_pom_digest())
    return LIB_DIR


def _pom_digest() -> str:
    pom = TOOLS_DIR / "pom.xml"
    return hashlib.sha256(pom.read_bytes()).hexdigest() if pom.is_file() else ""


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ConfigError("Java 17 or 21 is needed to run Neo4j 5.26; install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    return java


# -- start / stop / status -------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now.

    Returns:
        The port number.
    """
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(
    home: Path,
    *,
    bolt_port: int,
    http_port: int,
    auth: bool,
    pagecache: str = "256m",
) -> Path:
    """Write ``<home>/conf/neo4j.conf`` for a server on 127.0.0.1.

    Args:
        home: the server home.
        bolt_port: Bolt port.
        http_port: HTTP port (Browser, query API).
        auth: whether authentication is on.
        pagecache: page cache size (``server.memory.pagecache.size``).

    Returns:
        The config folder.
    """
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    # Unknown keys fail the start (strict validation): only 5.x keys here.
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        # The routing table (neo4j:// URIs) hands out the advertised address.
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true" if auth else "false",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.plugins": str(PLUGINS_DIR),
        "server.directories.import": str(home / "import"),
        "server.directories.run": str(home / "run"),
        "server.memory.pagecache.size": pagecache,
        "dbms.security.procedures.unrestricted": "apoc.*",
        "dbms.usage_report.enabled": "false",
        "db.logs.query.enabled": "OFF",
        "db.tx_log.rotation.retention_policy": "2 files",
    }
    text = "# Written by kg.neo4j_server.write_config; rewritten on every start.\n"
    text += "".join(f"{key}={value}\n" for key, value in settings.items())
    (conf / "neo4j.conf").write_text(text, encoding="utf-8")
    return conf


def start(
    *,
    home: str | os.PathLike[str] = DEFAULT_HOME,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    password: str | None = None,
    auth: bool = True,
    heap: str = "1g",
    pagecache: str = "256m",
    timeout: float = 240.0,
) -> ServerHandle:
    """Start a Neo4j server on 127.0.0.1 and wait until Bolt answers.

    On the first start of a home the password of user ``neo4j`` is set to
    ``password`` (over Bolt, so it never appears on a command line).  Later
    starts of the same home need the same password.

    Args:
        home: the server home (config, data, logs, state file); created if missing.
        bolt_port: Bolt port.
        http_port: HTTP port (Neo4j Browser at ``/browser/``).
        password: password of user ``neo4j`` (8 characters or more); needed when ``auth``.
        auth: whether authentication is on.
        heap: JVM heap size (``-Xms``/``-Xmx``).
        pagecache: page cache size.
        timeout: seconds to wait for Bolt (a first start on 2 busy cores takes 20-60 s).

    Returns:
        The handle of the running server.

    Raises:
        ConfigError: no password with auth on, a short password, ports in use,
            Java missing, the jars not installed.
        Neo4jUnavailable: a server already runs in that home, the server
            exited or did not answer in time (the message names its log file),
            or the home's password differs.
    """
    home = Path(home).resolve()
    if auth and not password:
        raise ConfigError("a password is needed with auth on; set NEO4J_PASSWORD (8+ characters) or pass --password")
    if auth and password and len(password) < 8:
        raise ConfigError("the Neo4j password must have at least 8 characters")
    if not installed():
        raise ConfigError("the Neo4j jars are not installed; run `kg neo4j install` first")
    current = status(home=home)
    if current.running:
        raise Neo4jUnavailable(f"a Neo4j server already runs from {home} (pid {current.handle.pid if current.handle else '?'}); stop it with `kg neo4j stop`")
    for port in (bolt_port, http_port):
        if _port_open(port):
            raise ConfigError(f"port {port} on 127.0.0.1 is in use; choose another port")
    fresh = not (home / "data" / "databases" / "system").exists()
    conf = write_config(home, bolt_port=bolt_port, http_port=http_port, auth=auth, pagecache=pagecache)
    for sub in ("data", "logs", "import", "run"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    extra = _stage_browser_files(home)
    # APOC's extensions load from the classpath; `extra` is Browser's files plus the kg guide.
    classpath = os.pathsep.join((str(extra), f"{LIB_DIR}/*", f"{PLUGINS_DIR}/*"))
    cmd = [
        _java(),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *_JVM_FLAGS,
        "-cp",
        classpath,
        _MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={conf}",
    ]
    console = home / "logs" / "console.log"
    began = time.monotonic()
    with open(console, "ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True, cwd=home)
    _CHILDREN[proc.pid] = proc
    handle = ServerHandle(
        home=str(home),
        pid=proc.pid,
        bolt_port=bolt_port,
        http_port=http_port,
        auth=auth,
        started_at=time.time(),
        password=password,
    )
    _write_state(handle)
    logger.info("starting Neo4j %s (pid %d) in %s, Bolt on %d", NEO4J_VERSION, proc.pid, home, bolt_port)
    try:
        _wait_for_bolt(handle, proc, fresh=fresh, timeout=timeout)
    except (Neo4jUnavailable, ConfigError):
        _terminate(proc.pid, timeout=30.0)
        _state_path(home).unlink(missing_ok=True)
        raise
    elapsed = time.monotonic() - began
    handle = ServerHandle(**{**handle.state(), "startup_seconds": round(elapsed, 2)}, password=password)
    _write_state(handle)
    logger.info("Neo4j answered on Bolt after %.1fs", elapsed)
    return handle


def stop(*, home: str | os.PathLike[str] = DEFAULT_HOME, timeout: float = 60.0) -> bool:
    """Stop the server started from ``home``: SIGTERM, wait, SIGKILL as a last resort.

    Args:
        home: the server home.
        timeout: seconds to wait after SIGTERM before SIGKILL.

    Returns:
        True if a running server was stopped, False if none was running.
    """
    home = Path(home).resolve()
    handle = _read_state(home)
    if handle is None:
        return False
    running = _is_our_process(handle.pid, home)
    if running:
        _terminate(handle.pid, timeout=timeout)
    _state_path(home).unlink(missing_ok=True)
    return running


def status(*, home: str | os.PathLike[str] = DEFAULT_HOME) -> ServerStatus:
    """Report whether the server of ``home`` runs and whether its Bolt port answers.

    Args:
        home: the server home.

    Returns:
        The status (``handle`` is None when no state file exists).
    """
    home = Path(home).resolve()
    handle = _read_state(home)
    if handle is None:
        return ServerStatus(home=str(home), running=False, detail="no server started from this home")
    if not _is_our_process(handle.pid, home):
        return ServerStatus(home=str(home), running=False, handle=handle, detail=f"pid {handle.pid} is gone (stale state file)")
    ready = _port_open(handle.bolt_port)
    return ServerStatus(home=str(home), running=True, bolt_ready=ready, handle=handle, detail="running" if ready else "starting")


def home_password(home: str | os.PathLike[str] = DEFAULT_HOME, *, create: bool = False) -> str | None:
    """Return the password kept in ``<home>/conf/kg-password``, making one if asked.

    ``kg neo4j start`` uses it when ``NEO4J_PASSWORD`` is not set, so that a
    local server always has auth on; the file is readable by its owner only.

    Args:
        home: the server home.
        create: generate and save a random password if the file is missing.

    Returns:
        The password, or None if there is none and ``create`` is false.
    """
    path = Path(home) / PASSWORD_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password + "\n")
    return password


# -- helpers ---------------------------------------------------------------


def _stage_browser_files(home: Path) -> Path:
    """Put the kg guide and style where the server's Browser module finds them.

    Neo4j serves ``/browser/…`` from the first ``browser/`` folder on its
    classpath, normally inside the neo4j-browser jar.  kg unpacks that folder
    once into ``tools/neo4j/lib/browser-root/`` and adds ``guide/kg.html``
    and ``guide/kg.grass`` to it; that folder goes first on the classpath, so
    Browser and the guide are served together, from the same origin and with
    the same headers.  The guide is rendered from the templates on every start.

    Args:
        home: the server home (unused today; the files are shared by every home).

    Returns:
        The folder to put first on the classpath.

    Raises:
        ConfigError: the neo4j-browser jar is missing (run ``kg neo4j install``).
    """
    from kg.query.guide import STYLE_FILE, render_guide

    root = LIB_DIR / "browser-root"
    jars = sorted(LIB_DIR.glob("neo4j-browser-*.jar"))
    if not jars:
        raise ConfigError(f"no neo4j-browser jar in {LIB_DIR}; run `kg neo4j install`")
    marker = root / ".unpacked-from"
    if not marker.is_file() or marker.read_text(encoding="utf-8") != jars[-1].name:
        if root.exists():
            shutil.rmtree(root)
        with zipfile.ZipFile(jars[-1]) as jar:
            jar.extractall(root, members=[m for m in jar.namelist() if m.startswith("browser/")])
        marker.write_text(jars[-1].name, encoding="utf-8")
    folder = root / "browser" / "guide"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kg.html").write_text(render_guide(), encoding="utf-8")
    if STYLE_FILE.is_file():
        shutil.copyfile(STYLE_FILE, folder / "kg.grass")
    return root


def _state_path(home: Path) -> Path:
    return home / STATE_FILE


def _write_state(handle: ServerHandle) -> None:
    path = _state_path(Path(handle.home))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(handle.state(), indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _read_state(home: Path) -> ServerHandle | None:
    path = _state_path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        logger.warning("ignoring unreadable state file %s: %s", path, e)
        return None
    try:
        return ServerHandle(**data)
    except TypeError as e:
        logger.warning("ignoring state file %s of another kg version: %s", path, e)
        return None


def _is_our_process(pid: int, home: Path) -> bool:
    """True if ``pid`` is alive and is the Neo4j started from ``home`` (not a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc (macOS): trust the pid
    return f"--home-dir={home}".encode() in cmdline


def _port_open(port: int) -> bool:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _terminate(pid: int, *, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.2)
    logger.warning("Neo4j (pid %d) did not stop within %.0fs of SIGTERM; killing it", pid, timeout)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while _alive(pid):
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        del _CHILDREN[pid]
        return False
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap our own child
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


def _log_tail(home: Path, lines: int = 12) -> str:
    for name in ("neo4j.log", "console.log"):
        path = home / "logs" / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
            errors = [i for i, line in enumerate(text) if " ERROR " in line]
            first = errors[-1] if errors else max(0, len(text) - lines)
            return f"{path}:\n" + "\n".join(text[first : first + lines])
    return "(no log written)"


def _wait_for_bolt(handle: ServerHandle, proc: subprocess.Popen[bytes], *, fresh: bool, timeout: float) -> None:
    # Imported here: the driver is only needed once a server runs.
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable, SessionExpired

    from kg.query import load

    home = Path(handle.home)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise Neo4jUnavailable(f"Neo4j exited with code {proc.returncode} while starting; see {_log_tail(home)}")
        if time.monotonic() > deadline:
            raise Neo4jUnavailable(f"Neo4j did not answer on Bolt port {handle.bolt_port} within {timeout:.0f}s; see {_log_tail(home)}")
        if not _port_open(handle.bolt_port):
            time.sleep(0.5)
            continue
        auth = (handle.user, handle.password or "") if handle.auth else None
        try:
            if handle.auth and fresh:
                _set_initial_password(handle)
                fresh = False
            with GraphDatabase.driver(handle.uri, auth=auth) as driver:
                driver.verify_connectivity()
                records, _, _ = driver.execute_query(load("admin/ping").cypher, database_="neo4j")
                if records and records[0]["ok"] == 1:
                    return
        except AuthError as e:
            raise Neo4jUnavailable(
                f"Neo4j in {home} refused the password given (it keeps the one set on its first start); "
                "use that one, or start from a new --home"
            ) from e
        except (ServiceUnavailable, SessionExpired) as e:
            logger.debug("Bolt not ready yet: %s", type(e).__name__)
        except ClientError as e:
            # The default database may still be coming online right after Bolt opens.
            if "DatabaseUnavailable" not in (e.code or "") and "DatabaseNotFound" not in (e.code or ""):
                raise Neo4jUnavailable(f"Neo4j answered with an error while starting: {e.code}") from e
        except Neo4jError as e:
            logger.debug("Neo4j not ready yet: %s", e.code)
        time.sleep(0.5)


def _set_initial_password(handle: ServerHandle) -> None:
    from neo4j import GraphDatabase

    from kg.query import load

    template = load("admin/set_initial_password")
    # At DEBUG the driver logs every RUN with its parameters: here, the password.
    driver_log = logging.getLogger("neo4j")
    level = driver_log.level
    driver_log.setLevel(max(logging.INFO, driver_log.getEffectiveLevel()))
    try:
        with GraphDatabase.driver(handle.uri, auth=(handle.user, _INITIAL_PASSWORD)) as driver:
            driver.execute_query(
                template.cypher,
                template.bind({"old": _INITIAL_PASSWORD, "new": handle.password}),
                database_="system",
            )
    finally:
        driver_log.setLevel(level)
    logger.info("set the password of user %s on first start", handle.user)
