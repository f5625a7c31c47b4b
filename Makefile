# make serve  – bygg og vis nettstedet på http://127.0.0.1:8000 (lager .venv selv)
# make test   – installer det testene trenger (også Chromium) og kjør alle testene
# make check  – kontroller kunnskapsbasen (kb check)
# make build  – bygg nettstedet til site/ (--strict), for en webserver eller et intranett, med
#               kb site --bygg: genererte sider (build/generert/), mkdocs build (i flere prosesser
#               samtidig når nettstedet er stort) og Pagefind-indeksen, hvert steg med sin tid
# make offline – bygg til site-offline/ for en filserver (åpnes som fil, søk virker uten server)
# make bench  – kjør ytelsesmålingene, side om side med koden i BASELINE (en git-ref; standard: der
#               grenen gikk ut fra main), f.eks. «make bench BASELINE=f6c3021»

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BASELINE ?= merge-base
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: serve test check build offline bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

serve: $(BIN)/.installed
	$(BIN)/kb site
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(BIN)/.installed
	$(BIN)/kb site --bygg site

offline: $(BIN)/.installed
	$(BIN)/kb site
	KB_OFFLINE=true $(BIN)/mkdocs build --strict -d site-offline

check: $(BIN)/.installed
	$(BIN)/kb check

test: $(BIN)/.installed
	sh .ci/ensure-chromium
	$(BIN)/pytest -n auto --maxprocesses=4

bench: $(BIN)/.installed
	sh .ci/ensure-chromium
	$(BIN)/python -m bench --factors 1 100 --engines pagefind --baseline $(BASELINE)

clean:
	rm -rf $(VENV) site site-offline build
