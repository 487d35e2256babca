# Two commands: `make publish` builds the demo site into output/, `make test` runs the tests.
# Each sets up what it needs first: a virtual environment, the Python package and the theme.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SASS := theme/node_modules/.bin/sass
CSS := theme/static/css/notes.css

.PHONY: publish test test-dates build serve setup css golden screenshots docs budget clean

publish: setup
	$(BIN)/notes publish

test: setup
	$(BIN)/python -m pytest

# The suite (but the browser tests) on other days than today, under Debian's faketime: test sites pin
# their day (tests/conftest.py), and this shows nothing else reads the clock. The first day of 2026,
# the last week of a 53-week ISO year, and the night the clocks go forward in 2035. CI runs it.
TEST_DAYS := "2026-01-01 08:00:00" "2032-12-30 12:00:00" "2035-03-25 00:30:00"
test-dates: setup
	@command -v faketime >/dev/null || { echo "make test-dates needs faketime (apt-get install faketime)"; exit 2; }
	@for day in $(TEST_DAYS); do \
	  echo "The suite as of $$day:"; \
	  faketime "$$day" $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/browser || exit 1; \
	done

build: setup
	$(BIN)/notes build

serve: setup
	$(BIN)/notes serve

setup: $(VENV)/.installed css

css: $(CSS)

# Regenerate the golden files in tests/golden/ after a deliberate change to the output.
golden: setup
	NOTES_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py tests/test_feeds_golden.py tests/test_cadence_site.py

# Screenshots of the pages at 1280 and 375 pixels into tests/browser/screenshots/, for review (needs Chromium).
screenshots: setup
	NOTES_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py

# Regenerate docs/cli.md from the commands' help texts.
docs: setup
	$(BIN)/python scripts/cli_docs.py
	$(BIN)/python scripts/rules_docs.py

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "notes needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

theme/node_modules/.installed: theme/package.json theme/package-lock.json
	cd theme && npm ci --no-audit --no-fund
	touch $@

$(CSS): theme/node_modules/.installed $(wildcard theme/scss/*.scss)
	mkdir -p $(dir $(CSS))
	$(SASS) --no-source-map --quiet-deps --style=compressed --load-path=theme/node_modules theme/scss/notes.scss $(CSS)

# Page weight per page type against the budgets (figures in benchmarks/README.md).
budget: setup
	$(BIN)/python benchmarks/page_budget.py

clean:
	rm -rf output output.previous .output-build-* preview .preview-build-* $(CSS)
