# capex - capital expenditure and cash burn projections to Excel workbooks
#
#   make run      install missing packages, build, run every model in inputs/
#   make test     install missing packages, build, run every test
#   make sanitize the tests again under AddressSanitizer + UBSan
#   make install  PREFIX=/usr/local DESTDIR=
#   V=1           show full commands

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
BUILD   ?= build
PYTHON  ?= /usr/bin/python3

PKGS     := gsl xlsxwriter yaml-0.1 nettle minizip expat libdeflate
OPTFLAGS ?= -O2 -g
WARN     := -std=c17 -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wvla -Wshadow -Wformat=2
# DEVELOPER=1 (CI sets it) turns warnings into errors; a user's newer
# compiler with a new warning still builds.
ifeq ($(DEVELOPER),1)
WARN     += -Werror
endif
HARDEN   := -D_FORTIFY_SOURCE=2 -fstack-protector-strong
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS   += $(OPTFLAGS) $(WARN) $(HARDEN) -MMD -MP
# pkg-config once per make, not once per compile.
HAVE_PKGS  := $(shell pkg-config --exists $(PKGS) cmocka 2>/dev/null && echo yes)
GSL_CFLAGS := $(shell pkg-config --cflags gsl 2>/dev/null)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
# The engine (model/) sees only its own headers and GSL's; the program
# (src/) sees both folders and every library.
MODEL_CPPFLAGS := $(CPPFLAGS) -Imodel $(GSL_CFLAGS)
APP_CPPFLAGS   := $(CPPFLAGS) -Imodel -Isrc $(PKG_CFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

MODEL_SRC := $(wildcard model/*.c)
APP_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
MODEL_OBJ := $(MODEL_SRC:%.c=$(BUILD)/%.o)
APP_OBJ   := $(APP_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ENGINE    := $(BUILD)/libcapex-model.a
LIB       := $(BUILD)/libcapex.a
LIBS      := $(LIB) $(ENGINE)
BIN       := capex

.PHONY: all deps run test unit e2e sanitize valgrind install uninstall clean bench mutate \
        test-cluster check-boundary check-packages completion

all: check-packages $(BIN)

deps:
	@CC="$(CC)" sh tools/deps.sh

# `make` on a machine without the libraries: say what to do, not a
# compiler error about a missing header.
check-packages:
ifneq ($(HAVE_PKGS),yes)
	@CC="$(CC)" sh tools/deps.sh --check
endif

$(BUILD)/model/%.o: model/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(MODEL_CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(APP_CPPFLAGS) $(CFLAGS) -c $< -o $@

$(ENGINE): $(MODEL_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIB): $(APP_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIBS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $^ $(PKG_LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST-CC $<")
	$(Q)$(CC) $(APP_CPPFLAGS) $(CFLAGS) -MF $@.d -MT $@ -Wno-missing-prototypes $< $(LIBS) \
	    $(LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS) -o $@

# The engine stays pure C: no output, no exit, no library but GSL and libc;
# libxlsxwriter only in the xlsx_*.c writers (tools/check_boundary.sh).
check-boundary: $(MODEL_OBJ) $(APP_OBJ)
	@sh tools/check_boundary.sh $(BUILD)

# Every model in inputs/ to outputs/<model>.xlsx, with its summary.
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p outputs
	@for m in inputs/*.yaml; do \
	    echo "== $$m"; ./$(BIN) run "$$m" || exit $$?; \
	done

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

# Every tests/e2e/*.sh (lib.sh is what they share), each from the top of
# the tree with the binary's absolute path (init.sh runs it elsewhere) and
# MAKE (install.sh); the README's examples; then the failures, by name.
E2E := $(filter-out tests/e2e/lib.sh,$(wildcard tests/e2e/*.sh))
e2e: $(BIN)
	@failed=; for t in $(E2E); do \
	    echo "== $$t"; \
	    CAPEX=$(abspath $(BIN)) PYTHON=$(PYTHON) MAKE="$(MAKE)" sh $$t || failed="$$failed $$t"; \
	done; \
	echo "== tests/e2e/mc_expect.py"; \
	$(PYTHON) tests/e2e/mc_expect.py ./$(BIN) || failed="$$failed mc_expect.py"; \
	echo "== README.md docs/*.md examples"; \
	$(PYTHON) tests/e2e/doc_examples.py ./$(BIN) README.md docs/*.md || failed="$$failed doc_examples.py"; \
	[ -z "$$failed" ] || { echo "make e2e: failed:$$failed"; exit 1; }

test: deps
	@$(MAKE) --no-print-directory check-boundary unit e2e
	@echo "make test: all tests passed"

# The same suites built with AddressSanitizer and UBSan in build-san/.
sanitize:
	@$(MAKE) --no-print-directory BUILD=build-san BIN=build-san/capex \
	    OPTFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    HARDEN= unit e2e

# The end-to-end tests with every capex run under valgrind (memcheck):
# zero leaks and zero errors, or the run fails.
valgrind: all
	@CAPEX=tests/e2e/valgrind-capex PYTHON=$(PYTHON) sh tests/e2e/run.sh
	@CAPEX=tests/e2e/valgrind-capex sh tests/e2e/bad_inputs.sh
	@CAPEX=tests/e2e/valgrind-capex PYTHON=$(PYTHON) sh tests/e2e/expect.sh
	@CAPEX=tests/e2e/valgrind-capex QUICK=1 PYTHON=$(PYTHON) sh tests/e2e/batch.sh

bench: all
	@sh bench/run.sh
	@sh bench/depreciation.sh
	@sh bench/mc_dep.sh
	@sh bench/import.sh

# Mutation testing of the engine (not in CI; docs/testing.md): every mutant
# in tests/mutants/*.txt applied alone to a scratch copy under /tmp, the unit
# tests (and, with MUTATE_E2E=1, the expected outputs) run against it; at
# least 95% must be killed. Two copies at a time (MUTATE_JOBS).
MUTATE_JOBS ?= 2
mutate: all
	@$(PYTHON) tools/mutate.py -j $(MUTATE_JOBS) $(if $(filter 1,$(MUTATE_E2E)),--e2e)

# A real single-node Slurm cluster (slurmctld, slurmd, munge from Debian's
# packages, installed when missing) runs a sharded `capex batch` as an array
# job; the merged index must equal a one-machine run (tests/cluster/).
test-cluster: all
	@CAPEX=./$(BIN) sh tests/cluster/run.sh

# The bash and zsh completions, generated from the help text (src/usage.c)
# and committed; tests/e2e/completion.sh checks they are up to date.
completion: $(BIN)
	@sh tools/gen_completion.sh ./$(BIN) completion

BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/capex
	install -m 644 docs/capex.1 $(DESTDIR)$(MANDIR)/man1/capex.1
	install -m 644 completion/capex.bash $(DESTDIR)$(BASHCOMPDIR)/capex
	install -m 644 completion/_capex $(DESTDIR)$(ZSHCOMPDIR)/_capex

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/capex $(DESTDIR)$(MANDIR)/man1/capex.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/capex $(DESTDIR)$(ZSHCOMPDIR)/_capex

clean:
	rm -rf build build-san build-fuzz $(BIN)

-include $(MODEL_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d)

# ---- fuzzing (tests/fuzz/README.md) -----------------------------------------
# make fuzz FUZZ_SECONDS=N  checks that huge inputs are refused quickly
# (tests/fuzz/limits.py), builds the libFuzzer harnesses with clang, ASan and
# UBSan in build-fuzz/, replays tests/fuzz/regressions/<harness>/, then fuzzes
# each harness for N seconds in turn from its seed corpus, keeping the inputs
# it finds in build-fuzz/corpus/ for the next run; any crash, leak, timeout or
# UB report fails. Not part of `make test`.
# make fuzz-smoke           the same for CI (.ci/run), 60 s per harness: each
# run starts from the seed corpus alone (build-fuzz/smoke-corpus/ is emptied
# first), so it does not depend on earlier runs; about 4 minutes in all.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_RSS_MB  ?= 2048
FUZZ_TIMEOUT ?= 10
FUZZ_NAMES   := model csv figure manifest xlsx formula report
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS   = -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=$(FUZZ_RSS_MB) \
               -timeout=$(FUZZ_TIMEOUT) -print_final_stats=1
FUZZ_CORPUS  = $(FUZZ_BUILD)/corpus

# Replay the regressions, then fuzz each harness; print its final statistics.
FUZZ_RUN = for h in $(FUZZ_NAMES); do \
	    bin=$(FUZZ_BUILD)/fuzz_$$h; dict=tests/fuzz/capex.dict; log=$(FUZZ_BUILD)/fuzz_$$h.log; \
	    [ $$h = figure ] && dict=tests/fuzz/figure.dict; \
	    [ $$h = xlsx ] && dict=tests/fuzz/xlsx.dict; \
	    [ $$h = formula ] && dict=tests/fuzz/formula.dict; \
	    mkdir -p $(FUZZ_CORPUS)/$$h $(FUZZ_BUILD)/artifacts; \
	    if [ -n "$$(ls tests/fuzz/regressions/$$h 2>/dev/null)" ]; then \
	        echo "== fuzz_$$h: regressions"; \
	        $$bin -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=$(FUZZ_TIMEOUT) \
	            tests/fuzz/regressions/$$h/* </dev/null >$$log 2>&1 \
	            || { cat $$log; exit 1; }; \
	    fi; \
	    echo "== fuzz_$$h: $(FUZZ_SECONDS) s"; \
	    $$bin $(FUZZ_FLAGS) -dict=$$dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$h- \
	        $(FUZZ_CORPUS)/$$h tests/fuzz/corpus/$$h </dev/null >$$log 2>&1 \
	        || { tail -n 60 $$log; exit 1; }; \
	    awk '/^stat::/ { sub(/^stat::/, ""); split($$0, kv, ": *"); v[kv[1]] = kv[2] } \
	        END { printf "   %s runs (%s/s), %s new inputs, peak %s MB\n", \
	              v["number_of_executed_units"], v["average_exec_per_sec"], \
	              v["new_units_added"], v["peak_rss_mb"] }' $$log; \
	done

.PHONY: fuzz fuzz-smoke fuzz-build

# The harnesses, built with clang, ASan and UBSan in $(FUZZ_BUILD)/.
fuzz-build:
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) BUILD=$(FUZZ_BUILD) BIN=$(FUZZ_BUILD)/capex \
	    CC=$(FUZZ_CC) HARDEN= WARN="$(WARN) -Wno-format-nonliteral" \
	    OPTFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: $(BIN)
	@echo "== limits"; $(PYTHON) tests/fuzz/limits.py ./$(BIN)
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) fuzz-build
	@$(FUZZ_RUN)
	@echo "make fuzz: no findings"

fuzz-smoke: FUZZ_CORPUS = $(FUZZ_BUILD)/smoke-corpus
fuzz-smoke: $(BIN)
	@echo "== limits"; $(PYTHON) tests/fuzz/limits.py ./$(BIN)
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) fuzz-build
	@rm -rf $(FUZZ_CORPUS)
	@$(FUZZ_RUN)
	@echo "make fuzz-smoke: no findings"

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h $(LIBS)
	@$(if $(Q),echo "  FUZZ-CC $<")
	$(Q)$(CC) $(APP_CPPFLAGS) -Itests/fuzz $(filter-out -MMD -MP,$(CFLAGS)) -fsanitize=fuzzer \
	    $< tests/fuzz/fuzz_util.c $(LIBS) $(LDFLAGS) $(PKG_LIBS) -o $@
