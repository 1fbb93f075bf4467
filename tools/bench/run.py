"""One benchmark run: rounds of every case, each round on freshly started servers.

Within a round the cases go workload by workload, every subject of a workload one after the
other, so that the two sides of each ratio are measured seconds apart; the order of the
subjects turns by one each round, so that none is always first.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2

from tools.bench import database, machine, reference, wrk
from tools.bench.judge import judge
from tools.bench.priority import priority_prefix, raise_session
from tools.bench.profiles import Profile
from tools.bench.progress import RunProgress
from tools.bench.servers import RunningServer, running
from tools.bench.subjects import ROOT, STRANGLER_STEP_VARIABLE, Subject
from tools.bench.tuned import RECIPES
from tools.bench.workloads import Workload

SCHEMA_VERSION = 1


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def rotated(items: list[Subject], by: int) -> list[Subject]:
    if not items:
        return items
    shift = by % len(items)
    return items[shift:] + items[:shift]


def round_order(profile: Profile, round_number: int) -> list[tuple[Workload, Subject]]:
    ordered = []
    for workload in profile.workloads:
        subjects = [s for s in profile.subjects if workload.runs_on(s)]
        ordered += [(workload, s) for s in rotated(subjects, round_number - 1)]
    return ordered


def preflight(server: RunningServer, workload: Workload, tag: str) -> int | None:
    """The status of one request as the case will send it; None if no answer came."""
    body = workload.body
    if body is not None and workload.unique_email:
        body = body.replace("{email}", f"preflight-{tag}@example.com")
    headers = {"Content-Type": "application/json"} if body is not None else {}
    try:
        response = httpx2.request(
            workload.method,
            server.url + workload.path,
            content=body,
            headers=headers,
            timeout=wrk.REQUEST_TIMEOUT_SECONDS,
        )
    except httpx2.TransportError:
        return None
    return response.status_code


def measure(
    server: RunningServer,
    workload: Workload,
    profile: Profile,
    round_number: int,
    wrk_cpu: int | None,
) -> dict[str, Any]:
    """One case: a warm-up, a check of one request, then the measured run."""
    # Part of the e-mail addresses a write creates: letters, digits and dashes only.
    subject = server.subject
    tag = f"r{round_number}-{subject.app.key}-{subject.server.key}-{time.monotonic_ns()}"
    record: dict[str, Any] = {
        "round": round_number,
        "subject": server.subject.key,
        "app": server.subject.app.key,
        "server": server.subject.server.key,
        "workload": workload.key,
        "connections": workload.connections,
    }
    if not server.alive():
        return {**record, **_failure(f"the server had exited ({server.process.returncode})")}
    try:
        if profile.warmup_s > 0:
            wrk.run(server.url, workload, profile.warmup_s, wrk_cpu, f"warm-{tag}")
        status = preflight(server, workload, tag)
        cpu_before = server.cpu_seconds()
        result = wrk.run(server.url, workload, profile.duration_s, wrk_cpu, tag)
        server_cpu_s = server.cpu_seconds() - cpu_before
    except wrk.WrkError as error:
        return {**record, **_failure(str(error))}
    verdict = judge(
        requests=result.requests,
        socket_errors=result.errors.socket,
        status_errors=result.errors.status,
        preflight_status=status,
        expected_status=workload.expected_status,
        load_generator_cpu_share=result.cpu_share,
    )
    return {
        **record,
        "requests": result.requests,
        "duration_s": result.duration_s,
        "requests_per_s": result.requests_per_s,
        "p50_ms": result.p50_ms,
        "p90_ms": result.p90_ms,
        "p99_ms": result.p99_ms,
        "mean_ms": result.mean_ms,
        "errors": asdict(result.errors),
        "socket_errors": result.errors.socket,
        "status_errors": result.errors.status,
        "preflight_status": status,
        "load_generator_cpu_share": round(result.cpu_share, 3),
        "server_cpu_share": round(server_cpu_s / result.duration_s, 3),
        # CPU time per request: what a request costs, whatever share of its CPU the server got.
        "server_cpu_us_per_request": (
            round(server_cpu_s / result.requests * 1e6, 1) if result.requests else None
        ),
        "saturated": verdict.saturated,
        "failed": verdict.failed,
        "reasons": list(verdict.reasons),
        "rss_mb": round(server.worker_rss_mb(), 1),
    }


def _failure(reason: str) -> dict[str, Any]:
    return {"failed": True, "reasons": [reason], "saturated": False, "requests_per_s": 0.0}


def outcome(record: dict[str, Any]) -> str:
    if record["failed"]:
        return "FAILED: " + "; ".join(record["reasons"])
    text = f"{record['requests_per_s']:,.0f} req/s, p99 {record['p99_ms']:.1f} ms"
    return text + (" (load generator saturated)" if record["saturated"] else "")


def measure_layers(profile: Profile, database_url: str, cpu: int | None) -> dict[str, Any]:
    """tools.bench.layers in a process of its own, pinned and prioritised like a server."""
    command = [
        sys.executable,
        "-m",
        "tools.bench",
        "layers",
        "--passes",
        str(profile.layer_passes),
        "--requests",
        str(profile.layer_requests),
    ]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu), *command]
    process = subprocess.Popen(  # noqa: S603 - this interpreter, running tools.bench.layers
        [*priority_prefix(), *command],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    raise_session(process.pid)
    output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"measuring the layers failed with {process.returncode}")
    layers: dict[str, Any] = json.loads(output)
    return layers


def migration_block(profile: Profile) -> dict[str, dict[str, list[str]]]:
    """What each strangler step ports (migration.strangler.steps()), when the run has a
    strangler: only then is the kit, which loads both twins, imported."""
    if not any(s.app.environment.get(STRANGLER_STEP_VARIABLE) for s in profile.subjects):
        return {}
    from migration.strangler import steps

    return {"strangler_steps": steps()}


def run(
    profile: Profile,
    out_dir: Path,
    command: str,
    note: str = "",
    progress_factory: Callable[[int, float], RunProgress] = RunProgress,
) -> Path:
    """Run every round of `profile`; the JSON it writes to `out_dir` is returned."""
    started = datetime.now(UTC)
    server_cpu, wrk_cpu = machine.pinned_cpus()
    run_id = timestamp(started)
    out_dir.mkdir(parents=True, exist_ok=True)
    logs = out_dir / f"{run_id}-logs"
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "started": started.isoformat(timespec="seconds"),
        "command": command,
        "note": note,
        "profile": {
            "name": profile.name,
            "rounds": profile.rounds,
            "warmup_s": profile.warmup_s,
            "duration_s": profile.duration_s,
            "load_generator": f"wrk -t{wrk.THREADS}, timeout {wrk.REQUEST_TIMEOUT_SECONDS} s",
            "complete_report": profile.complete_report,
        },
        "machine": machine.describe(server_cpu, wrk_cpu),
        "versions": {**machine.versions(), **reference.runtime_versions()},
        "subjects": [
            {
                "key": s.key,
                "label": s.label,
                "app": s.app.key,
                "app_label": s.app.label,
                "kind": s.app.kind,
                "framework": s.app.framework,
                "server": s.server.key,
                "server_label": s.server.label,
            }
            for s in profile.subjects
        ],
        "workloads": [
            {
                "key": w.key,
                "label": w.label,
                "group": w.group,
                "path": w.path,
                "method": w.method,
                "connections": w.connections,
                "size": w.size,
            }
            for w in profile.workloads
        ],
        # What the tuned subjects apply, and what each strangler step ports: the report names
        # them from here, as it reads everything else from this file.
        "recipes": {
            framework: [{"key": r.key, "label": r.label, "code_path": r.code_path} for r in recipes]
            for framework, recipes in RECIPES.items()
        },
        "migration": migration_block(profile),
        "results": [],
    }
    cases = profile.cases_per_round()
    needed = [s for s in profile.subjects if any(w.runs_on(s) for w in profile.workloads)]
    with (
        tempfile.TemporaryDirectory(prefix="bench-db-") as scratch,
        progress_factory(len(cases) * profile.rounds, profile.planned_s()) as progress,
    ):
        progress.note("seeding the bench database")
        template = database.create_template(Path(scratch) / "template.sqlite")
        programs = Path(scratch) / "bin"
        if reference.needs_go(needed):
            progress.note("building the Go reference hello")
            reference.build_go(programs)
        progress.note("measuring what each layer of the twins costs, in-process")
        data["layers"] = measure_layers(profile, database.sqlite_url(template), server_cpu)
        for round_number in range(1, profile.rounds + 1):
            db = database.fresh_copy(template, Path(scratch) / f"round-{round_number}.sqlite")
            environment = {
                **os.environ,
                "DATABASE_URL": database.sqlite_url(db),
                "UPLOAD_DIR": str(Path(scratch) / "uploads"),
                # The Go reference hello, built above, started by name like the Python servers.
                "PATH": os.pathsep.join([str(programs), os.environ.get("PATH", "")]),
            }
            progress.note(f"round {round_number}/{profile.rounds}: starting {len(needed)} servers")
            with running(needed, environment, logs / f"round-{round_number}", server_cpu) as up:
                for workload, subject in round_order(profile, round_number):
                    description = (
                        f"round {round_number}/{profile.rounds} · {workload.key} · {subject.key}"
                    )
                    progress.case_started(description)
                    record = measure(up[subject.key], workload, profile, round_number, wrk_cpu)
                    data["results"].append(record)
                    progress.case_done(description, outcome(record), profile.planned_case_s())
    data["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    data["machine"]["load_average_at_end"] = machine.load_average()
    path = out_dir / f"{run_id}.json"
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


def command_line() -> str:
    return " ".join(["python -m tools.bench", *sys.argv[1:]])
