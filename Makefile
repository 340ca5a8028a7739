# Everything a newcomer needs: `make datapackage` builds, `make test` tests.
# Both create .venv (Python 3.11+) and install the project into it when missing, every dependency
# at the exact version and hash in requirements/lock.txt (`make lock` updates it: README, "Dependencies").

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt
export GX_ANALYTICS_ENABLED := false
# Reproducible builds: a release is dated by the last commit, not the clock (README, "Reproducibility").
# Outside a git checkout it stays unset and the date comes from the seeds' manifest.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH
# Bytecode is kept (__pycache__/, ignored by git), even where the environment says not to: without
# it every test worker and subprocess compiles each module again (about 10 s of `make test`).
unexport PYTHONDONTWRITEBYTECODE

# pipeline/sql/ makes the SQLite database from the package, after it: not a source of the package.
SOURCES := $(shell find pipeline checks -path pipeline/sql -prune -o \( -name '*.py' -o -name '*.csv' -o -name '*.toml' \) -print 2>/dev/null | sort)
SEEDS   := $(sort $(wildcard seeds/*))

.DEFAULT_GOAL := help
.PHONY: help datapackage test lint check fuzz bench bench-cold bench-build bench-memory bench-dump bench-checks bench-linear profile snapshot clean distclean venv lock sqlite serve

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

venv: $(STAMP)  ## Create .venv and install the project with its test tools, pinned by requirements/lock.txt

# The lock pins every dependency of the [dev] extra (which holds [sql] and [serve]) with its hashes,
# pip and setuptools included; the project itself is then installed without touching them.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	@$(PY) -m pip uninstall --quiet --yes mali-foreign-relations 2>/dev/null || true  # the project's former name
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# pip-compile (pinned in the lock) re-resolves pyproject.toml's ranges; pins that still fit are kept
# unless LOCK_OPTIONS says otherwise: --upgrade (everything) or --upgrade-package NAME.
lock: $(STAMP)  ## Update requirements/lock.txt from pyproject.toml: make lock [LOCK_OPTIONS=--upgrade]
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --all-build-deps --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(LOCK_OPTIONS) --output-file $(LOCK) pyproject.toml

datapackage: datapackage/datapackage.json  ## Build datapackage/ from seeds/ (does nothing when it is up to date)

datapackage/datapackage.json: $(STAMP) $(SEEDS) $(SOURCES)
	$(PY) -m pipeline build --seeds seeds --out datapackage
	$(PY) -m pipeline.package.citation datapackage CITATION.cff
	@touch $@

SQLITE := build/foreign_relations.sqlite

sqlite: $(SQLITE)  ## Load datapackage/ into one SQLite database (build/foreign_relations.sqlite) with Datasette's metadata

$(SQLITE): $(STAMP) datapackage/datapackage.json $(wildcard datapackage/data/*.csv) $(wildcard pipeline/sql/*.py)
	$(PY) -m pipeline sqlite --package datapackage --out $@

serve: $(SQLITE)  ## Browse and query the database with Datasette on http://127.0.0.1:8001
	$(PY) -m datasette serve -i $(SQLITE) --metadata $(SQLITE:.sqlite=.metadata.json) --plugins-dir pipeline/sql/datasette_plugins --host 127.0.0.1 --port $(or $(PORT),8001)

test: $(STAMP)  ## Run the test suite (and lint)
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(PY) -m pytest

check: $(STAMP)  ## Run the quality checks; write reports/quality.md, quality.json, data_docs/
	$(PY) -m pipeline validate --seeds seeds --out build/validate --reports reports

fuzz: $(STAMP)  ## Mutation-fuzz the parsers (10,000 mutated seeds) and run the property tests (equivalent forms of the family too) with many new cases
	$(PY) -m tests.helpers.fuzz_harness --cases 10000 --jobs 2
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/unit/extract/test_fast_paths.py tests/unit/clean/test_fast_paths.py tests/unit/extract/test_linebreaks.py tests/unit/extract/test_references.py tests/unit/clean/test_dates.py tests/integration/test_metamorphic.py

bench: $(STAMP)  ## Benchmarks: cold build against the import floor, corpus scaling (benchmarks/README.md)
	$(PY) benchmarks/bench.py --sizes $(or $(BENCH_SIZES),1 10 100 1000) --jobs 1 2

bench-cold: $(STAMP)  ## Only the cold build of the seeds against the import floor: BENCH_COLD_RUNS rounds (5), alternately
	$(PY) benchmarks/bench.py --cold-only --cold-runs $(or $(BENCH_COLD_RUNS),5)

bench-build: $(STAMP)  ## pipeline build --draft (all checks) on generated corpora of 100 and 1,000 articles
	$(PY) benchmarks/bench.py --sizes 1 --jobs 1 --build-sizes $(or $(BENCH_BUILD_SIZES),100 1000)

# The corpus is made once (build/bench-memory/corpus-N) and reused; the package and report go beside it.
BENCH_MEMORY := build/bench-memory
bench-memory: $(STAMP)  ## Memory of every process of build --draft --jobs 2 on BENCH_MEMORY_SIZE (1000) generated articles: the peak of the summed PSS, each process's, a timeline
	@test -d $(BENCH_MEMORY)/corpus-$(or $(BENCH_MEMORY_SIZE),1000) || $(PY) benchmarks/corpus.py $(or $(BENCH_MEMORY_SIZE),1000) $(BENCH_MEMORY)/corpus-$(or $(BENCH_MEMORY_SIZE),1000)
	$(PY) benchmarks/memory.py --json $(BENCH_MEMORY)/memory.json -- $(PY) -m pipeline build --draft --jobs 2 \
	  --seeds $(BENCH_MEMORY)/corpus-$(or $(BENCH_MEMORY_SIZE),1000) --out $(BENCH_MEMORY)/datapackage --reports $(BENCH_MEMORY)/reports

bench-dump: $(STAMP)  ## snapshot --dump: a scan against a read through the multistream index, on a generated 20,000-page dump
	$(PY) benchmarks/dump_bench.py --pages $(or $(BENCH_DUMP_PAGES),20000)

bench-checks: $(STAMP)  ## Every check's time at 100 and 400 generated articles, and the ratio (linear: 4 x)
	$(PY) benchmarks/checks_bench.py --sizes $(or $(BENCH_CHECK_SIZES),100 400)

bench-linear: $(STAMP)  ## Every free-text rule and the parse guard on its worst text at 5k and 20k words (linear: 4 x); exit 1 at 6 x
	$(PY) benchmarks/linear_time.py

profile: $(STAMP)  ## Where extract + clean spend their time, per function, on 20 generated articles
	$(PY) benchmarks/profile_clean.py 20

snapshot: $(STAMP)  ## Fetch articles into seeds/ (the one step that uses the network): make snapshot TITLES='"Foreign relations of Niger"' CONTACT=you@example.org [SNAPSHOT_OPTIONS=--update]
	$(if $(strip $(TITLES)$(SNAPSHOT_OPTIONS)),,$(error give TITLES='"Foreign relations of X"' or SNAPSHOT_OPTIONS="--category NAME"))
	$(PY) -m pipeline snapshot $(TITLES) --seeds seeds --contact "$(CONTACT)" $(SNAPSHOT_OPTIONS)

lint: $(STAMP)  ## Lint with ruff
	$(VENV)/bin/ruff check pipeline tests benchmarks

clean:  ## Remove build output (never datapackage/)
	rm -rf build reports .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean  ## Also remove .venv
	rm -rf $(VENV)
