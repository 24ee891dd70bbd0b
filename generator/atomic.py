"""Atomic site builds: ``planspor build`` writes into a fresh folder and swaps it in only on success.

MkDocs empties ``site_dir`` and then writes page after page into it; a build that fails half-way
(a data error found by the plugin, a warning under ``--strict``, a crash) would leave a published
site half old, half new or empty. ``planspor build`` therefore builds into a folder beside
``site_dir`` (same file system, so the swap is a rename) and, only when the whole build has
succeeded, renames the old site away, the new one into place, and deletes the old one. On any
failure the new folder is deleted and the previous site is left exactly as it was.

The swap is two renames, so for a moment there is no ``site_dir`` at all; a reader then gets
"not found", never a mixture. ``mkdocs build`` itself is not atomic: this is ``planspor build``'s.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

STAGING_PREFIX = ".{name}.building-"
RETIRED_PREFIX = ".{name}.previous-"


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """A fresh empty folder beside ``site_dir`` to build into; it replaces ``site_dir`` when the block succeeds."""
    site_dir = Path(site_dir).absolute()
    if site_dir.is_symlink():
        site_dir = site_dir.resolve()  # a deployment's link stays; the folder it points to is replaced
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX.format(name=site_dir.name), dir=site_dir.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _publish(staging, site_dir)


def _publish(staging: Path, site_dir: Path) -> None:
    # mkdtemp makes a private folder (0700); a site is meant to be read by a web server.
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    retired = None
    if site_dir.exists() or site_dir.is_symlink():
        retired = Path(tempfile.mkdtemp(prefix=RETIRED_PREFIX.format(name=site_dir.name), dir=site_dir.parent))
        retired.rmdir()
        site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except BaseException:
        if retired is not None:
            retired.rename(site_dir)  # put the previous site back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None:
        if retired.is_symlink() or retired.is_file():
            retired.unlink()
        else:
            shutil.rmtree(retired, ignore_errors=True)
