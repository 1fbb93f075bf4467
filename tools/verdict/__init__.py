"""The verdict (docs/verdict.md): which framework for which kind of service, and why.

Generated from the evidence the project already keeps: the benchmark run
(docs/benchmarks.json), the claims ledger (docs/claims.md) and the parity registry
(parity_tests/registry.py). `python -m tools.verdict write docs/verdict.md` writes the page;
`python -m tools.verdict check docs/verdict.md` fails when it differs from what the evidence
renders now. The rules that turn figures into a verdict are in `rules.py`.
"""
