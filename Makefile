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
LIBS       := $(shell pkg-config --libs $(PKG_TUI) $(PKG_DDB) 2>/dev/null) -lm
CFLAGS_ALL  = $(WARN) $(WERROR) $(OPT) $(SAN) -MMD -MP -I.

DDB_SRC  := $(sort $(wildcard ddb/*.c))
KEY_SRC  := $(sort $(wildcard keymaps/*.c))
APP_SRC  := $(sort $(wildcard tui/*.c views/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

DDB_OBJ  := $(DDB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/dialogue.o
KEY_OBJ  := $(KEY_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/default_keys.o
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

BIN ?= ddbtui

all: $(BIN)

# Everything of tui/ and views/ but main(), for the unit tests of widgets and views.
APP_LIB_OBJ := $(filter-out $(BUILD)/tui/main.o,$(APP_OBJ))

$(BIN): $(BUILD)/tui/main.o $(BUILD)/libapp.a $(BUILD)/libddb.a $(BUILD)/libkeymaps.a
	$(CC) $(SAN) -o $@ $(BUILD)/tui/main.o $(BUILD)/libapp.a $(BUILD)/libkeymaps.a $(BUILD)/libddb.a $(LIBS)

$(BUILD)/libapp.a: $(APP_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(APP_LIB_OBJ)

$(BUILD)/libddb.a: $(DDB_OBJ)
	@rm -f $@
	ar rcs $@ $(DDB_OBJ)

$(BUILD)/libkeymaps.a: $(KEY_OBJ)
	@rm -f $@
	ar rcs $@ $(KEY_OBJ)

$(BUILD)/ddb/%.o: ddb/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DDB_CFLAGS) -c -o $@ $<

# Data compiled into libddb.a: the default dialogue (ddb/dialogue.h).
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

# Figures, not tests: printed with the command that measured them.
bench: deps all unit $(BUILD)/bench/getitem
	@bench/core.sh

# Installs what a fresh Debian 12 machine lacks (packages, pinned npm packages). Idempotent.
deps:
	@scripts/setup.sh

run: deps $(BIN)
	@scripts/run.sh ./$(BIN)

test: deps
	@$(MAKE) --no-print-directory WERROR=-Werror all unit
	@$(MAKE) --no-print-directory check-layering
	@tests/run.sh ./$(BIN) $(BUILD)/tests

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=ddbtui-asan OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		WERROR=-Werror ddbtui-asan unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run.sh ./ddbtui-asan build/asan/tests

# The unit and subcommand tests under valgrind (memcheck, leaks are errors).
valgrind: deps all unit
	@DDBTUI_WRAP="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
		tests/run.sh ./$(BIN) $(BUILD)/tests

# ddb/ and keymaps/ include nothing else of ours (and never curses).
check-layering:
	@scripts/check-layering.sh

format:
	clang-format -i ddb/*.[ch] tui/*.[ch] views/*.[ch] keymaps/*.[ch] tests/unit/*.[ch] 2>/dev/null || true

format-check:
	@scripts/format-check.sh

clean:
	rm -rf build ddbtui ddbtui-asan

.PHONY: all unit deps run test asan valgrind check-layering format format-check clean bench

-include $(DDB_OBJ:.o=.d) $(KEY_OBJ:.o=.d) $(APP_OBJ:.o=.d)
