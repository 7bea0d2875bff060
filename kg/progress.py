"""Progress reporting for long builds: a rich progress bar on a terminal, silence elsewhere."""
from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn


class Progress:
    """``with Progress() as p: p.start("Extracting", total); p.advance()`` -- a no-op when disabled."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._bar = None
        self._task = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), transient=True)
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, description: str, total: int | None) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, steps)
