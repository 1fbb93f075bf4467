"""What runs now and how long is left: a live bar on a terminal, one line per case elsewhere."""

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class RunProgress:
    """Counts cases against a plan; the time left is the plan's rest at the pace seen so far."""

    def __init__(self, total_cases: int, planned_s: float, console: Console | None = None):
        self.total_cases = total_cases
        self.planned_s = planned_s
        self.done_cases = 0
        self.done_planned_s = 0.0
        self.started = time.monotonic()
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} cases"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[left]} left"),
            console=self.console,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> "RunProgress":
        if self.live:
            self.bar.start()
            self.task = self.bar.add_task(
                "starting", total=self.total_cases, left=format_duration(self.planned_s)
            )
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        if self.live:
            self.bar.stop()

    def seconds_left(self) -> float:
        elapsed = time.monotonic() - self.started
        rest = self.planned_s - self.done_planned_s
        if self.done_planned_s <= 0:
            return rest
        return rest * elapsed / self.done_planned_s

    def note(self, message: str) -> None:
        """A stage that is not a case (servers starting, the database being seeded)."""
        if self.live and self.task is not None:
            self.bar.update(self.task, description=message)
        else:
            self.console.print(message, highlight=False)

    def case_started(self, description: str) -> None:
        if self.live and self.task is not None:
            self.bar.update(self.task, description=description)

    def case_done(self, description: str, outcome: str, planned_s: float) -> None:
        self.done_cases += 1
        self.done_planned_s += planned_s
        left = format_duration(self.seconds_left())
        if self.live and self.task is not None:
            self.bar.update(self.task, completed=self.done_cases, left=left)
            self.bar.console.print(f"  {description}: {outcome}", highlight=False)
        else:
            self.console.print(
                f"[{self.done_cases}/{self.total_cases}] {description}: {outcome} ({left} left)",
                highlight=False,
            )
