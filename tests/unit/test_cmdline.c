/* test_cmdline.c - the : command line's completion and history (tui/cmdline.c), and the
 * remembered settings (tui/state.c): candidates by position and the command's argument, the
 * common start, the history bounded and merged with the file, the state file's other keys kept. */
#include "tui/cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/state.h"
#include "unit.h"

static const char *const tables[] = {"orders-2024", "orders-archive", "users"};

static void test_command_names(void)
{
	char **c;
	size_t at;
	int n = cmdline_candidates("sc", tables, 3, &c, &at);

	CHECK(n == 2 && at == 0);
	if (n == 2) {
		CHECK_STR(c[0], "scan");
		CHECK_STR(c[1], "schema-load");
	}
	cmdline_free(c, n);
	n = cmdline_candidates("zz", tables, 3, &c, &at);
	CHECK(n == 0);
	cmdline_free(c, n);
}

static void test_table_argument(void)
{
	char **c, *common;
	size_t at;
	int n = cmdline_candidates("scan ord", tables, 3, &c, &at);

	CHECK(n == 2 && at == 5);
	common = cmdline_common(c, n);
	CHECK_STR(common, "orders-");
	free(common);
	cmdline_free(c, n);
	/* a command without a TABLE argument offers no tables; a second argument neither */
	n = cmdline_candidates("seed us", tables, 3, &c, &at);
	CHECK(n == 0);
	cmdline_free(c, n);
	n = cmdline_candidates("scan users us", tables, 3, &c, &at);
	CHECK(n == 0);
	cmdline_free(c, n);
	n = cmdline_candidates("nosuch us", tables, 3, &c, &at);
	CHECK(n == 0);
	cmdline_free(c, n);
}

static void test_file_argument(const char *dir)
{
	char line[512], path[512], **c;
	size_t at;
	int n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/files", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/files/dump.json", dir);
	f = fopen(path, "w");
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%s/files/sub", dir);
	mkdir(path, 0700);
	snprintf(line, sizeof(line), "export %s/files/", dir);
	n = cmdline_candidates(line, tables, 3, &c, &at);
	CHECK(n == 2);
	if (n == 2) {
		snprintf(path, sizeof(path), "%s/files/dump.json", dir);
		CHECK_STR(c[0], path);
		snprintf(path, sizeof(path), "%s/files/sub/", dir); /* a folder ends in '/' */
		CHECK_STR(c[1], path);
	}
	cmdline_free(c, n);
}

static void test_history(const char *dir)
{
	struct cmdline_history h;
	struct ddb_error err;
	char path[512];
	FILE *f;
	int i;

	cmdline_history_load(&h);
	CHECK(h.n == 0);
	CHECK(cmdline_history_add(&h, "scan users", &err) == 0);
	CHECK(cmdline_history_add(&h, "scan users", &err) == 0); /* the same again: once */
	CHECK(cmdline_history_add(&h, "   ", &err) == 0);        /* blank: not kept */
	CHECK(h.n == 1);
	/* another ddbtui's lines, written meanwhile, stay; at most CMDLINE_HISTORY_MAX */
	snprintf(path, sizeof(path), "%s/ddbtui/history", dir);
	f = fopen(path, "a");
	for (i = 0; f && i < CMDLINE_HISTORY_MAX + 10; i++)
		fprintf(f, "describe t%d\n", i);
	if (f)
		fclose(f);
	CHECK(cmdline_history_add(&h, "help", &err) == 0);
	CHECK(h.n == CMDLINE_HISTORY_MAX);
	if (h.n == CMDLINE_HISTORY_MAX) {
		CHECK_STR(h.lines[h.n - 1], "help");
		CHECK_STR(h.lines[h.n - 2], "describe t509");
	}
	cmdline_history_done(&h);
	cmdline_history_load(&h);
	CHECK(h.n == CMDLINE_HISTORY_MAX);
	cmdline_history_done(&h);
}

static void test_state(void)
{
	struct ddb_error err;

	CHECK(tui_state_get_int("tables-width", -1) == -1);
	CHECK(tui_state_set("tables-width", "34", &err) == 0);
	CHECK(tui_state_set("other", "x", &err) == 0);
	CHECK(tui_state_get_int("tables-width", -1) == 34);
	CHECK(tui_state_set("tables-width", "30", &err) == 0);
	CHECK(tui_state_get_int("tables-width", -1) == 30);
	CHECK(tui_state_get_int("other", -1) == -1); /* not a number */
}

int main(void)
{
	char dir[] = "/tmp/ddbtui-test-cmdline.XXXXXX";
	char cmd[600];

	if (!mkdtemp(dir))
		return 1;
	setenv("XDG_STATE_HOME", dir, 1);
	RUN(test_command_names);
	RUN(test_table_argument);
	RUN_NAMED("test_file_argument", test_file_argument(dir));
	RUN_NAMED("test_history", test_history(dir));
	RUN(test_state);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	UNIT_EXIT();
}
