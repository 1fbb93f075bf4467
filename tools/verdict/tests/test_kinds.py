"""The five kinds, each judged from a run: what they read, and when their evidence is mixed."""

from collections.abc import Mapping, Sequence

from sidebyside import AcceptedDifference

from tools.bench.profiles import FULL
from tools.verdict.evidence import (
    ASYNC_DEPENDENCY,
    ASYNC_SESSION,
    BREAKS_CLIENTS,
    COMPARISONS,
    COMPAT,
    COMPAT_PAIR,
    FLASK_ON_GEVENT,
    HELD_EQUAL,
    OWN_SERVERS,
    VARIANT_COMPARISONS,
    Comparison,
    Evidence,
    load,
)
from tools.verdict.kinds import HOW_WRITTEN, KINDS, UNBRIDGED, WHICH_REQUESTS, Kind, judge
from tools.verdict.rules import Choice
from tools.verdict.tests.runs import run_with

JSON_API = next(kind for kind in KINDS if kind.anchor == "json-api")
CRUD = next(kind for kind in KINDS if kind.anchor == "crud")
WITH_CLIENTS = next(kind for kind in KINDS if kind.keeps_clients)
CHECKED_IN = load()


def evidence(
    ratios: Mapping[Comparison, Mapping[str, float]],
    differences: Sequence[AcceptedDifference] = (),
) -> Evidence:
    """A run where each comparison's FastAPI side serves `ratio` times what its Flask side
    serves, and a registry of `differences`."""
    rates: dict[tuple[str, str], float] = {}
    for comparison, by_workload in ratios.items():
        for workload, ratio in by_workload.items():
            rates[(comparison.flask, workload)] = 1000.0
            rates[(comparison.fastapi, workload)] = 1000.0 * ratio
    return Evidence(run_with(rates), {}, differences)


def every_check(kind: Kind, ratio: float) -> dict[Comparison, dict[str, float]]:
    return {c: dict.fromkeys(kind.workloads, ratio) for c in (HELD_EQUAL, FLASK_ON_GEVENT)}


def test_there_are_five_kinds_and_one_of_them_keeps_its_clients() -> None:
    assert len(KINDS) == 5
    assert [kind.keeps_clients for kind in KINDS].count(True) == 1


def test_every_kind_reads_workloads_the_benchmark_runs() -> None:
    workloads = {workload["key"] for workload in CHECKED_IN.run["workloads"]}
    assert {w for kind in KINDS for w in kind.workloads} - workloads == set()


def test_every_comparison_names_subjects_the_benchmark_runs() -> None:
    subjects = {subject["key"] for subject in CHECKED_IN.run["subjects"]}
    named = {s for c in COMPARISONS for s in (c.fastapi, c.flask)}
    assert named - subjects == set()


def test_every_claim_a_kind_cites_is_in_the_ledger() -> None:
    assert {c for kind in KINDS for c in kind.claims} - set(CHECKED_IN.claims) == set()


def test_no_kind_describes_itself_with_a_figure_typed_by_hand() -> None:
    assert [kind.title for kind in KINDS if any(ch.isdigit() for ch in kind.stands_for)] == []


def test_a_lead_everywhere_that_every_check_agrees_with_is_not_mixed() -> None:
    ratios = every_check(JSON_API, 1.3) | {OWN_SERVERS: {"hello": 2.0, "login": 1.5}}
    found = judge(JSON_API, evidence(ratios))

    assert (found.choice, found.mixed) == (Choice.FASTAPI, [])


def test_a_lead_that_the_server_held_equal_reverses_is_mixed_and_depends_on_the_server() -> None:
    ratios = every_check(JSON_API, 1.3) | {
        OWN_SERVERS: {"hello": 2.0, "login": 1.1},
        HELD_EQUAL: {"hello": 1.3, "login": 0.6},
    }
    found = judge(JSON_API, evidence(ratios))

    assert found.choice is Choice.FASTAPI
    assert found.depends_on == ["the server"]


def test_each_framework_ahead_somewhere_depends_on_which_requests_dominate() -> None:
    ratios = every_check(JSON_API, 1.0) | {OWN_SERVERS: {"hello": 2.0, "login": 0.8}}
    found = judge(JSON_API, evidence(ratios))

    assert found.choice is Choice.DEPENDS
    assert found.depends_on == [WHICH_REQUESTS]


def test_a_codebase_with_clients_keeps_flask_when_compat_mode_trails_on_a_read() -> None:
    ratios = {COMPAT: {"hello": 2.2, "employee": 0.8, "list-10": 1.1}}
    found = judge(WITH_CLIENTS, evidence(ratios))

    assert found.choice is Choice.FLASK
    assert [f.workload for f in found.decisive] == ["employee"]


def test_a_codebase_with_clients_moves_when_compat_mode_leads_everywhere() -> None:
    found = judge(WITH_CLIENTS, evidence({COMPAT: dict.fromkeys(WITH_CLIENTS.workloads, 1.2)}))

    assert (found.choice, found.mixed) == (Choice.FASTAPI, [])


def test_a_codebase_with_clients_keeps_flask_when_compat_mode_leaves_a_break_unbridged() -> None:
    left = AcceptedDifference(
        "left-by-compat",
        "A difference no bridge removes",
        frozenset({"status"}),
        pairs=frozenset({"flask:fastapi", COMPAT_PAIR}),
        impact=BREAKS_CLIENTS,
        unbridged="no bridge yet",
    )
    ratios = {COMPAT: dict.fromkeys(WITH_CLIENTS.workloads, 1.2)}
    found = judge(WITH_CLIENTS, evidence(ratios, [left]))

    assert (found.choice, found.depends_on) == (Choice.FLASK, [UNBRIDGED])


def test_the_variants_read_beside_the_twins_are_subjects_of_the_full_benchmark() -> None:
    # The checked-in run may predate them; the full profile runs them from now on.
    planned = {s.key for _, s in FULL.cases_per_round()}
    named = {s for c in VARIANT_COMPARISONS for s in (c.fastapi, c.flask)}
    assert named - planned == set()
    assert set(CRUD.variants) == set(VARIANT_COMPARISONS)


def test_crud_where_an_async_session_changes_who_is_ahead_depends_on_how_fastapi_is_written() -> (
    None
):
    twins = dict.fromkeys(CRUD.workloads, 0.85)
    ratios = every_check(CRUD, 0.85) | {
        OWN_SERVERS: twins,
        ASYNC_SESSION: {**twins, "list-10": 1.2},
        ASYNC_DEPENDENCY: twins,
    }
    found = judge(CRUD, evidence(ratios))

    assert found.choice is Choice.FLASK
    assert found.depends_on == [HOW_WRITTEN]
    assert "FastAPI on an async session ÷ Flask" in found.mixed[0].text
    assert "1.20 (1.20-1.20), FastAPI ahead, where the twins as written stand at 0.85" in (
        found.mixed[0].text
    )


def test_crud_where_the_variants_agree_with_the_twins_is_not_mixed() -> None:
    twins = dict.fromkeys(CRUD.workloads, 0.85)
    ratios = every_check(CRUD, 0.85) | {
        OWN_SERVERS: twins,
        ASYNC_SESSION: dict.fromkeys(CRUD.workloads, 0.9),
        ASYNC_DEPENDENCY: twins,
    }
    found = judge(CRUD, evidence(ratios))

    assert (found.choice, found.mixed) == (Choice.FLASK, [])


def test_crud_shows_each_variant_beside_the_twins() -> None:
    found = judge(CRUD, evidence({OWN_SERVERS: dict.fromkeys(CRUD.workloads, 1.0)}))

    assert list(found.figures)[-2:] == [ASYNC_SESSION, ASYNC_DEPENDENCY]
