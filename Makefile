# journeymap: `make build` renders every journey in maps/ into build/; `make test` runs the tests.
# Both install what is missing first (Graphviz, Pango and fonts through apt-get, a virtual
# environment with the package), so they work on a fresh Debian/Ubuntu machine.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := graphviz libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
# Optional, where the distribution packages it (Debian 12 does): with HarfBuzz 4.1 or later, WeasyPrint
# subsets the embedded fonts with it instead of fontTools (a 30-touch-point briefing: 13 %
# of its time before, 2 % after; 0.5 s of CPU less).
FAST_SUBSET := libharfbuzz-subset0
# One worker per core (pytest-xdist), a test file to a worker: the PDF tests build each briefing
# once per process and share it, so spreading a file's tests over workers built the biggest
# briefings twice (the suite: 93 s -> 74 s on 2 cores).
PYTEST_ARGS ?= -n auto --dist loadfile

.PHONY: install system-deps test-deps test build bench clean distclean

install: system-deps $(VENV)/.installed

system-deps:
	@if [ "$$(uname -s)" = Darwin ]; then \
	  command -v dot >/dev/null 2>&1 || echo "Graphviz and Pango are missing: brew install graphviz pango"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	  command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	  ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	  fc-list 2>/dev/null | grep -qi "DejaVu Sans" || missing="$$missing fonts-dejavu-core"; \
	  $(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3-venv python3-pip"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  fi; \
	  if ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset && \
	     apt-cache policy $(FAST_SUBSET) 2>/dev/null | grep -q "Candidate: [0-9]"; then \
	    echo "Installing: $(FAST_SUBSET) (WeasyPrint subsets fonts with it rather than with fontTools: each PDF about 0.5 s sooner)"; \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(FAST_SUBSET) || \
	      echo "$(FAST_SUBSET) could not be installed; PDFs are the same, a little slower to make"; \
	  fi; \
	else \
	  command -v dot >/dev/null 2>&1 || echo "Please install Graphviz, Pango and the DejaVu fonts with your package manager."; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The browser tests of the HTML outputs need Chromium (Debian's package) and axe-core (npm) for the
# accessibility checks, Mermaid (npm) draws the Mermaid export, and shellcheck checks the documented
# CI workflow; none is needed to use journeymap.
AXE_VERSION := 4.10.3
MERMAID_VERSION := 12.3.0
test-deps:
	@if [ "$$(uname -s)" != Darwin ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; browser=""; \
	  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || browser=chromium; \
	  command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	  command -v qpdf >/dev/null 2>&1 || missing="$$missing qpdf"; \
	  command -v shellcheck >/dev/null 2>&1 || missing="$$missing shellcheck"; \
	  if [ -n "$$missing$$browser" ]; then $(SUDO) apt-get update -qq; fi; \
	  if [ -n "$$browser" ]; then \
	    if apt-cache policy chromium 2>/dev/null | grep -q "Candidate: [0-9]"; then missing="$$missing chromium"; \
	    else echo "Chromium has no package here (Ubuntu ships it as a snap): the browser tests will be skipped"; fi; \
	  fi; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing (for the tests)"; \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  fi; \
	fi
	@if [ ! -f $(VENV)/node/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then \
	  echo "Installing: axe-core $(AXE_VERSION) (npm, into $(VENV)/node, for the accessibility tests)"; \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@$(AXE_VERSION); \
	fi
	@if [ ! -f $(VENV)/node/node_modules/mermaid/dist/mermaid.min.js ] && command -v npm >/dev/null 2>&1; then \
	  echo "Installing: mermaid $(MERMAID_VERSION) (npm, into $(VENV)/node, to draw the Mermaid export in the tests)"; \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node mermaid@$(MERMAID_VERSION); \
	fi

test: install test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The command's own defaults, so that `journeymap build --check` agrees with what `make build` wrote.
build: install
	$(BIN)/journeymap build maps -o build

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf build .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV) *.egg-info
