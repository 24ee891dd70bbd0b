# Planspor: the two commands a fresh machine needs are `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
AS_OF  ?=

AS_OF_FLAG := $(if $(AS_OF),--as-of $(AS_OF),)

# The benchmark (docs/performance.md): demo sizes in municipalities, and repetitions (medians are quoted).
BENCH_SIZES  ?= 10,30,98
BENCH_REPEAT ?= 3
BENCH_FLAGS  ?=

.PHONY: site test serve validate schema bench clean install ci-validate ci-build

# Re-install only when the project's own metadata changes.
$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Planspor needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

site: $(BIN)/.installed
	$(BIN)/planspor validate
	$(BIN)/planspor build $(AS_OF_FLAG)
	@echo
	@echo "Site built into site/. Open site/index.html, or run 'make serve' for a live preview."

serve: $(BIN)/.installed
	$(BIN)/planspor serve $(AS_OF_FLAG)

validate: $(BIN)/.installed
	$(BIN)/planspor validate

# Install only (CI runs this once, then the ci-* targets).
install: $(BIN)/.installed

# CI: validate, printing every problem also as a GitHub annotation on the changed line.
ci-validate: $(BIN)/.installed
	$(BIN)/planspor validate --format github

# CI: build strictly (MkDocs warnings are errors) into site/.
ci-build: $(BIN)/.installed
	$(BIN)/planspor build --strict $(AS_OF_FLAG)

schema: $(BIN)/.installed
	$(BIN)/planspor schema

# The national demo at each size against MkDocs' own floor; prints the table of docs/performance.md
# (BENCH_FLAGS=--update-docs writes it there). CI runs BENCH_SIZES=10 BENCH_REPEAT=1 as a smoke test.
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT) $(BENCH_FLAGS)

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

clean:
	rm -rf site $(VENV) .pytest_cache
