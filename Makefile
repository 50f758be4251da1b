# MyBookConnect: the two commands are `make run` and `make test`; `make help` lists the rest.
# Needs GNU make, Python >= 3.11 (with venv; on Debian: apt-get install python3-venv) and Node.js >= 20.19 with npm.
# Installs are remembered by stamp files under .make/, keyed on what they depend on, so a second run skips them.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
NPM ?= npm
HOST ?= 127.0.0.1
PORT ?= 8000
# Settings for `make run` and for generating the OpenAPI schema.
RUN_SETTINGS ?= config.settings.local
SCHEMA_SETTINGS ?= config.settings.test
# Extra arguments for every pytest run, e.g. `make test-core PYTEST_ARGS="-k health -x"`.
PYTEST_ARGS ?=
# The users and books packages' runs against a swapped custom user model. Their default runs already
# start these (tests/test_swapped_user_model.py), so `make test` does not repeat them;
# `make test-users-custom-user` and `make test-books-custom-user` run them alone.
USERS_CUSTOM_USER_PYTEST_ARGS ?= --ds=tests.settings_custom_user
BOOKS_CUSTOM_USER_PYTEST_ARGS ?= --ds=tests.settings_custom_user

ROOT := $(CURDIR)
VENV ?= $(ROOT)/.venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMPS := .make
PACKAGES := core users books
FRONTEND := frontend
SCHEMA := $(FRONTEND)/openapi/schema.yaml

# A deleted .venv, node_modules or dist invalidates its stamp.
ifeq ($(wildcard $(PY)),)
$(shell rm -f $(STAMPS)/venv)
endif
ifeq ($(wildcard $(FRONTEND)/node_modules/.package-lock.json),)
$(shell rm -f $(STAMPS)/npm)
endif
ifeq ($(wildcard $(FRONTEND)/dist/index.html),)
$(shell rm -f $(STAMPS)/spa)
endif

PYPROJECTS := $(foreach p,$(PACKAGES),packages/$(p)/pyproject.toml) deploy_project/pyproject.toml
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(wildcard $(FRONTEND)/index.html $(FRONTEND)/vite.config.* $(FRONTEND)/tsconfig*.json \
		$(FRONTEND)/tailwind.config.* $(FRONTEND)/postcss.config.* $(FRONTEND)/.env*)

# Every step of `make test`, in order; the run stops at the first that fails.
TEST_STEPS ?= lint test-core test-users test-books test-deploy test-schema test-frontend build test-e2e

# Which mybookconnect distributions must come from this tree, and from where.
export MBC_ROOT := $(ROOT)
define CHECK_LOCAL_INSTALL
import importlib, importlib.metadata as md, json, os, pathlib, sys
root = pathlib.Path(os.environ["MBC_ROOT"]).resolve()
wrong = []
for app in ("core", "users", "books"):
    dist = md.distribution(f"mybookconnect-{app}")
    url = json.loads(dist.read_text("direct_url.json") or "{}").get("url", "")
    module = pathlib.Path(importlib.import_module(f"mybookconnect.{app}").__file__).resolve()
    if url != (root / "packages" / app).as_uri() or not module.is_relative_to(root / "packages" / app / "src"):
        wrong.append(f"mybookconnect-{app} {dist.version}: {url or 'from an index'} ({module})")
if wrong:
    sys.exit("error: not installed from this tree (run `make clean-venv` and retry):\n  " + "\n  ".join(wrong))
print("mybookconnect-core, -users and -books are installed editable from", root / "packages")
endef
export CHECK_LOCAL_INSTALL

.PHONY: help run test lint format schema tox build clean clean-venv install install-frontend \
	test-core test-users test-users-custom-user test-books test-books-custom-user test-deploy test-schema test-frontend test-e2e bench

help: ## List the targets
	@echo "MyBookConnect: make run (serve at http://$(HOST):$(PORT)), make test (every test)"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | awk -F':.*## ' '{printf "  %-24s %s\n", $$1, $$2}'
	@printf '  %-24s %s\n' 'test-core/-users/-books' "One package's tests (PYTEST_ARGS=... passes options)"

# ---------------------------------------------------------------------------------------------- install

$(STAMPS)/venv: $(PYPROJECTS)
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python >= 3.11 or pass PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: MyBookConnect needs Python >= 3.11; $(PYTHON) is $$($(PYTHON) -V 2>&1). Pass PYTHON=/path/to/python3.11 or newer." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
		echo "error: $(PYTHON) cannot create virtual environments; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	@test -x $(PY) || { echo "Creating $(VENV) with $$($(PYTHON) -V)"; $(PYTHON) -m venv $(VENV); }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: $(VENV) runs $$($(PY) -V); remove it (make clean-venv) and retry" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check \
		-e 'packages/core[test]' -e 'packages/users[test]' -e 'packages/books[test]' -e 'deploy_project[dev]'
	@$(PY) -c "$$CHECK_LOCAL_INSTALL"
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	@command -v node >/dev/null && command -v $(NPM) >/dev/null || { echo "error: Node.js >= 20.19 and npm are needed" >&2; exit 1; }
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' || { \
		echo "error: Node.js >= 20.19 is needed (Vite 8); this is $$(node --version)" >&2; exit 1; }
	cd $(FRONTEND) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(NPM) ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/spa: $(STAMPS)/npm $(FRONTEND_SOURCES)
	cd $(FRONTEND) && $(NPM) run build
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/venv ## Create .venv and install the packages (editable) and the deploy project
install-frontend: $(STAMPS)/npm ## npm ci in frontend/
build: $(STAMPS)/spa ## Build the SPA into frontend/dist (skipped when the sources are unchanged)

# ---------------------------------------------------------------------------------------------- run

run: $(STAMPS)/venv $(STAMPS)/spa ## Install, build the SPA, migrate, load demo data and serve at http://127.0.0.1:8000
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(PY) manage.py migrate --noinput
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(PY) manage.py collectstatic --noinput --verbosity 0
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(PY) manage.py load_demo
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(PY) manage.py load_demo_readers
	@echo "Serving MyBookConnect at http://$(HOST):$(PORT)/ (API at /api/v1/, docs at /api/v1/docs/); Ctrl-C stops it"
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) exec $(PY) manage.py runserver $(HOST):$(PORT)

# ---------------------------------------------------------------------------------------------- test

test: $(STAMPS)/venv $(STAMPS)/npm ## Every test: lint, each package, deploy project, schema, frontend, browser
	@echo "make test: DATABASE_URL=$${DATABASE_URL:-<unset: SQLite>} REDIS_URL=$${REDIS_URL:-<unset: local memory>}"
	@steps=($(TEST_STEPS)); total=$${#steps[@]}; n=0; report=(); start_all=$$(date +%s); \
	for step in "$${steps[@]}"; do \
		n=$$((n + 1)); start=$$(date +%s); \
		printf '\n==> [%d/%d] %s\n' "$$n" "$$total" "$$step"; \
		if $(MAKE) "$$step"; then \
			report+=("$$(printf '  ok    %-24s %4ss' "$$step" "$$(($$(date +%s) - start))")"); \
		else \
			report+=("$$(printf '  FAIL  %-24s %4ss' "$$step" "$$(($$(date +%s) - start))")"); \
			printf '\nmake test summary:\n'; printf '%s\n' "$${report[@]}"; \
			printf 'steps: %d passed, 1 failed\n' "$$((n - 1))"; \
			echo "make test: FAILED at step '$$step' (run 'make $$step' to repeat it alone)"; exit 1; \
		fi; \
	done; \
	printf '\nmake test summary:\n'; printf '%s\n' "$${report[@]}"; \
	echo "make test: all $$total steps passed in $$(($$(date +%s) - start_all))s"; \
	printf 'steps: %d passed, 0 failed\n' "$$total"

lint: $(STAMPS)/venv ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMPS)/venv ## Apply ruff's fixes and formatting (and the frontend's formatter, if it has one)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@if [ -d $(FRONTEND)/node_modules ]; then cd $(FRONTEND) && $(NPM) run --if-present format; fi

$(addprefix test-,$(PACKAGES)): test-%: $(STAMPS)/venv
	cd packages/$* && $(BIN)/pytest $(PYTEST_ARGS)

test-users-custom-user: $(STAMPS)/venv ## Only the users tests' run with a swapped AUTH_USER_MODEL
	cd packages/users && $(BIN)/pytest $(USERS_CUSTOM_USER_PYTEST_ARGS) $(PYTEST_ARGS)

test-books-custom-user: $(STAMPS)/venv ## Only the books tests' run with a swapped AUTH_USER_MODEL
	cd packages/books && $(BIN)/pytest $(BOOKS_CUSTOM_USER_PYTEST_ARGS) $(PYTEST_ARGS)

test-deploy: $(STAMPS)/venv ## The deploy project's integration tests
	cd deploy_project && $(BIN)/pytest $(PYTEST_ARGS)

test-schema: $(STAMPS)/venv ## Fail when frontend/openapi/schema.yaml is stale
	@tmp=$$(mktemp --suffix=.yaml); trap 'rm -f "$$tmp"' EXIT; \
	(cd deploy_project && DJANGO_SETTINGS_MODULE=$(SCHEMA_SETTINGS) $(PY) manage.py spectacular --validate --fail-on-warn --file "$$tmp"); \
	if diff -u $(SCHEMA) "$$tmp"; then echo "$(SCHEMA) is up to date"; \
	else echo "error: $(SCHEMA) is stale; run 'make schema' and commit the result" >&2; exit 1; fi

test-frontend: $(STAMPS)/npm ## ESLint, TypeScript, generated API types, Vitest
	cd $(FRONTEND) && $(NPM) run lint
	cd $(FRONTEND) && $(NPM) run typecheck
	cd $(FRONTEND) && $(NPM) run check:api-types
	cd $(FRONTEND) && CI=1 $(NPM) test

test-e2e: $(STAMPS)/venv $(STAMPS)/spa ## Playwright (Debian's Chromium) against the real deploy project on 127.0.0.1:8765
	cd $(FRONTEND) && CI=1 $(NPM) run test:e2e

schema: $(STAMPS)/venv $(STAMPS)/npm ## Regenerate frontend/openapi/schema.yaml and src/types/api.gen.ts
	cd deploy_project && DJANGO_SETTINGS_MODULE=$(SCHEMA_SETTINGS) $(PY) manage.py spectacular --validate --fail-on-warn --file ../$(SCHEMA)
	cd $(FRONTEND) && $(NPM) run gen:api-types

# ---------------------------------------------------------------------------------------------- bench

# Options of deploy_project/bench/run.py, e.g. `make bench BENCH_ARGS="--books 20000 --duration 5"`.
BENCH_ARGS ?=

bench: $(STAMPS)/venv ## Benchmark the API: PostgreSQL (N books, seeded once), Redis, gunicorn, wrk (BENCH_ARGS=...)
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing wrk (Debian package)"; \
			apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
		else echo "error: wrk is missing; as root on Debian/Ubuntu: apt-get install -y wrk" >&2; exit 1; fi; }
	PYTHONPATH=$(ROOT)/deploy_project $(PY) -m bench.run $(BENCH_ARGS)

# ---------------------------------------------------------------------------------------------- tox

# tox finds python3.11/3.12/3.13 on PATH; under pyenv, its shims answer only for the versions in PYENV_VERSION.
PYENV_VERSIONS = $(shell command -v pyenv >/dev/null && for v in 3.11 3.12 3.13; do pyenv latest $$v 2>/dev/null; done | paste -sd: -)
TOX_ARGS ?=

tox: $(STAMPS)/venv ## tox (every package on py311 + Django 5.2, lint, migrations); TOX_ARGS="-m matrix" for all
	$(if $(PYENV_VERSIONS),PYENV_VERSION=$(PYENV_VERSIONS)) $(BIN)/tox $(TOX_ARGS)

# ---------------------------------------------------------------------------------------------- clean

clean: ## Remove build output, stamps and caches (keeps .venv, node_modules and db.sqlite3)
	rm -rf $(STAMPS) .tox .ruff_cache $(FRONTEND)/dist $(FRONTEND)/test-results $(FRONTEND)/playwright-report \
		deploy_project/staticfiles
	rm -rf packages/*/build packages/*/dist deploy_project/build deploy_project/dist
	find packages deploy_project \( -name __pycache__ -o -name '*.egg-info' \) -type d -prune -exec rm -rf {} +

clean-venv: ## Remove .venv and frontend/node_modules too
	rm -rf $(VENV) $(FRONTEND)/node_modules $(STAMPS)
