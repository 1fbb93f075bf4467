"""The report's charts (PNG): grouped bars with min-max error bars, lines for the sweeps."""

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display, whatever the environment says

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from tools.bench.judge import Spread
from tools.bench.summary import Run, case

HELLO = "hello.png"
WORKLOADS = "workloads.png"
LIST = "list.png"
CONCURRENCY = "concurrency.png"
KIND_ORDER = ("twin", "tuned", "bare", "raw")
DPI = 110


def _errors(values: Sequence[Spread | None]) -> list[list[float]]:
    """matplotlib's yerr: distances below and above each median."""
    return [
        [v.median - v.low if v else 0.0 for v in values],
        [v.high - v.median if v else 0.0 for v in values],
    ]


def _medians(values: Sequence[Spread | None]) -> list[float]:
    return [v.median if v else 0.0 for v in values]


def _grouped_bars(
    axes: Axes, groups: Sequence[str], series: dict[str, list[Spread | None]]
) -> None:
    width = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series.items()):
        positions = [g + (index - (len(series) - 1) / 2) * width for g in range(len(groups))]
        axes.bar(positions, _medians(values), width, yerr=_errors(values), capsize=3, label=name)
    axes.set_xticks(range(len(groups)), groups, rotation=20, ha="right")
    axes.set_ylabel("requests/s (median, min-max)")
    axes.legend(fontsize="small")
    axes.grid(axis="y", alpha=0.3)


def hello_chart(run: Run, path: Path) -> Path:
    servers = list(dict.fromkeys(s["server"] for s in run["subjects"]))
    labels = {s["server"]: s["server_label"] for s in run["subjects"]}
    series: dict[str, list[Spread | None]] = {kind: [] for kind in KIND_ORDER}
    for server in servers:
        for kind in KIND_ORDER:
            keys = [
                s["key"]
                for s in run["subjects"]
                if s["server"] == server and s["kind"] == kind and s["app"] != "bare-flask-pydantic"
            ]
            summary = case(run, keys[0], "hello") if keys else None
            series[kind].append(summary.requests_per_s if summary else None)
    figure, axes = plt.subplots(figsize=(10, 5))
    _grouped_bars(axes, [labels[s] for s in servers], series)
    axes.set_title(
        "GET / (hello): twin, tuned twin, bare framework and raw callable on each server"
    )
    return _save(figure, path)


def workloads_chart(run: Run, path: Path) -> Path:
    twins = [s for s in run["subjects"] if s["kind"] == "twin"]
    workloads = [w for w in run["workloads"] if w["group"] in ("hello", "app", "list", "io")]
    workloads = [w for w in workloads if any(case(run, t["key"], w["key"]) for t in twins)]
    columns = 3
    rows = max(1, -(-len(workloads) // columns))
    figure, grid = plt.subplots(rows, columns, figsize=(13, 3.9 * rows), squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index >= len(workloads):
            axes.set_visible(False)
            continue
        workload = workloads[index]
        values = []
        for twin in twins:
            summary = case(run, twin["key"], workload["key"])
            values.append(summary.requests_per_s if summary else None)
        colours = ["tab:blue" if t["framework"] == "flask" else "tab:green" for t in twins]
        axes.bar(
            range(len(twins)), _medians(values), yerr=_errors(values), capsize=3, color=colours
        )
        axes.set_xticks(
            range(len(twins)),
            [t["server_label"] for t in twins],
            fontsize="x-small",
            rotation=30,
            ha="right",
        )
        axes.set_title(workload["label"], fontsize="small")
        axes.grid(axis="y", alpha=0.3)
    figure.legend(
        handles=[
            Patch(color="tab:blue", label="Flask twin"),
            Patch(color="tab:green", label="FastAPI twin"),
        ],
        loc="upper right",
    )
    figure.suptitle("Every workload: the twins on each server (requests/s, median, min-max)")
    return _save(figure, path)


def sweep_chart(
    run: Run, path: Path, group: str, subjects: Sequence[str], extra: tuple[int, str] | None
) -> Path:
    points = sorted((int(w["size"]), w["key"]) for w in run["workloads"] if w["group"] == group)
    if extra:
        points = sorted([*points, extra])
    figure, axes = plt.subplots(figsize=(8, 5))
    labels = {s["key"]: s["label"] for s in run["subjects"]}
    for subject in subjects:
        found = [(x, c) for x, key in points if (c := case(run, subject, key)) and c.requests_per_s]
        if not found:
            continue
        spreads = [c.requests_per_s for _, c in found]
        axes.errorbar(
            [x for x, _ in found],
            _medians(spreads),
            yerr=_errors(spreads),
            marker="o",
            capsize=3,
            label=labels.get(subject, subject),
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("rows listed" if group == "list" else "connections")
    axes.set_ylabel("requests/s (median, min-max)")
    axes.grid(alpha=0.3, which="both")
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize="small")
    axes.set_title("GET /employees?limit=N" if group == "list" else "GET / at 1 to 256 connections")
    return _save(figure, path)


def _save(figure: Figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    return path


def draw(run: Run, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    twins = [s["key"] for s in run["subjects"] if s["kind"] == "twin"]
    sweep = [
        s["key"]
        for s in run["subjects"]
        if s["server"] in ("gunicorn-gthread", "uvicorn")
        and s["app"] != "bare-flask-pydantic"
        # The sweep is the twin beside its baselines: tuned, recipe and migration apps skip it.
        and s["kind"] in ("twin", "bare", "raw")
    ]
    return [
        hello_chart(run, directory / HELLO),
        workloads_chart(run, directory / WORKLOADS),
        sweep_chart(run, directory / LIST, "list", twins, None),
        sweep_chart(run, directory / CONCURRENCY, "sweep", sweep, (32, "hello")),
    ]
