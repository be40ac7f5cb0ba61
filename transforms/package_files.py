"""Files shipped inside the packages (default configuration, rubric, report templates), found by package.

Never by the repository's layout: an installed wheel has no repository around it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_file(package: str, *parts: str) -> Path:
    """The path of a file or folder shipped in `package` (pip installs packages as plain files)."""
    resource = files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(f"{package} is installed inside an archive; install it with pip so its files are plain files")
    return resource
