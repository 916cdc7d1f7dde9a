# Targets a newcomer can guess. Use the project's venv: python3 -m venv .venv && make dev
PY ?= .venv/bin/python

.PHONY: dev test snapshot-update check bench

dev:
	$(PY) -m pip install -e '.[dev]'

# The README's command: in parallel, 1.5 workers per core (see tests/conftest.py).
test:
	$(PY) -m pytest -q -n auto

snapshot-update:
	$(PY) -m pytest -q --snapshot-update

check:
	$(PY) -m ruff check trivia tests benchmarks
	$(PY) -m ruff format --check trivia tests benchmarks
	$(PY) -m mypy
	$(dir $(PY))lint-imports

bench:
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/saves.py
	$(PY) benchmarks/bank.py
