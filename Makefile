# storydiff: `make demo` and `make test` work on a fresh clone (they create .venv and install).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
EXAMPLE := examples/occupy-ice

.PHONY: demo test lint bench quality fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,web,spark]'
	touch $(STAMP)

demo: $(STAMP)  ## compare the example pair and print the report
	$(VENV)/bin/storydiff compare $(EXAMPLE)/a.txt $(EXAMPLE)/b.txt

test: $(STAMP)  ## unit tests and quality gates (gates skip when ../shared is absent)
	$(PY) -m pytest -q

quality: $(STAMP)  ## only the quality gates, with their figures
	$(PY) -m pytest -q -m quality -s

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)  ## speed and memory figures (prints them; not a test)
	$(PY) bench/bench.py

fuzz: $(STAMP)  ## the long fuzz run (about 100,000 inputs), a process per file; prints each file's inputs, time and seed
	status=0; for f in tests/fuzz/test_*.py; do STORYDIFF_FUZZ=long $(PY) -m pytest -q $$f || status=1; done; exit $$status

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
