# encharge-actions — build, test, bench.
#   make            build build/encharge-actions
#   make deps       install missing Debian packages (apt-get)
#   make test       unit tests (cmocka) + conformance (compare.py) + integration
#   make test-asan  the same suite built with AddressSanitizer + UBSan
#   make bench      mapping throughput figures
#   make test-ops   serve scraped by a real Prometheus server
#   make install    PREFIX (/usr/local) and DESTDIR: the binary, the stand-in, the systemd unit

CC      ?= cc
BUILD   ?= build
PKGS    := lua5.4 libcurl sqlite3 zlib libmicrohttpd
DEBS    := build-essential pkg-config liblua5.4-dev lua5.4 libcurl4-openssl-dev lua-cjson-dev libcmocka-dev \
           libsqlite3-dev libmicrohttpd-dev zlib1g-dev clang python3 chromium prometheus

PKG_CFLAGS  := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
MHD_LIBS    := $(shell pkg-config --libs libmicrohttpd 2>/dev/null)

VERSION := 0.1.0
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(OPT) -Wall -Wextra -Werror -pthread -Iruntime \
           -DENCHARGE_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(SAN)
DEPFLAGS = -MMD -MP
LDLIBS  += $(PKG_LIBS) -lm -pthread $(SAN)

# Sources are found per folder of runtime/ (runtime/mock/ is the stand-in, a
# program of its own). Every object records the headers it includes (-MMD -MP).
SRCS     := $(sort $(shell find runtime -name '*.c' ! -path 'runtime/mock/*'))
LIB_SRCS := $(filter-out runtime/main.c,$(SRCS))
EMBEDDED := $(wildcard presets/*.lua) scripts/lib/mapping.lua
EMB_OBJ  := $(BUILD)/obj/map/lua/embedded.o
OBJS     := $(patsubst runtime/%.c,$(BUILD)/obj/%.o,$(SRCS)) $(EMB_OBJ)
LIB_OBJS := $(patsubst runtime/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) $(EMB_OBJ)
# Unit tests mirror runtime/'s folders: tests/<folder>/test_<module>.c.
TEST_SRCS := $(sort $(shell find tests -name 'test_*.c'))
# Shared test helpers (loaders of data-driven tables), linked into every test.
TEST_SUPPORT := $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(wildcard tests/support/*.c))
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
MOCK_SRCS := $(wildcard runtime/mock/*.c)
MOCK_OBJS := $(patsubst runtime/%.c,$(BUILD)/obj/%.o,$(MOCK_SRCS))

.PHONY: all demo deps fuzz soak test unit conformance integration test-asan test-ops bench clean install clients

all: $(BUILD)/encharge-actions $(BUILD)/encharge-mock

$(BUILD)/obj/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(EMB_OBJ): runtime/map/lua/embedded.S $(EMBEDDED)
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<

$(BUILD)/encharge-actions: $(OBJS)
	$(CC) -o $@ $^ $(LDLIBS)

# The local Encharge stand-in: its own program (runtime/mock/), sharing runtime/lib/.
BASE_OBJS := $(patsubst runtime/%.c,$(BUILD)/obj/%.o,$(wildcard runtime/lib/*.c))
$(BUILD)/encharge-mock: $(MOCK_OBJS) $(BASE_OBJS)
	$(CC) -o $@ $^ $(MHD_LIBS) $(LDLIBS)

# cmocka is linked into the tests only.
$(BUILD)/tests/support/%.o: tests/support/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DEPFLAGS) -Itests -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB_OBJS) $(TEST_SUPPORT)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DEPFLAGS) -Itests -o $@ $< $(TEST_SUPPORT) $(LIB_OBJS) $(LDLIBS) $(CMOCKA_LIBS)

-include $(OBJS:.o=.d) $(MOCK_OBJS:.o=.d) $(TESTS:=.d) $(TEST_SUPPORT:.o=.d) $(BUILD)/bench_map.d

# The main job on the embedded defaults, no account needed: the local stand-in
# on loopback, the sample events of scripts/examples through the five presets.
demo: $(BUILD)/encharge-actions $(BUILD)/encharge-mock
	@BUILD=$(BUILD) bash scripts/demo.sh

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "deps: all present"; fi

test: unit conformance integration

# The real Segment client libraries the integration tests drive (npm, test-only, under tests/clients).
clients:
	@bash tests/clients/setup.sh

unit: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

conformance: $(BUILD)/encharge-actions
	@$(BUILD)/encharge-actions preview < tests/conformance/cases.ndjson > $(BUILD)/conformance.out
	@python3 tests/conformance/compare.py tests/conformance/expected.ndjson $(BUILD)/conformance.out \
	  --cases tests/conformance/cases.ndjson
	@for f in tests/cases/*.ndjson; do \
	  exp=tests/cases/expected/$$(basename $$f); [ -f "$$exp" ] || continue; \
	  $(BUILD)/encharge-actions preview < $$f > $(BUILD)/$$(basename $$f).out; \
	  python3 tests/conformance/compare.py $$exp $(BUILD)/$$(basename $$f).out --cases $$f || exit 1; \
	done

integration: $(BUILD)/encharge-actions $(BUILD)/encharge-mock clients
	@set -e; for t in tests/integration/*.sh; do echo "== $$t"; \
	  BIN=$(BUILD)/encharge-actions MOCK=$(BUILD)/encharge-mock SANITIZED=$(if $(SAN),1,) bash $$t; done

test-ops: $(BUILD)/encharge-actions $(BUILD)/encharge-mock
	@set -e; for t in tests/ops/*.sh; do echo "== $$t"; \
	  BIN=$(BUILD)/encharge-actions MOCK=$(BUILD)/encharge-mock bash $$t; done

PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
install: $(BUILD)/encharge-actions $(BUILD)/encharge-mock
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(PREFIX)/share/encharge-actions
	install -m 0755 $(BUILD)/encharge-actions $(BUILD)/encharge-mock $(DESTDIR)$(BINDIR)/
	sed 's|@BINDIR@|$(BINDIR)|g' scripts/systemd/encharge-actions.service > $(DESTDIR)$(UNITDIR)/encharge-actions.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/encharge-actions.service
	install -m 0644 scripts/examples/serve.lua $(DESTDIR)$(PREFIX)/share/encharge-actions/encharge.lua.example

test-asan:
	$(MAKE) BUILD=build-asan CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=undefined' test

$(BUILD)/bench_map: tests/bench/bench_map.c $(LIB_OBJS)
	$(CC) $(CFLAGS) $(DEPFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

bench: $(BUILD)/encharge-actions $(BUILD)/encharge-mock $(BUILD)/bench_map
	@bash tests/bench/run.sh $(BUILD)/encharge-actions
	@bash tests/bench/replay.sh $(BUILD)/encharge-actions
	@bash tests/bench/deliver.sh $(BUILD)/encharge-actions
	@bash tests/bench/serve.sh $(BUILD)/encharge-actions
	@echo "== reload under load: 2,000 events/s for 30 s, the script saved 20 times"
	@BIN=$(BUILD)/encharge-actions MOCK=$(BUILD)/encharge-mock bash tests/integration/watch.sh load | grep '^load:'

# A long run with faults, memory sampled (not part of `make test`).
soak: $(BUILD)/encharge-actions $(BUILD)/encharge-mock
	@BUILD=$(BUILD) bash tests/bench/soak.sh

# Fuzzing (not part of `make test`): libFuzzer + ASan/UBSan, FUZZ_SECONDS each,
# seeded from the conformance cases; each prints its coverage when the seeds
# have run (INITED) and at the end (DONE: cov, ft), and libFuzzer's stats.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= json trigger case segment
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined,fuzzer-no-link' \
	  $(patsubst $(BUILD)/%,build-fuzz/%,$(LIB_OBJS))
	@mkdir -p build-fuzz/corpus-case build-fuzz/corpus-json build-fuzz/corpus-trigger build-fuzz/corpus-segment
	@split -l 1 -a 4 tests/conformance/cases.ndjson build-fuzz/corpus-case/c
	@cp build-fuzz/corpus-case/* build-fuzz/corpus-json/
	@printf '%s' 'type = "track" and (event = "a" or properties.n > 3)' > build-fuzz/corpus-trigger/t1
	@python3 tests/fuzz/segment_seeds.py tests/ingest/data/segment/cases.ndjson build-fuzz/corpus-segment
	@set -e; for t in $(FUZZ_TARGETS); do \
	  clang $(filter-out $(SAN),$(CFLAGS)) -fsanitize=address,undefined,fuzzer -o build-fuzz/fuzz_$$t \
	    tests/fuzz/fuzz_$$t.c $(patsubst $(BUILD)/%,build-fuzz/%,$(LIB_OBJS)) \
	    $(PKG_LIBS) -lm -pthread; \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  if ! build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus-$$t > build-fuzz/$$t.log 2>&1; then \
	    tail -40 build-fuzz/$$t.log; echo "fuzz $$t: FAILED (artifact in build-fuzz/)"; exit 1; fi; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' build-fuzz/$$t.log; tail -5 build-fuzz/$$t.log; \
	done

clean:
	rm -rf build build-asan build-fuzz
