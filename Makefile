# Convergence: the README's two commands are `make report` and `make test`; both build .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help env report test test-fast lint format lab bench validate clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/  \1\t\2/' | expand -t 14

env: $(STAMP) ## build .venv (python -m venv; pip install -e '.[dev]'; the Jupyter kernel)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: $(STAMP) ## the batch reports of seeds/ in outputs/
	$(BIN)/convergence report seeds --out outputs

test: $(STAMP) ## ruff check, ruff format --check and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: $(STAMP) ## the tests not marked slow, on two workers (pytest-xdist)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow" -n 2

lint: $(STAMP) ## ruff check and ruff format --check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP) ## ruff format and ruff check --fix
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

lab: $(STAMP) ## JupyterLab on notebooks/
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(STAMP) ## speed of ingest, tagging and the pipeline
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_tag.py
	$(BIN)/python bench/bench_pipeline.py --fraction 0.125

validate: $(STAMP) ## scores against the hand labels (needs ../shared/corpora)
	$(BIN)/python bench/eval_html_extraction.py
	$(BIN)/python bench/seed_verdicts.py
	$(BIN)/python bench/validate_dawn.py
	$(BIN)/python bench/validate_attribution.py
	$(BIN)/python bench/ungdc_decades.py

clean: ## remove outputs/ (but .gitkeep) and caches; .venv stays
	find outputs -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache build dist lib/*.egg-info
	find . -path ./.venv -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune \
		-exec rm -rf {} +
