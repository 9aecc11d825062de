# airoles-kg: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= build

.PHONY: run test test-fast test-browser third-party venv venv-test build validate lint fmt check-fmt bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

venv-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

## run: set up, build and validate the graph on the embedded store, print a summary and an example comparison
run: venv
	$(BIN)/airoles-kg build --out $(OUT)
	$(BIN)/airoles-kg validate
	$(BIN)/airoles-kg stats
	$(BIN)/airoles-kg compare ai-engineer ml-infrastructure-engineer

## test: set up with the test extras and run the whole test suite
test: venv-test graphviz
	$(BIN)/python -m pytest

## test-fast: the suite without servers, reasoners, browsers or slow tests (markers integration, slow, browser)
test-fast: venv-test
	$(BIN)/python -m pytest -m "not integration and not slow and not browser"

## test-browser: the HTML report in headless Chromium (apt-get install chromium; .ci/run does)
test-browser: venv-test graphviz
	$(BIN)/python -m pytest -m browser

## third-party: rewrite tests/fixtures/third-party from the full data (SHARED=DIR, with data/ and seed/)
SHARED ?=
need-shared:
	@test -n "$(SHARED)" || { echo "give SHARED=DIR, the folder holding the full data/ and seed/" >&2; exit 2; }

third-party: venv need-shared
	$(BIN)/python scripts/extract_third_party.py --shared $(SHARED)

## third-party-check: exit 1 if the committed extracts differ from what SHARED=DIR gives
third-party-check: venv need-shared
	$(BIN)/python scripts/extract_third_party.py --shared $(SHARED) --check

.PHONY: docs graphviz reference-roles need-shared third-party third-party-check
SITE ?= site

## docs: build the static site into site/ (open site/index.html); Graphviz draws its diagrams
docs: venv graphviz
	$(BIN)/airoles-kg docs --out $(SITE)

## graphviz: install Debian's graphviz (the site's diagrams) with apt-get if dot is missing
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=""; if [ "$$(id -u)" -ne 0 ]; then sudo="sudo"; fi; \
	    $$sudo apt-get update -qq >/dev/null && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends graphviz >/dev/null; \
	  else echo "Graphviz 'dot' is missing: install the graphviz package" >&2; fi; }

## reference-roles: rewrite ontology/reference-roles.ttl from the shared O*NET and ESCO data
reference-roles: venv need-shared
	$(BIN)/python scripts/derive_reference_roles.py --shared $(SHARED)

lint: venv-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/mypy scripts

fmt: venv
	$(BIN)/airoles-kg fmt

check-fmt: venv
	$(BIN)/airoles-kg fmt --check

## bench: everything side by side (benchmarks/README.md); BENCH_SIZES=10k,100k for a quick run
BENCH_SIZES ?= 10k,100k,1M
bench: venv-test
	@test -f /usr/share/java/jena-shacl.jar || apt-get install -y -q --no-install-recommends \
		libapache-jena-java libxerces2-java || echo "Jena not installed: its column says so"
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES)

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
