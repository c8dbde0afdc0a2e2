"""Writing an output file whole or not at all, and saying why it cannot be written.

A file is written to a temporary name in its own folder and renamed into place
only when complete, so a failure never leaves a partial file behind. An
``OSError`` becomes an :class:`~passthru.errors.OutputError` that names the
user's path, never the temporary one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from passthru.errors import OutputError

FOLDER_MISSING = "output_folder_missing"
UNWRITABLE = "output_unwritable"


def check_writable(path: str | Path) -> Path:
    """``path`` if its folder exists and may be written to; else an OutputError."""
    path = Path(path)
    folder = path.parent
    if not folder.exists():
        raise OutputError(str(path), FOLDER_MISSING, f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(str(path), UNWRITABLE, f"{folder} is a file, not a folder")
    if not os.access(folder, os.W_OK):
        raise OutputError(str(path), UNWRITABLE, f"the folder {folder} is not writable")
    if path.is_dir():
        raise OutputError(str(path), UNWRITABLE, "is a folder, not a file")
    return path


def _new_file_mode() -> int:
    """The permissions an ordinary new file gets (mkstemp's own are owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _output_error(path: Path, error: OSError) -> OutputError:
    """The user's path and why: a missing or unwritable folder first, else the OS's reason."""
    try:
        check_writable(path)
    except OutputError as named:
        return named
    return OutputError(str(path), UNWRITABLE, _reason(error))


def _reason(error: OSError) -> str:
    """Why, without the file name (which may be the temporary one): "Permission denied"."""
    return error.strerror or str(error) or type(error).__name__


def write_atomically(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it to ``path``."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _output_error(path, error) from error
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _output_error(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomically(path: str | Path, content: bytes) -> Path:
    """``content`` written to ``path`` whole or not at all."""
    return write_atomically(path, lambda out: out.write(content))


def make_folder(folder: str | Path) -> Path:
    """``folder`` and its parents created if missing; an OutputError when that fails."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(folder), UNWRITABLE, _reason(error)) from error
    return folder
