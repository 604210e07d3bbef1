# Thin wrapper around meson: the two commands a new user types are `make run` and `make test`.
# meson stays the build system; this file only installs what is missing and calls it.

BUILD ?= build
MESON_FLAGS ?=
ECSPLAN = $(BUILD)/planner/cli/ecsplan
# where `make run` writes its report (docs/report.md)
REPORT_DIR ?= ecsplan-report
# the built-in example `make run` reports on (ecsplan validate --example NAME)
EXAMPLE ?= seed000-off-to-the-cloud

# Debian 12 packages the build, the tests and the charts need.
DEB_PACKAGES = gcc pkg-config meson ninja-build libglib2.0-dev libglib2.0-dev-bin \
	libxml2-dev libxml2-utils libcjson-dev librsvg2-dev fonts-dejavu-core libyajl-dev \
	libcurl4-openssl-dev gnuplot-nox python3 python3-jsonschema bash-completion parallel

.PHONY: all deps setup build run test sanitize bench clean golden fuzz

all: build

deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)

setup: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then meson setup $(BUILD) $(MESON_FLAGS); fi

build: setup
	meson compile -C $(BUILD)

# only the program: the tests and benchmarks are built by `make test` and `make bench`
run: setup
	meson compile -C $(BUILD) ecsplan
	$(ECSPLAN) report --example $(EXAMPLE) -o $(REPORT_DIR)
	@echo
	@echo "ran: $(ECSPLAN) report --example $(EXAMPLE) -o $(REPORT_DIR)"
	@echo "open $(REPORT_DIR)/report.html in a browser, or read $(REPORT_DIR)/report.md"

test: build
	meson test -C $(BUILD) --print-errorlogs

sanitize: deps
	@if [ ! -f $(BUILD)-asan/build.ninja ]; then \
		meson setup $(BUILD)-asan -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true; fi
	meson compile -C $(BUILD)-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		LSAN_OPTIONS=print_suppressions=0:suppressions=$(CURDIR)/tests/lsan.supp meson test -C $(BUILD)-asan --print-errorlogs

bench: build
	sh bench/run.sh $(BUILD)

# every libFuzzer target in turn, FUZZ_SECONDS each, one process at a time (docs/fuzzing.md);
# clang in a build directory of its own; the growing corpora stay in $(BUILD)-fuzz/corpus-NAME
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = loader import schedule values csv prices
fuzz:
	@if [ ! -f $(BUILD)-fuzz/build.ninja ]; then \
		CC=clang meson setup $(BUILD)-fuzz -Dfuzz=true; fi
	meson compile -C $(BUILD)-fuzz $(addprefix tests/fuzz/fuzz-,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
		seeds=tests/fuzz/seeds-$$t; [ $$t = loader ] && seeds=tests/fuzz/seeds; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=$(CURDIR)/tests/fuzz/$$t.dict; \
		mkdir -p $(BUILD)-fuzz/corpus-$$t $(BUILD)-fuzz/run-$$t; \
		echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
		(cd $(BUILD)-fuzz/run-$$t && ../tests/fuzz/fuzz-$$t ../corpus-$$t $(CURDIR)/$$seeds \
			$$dict -max_total_time=$(FUZZ_SECONDS) -jobs=1 -workers=1 -rss_limit_mb=2048 \
			>fuzz.log 2>&1) || { tail -30 $(BUILD)-fuzz/run-$$t/fuzz.log; \
			tail -30 $(BUILD)-fuzz/run-$$t/fuzz-0.log 2>/dev/null; exit 1; }; \
		grep -h "Done [0-9]* runs" $(BUILD)-fuzz/run-$$t/fuzz-0.log || true; \
	done

golden: build
	sh tests/update-golden.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD)-asan
