"""A progress line for long builds: the stage and how far it has come, on stderr.

A national site takes half a minute to build; the line tells the person at the terminal what is
happening ("Planspor: sider 1.234/2.043"). It is written only when stderr is a terminal, never in
CI (the ``CI`` variable that CI services set) and never under ``mkdocs serve`` (whose own log
says when a rebuild starts and ends): there a build is short and the line would only be noise.

The line is rewritten in place (a carriage return) at most ten times a second, so counting costs
next to nothing, and cleared when the stage ends.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from .formatting import format_number
from .i18n import t

INTERVAL = 0.1
"""Seconds between two updates of the line."""


class Progress:
    """Reports stages and counts; :meth:`quiet` gives one that reports nothing."""

    def __init__(self, stream: TextIO | None, language: str = "da"):
        self.stream = stream
        self.language = language
        self.name = ""
        self.total: int | None = None
        self.count = 0
        self.shown = 0.0
        self.width = 0
        self.pid = os.getpid()
        """Only this process writes the line; a helper forked from it (generator/parallel.py) does not."""

    @classmethod
    def quiet(cls) -> "Progress":
        return cls(None)

    @classmethod
    def for_terminal(cls, language: str = "da", serving: bool = False, stream: TextIO | None = None) -> "Progress":
        """Reporting on ``stream`` (stderr) when it is a terminal, outside CI and outside ``serve``."""
        stream = stream or sys.stderr
        wanted = not serving and not os.environ.get("CI") and _is_terminal(stream)
        return cls(stream if wanted else None, language)

    @property
    def enabled(self) -> bool:
        return self.stream is not None

    def stage(self, key: str, total: int | None = None) -> None:
        """Start a stage named by the label ``progress.<key>``, of ``total`` steps when known."""
        if self.stream is None:
            return
        self.name = str(t(f"progress.{key}", self.language))
        self.total, self.count, self.shown = total, 0, 0.0
        self._show()

    def advance(self, count: int = 1) -> None:
        if self.stream is None or os.getpid() != self.pid:
            return
        self.count += count
        now = time.monotonic()
        if now - self.shown >= INTERVAL or (self.total is not None and self.count >= self.total):
            self._show(now)

    def done(self) -> None:
        """Clear the line (the build's own log continues below it)."""
        if self.stream is None or not self.width:
            return
        self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()
        self.width = 0

    def _show(self, now: float | None = None) -> None:
        assert self.stream is not None
        self.shown = now if now is not None else time.monotonic()
        count = format_number(self.count, self.language)
        if self.total is not None:
            count += "/" + format_number(self.total, self.language)
        text = f"Planspor: {self.name} {count}"
        padding = " " * max(self.width - len(text), 0)
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self.width = len(text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
