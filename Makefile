# Thin wrapper around meson: the two commands a new user types are `make run` and `make test`.
# meson stays the build system; this file only installs what is missing and calls it.

BUILD ?= build
MESON_FLAGS ?=
ECSPLAN = $(BUILD)/planner/cli/ecsplan
# where `make run` writes its report (docs/report.md)
REPORT_DIR ?= ecsplan-report

# Debian 12 packages the build, the tests and the charts need.
DEB_PACKAGES = gcc pkg-config meson ninja-build libglib2.0-dev libglib2.0-dev-bin \
	libxml2-dev libxml2-utils libcjson-dev libyajl-dev libcurl4-openssl-dev gnuplot-nox python3

.PHONY: all deps setup build run test sanitize bench clean golden

all: build

deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)

setup: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then meson setup $(BUILD) $(MESON_FLAGS); fi

build: setup
	meson compile -C $(BUILD)

run: build
	$(ECSPLAN) report -o $(REPORT_DIR)
	@echo
	@echo "ran: $(ECSPLAN) report -o $(REPORT_DIR)  (the built-in example model, seed 000)"
	@echo "open $(REPORT_DIR)/report.html in a browser, or read $(REPORT_DIR)/report.md"

test: build
	meson test -C $(BUILD) --print-errorlogs

sanitize: deps
	@if [ ! -f $(BUILD)-asan/build.ninja ]; then \
		meson setup $(BUILD)-asan -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true; fi
	meson compile -C $(BUILD)-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(BUILD)-asan --print-errorlogs

bench: build
	sh bench/run.sh $(BUILD)

golden: build
	sh tests/update-golden.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD)-asan
