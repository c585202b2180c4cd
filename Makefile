# The two commands of the README: `make demo` and `make test`. Everything is installed from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench browser axe pdf-libs pg-client imap-server openapi clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests; never a downloaded browser.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

# axe-core for the accessibility checks of the browser tests, from npm, pinned in package-lock.json.
axe:
	@test -d node_modules/axe-core || npm ci --no-audit --no-fund

# Pango and fonts for the PDF briefs (WeasyPrint), from Debian.
pdf-libs:
	@(ldconfig -p | grep -q libpangoft2-1.0 && test -d /usr/share/fonts/truetype/dejavu) || \
		(apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)

# pg_dump and pg_restore for `leerlus backup` and `leerlus restore` on PostgreSQL, from Debian.
pg-client:
	@command -v pg_dump >/dev/null || (apt-get update -qq && apt-get install -y -qq postgresql-client)

# Dovecot, a real IMAP server that the mailbox sync tests start on loopback with their own configuration.
imap-server:
	@test -x /usr/sbin/dovecot || (apt-get update -qq && apt-get install -y -qq dovecot-imapd)

# The demo's shared mailbox is a real Dovecot: without it (no apt-get here) the demo goes on without that source.
demo: install pdf-libs
	@$(MAKE) --no-print-directory imap-server || echo "Dovecot niet geïnstalleerd: de demo heeft dan geen postbus."
	$(BIN)/leerlus demo

# ruff: the same lint and format rules for everyone (configured in pyproject.toml).
lint: install
	$(BIN)/ruff check leerlus tests benchmarks
	$(BIN)/ruff format --check leerlus tests benchmarks

# One worker per core; each test module stays on one worker, so its shared analysed database is built once.
# The byte code is written first: with PYTHONDONTWRITEBYTECODE set, each of the few hundred commands the suite starts
# would compile leerlus from source again (0.1 s of its 0.7 s start-up).
test: install browser axe pdf-libs pg-client imap-server lint
	$(BIN)/python -m compileall -q leerlus tests benchmarks >/dev/null
	$(BIN)/pytest -n auto --dist loadscope

# The bars of docs/benchmarks.md (analysis_workers.py needs PostgreSQL and Redis on 127.0.0.1); BERTopic (with CPU torch from this machine's disk) only for the topic comparison.
bench: install
	$(BIN)/pip install -q -c constraints.txt -e ".[test,bench]"
	$(BIN)/python benchmarks/import_speed.py --rows 1000000
	$(BIN)/python benchmarks/import_crash.py --rows 1000000
	$(BIN)/python benchmarks/analysis_speed.py --rows 1000000
	$(BIN)/python benchmarks/analysis_workers.py --rows 1000000
	$(BIN)/python benchmarks/topic_discovery.py --texts 100000
	$(BIN)/python benchmarks/page_speed.py --rows 1000000
	$(BIN)/python benchmarks/page_load.py --rows 1000000
	$(BIN)/python benchmarks/widget_load.py --rate 200 --seconds 60

# The committed OpenAPI description; a test fails when it differs from the code.
openapi: install
	$(BIN)/python -m leerlus.api.openapi > docs/openapi.json

clean:
	rm -rf $(VENV) build *.egg-info node_modules
