"""A throwaway git repository with real commits, for the history and diff tests.

Identity and dates are passed to each command (``-c user.name=…``, GIT_*_DATE), so
the tests neither read nor write anyone's git configuration and every commit's
date is fixed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = ("-c", "user.name=Planspor Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false")


class Repo:
    def __init__(self, root: Path, branch: str = "main"):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "-b", branch)

    def git(self, *args: str, date: str = "2024-01-15T10:00:00+01:00") -> str:
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        result = subprocess.run(["git", *IDENTITY, *args], cwd=self.root, capture_output=True, text=True, env=env,
                                check=False)
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout.strip()

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        text = (self.root / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        self.write(path, text.replace(old, new, 1))

    def commit(self, message: str, date: str = "2024-01-15T10:00:00+01:00") -> str:
        """Commit everything; the commit's full hash."""
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


KPI_PATH = "kpi_data/test/test-hp.yaml"
CSV_PATH = "kpi_data/test/test-hp.csv"
PLAN_PATH = "plans/lille-plan.yaml"
