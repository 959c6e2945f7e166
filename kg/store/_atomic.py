"""Atomic file replacement: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator


@contextlib.contextmanager
def atomic_binary_file(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary file next to ``target`` and move it over ``target`` on success.

    The temporary file lives in the same folder (``os.replace`` is atomic only
    within one file system); it is flushed and fsync'ed before the rename and
    the folder is fsync'ed after it, so a crash at any point leaves either the
    previous ``target`` or the complete new one.  If the body raises, the
    temporary file is removed and ``target`` is left untouched.

    Args:
        target: the file to create or replace.

    Yields:
        The temporary file, opened for binary writing.

    Raises:
        OSError: the temporary file cannot be created, written or renamed.
    """
    target = Path(target)
    mode = _mode_for(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    done = False
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
        done = True
    finally:
        if not done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
    _fsync_dir(target.parent)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
