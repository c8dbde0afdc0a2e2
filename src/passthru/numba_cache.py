"""Keep Numba's on-disk cache honest for kernels spread over several modules.

Numba keys a cached function on its own source file only. A kernel that calls
compiled functions of sibling modules keeps their old machine code after one of
those modules changes, so a cached run can silently use stale code. Before any
kernel of a package runs, :func:`drop_stale_cache` compares a digest of the
package's sources with the one its cache was built from and, when they differ,
deletes the package's cached kernels so that they compile afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

STAMP = "numba-sources.sha256"


def sources_digest(folder: Path) -> str:
    """SHA-256 over every ``.py`` file of ``folder``, in name order."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def drop_stale_cache(folder: Path) -> bool:
    """Delete ``folder``'s cached kernels when its sources changed; True if it did.

    A read-only installation (no writable ``__pycache__``) is left alone: Numba
    then compiles in memory and caches nothing stale.
    """
    cache = folder / "__pycache__"
    stamp = cache / STAMP
    digest = sources_digest(folder)
    try:
        if stamp.read_text(encoding="ascii") == digest:
            return False
    except OSError:
        pass
    try:
        cache.mkdir(exist_ok=True)
        for path in (*cache.glob("*.nbi"), *cache.glob("*.nbc")):
            path.unlink(missing_ok=True)
        stamp.write_text(digest, encoding="ascii")
    except OSError:
        return False
    return True
