# 浦东环境网 / 局内网. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export SITE_PORT ?= $(PORT)
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: setup run test test-fast e2e clean bench-search bench-submit

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_demo

run: setup
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "浦东环境网: http://localhost:$(PORT)/    局内网: http://intranet.localhost:$(PORT)/    后台: http://intranet.localhost:$(PORT)/admin/"
	DEBUG=0 $(BIN)/gunicorn config.wsgi -c config/gunicorn.conf.py -b 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest

test-fast: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m "not e2e" -x -q

clean:
	rm -rf var

# Search benchmark (README, 搜索): 30,000 articles in a database of its own, full reindex, p50/p95
# of warm two-word queries. SQLite under var/ unless DATABASE_URL names a PostgreSQL database
# (its name must contain "bench").
bench-search: $(VENV)/.installed
	mkdir -p var
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/var/bench-search.sqlite3} $(BIN)/python manage.py bench_search

# Submission benchmark (README, 办件提交性能): gunicorn as `make run` starts it (3 workers x 2
# threads, DEBUG off, the real password hasher) on a SQLite database of its own under
# var/bench-submit/; 300 complaints 16 at a time, each visitor with its own address
# (X-Forwarded-For, NUM_PROXIES=1), then lookups. BENCH_PORT must be free.
BENCH_PORT ?= 8799
bench-submit: $(VENV)/.installed
	mkdir -p var/bench-submit
	VAR_DIR=$(CURDIR)/var/bench-submit DATABASE_URL=sqlite:///$(CURDIR)/var/bench-submit/db.sqlite3 \
	SITE_PORT=$(BENCH_PORT) DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=0 \
	$(BIN)/python manage.py bench_submit --port $(BENCH_PORT) $(BENCH_ARGS)
