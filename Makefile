# The two commands: `make run` sets up and runs the demo; `make test` runs
# every test. Everything else is a convenience around Meson.
BUILD ?= build
DB ?= qcity-demo.db
LISTEN ?= 127.0.0.1:8080
MESON_SAN = -Db_sanitize=address,undefined -Db_lundef=false

.PHONY: all deps build run demo test test-valgrind bench fuzz clean

all: build

deps:
	@bash scripts/install-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_SAN)

build-valgrind/build.ninja:
	meson setup build-valgrind

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

# Build a demo database and start nothing.
demo: deps build
	$(BUILD)/qcity --db $(DB) demo --force

# The main job on the embedded default: demo content; what the office
# asks every week (status with projections, reporting, alerts) and once a
# year (the assessment) for the 七台河 plan; the plan and its 2020 quality
# index published to the public portal; then the web platform on
# 127.0.0.1:8080 with the demo accounts (Ctrl-C stops it).
run: demo
	$(BUILD)/qcity --db $(DB) status --plan 1
	$(BUILD)/qcity --db $(DB) tasks --plan 1 --year 2020
	$(BUILD)/qcity --db $(DB) alerts --plan 1
	$(BUILD)/qcity --db $(DB) assess --plan 1 --year 2020
	$(BUILD)/qcity --db $(DB) publish plan 1
	$(BUILD)/qcity --db $(DB) publish index qitaihe-quality --year 2020
	@echo "Demo accounts (password: qcity-demo):"
	@$(BUILD)/qcity --db $(DB) user list
	$(BUILD)/qcity --db $(DB) serve --listen $(LISTEN)

# Everything under ASan+UBSan, with the PostgreSQL pass and the unit
# tests under valgrind beside it (scripts/run-tests). The
# valgrind tree builds only what its tests run (meson test builds the
# unit tests and the library, not qcity, bench or the command line).
test: deps build build-valgrind/build.ninja
	@bash scripts/run-tests $(BUILD) build-valgrind

# Only the unit tests under valgrind, in a build without sanitizers.
test-valgrind: deps build-valgrind/build.ninja
	@bash scripts/run-tests "" build-valgrind

bench: deps
	@[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release
	ninja -C build-release
	@bash bench/run build-release

# Run every fuzz target for FUZZ_SECS seconds each (clang, libFuzzer).
fuzz: deps
	@bash fuzz/run $${FUZZ_SECS:-60}

# Not part of `make test`: N kill -9 trials per import path and for web
# writes, on SQLite and PostgreSQL; a soak of SOAK_S seconds at 80 % of
# the server's peak (see docs/reliability.md). Release build, as bench.
.PHONY: trials soak
N ?= 20
SOAK_S ?= 600
trials: deps
	@[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release
	ninja -C build-release
	@bash scripts/trials build-release $(N)

soak: deps
	@[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release
	ninja -C build-release
	@bash scripts/soak build-release $(SOAK_S)

# Developer check, not part of `make test`: a fresh Debian 12 root, a
# clone of HEAD in it, `bash .ci/run` and `make run` there (needs root).
# Install a release build to $(PREFIX) (DESTDIR stages it): bin/qcity,
# share/qcity (data, web UI, vendor assets, region tables) and the
# systemd unit (docs/install.md). `dpkg-buildpackage -us -uc -b` makes
# the same into a .deb.
PREFIX ?= /usr/local
.PHONY: install
install: deps
	@[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release
	meson configure build-release -Dprefix=$(PREFIX)
	ninja -C build-release
	meson install -C build-release --no-rebuild

# Lay out every C file as .clang-format says (tests/lint `format` checks).
.PHONY: format
format:
	@bash scripts/format

.PHONY: fresh-check
fresh-check:
	@bash scripts/fresh-check

clean:
	rm -rf $(BUILD) build-valgrind build-release build-fuzz $(DB) $(DB)-wal $(DB)-shm
