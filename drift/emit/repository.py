"""Where code scanning and GitHub annotations look for a file: relative to the repository's root, not to the working
directory (a job may run drift from a subfolder of a monorepo). The root is GITHUB_WORKSPACE (the checkout, in a
GitHub Actions job), else the git work tree the file is in, else the working directory; a file under none of them
keeps its absolute path."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote


@lru_cache(maxsize=64)
def git_work_tree(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` with a `.git` (a folder, or a file in a linked work tree or a
    submodule): what `git rev-parse --show-toplevel` says, without running git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@dataclass(frozen=True)
class RepositoryPaths:
    cwd: Path
    workspace: Path | None = None
    _cache: dict[str, tuple[str, bool]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_environment(cls, cwd: Path, environ: Mapping[str, str] | None = None) -> RepositoryPaths:
        environ = os.environ if environ is None else environ
        workspace = environ.get("GITHUB_WORKSPACE")
        return cls(cwd=Path(cwd).resolve(), workspace=Path(workspace).resolve() if workspace else None)

    def _roots(self, folder: Path) -> Iterator[Path]:
        if self.workspace is not None:
            yield self.workspace
        work_tree = git_work_tree(folder)
        if work_tree is not None:
            yield work_tree
        yield self.cwd

    def locate(self, file: str) -> tuple[str, bool]:
        """(path, True) relative to the repository root, `/`-separated; (absolute path, False) outside it.
        `file` is as the reports show it: relative to the working directory, or absolute."""
        if file not in self._cache:
            path = (self.cwd / file).resolve()
            located = (path.as_posix(), False)
            for root in self._roots(path.parent):
                try:
                    located = (PurePosixPath(path.relative_to(root).as_posix()).as_posix(), True)
                    break
                except ValueError:
                    continue
            self._cache[file] = located
        return self._cache[file]

    def uri(self, file: str) -> tuple[str, bool]:
        """(URI reference, True) relative to the repository root, percent-encoded (`my%20app/schema.prisma`);
        (`file:///...` URI, False) outside it."""
        path, relative = self.locate(file)
        if relative:
            return quote(path, safe="/"), True
        return Path(path).as_uri(), False
