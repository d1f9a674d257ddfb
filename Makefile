# Integrado's everyday targets: `make lint`, `make typecheck`, `make test` (all three: scripts/run-tests),
# and packaging: `make dist` builds dist/Integrado/ (onedir, four programs) from build.spec,
# `make deb` the Debian package from it.
# PYTHON: the project's venv (.venv, made by scripts/bootstrap), else python3 on PATH; override with
# `make dist PYTHON=/path/to/python`. That venv needs the `build` extra (pip install -e '.[build]').
PYTHON ?= $(firstword $(wildcard .venv/bin/python) python3)
PYINSTALLER ?= $(PYTHON) -m PyInstaller
LUPDATE ?= $(dir $(PYTHON))pyside6-lupdate
LRELEASE ?= $(dir $(PYTHON))pyside6-lrelease
TS := resources/translations/integrado_pt_BR.ts resources/translations/integrado_en.ts

.PHONY: lint typecheck test dist deb smoke icons translations translations-update clean

BIN := $(dir $(PYTHON))

# ruff (lint + format check) and the import contracts of .importlinter (docs/architecture.md).
lint:
	$(BIN)ruff check apps tests bench
	$(BIN)ruff format --check apps tests bench
	$(BIN)lint-imports

typecheck:
	$(BIN)mypy

# The whole suite as CI runs it (lint and types first); extra pytest arguments: make test ARGS=-x
test:
	scripts/run-tests $(ARGS)

dist: translations
	$(PYINSTALLER) --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/Integrado

# The Debian package built from that folder: dist/integrado_<version>_<arch>.deb (programs in
# /opt/integrado, commands in /usr/bin, menu entries and icons; see packaging/build-deb).
deb: dist
	packaging/build-deb

# Build, then run every frozen program with --smoke-test against a redis-server it starts.
smoke:
	PYTHON=$(PYTHON) packaging/ci-frozen-smoke

icons:
	$(PYTHON) packaging/make_icons.py

# Re-extract the strings from the apps (keeps existing translations), then compile the .qm files.
translations-update:
	$(LUPDATE) -no-obsolete -locations none $$(find apps -name '*.py' -not -path '*.egg-info*' | sort) packaging/launcher.py -ts $(TS)

translations:
	$(LRELEASE) $(TS)

clean:
	rm -rf build/Integrado build/build dist/Integrado
	rm -f dist/integrado_*.deb
