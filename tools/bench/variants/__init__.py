"""The FastAPI twin as a FastAPI user tuning it would write it: benchmark subjects beside the
twins, never changes to them.

Where a recipe of tools.bench.tuned changes what the twin costs without touching how it is
written, a variant rewrites one thing the way FastAPI's docs offer (an `async def` endpoint on
SQLAlchemy's async session, an `async def` dependency), so that the benchmark can say what that
way of writing wins on the database workloads. Each answers every request as the twin does
(tools/bench/tests/test_variant_answers.py).
"""
