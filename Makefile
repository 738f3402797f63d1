# mediakit: every target sets up .venv itself (from requirements/lock.txt), then runs.
# On a fresh machine with Python 3.11 and make, `make demo` and `make test` need nothing else.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.mediakit-installed
LOCK   := requirements/lock.txt

.PHONY: demo test chromium figures lab lint format bench lock venv clean-venv

demo: $(STAMP)
	$(PY) -m mediakit demo --html out/seed-pair-comparison.html --report out/seed-pair-report.html

test: $(STAMP) chromium
	$(PY) -m pytest

# tests/test_browser.py runs notebook 02 in JupyterLab in Debian's Chromium. Install it where we
# can (as root with apt-get, as on CI); elsewhere that test is skipped and says why.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "mediakit: installing Debian's chromium for tests/test_browser.py" >&2; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium fonts-liberation fonts-dejavu-core; } >&2 \
		|| echo "mediakit: could not install chromium; tests/test_browser.py will be skipped" >&2; \
	else \
		echo "mediakit: no $(CHROMIUM) and no root apt-get to install it (apt-get install" \
			"chromium); tests/test_browser.py will be skipped" >&2; \
	fi

figures: $(STAMP)
	MEDIAKIT_FIGURES_DIR=$(CURDIR)/figures $(PY) notebooks/run_notebooks.py notebooks/*.ipynb
	# notebook 05 again on the sample the package ships (its figures are named 05_sample_*)
	MEDIAKIT_CORPUS=sample MEDIAKIT_FIGURES_DIR=$(CURDIR)/figures \
		$(PY) notebooks/run_notebooks.py notebooks/05_corpus_study.ipynb
	# every file of figures/ has an entry in figures/manifest.json, and every hash matches
	MEDIAKIT_FIGURES_DIR=$(CURDIR)/figures $(PY) notebooks/run_notebooks.py --check

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

lint: $(STAMP)
	$(VENV)/bin/ruff check mediakit tests benchmarks
	$(VENV)/bin/ruff format --check mediakit tests benchmarks

format: $(STAMP)
	$(VENV)/bin/ruff format mediakit tests benchmarks
	$(VENV)/bin/ruff check --fix mediakit tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_features.py
	$(PY) benchmarks/bench_reuse.py
	$(PY) benchmarks/bench_framing.py
	$(PY) benchmarks/bench_corpus.py
	$(PY) benchmarks/bench_near_duplicates.py --sizes 10000 100000
	$(PY) benchmarks/eval_alignment.py
	$(PY) benchmarks/eval_claims.py

venv: $(STAMP)

# The lock pins every package (all extras) so demo, tests and figures are reproducible.
# Regenerate it deliberately with `make lock` after changing dependencies in pyproject.toml.
$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(PYTHON)" || { echo "mediakit: no python3.11 or python3 on PATH; install Python 3.11" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || { echo "mediakit: needs Python >= 3.11, found $$($(PYTHON) --version)" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e '.[notebook,test,dev]'
	@echo "# mediakit lock: every package of .[notebook,test,dev], pinned. Made by 'make lock'." > $(LOCK)
	@echo "# Python $$($(PY) -c 'import platform; print(platform.python_version())'), $$(date -u +%Y-%m-%d)" >> $(LOCK)
	$(PY) -m pip freeze --all --exclude-editable | grep -v '^mediakit' >> $(LOCK)
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
