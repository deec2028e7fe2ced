# Everyday commands. The README's two commands need none of this; these are for developers.
UV := python3 -m uv
MANAGE := $(UV) run --frozen crosscluster

.PHONY: demo test test-postgres lint format messages bench bench-quick

demo:            ## the platform with demo data on SQLite, http://127.0.0.1:8000
	$(MANAGE) demo

test:            ## the whole test suite on SQLite
	$(UV) run --frozen pytest

test-postgres:   ## everything CI does: lint, migrations check, tests on SQLite and on PostgreSQL + Redis
	bash .ci/run

lint:
	$(UV) run --frozen ruff check src tests bench
	$(UV) run --frozen ruff format --check src tests bench

format:
	$(UV) run --frozen ruff format src tests bench

messages:        ## refresh the German catalogue after changing UI strings (needs GNU gettext)
	cd src/crosscluster && $(UV) run --frozen crosscluster makemessages -l de --no-obsolete --no-location

bench:           ## the directory load benchmark on PostgreSQL (50,000 organisations); writes docs/benchmarks.md
	$(UV) run --frozen --group bench python bench/directory_load.py

bench-quick:
	$(UV) run --frozen --group bench python bench/directory_load.py --quick
