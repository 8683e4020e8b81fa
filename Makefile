# Quick start: `make run` serves on http://127.0.0.1:8080; `make test` runs the whole suite.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install text-eval clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	LBCL_CDS_AUTH=$${LBCL_CDS_AUTH:-off} $(BIN)/lbcl-cds serve --host $${LBCL_CDS_HOST:-127.0.0.1} --port $${LBCL_CDS_PORT:-8080}

test: $(STAMP)
	$(BIN)/pytest

text-eval: $(STAMP)
	$(BIN)/python tools/text_eval.py

clean:
	rm -rf $(VENV) instance .pytest_cache
