"""`python -m tools.bench run|report|check|plan`: measure, write the report, check a report is
complete, say what a run would do and how long it would take."""

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from tools.bench import check, report
from tools.bench.layers import PASSES, REQUESTS_PER_PASS, measure_layers
from tools.bench.profiles import PROFILES, customised, plan
from tools.bench.run import command_line, run
from tools.bench.subjects import before_subjects


def _keys(text: str | None) -> list[str] | None:
    return [key.strip() for key in text.split(",") if key.strip()] if text else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    commands = parser.add_subparsers(dest="action", required=True)

    measure = commands.add_parser("run", help="run the benchmark, then write its report")
    measure.add_argument("--profile", choices=sorted(PROFILES), default="full")
    measure.add_argument("--out-dir", type=Path, default=Path("var/bench"))
    measure.add_argument(
        "--report-dir", type=Path, help="where the report goes (no report if unset)"
    )
    measure.add_argument("--readme", type=Path, help="a README whose bench summary to update")
    measure.add_argument("--rounds", type=int)
    measure.add_argument("--warmup", type=int, help="seconds of warm-up before each case")
    measure.add_argument("--duration", type=int, help="seconds each case is measured")
    measure.add_argument("--subjects", help="comma-separated subject keys (default: the profile's)")
    measure.add_argument("--workloads", help="comma-separated workload keys")
    measure.add_argument("--note", default="", help="a remark stored with the run")
    measure.add_argument(
        "--before-tree",
        type=Path,
        help="an older checkout: its twins run beside these, on their own servers",
    )
    measure.add_argument(
        "--started-by", default=None, help="the command that started the run, for the report"
    )

    write = commands.add_parser("report", help="write the report of a run's JSON")
    write.add_argument("run_json", type=Path)
    write.add_argument("--report-dir", type=Path, default=Path("docs"))
    write.add_argument("--readme", type=Path, help="a README whose bench summary to update")

    layers = commands.add_parser(
        "layers", help="measure what each layer of the twins costs, in-process; JSON on stdout"
    )
    layers.add_argument("--passes", type=int, default=PASSES)
    layers.add_argument("--requests", type=int, default=REQUESTS_PER_PASS)

    verify = commands.add_parser("check", help="check that a report directory is complete")
    verify.add_argument("report_dir", type=Path)
    verify.add_argument(
        "--allow-failed-cases",
        action="store_true",
        help="a failed case is a finding of the run, not a fault of the harness",
    )

    planning = commands.add_parser("plan", help="what each profile runs, and for how long")
    planning.add_argument("--profile", choices=sorted(PROFILES), help="one profile (default: all)")

    args = parser.parse_args(argv)
    if args.action == "plan":
        for name in [args.profile] if args.profile else PROFILES:
            print(plan(PROFILES[name]))
        return 0
    if args.action == "run":
        profile = customised(
            PROFILES[args.profile],
            rounds=args.rounds,
            warmup_s=args.warmup,
            duration_s=args.duration,
            subject_keys=_keys(args.subjects),
            workload_keys=_keys(args.workloads),
        )
        if args.before_tree:
            extra = before_subjects(str(args.before_tree.resolve()))
            profile = replace(profile, subjects=(*profile.subjects, *extra))
        path = run(profile, args.out_dir, args.started_by or command_line(), args.note)
        print(f"wrote {path}")
        if args.report_dir:
            for written in report.write(path, args.report_dir, args.readme):
                print(f"wrote {written}")
        return 0
    if args.action == "report":
        for written in report.write(args.run_json, args.report_dir, args.readme):
            print(f"wrote {written}")
        return 0
    if args.action == "layers":
        print(json.dumps(measure_layers(args.passes, args.requests)))
        return 0
    problems = check.problems(args.report_dir, args.allow_failed_cases)
    for problem in problems:
        print(f"incomplete: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.report_dir}: report, JSON and charts complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
