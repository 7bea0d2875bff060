"""Progress on long builds: a rich progress bar on stderr when it is a terminal, and the time
each stage took, for the build's summary.

>>> progress = Progress(enabled=False)
>>> with progress.stage("resolve"):
...     pass
>>> list(progress.timings)
['resolve']
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn


class Progress:
    """``with Progress() as p: p.start("Extracting", total); p.advance()``; the bar is a no-op when
    disabled, the timings (seconds per stage, in the order the stages ran) are always kept."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.timings: dict[str, float] = {}
        self._bar = None
        self._task = None

    def __enter__(self) -> "Progress":
        if self.enabled and sys.stderr.isatty():
            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), transient=True, console=Console(stderr=True))
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, description: str, total: int | None) -> None:
        if self._bar is not None:
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._task = self._bar.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, steps)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Times a stage: ``with progress.stage("resolve"): ...`` adds its seconds to ``timings``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


def timings_line(timings: dict[str, float]) -> str:
    """The stages' times on one line: ``timings_line({"read": 0.02, "extract": 1.5})`` is
    ``'read 0.02 s, extract 1.50 s'``."""
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items())
