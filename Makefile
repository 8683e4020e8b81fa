# Quick start: `make run` serves on http://127.0.0.1:8080; `make test` runs the whole suite
# (including the integration tests against a real FHIR server, installed by `make fhir-server`).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FHIR_VENV ?= .venv-fhir
FHIR_REQS := docker/fhir-test-server/requirements.txt
FHIR_STAMP := $(FHIR_VENV)/.installed

.PHONY: run test install fhir-server patients text-eval text-bench bench fuzz soak slow-clients reliability cards clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The FHIR R4 test server (SEKMET), pinned, in its own virtual environment (tests/sekmet_fixture.py).
$(FHIR_STAMP): $(FHIR_REQS)
	$(PY) -m venv $(FHIR_VENV)
	$(FHIR_VENV)/bin/pip install --quiet --upgrade pip
	$(FHIR_VENV)/bin/pip install --quiet -r $(FHIR_REQS)
	touch $(FHIR_STAMP)

install: $(STAMP)

fhir-server: $(FHIR_STAMP)

run: $(STAMP)
	LBCL_CDS_AUTH=$${LBCL_CDS_AUTH:-off} $(BIN)/lbcl-cds serve --host $${LBCL_CDS_HOST:-127.0.0.1} --port $${LBCL_CDS_PORT:-8080}

test: $(STAMP) $(FHIR_STAMP)
	$(BIN)/pytest

# Regenerate the synthetic patients (cds_service/data/patients/) from the vignettes and tools/build_patients.py.
patients: $(STAMP)
	$(BIN)/python tools/build_patients.py

# Benchmarks (bench/run.py): prints the table and writes docs/performance.md.
bench: $(STAMP) $(FHIR_STAMP)
	$(BIN)/python bench/run.py

# Reliability and security suite at full size (bench/reliability.py, docs/reliability.md): `make fuzz` runs
# 10,000 fuzz examples, `make soak` 50 clients for 60 s; `make reliability` all of it, prints every figure
# and writes docs/reliability.md. The short versions run in `make test`. Loopback only, bounded.
fuzz: $(STAMP)
	$(BIN)/python bench/reliability.py --only fuzz

soak: $(STAMP)
	$(BIN)/python bench/reliability.py --only soak

# Slow clients against this worker and gunicorn's stock gthread, side by side (bench/slow_clients.py).
slow-clients: $(STAMP)
	$(BIN)/python bench/slow_clients.py

reliability: $(STAMP) $(FHIR_STAMP)
	$(BIN)/python bench/reliability.py

# Every shipped patient's cards on one HTML page (build/cards.html) and a screenshot (build/cards.png).
cards: $(STAMP)
	$(BIN)/python tools/cards_gallery.py -o build/cards.html --png build/cards.png

# Precision/recall of the report readers per kind and fact (docs/report-text.md): the development corpora by
# default; `make text-eval CORPUS=tests/data/reports_blind/blind.jsonl` scores another set (ERRORS=--errors lists
# the mismatches). `make text-bench` times report reading on the cold path (bench/text_cold.py).
text-eval: $(STAMP)
	$(BIN)/python tools/text_eval.py $(CORPUS) $(ERRORS)

text-bench: $(STAMP)
	$(BIN)/python bench/text_cold.py

clean:
	rm -rf $(VENV) $(FHIR_VENV) instance .pytest_cache
