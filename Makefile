# Convergence: the README's two commands are `make report` and `make test`; both build .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: env report test lint format lab bench validate clean

env: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/convergence report seeds --out outputs

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_tag.py
	$(BIN)/python bench/bench_pipeline.py --fraction 0.125

validate: $(STAMP)
	$(BIN)/python bench/eval_html_extraction.py
	$(BIN)/python bench/seed_verdicts.py
	$(BIN)/python bench/validate_dawn.py
	$(BIN)/python bench/validate_attribution.py
	$(BIN)/python bench/ungdc_decades.py

clean:
	rm -rf $(VENV) outputs/* .pytest_cache
	touch outputs/.gitkeep
