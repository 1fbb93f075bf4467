"""The load harness: both twins, bare apps of each framework and raw callables, side by side.

`python -m tools.bench run` starts every subject on a free port, pinned to one CPU, puts wrk on the
other, and writes one JSON file per run; `python -m tools.bench report` turns a run into
docs/benchmarks.md, its JSON and its charts. See docs/benchmarks.md for what it measured.
"""
