# buurtteam — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
TOOLS := .tools
UV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(TOOLS)/bin/uv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-dev assets lint check-migrations messages demo serve clean

## run: install, build assets, migrate SQLite, load the demo data and serve on http://127.0.0.1:8000
run: install assets
	@mkdir -p var
	BUURTTEAM_DEBUG=false BUURTTEAM_SECURE_HTTPS=false BUURTTEAM_REQUIRE_2FA=false $(PY) manage.py collectstatic --noinput -v0
	BUURTTEAM_SECURE_HTTPS=false $(PY) manage.py migrate --noinput -v0
	BUURTTEAM_SECURE_HTTPS=false $(PY) manage.py load_demo --seed 1 --if-empty
	BUURTTEAM_DEMO_MODE=true BUURTTEAM_SECURE_HTTPS=false BUURTTEAM_REQUIRE_2FA=false \
		$(PY) manage.py runserver 127.0.0.1:8000 --nostatic

## test: install everything the tests need and run the whole suite (unit, integration, browser)
test: install-dev assets
	$(PY) -m pytest -n 2 --dist loadgroup

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(TOOLS)/bin/uv
	$(UV) sync --locked --no-dev --python $(PYTHON) --quiet

install-dev: $(TOOLS)/bin/uv
	$(UV) sync --locked --python $(PYTHON) --quiet

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json
	node scripts/build-assets.mjs > /dev/null

## lint: ruff, mypy (strict), import-linter, migrations and translations in step
lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks conftest.py manage.py
	$(VENV)/bin/ruff format --check src tests benchmarks conftest.py manage.py
	$(VENV)/bin/mypy src tests benchmarks conftest.py
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

## messages: refresh the English catalogue from the Dutch source strings and compile it (needs gettext)
messages: install-dev
	cd src/buurtteam && DJANGO_SETTINGS_MODULE=buurtteam.config.settings ../../$(PY) -m django makemessages -l en --no-obsolete --no-location -v0
	cd src/buurtteam && DJANGO_SETTINGS_MODULE=buurtteam.config.settings ../../$(PY) -m django compilemessages -l en -v0

clean:
	rm -rf $(VENV) $(TOOLS) node_modules var src/buurtteam/static/dist
