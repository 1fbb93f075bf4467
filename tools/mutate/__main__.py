"""python -m tools.mutate run [--jobs N] [PATH ...] | collect PATH ... | check | smoke"""

import argparse
import sys

from tools.mutate import report, run, smoke


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutate")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="mutate the modules and write the report")
    run_parser.add_argument("paths", nargs="*", help="modules.toml paths (default: all)")
    run_parser.add_argument("--jobs", type=int, default=2, help="modules mutated side by side")
    collect_parser = commands.add_parser(
        "collect", help="write the report from the last sessions of a stopped run"
    )
    collect_parser.add_argument("paths", nargs="+", help="modules.toml paths")
    commands.add_parser("check", help="fail if the checked-in report is stale")
    commands.add_parser("smoke", help="a few mutants of the verdict and the redaction must die")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run.main(args.paths, args.jobs)
    if args.command == "collect":
        return run.main(args.paths, 1, collect_only=True)
    if args.command == "check":
        found = report.problems()
        for problem in found:
            print(problem)
        return 1 if found else 0
    return smoke.main()


if __name__ == "__main__":
    sys.exit(main())
