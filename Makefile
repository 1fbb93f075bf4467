# Two commands on a fresh machine: `make up` serves both apps, `make test` runs the whole suite.
# Each target creates or reuses the virtual environment it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# uv installs exactly what uv.lock records; uv itself is pinned here and lives apart from the
# project's environment, which `uv sync` keeps exact. It never downloads a Python.
UV_VERSION := 0.13.8
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
EXTRAS := --extra dev --extra postgres --extra browser --extra load --extra bench
# The browser tests drive Debian's Chromium through Playwright; no browser is downloaded.
CHROMIUM := /usr/bin/chromium

.PHONY: up up-queue up-strangler migration test lint types pytest postgres queue live parity claims screens transport load \
	load-short fuzz compose-config compose-up-test db lock requirements clean \
	bench bench-quick bench-smoke wrk go node parity-pair live-pair pytest-migration \
	live-migration check pytest-parity pytest-rest mutate mutate-smoke drift drift-smoke

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

## The project's environment, exactly as locked: --locked fails if uv.lock no longer matches
## pyproject.toml instead of quietly resolving anew (run `make lock` to refresh it on purpose).
$(INSTALLED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON) $(EXTRAS)
	touch $@

$(CHROMIUM):
	@echo "installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null

## Both apps on one SQLite database: Flask on gunicorn at :5000, FastAPI on uvicorn at :8000,
## each running the upload job in its own process (JOBS=inline): no broker needed.
up: db
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start flask fastapi

## The same with the upload job on RabbitMQ (JOBS=queue, JOBS_BROKER_URL, default the local
## server) and the Procfile's worker consuming it (docs/jobs.md).
up-queue: db
	PATH="$(CURDIR)/$(BIN):$$PATH" JOBS=queue $(BIN)/honcho start

## The strangler on one SQLite database: Flask on gunicorn at :5000, and at :8000 the strangler
## on uvicorn, FastAPI (compat mode) serving STRANGLER_PORTED and the Flask app the rest
## (STRANGLER_PORTED=hello,employees make up-strangler; see migration/strangler.py).
up-strangler: db
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho --procfile Procfile.strangler start

## Apply the migrations to DATABASE_URL (default var/twins.db) and seed demo employees.
db: $(INSTALLED)
	$(BIN)/python -m shared.manage init

## The whole suite. First lint, format check, types and the compose file (so that the tests
## that read it with docker-compose run rather than skip); then the other stages, independent
## processes on ports of their own, three at a time on two cores (the compose stage spends much
## of its time waiting on the engine and health checks), longest first: the compose stack built
## and run for real, every test in-process on SQLite in two halves, the parity suite live
## against gunicorn and uvicorn, the migration kit's pairs, the tests that touch a database
## again on PostgreSQL, those that touch uploads again with the job on RabbitMQ (queue), the
## benchmark harness in its quickest form, a short load run, the mutation smoke and one older
## version set of the drift matrix.
## Each stage writes var/test/STAGE.log and prints its time; a failed one prints its log.
TEST_FIRST := lint types compose-config
TEST_STAGES := compose-up-test pytest-parity live pytest-rest pytest-migration postgres \
	queue bench-smoke load-short mutate-smoke drift-smoke
TEST_JOBS ?= 3
test: $(INSTALLED) $(CHROMIUM) wrk go node
	@started=$$(date +%s); \
	$(MAKE) --no-print-directory $(TEST_FIRST:%=stage-%) \
	&& $(MAKE) --no-print-directory -j$(TEST_JOBS) $(TEST_STAGES:%=stage-%) \
	&& echo "== make test: passed in $$(( $$(date +%s) - started )) s"

## The fast loop while developing, about two minutes: lint, types and every in-process test
## on both cores; no PostgreSQL run, live servers, containers, load or benchmark.
check: $(INSTALLED) $(CHROMIUM) wrk go node
	@$(MAKE) --no-print-directory lint types
	@$(MAKE) --no-print-directory -j2 stage-pytest-rest stage-pytest-parity

stage-%:
	@mkdir -p var/test; log=var/test/$*.log; started=$$(date +%s); \
	echo "== make $*: started"; \
	if $(MAKE) --no-print-directory $* > $$log 2>&1; then \
		summary=$$(grep -E '[0-9]+ (passed|skipped)' $$log | tail -n 1); \
		echo "== make $*: passed in $$(( $$(date +%s) - started )) s $$summary"; \
	else \
		cat $$log; echo "== make $*: FAILED after $$(( $$(date +%s) - started )) s (log: $$log)"; \
		exit 1; \
	fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(INSTALLED)
	$(BIN)/mypy .

## Every test in-process on SQLite, with the deployment, fault and transport tests on
## servers of their own and the browser tests in Chromium (free ports), in two halves of about
## equal length that `make test` runs side by side, each checking the generated documents its
## tests write (it fails when docs/parity.md, docs/claims.md, docs/transport.md,
## docs/migration.md or a README summary is stale): pytest-parity, the parity suite, its engine
## and what runs on it (the browser, the migration kit, the claims ledger), and pytest-rest,
## every other tree (the core, deployment, transport, fault and container tests, the tools').
PARITY_TREES := parity_tests engine/tests engine/examples tests/browser tests/migration tools/claims
# pyproject's testpaths but those above (tests/core/test_make_test.py holds the two to that).
OTHER_TREES := tests tools
pytest: pytest-parity pytest-rest pytest-migration

pytest-parity: $(INSTALLED) $(CHROMIUM) node
	$(BIN)/pytest $(PARITY_TREES) --parity-report var/parity.md --claims-report var/claims.md \
		--migration-report var/migration.md
	$(BIN)/python -m parity_tests.report check var/parity.md docs/parity.md README.md
	$(BIN)/python -m parity_tests.migration check var/migration.md docs/migration.md README.md
	$(BIN)/python -m tools.claims.report check var/claims.md docs/claims.md README.md

pytest-rest: $(INSTALLED) wrk go node
	$(BIN)/pytest $(OTHER_TREES) $(PARITY_TREES:%=--ignore=%) --transport-report var/transport.md
	$(BIN)/python -m tests.transport.report check var/transport.md docs/transport.md

## The migration kit's pairs, each a run of the parity suite: Flask beside FastAPI in compat
## mode (the whole suite but the fuzzer, which holds the FastAPI twin to its own schema), and
## beside the strangler at each step (the differential probes: the contract tests know each
## twin by its framework, and the strangler is both). `make pytest` runs it.
MIGRATION_PAIRS := flask:strangler-0 flask:strangler-50 flask:strangler-100
pytest-migration: $(INSTALLED)
	$(BIN)/pytest parity_tests -q --pair flask:fastapi-compat
	for pair in $(MIGRATION_PAIRS); do \
		$(BIN)/pytest parity_tests/differential -q --pair $$pair || exit 1; done

## The parity and deployment tests that touch a database (those with the `database_backend`
## fixture; the others would repeat the SQLite run) again, each app on a fresh PostgreSQL
## database of its own (PARITY_POSTGRES_URL, default the local server): skipped without one,
## failed in CI.
postgres: $(INSTALLED)
	$(BIN)/pytest -q --database postgresql parity_tests tests/deploy

## The parity tests that touch uploads and their job (-k upload) again in queue mode
## (JOBS=queue): each in-process app on a RabbitMQ queue of its own (JOBS_BROKER_URL, default
## the local server) with a worker consuming it; the rest of the suite never meets the job, so
## it would repeat the inline run. Skipped without a broker, failed in CI.
queue: $(INSTALLED)
	$(BIN)/pytest -q --jobs queue -k upload parity_tests

## The parity suite against both real servers (gunicorn and uvicorn with the Procfile's commands,
## each on a free port) on a fresh SQLite database, then on a fresh PostgreSQL database.
live: $(INSTALLED)
	$(BIN)/python -m parity_tests.live --database sqlite -q
	$(BIN)/python -m parity_tests.live --database postgresql -q
	$(MAKE) --no-print-directory live-migration

## The same pairs on real servers (the reference on gunicorn, the candidate on uvicorn, each on
## a free port) on a fresh SQLite database: compat mode with the whole suite but the fuzzer, the
## strangler's steps with the differential probes. The default pair runs on PostgreSQL too.
live-migration: $(INSTALLED)
	$(BIN)/python -m parity_tests.live --pair flask:fastapi-compat --database sqlite -q \
		--ignore=parity_tests/fuzz
	for pair in $(MIGRATION_PAIRS); do \
		$(BIN)/python -m parity_tests.live --pair $$pair --database sqlite -q \
			-k test_each_probe || exit 1; done

## Differential fuzzing, in full: at least FUZZ_EXAMPLES (100) generated cases per operation of
## FastAPI's schema, positive and negative, with Schemathesis' coverage phase, each sent to both
## apps in-process and judged. `make test` runs a small seeded slice of the same test.
FUZZ_EXAMPLES ?= 100
fuzz: $(INSTALLED)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest parity_tests/fuzz -q -p no:cacheprovider

## Regenerate the parity report (docs/parity.md and .html, with what Chromium saw of each
## CORS case) and the summary in the README.
parity: $(INSTALLED) $(CHROMIUM)
	$(BIN)/pytest parity_tests tests/browser -q --parity-report docs/parity.md
	$(BIN)/python -m parity_tests.report readme docs/parity.md README.md

## Regenerate the migration guide (docs/migration.md: per feature, what a client notices once it
## is ported, without and with compat mode; the strangler's steps) and its README summary.
migration: $(INSTALLED)
	$(BIN)/pytest parity_tests/differential tests/migration/compat tests/migration/strangler -q \
		--migration-report docs/migration.md
	$(BIN)/python -m parity_tests.migration readme docs/migration.md README.md

## Another pair's report: `make parity-pair PAIR=REFERENCE:CANDIDATE` runs the parity suite on
## that pair in-process and writes docs/parity-REFERENCE-CANDIDATE.md and .html.
PAIR ?= flask:fastapi
parity-pair: $(INSTALLED)
	$(BIN)/pytest parity_tests -q --pair $(PAIR) --parity-report docs/

## The parity suite on PAIR's real servers (each on a free port), SQLite then
## PostgreSQL, as `make live` runs the default pair.
live-pair: $(INSTALLED)
	$(BIN)/python -m parity_tests.live --pair $(PAIR) --database sqlite -q
	$(BIN)/python -m parity_tests.live --pair $(PAIR) --database postgresql -q

## Mutation testing (cosmic-ray) of the modules that judge or guard, each with the tests that
## cover it (tools/mutate/modules.toml), two modules at a time, about 30 minutes on two cores:
## a line per module every 15 s, then docs/mutation.md (every survivor with its diff),
## docs/mutation.json and the score table in docs/testing.md, which a test in tools/mutate
## holds to the modules' source. `make mutate MODULES="shared/hosts.py ..."` re-measures those.
MODULES ?=
MUTATE_JOBS ?= 2
mutate: $(INSTALLED)
	$(BIN)/python -m tools.mutate run --jobs $(MUTATE_JOBS) $(MODULES)

## What `make test` runs of it: a handful of mutants of the verdict and the redaction that must
## die, so that a broken mutation set-up (or a guarding test removed) fails the build.
mutate-smoke: $(INSTALLED)
	$(BIN)/python -m tools.mutate smoke

## The drift matrix (docs/drift.md and .json): the differential probes in a locked environment
## per version set (Flask 2.2 to 3.1, FastAPI 0.100 to the lock, flask-cors and flask-pydantic,
## and a few combinations; tools/drift/sets.py), one set at a time, each environment built once
## under var/drift/envs from its lock in tools/drift/locks and reused; then the releases between
## neighbouring sets that disagree are bisected. Prints set k of n, the time, cached or built.
## Fails when an entry shows outside its version range or not inside it, or on an unexpected
## difference. tools/drift's tests fail when docs/drift.md is stale.
drift: $(INSTALLED)
	$(BIN)/python -m tools.drift run

## One older set (tools.drift.sets.SMOKE) as `make test` runs it: built once, then cached.
drift-smoke: $(INSTALLED)
	$(BIN)/python -m tools.drift smoke

## Regenerate the screenshots in docs/screens from the browser tests that take them.
screens: $(INSTALLED) $(CHROMIUM)
	$(BIN)/pytest -q tests/browser/test_pages.py tests/browser/test_admins.py \
		tests/browser/test_docs.py --screens docs/screens

## Regenerate the claims ledger (docs/claims.md) and its one-line summary in the README.
claims: $(INSTALLED)
	$(BIN)/pytest tools/claims -q --claims-report docs/claims.md
	$(BIN)/python -m tools.claims.report readme docs/claims.md README.md

## Regenerate the verdict (docs/verdict.md): which framework for which kind of service, read from
## docs/benchmarks.json, docs/claims.md and the parity registry; run it after `make bench` or
## `make claims`. A test in tools/verdict fails when the checked-in page is stale.
.PHONY: verdict
verdict: $(INSTALLED)
	$(BIN)/python -m tools.verdict write docs/verdict.md

## Both apps on their production servers under Locust's mixed workload, on SQLite then on
## PostgreSQL: 60 s at 64 connections per app, then every acknowledged write read back through
## both apps. Fails on any socket error, 5xx or mismatch; prints throughput and p99 per app.
load: $(INSTALLED)
	$(BIN)/python -m tools.load

## The same workload on the scaled compose stack (docker-compose.yml: two replicas of each twin
## behind HAProxy, workers on RabbitMQ), beside the one-machine figures: first `make load`'s run
## on PostgreSQL, then Locust through the stack's proxy; prints req/s and p99 of both, side by
## side. Needs what `make compose-up-test` needs (root, Debian's packages).
.PHONY: load-scaled
load-scaled: $(INSTALLED)
	$(BIN)/python -m tools.containers --load

## The same, bounded to seconds: what `make test` runs.
load-short: $(INSTALLED)
	$(BIN)/python -m tools.load --seconds 5 --users-per-app 8

## Regenerate docs/transport.md: every edge case of RFC 9112/9110 sent to each production server.
transport: $(INSTALLED)
	$(BIN)/pytest tests/transport -q --transport-report docs/transport.md

## Validate docker-compose.yml offline with Debian's docker-compose (installed if missing).
compose-config:
	@command -v docker-compose >/dev/null || { \
		echo "installing Debian's docker-compose to validate the compose file"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq docker-compose >/dev/null; }
	docker-compose --file docker-compose.yml config --quiet && echo "docker-compose.yml is valid"

## The scaled compose stack for real (root and Debian's packages; skipped without them, failed
## in CI): a dockerd of its own under var/compose/, Debian-built base images, the project's
## image from a host wheelhouse, the live parity suite through the proxy, data across a restart,
## then the fault test under load (a replica of each twin and a worker killed, the broker
## restarted; tools/containers/faults.py).
## It holds /tmp/twins-ports.lock (ports 5000 and 8000) for the whole run.
compose-up-test: $(INSTALLED)
	$(BIN)/python -m tools.containers

## requirements.txt, what the image installs: uv.lock exported with every hash.
requirements: $(INSTALLED)
	$(BIN)/python -m tools.containers.wheelhouse write

## wrk, the load generator, from Debian's packages when it is missing.
wrk:
	@command -v wrk >/dev/null || { \
		echo "installing Debian's wrk for the benchmark"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 wrk >/dev/null; }

## Go, for the benchmark's reference hello (tools/bench/reference/hello.go), from Debian's
## packages when it is missing.
go:
	@command -v go >/dev/null || { \
		echo "installing Debian's golang-go for the benchmark's reference hello"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 golang-go >/dev/null; }

## Node.js, for the benchmark's other reference hello (tools/bench/reference/hello.js), from
## Debian's packages when it is missing.
node:
	@command -v node >/dev/null || { \
		echo "installing Debian's nodejs for the benchmark's reference hello"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 nodejs >/dev/null; }

## The benchmark (docs/benchmarks.md): every subject and workload, 3 rounds, about 46 minutes
## (`python -m tools.bench plan` says how it is spent).
## Writes var/bench/<timestamp>.json, then docs/benchmarks.md, its JSON and its charts.
## BENCH_NOTE="..." adds a remark to the report (for example, what else ran on the machine).
bench: $(INSTALLED) wrk go node
	$(BIN)/python -m tools.bench run --profile full --report-dir docs --readme README.md \
		--started-by "make bench" --note "$(BENCH_NOTE)"
	$(BIN)/python -m tools.bench check docs --allow-failed-cases

## One short round of everything, about 4 minutes: the report goes to var/bench/quick.
bench-quick: $(INSTALLED) wrk go node
	$(BIN)/python -m tools.bench run --profile quick --report-dir var/bench/quick \
		--started-by "make bench-quick"
	$(BIN)/python -m tools.bench check var/bench/quick --allow-failed-cases

## The harness in its quickest form, for CI: a few subjects for a second each, written to a
## temporary directory and checked complete (every case passed, every chart drawn). No
## number is judged: a broken harness fails, a slow machine does not.
bench-smoke: $(INSTALLED) wrk go node
	@scratch=$$(mktemp -d); \
	$(BIN)/python -m tools.bench run --profile smoke --out-dir $$scratch \
		--report-dir $$scratch/report --started-by "make bench-smoke" \
	&& $(BIN)/python -m tools.bench check $$scratch/report; \
	status=$$?; rm -rf $$scratch; exit $$status

## Refresh uv.lock to the newest versions pyproject.toml allows, install them, and regenerate
## what records versions (requirements.txt, the parity report and the claims ledger). Review
## the diff before committing it.
lock: | $(UV)
	$(UV) lock --upgrade --python $(PYTHON)
	$(MAKE) requirements parity claims

clean:
	rm -rf $(VENV) .tools var .mypy_cache .pytest_cache .ruff_cache tools/containers/wheels/*.whl
