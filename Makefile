# ddbtui - build, run, test. `make run` and `make test` are the two commands of the README.
.SUFFIXES:

CC      ?= cc
PKG_DDB := libcurl libcrypto libcjson
PKG_TUI := ncursesw
BUILD   ?= build
PREFIX  ?= /usr/local

WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
           -Wwrite-strings -Wno-unused-parameter -Wno-format-truncation
OPT     ?= -O2 -g
SAN     ?=
WERROR  ?=
DDB_CFLAGS := $(shell pkg-config --cflags $(PKG_DDB) 2>/dev/null) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700
TUI_CFLAGS := $(shell pkg-config --cflags $(PKG_TUI) $(PKG_DDB) 2>/dev/null)
LIBS       := $(shell pkg-config --libs $(PKG_TUI) $(PKG_DDB) 2>/dev/null) -lm -pthread
CFLAGS_ALL  = $(WARN) $(WERROR) $(OPT) $(SAN) -MMD -MP -I.

DDB_SRC  := $(sort $(wildcard ddb/*.c ddb/model/*.c))
KEY_SRC  := $(sort $(wildcard keymaps/*.c))
APP_SRC  := $(sort $(wildcard tui/*.c views/*.c views/scan/*.c))
CLI_SRC  := $(sort $(wildcard tui/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

DDB_OBJ  := $(DDB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/dialogue.o
KEY_OBJ  := $(KEY_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/default_keys.o
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

BIN ?= ddbtui

all: $(BIN) doc/ddbtui.1

# Everything of tui/ and views/ but main(), for the unit tests of widgets and views; the command
# line (tui/cli/) apart, as it knows no curses and no view. docs/architecture.md has the layers.
APP_LIB_OBJ := $(filter-out $(BUILD)/tui/main.o,$(APP_OBJ))

$(BIN): $(BUILD)/tui/main.o $(BUILD)/libapp.a $(BUILD)/libcli.a $(BUILD)/libddb.a $(BUILD)/libkeymaps.a
	$(CC) $(SAN) -o $@ $(BUILD)/tui/main.o $(BUILD)/libapp.a $(BUILD)/libcli.a $(BUILD)/libkeymaps.a $(BUILD)/libddb.a $(LIBS)

$(BUILD)/libapp.a: $(APP_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(APP_LIB_OBJ)

$(BUILD)/libcli.a: $(CLI_OBJ)
	@rm -f $@
	ar rcs $@ $(CLI_OBJ)

$(BUILD)/libddb.a: $(DDB_OBJ)
	@rm -f $@
	ar rcs $@ $(DDB_OBJ)

$(BUILD)/libkeymaps.a: $(KEY_OBJ)
	@rm -f $@
	ar rcs $@ $(KEY_OBJ)

$(BUILD)/ddb/%.o: ddb/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DDB_CFLAGS) -c -o $@ $<

# Data compiled into libddb.a: the default dialogue (ddb/model/dialogue.h).
$(BUILD)/gen/dialogue.c: data/dialogue.txt scripts/embed.sh
	@mkdir -p $(@D)
	scripts/embed.sh data/dialogue.txt $@ ddb_default_dialogue

# Data compiled into libkeymaps.a: the default key bindings (keymaps/keymap.h).
$(BUILD)/gen/default_keys.c: keymaps/default.keys scripts/embed.sh
	@mkdir -p $(@D)
	scripts/embed.sh keymaps/default.keys $@ keymap_default_keys

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/keymaps/%.o: keymaps/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DDB_CFLAGS) -c -o $@ $<

$(BUILD)/tui/cli/%.o: tui/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DDB_CFLAGS) -c -o $@ $<

$(BUILD)/tui/%.o: tui/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TUI_CFLAGS) -c -o $@ $<

$(BUILD)/views/%.o: views/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TUI_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libapp.a $(BUILD)/libddb.a $(BUILD)/libkeymaps.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TUI_CFLAGS) -o $@ $< $(BUILD)/libapp.a $(BUILD)/libkeymaps.a $(BUILD)/libddb.a $(LIBS)

unit: $(UNIT_BIN)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libddb.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DDB_CFLAGS) -o $@ $< $(BUILD)/libddb.a $(LIBS)

# Figures, not tests: printed with the command that measured them. bench/core.sh (SigV4,
# GetItem through the queue), then bench/bench.py: P1-P4 against dynalite, the AWS CLI and boto3,
# one table of medians with each target beside its figure (bench/README.md); then bench/wan.py,
# the same tools through tests/delayline.py at 20 and 80 ms round trips (W1-W4). About 14
# minutes on 2 cores.
bench: deps all unit $(BUILD)/bench/getitem $(BUILD)/bench/floor
	@bench/core.sh
	@/usr/bin/python3 bench/bench.py --ddbtui ./$(BIN) --floor $(BUILD)/bench/floor
	@/usr/bin/python3 bench/wan.py --ddbtui ./$(BIN)

# Installs what a fresh Debian 12 machine lacks (packages, pinned npm packages). Idempotent.
deps:
	@scripts/setup.sh

# make run [ENGINE=moto]: the UI against a local engine on port 8000 (dynalite by default, data
# kept in .local/dynalite; moto's server with its data in memory).
ENGINE ?= dynalite
run: deps $(BIN)
	@scripts/run.sh ./$(BIN) $(ENGINE)

# make test runs the engine-neutral files on dynalite and the rest on dynalite and moto (their
# "# engines:" line, docs/engines.md), two programs at a time (each with its own engine, HOME
# and temporary directory) so the second engine does not double the time; TEST_JOBS=1 for one
# at a time.
TEST_JOBS ?= 2
test: deps
	@$(MAKE) --no-print-directory WERROR=-Werror all unit
	@$(MAKE) --no-print-directory check-layering
	@TEST_JOBS=$(TEST_JOBS) tests/run.sh ./$(BIN) $(BUILD)/tests

# The sanitizer targets run the whole suite (unit binaries, subcommands, headless screens; the
# tmux tests run $$DDBTUI_BIN, the instrumented binary under asan, the plain one under valgrind).
# Every report counts, whatever a test makes of the exit code: SAN_LOGS=1 gives each test
# program a directory the sanitizers write to, and tests/run.sh fails the program if anything
# is there. TEST_SLOW stretches the tests' waits on things done in real time. Two test programs
# run at a time (TEST_JOBS=2; each has its own engine, HOME and temporary directory), as the
# longest files (abuse, faults, io, query, security, the tui_* screens) each take 2-4 minutes
# under valgrind: one at a time, on the shared 2-core machine, make asan took 14 minutes and
# make valgrind 31, which with make test's 8 leaves too little of CI's 90 at half the speed.
# Nothing is skipped. SAN_JOBS=1 for one at a time.
SAN_JOBS ?= 2

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (leaks are errors).
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=ddbtui-asan OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		WERROR=-Werror ddbtui-asan unit
	@SAN_LOGS=1 TEST_SLOW=3 TEST_JOBS=$(SAN_JOBS) \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run.sh ./ddbtui-asan build/asan/tests

# The whole suite under valgrind (memcheck; definite and indirect leaks are errors, and only
# those are shown, so that any report is one).
valgrind: deps all unit
	@SAN_LOGS=1 TEST_SLOW=10 TEST_JOBS=$(SAN_JOBS) \
		DDBTUI_WRAP="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --log-file={logdir}/valgrind.%p" \
		tests/run.sh ./$(BIN) $(BUILD)/tests

# The man page, written by the program from the tables of --help and the default key bindings
# (a build artefact, not committed).
doc/ddbtui.1: $(BIN)
	@mkdir -p $(@D)
	$(abspath $(BIN)) --print-man >$@.tmp && mv $@.tmp $@

# make install [PREFIX=/usr/local] [DESTDIR=/staging]: the binary, its man page, the default key
# file and dialogue (compiled in too; copies to read and start from), the shell completions.
INSTALL     ?= install
BINDIR       = $(PREFIX)/bin
MAN1DIR      = $(PREFIX)/share/man/man1
DATADIR      = $(PREFIX)/share/ddbtui
BASHCOMPDIR  = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR   = $(PREFIX)/share/zsh/site-functions
INSTALLED    = $(BINDIR)/ddbtui $(MAN1DIR)/ddbtui.1 $(DATADIR)/default.keys \
               $(DATADIR)/dialogue.txt $(BASHCOMPDIR)/ddbtui $(ZSHCOMPDIR)/_ddbtui

install: $(BIN) doc/ddbtui.1
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(DATADIR)" \
		"$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)"
	$(INSTALL) -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/ddbtui"
	$(INSTALL) -m 644 doc/ddbtui.1 "$(DESTDIR)$(MAN1DIR)/ddbtui.1"
	$(INSTALL) -m 644 keymaps/default.keys "$(DESTDIR)$(DATADIR)/default.keys"
	$(INSTALL) -m 644 data/dialogue.txt "$(DESTDIR)$(DATADIR)/dialogue.txt"
	$(INSTALL) -m 644 completion/ddbtui.bash "$(DESTDIR)$(BASHCOMPDIR)/ddbtui"
	$(INSTALL) -m 644 completion/_ddbtui "$(DESTDIR)$(ZSHCOMPDIR)/_ddbtui"

uninstall:
	for f in $(INSTALLED); do rm -f "$(DESTDIR)$$f"; done
	rmdir "$(DESTDIR)$(DATADIR)" 2>/dev/null || true

.PHONY: install uninstall

# Includes only go down the layers (docs/architecture.md); ddb/ and keymaps/ never curses.
check-layering:
	@scripts/check-layering.sh

format:
	clang-format -i ddb/*.[ch] ddb/model/*.[ch] tui/*.[ch] tui/cli/*.[ch] views/*.[ch] views/scan/*.[ch] keymaps/*.[ch] tests/unit/*.[ch] 2>/dev/null || true

format-check:
	@scripts/format-check.sh

# --- Fuzzing: libFuzzer targets (fuzz/*.c, see fuzz/README.md), built with clang against ddb/
# and keymaps/ compiled again with the same sanitizers (never the gcc objects). `make fuzz` runs
# each target FUZZ_SECONDS over its seed corpus (fuzz/corpus/TARGET, read only; new inputs go to
# build/fuzz/corpus/TARGET) and prints the executions; `make fuzz-ci` is the same for 10 s.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(WARN) -Wno-unknown-warning-option -O1 -g $(FUZZ_SAN) -MMD -MP -I. $(DDB_CFLAGS)
FUZZ_LIBS    := $(shell pkg-config --libs $(PKG_DDB) 2>/dev/null) -lm
FUZZ_BIN     := $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_OBJ     := $(DDB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(KEY_SRC:%.c=$(FUZZ_BUILD)/%.o) \
                $(FUZZ_BUILD)/gen/dialogue.o $(FUZZ_BUILD)/gen/default_keys.o

$(FUZZ_BUILD)/ddb/%.o: ddb/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/keymaps/%.o: keymaps/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/libfuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $(FUZZ_OBJ)

$(FUZZ_BIN): $(FUZZ_BUILD)/%: fuzz/%.c $(FUZZ_BUILD)/libfuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_BUILD)/libfuzz.a $(FUZZ_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=10

-include $(wildcard $(FUZZ_BUILD)/*.d $(FUZZ_BUILD)/*/*.d)

clean:
	rm -rf build ddbtui ddbtui-asan doc/ddbtui.1

.PHONY: all unit deps run test asan valgrind check-layering format format-check clean bench \
	fuzz fuzz-ci fuzz-build

-include $(DDB_OBJ:.o=.d) $(KEY_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
