"""One line when a step starts, one when it ends with its time, and a table of times at the end."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def say(message: str) -> None:
    print(f"[compose] {message}", flush=True)


@dataclass
class Step:
    name: str
    started: float = field(default_factory=time.monotonic)
    # What the step found or did, for its closing line: "cached", "12 passed", ...
    outcome: str = "done"
    seconds: float = 0.0
    failed: bool = False


@dataclass
class Progress:
    steps: list[Step] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        """Times the block; set `.outcome` on the yielded Step to say what it did."""
        step = Step(name)
        self.steps.append(step)
        say(f"{name} ...")
        try:
            yield step
        except BaseException:
            step.failed = True
            step.seconds = time.monotonic() - step.started
            step.outcome = "FAILED" if step.outcome == "done" else f"FAILED: {step.outcome}"
            say(f"{name}: {step.outcome} ({step.seconds:.1f} s)")
            raise
        step.seconds = time.monotonic() - step.started
        say(f"{name}: {step.outcome} ({step.seconds:.1f} s)")

    def summary(self) -> str:
        width = max((len(step.name) for step in self.steps), default=0)
        lines = [
            f"  {step.name:<{width}}  {step.seconds:6.1f} s  {step.outcome}" for step in self.steps
        ]
        lines.append(f"  {'total':<{width}}  {time.monotonic() - self.started:6.1f} s")
        return "\n".join(lines)
