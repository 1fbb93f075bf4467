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
from tools.bench.summary import Run, case, case_ratio

HELLO = "hello.png"
WORKLOADS = "workloads.png"
LIST = "list.png"
CONCURRENCY = "concurrency.png"
FASTAPI_OVER_FLASK = "fastapi-over-flask.png"
# The reference subjects (Node.js, Go) are each a kind of their own on a server of their own.
KIND_ORDER = ("twin", "tuned", "bare", "raw", "reference")
# FastAPI twin ÷ Flask twin: on each framework's own production server, and on one server
# that speaks both interfaces.
RATIO_PAIRS = (
    (
        "own servers (uvicorn ÷ gunicorn gthread)",
        "fastapi-twin@uvicorn",
        "flask-twin@gunicorn-gthread",
    ),
    (
        "server held equal (granian ASGI ÷ WSGI)",
        "fastapi-twin@granian-asgi",
        "flask-twin@granian-wsgi",
    ),
)
CHARTED_GROUPS = ("hello", "app", "list", "io")
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
    # Beside the axes, never over a bar.
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    axes.grid(axis="y", alpha=0.3)


def hello_series(run: Run) -> tuple[list[str], dict[str, list[Spread | None]]]:
    """The servers (by label), and per kind of subject its hello on each: the kinds no
    server has are left out."""
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
    return [labels[s] for s in servers], {k: v for k, v in series.items() if any(v)}


def hello_chart(run: Run, path: Path) -> Path:
    servers, series = hello_series(run)
    figure, axes = plt.subplots(figsize=(11, 5))
    _grouped_bars(axes, servers, series)
    axes.set_title(
        "GET / (hello): twin, tuned twin, bare framework and raw callable on each server;\n"
        "a hello in Node.js and in Go for reference"
    )
    return _save(figure, path)


def workloads_chart(run: Run, path: Path) -> Path:
    twins = [s for s in run["subjects"] if s["kind"] == "twin"]
    workloads = [w for w in run["workloads"] if w["group"] in CHARTED_GROUPS]
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
    figure.suptitle("Every workload: the twins on each server (requests/s, median, min-max)")
    # Under the title, in a band of its own, so that it covers neither a title nor a bar.
    figure.legend(
        handles=[
            Patch(color="tab:blue", label="Flask twin"),
            Patch(color="tab:green", label="FastAPI twin"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.975),
        ncol=2,
        frameon=False,
    )
    return _save(figure, path, top=0.95)


def fastapi_over_flask_rows(run: Run) -> list[tuple[str, list[Spread | None]]]:
    """Per workload both twins ran, its label and FastAPI ÷ Flask for each of RATIO_PAIRS."""
    rows = [
        (
            w["label"],
            [case_ratio(run, fastapi, flask, w["key"]) for _, fastapi, flask in RATIO_PAIRS],
        )
        for w in run["workloads"]
        if w["group"] in CHARTED_GROUPS
    ]
    return [(label, ratios) for label, ratios in rows if any(ratios)]


def fastapi_over_flask_chart(run: Run, path: Path) -> Path:
    """FastAPI twin ÷ Flask twin per workload, on their own servers and on one server, with
    1.0 (as fast as each other) marked."""
    rows = fastapi_over_flask_rows(run)
    figure, axes = plt.subplots(figsize=(10, 0.55 * len(rows) + 2.2))
    height = 0.8 / len(RATIO_PAIRS)
    for index, (name, _, _) in enumerate(RATIO_PAIRS):
        values = [ratios[index] for _, ratios in rows]
        positions = [r + (index - (len(RATIO_PAIRS) - 1) / 2) * height for r in range(len(rows))]
        axes.barh(positions, _medians(values), height, xerr=_errors(values), capsize=3, label=name)
    axes.axvline(1.0, color="black", linewidth=1)
    axes.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize="small")
    axes.invert_yaxis()
    axes.set_xlabel(
        "FastAPI twin ÷ Flask twin, requests/s (median, min-max); the line at 1.0: as fast as"
        " each other"
    )
    axes.grid(axis="x", alpha=0.3)
    # Under the axes, never over a bar.
    axes.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    axes.set_title("FastAPI ÷ Flask, workload by workload")
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


def _save(figure: Figure, path: Path, top: float = 1.0) -> Path:
    figure.tight_layout(rect=(0, 0, 1, top))
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
        fastapi_over_flask_chart(run, directory / FASTAPI_OVER_FLASK),
        sweep_chart(run, directory / LIST, "list", twins, None),
        sweep_chart(run, directory / CONCURRENCY, "sweep", sweep, (32, "hello")),
    ]
