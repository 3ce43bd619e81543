/* test_file.c - ddb_replace_file (ddb/file.c): the whole new text or the old file, never a mix;
 * mode 0600; a symlink kept and its target replaced; create-only; a failed write (a file size
 * limit) leaves the old file and no temporary file; a missing directory named in the error. */
#include "ddb/file.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/buf.h"
#include "unit.h"

static char dir[] = "/tmp/ddbtui-test-file.XXXXXX";

static char *path_in(const char *name)
{
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_buf_printf(&b, "%s/%s", dir, name);
	return ddb_buf_steal(&b);
}

static char *slurp(const char *path)
{
	struct ddb_error err = {0};

	return ddb_read_file(path, NULL, &err);
}

/* Entries of dir, . and .. left out. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

static void test_create_and_replace(void)
{
	struct ddb_error err = {0};
	char *p = path_in("state"), *t;
	struct stat st;

	CHECK(ddb_replace_file(p, "one\n", 4, 0, NULL, &err) == 0);
	CHECK_STR((t = slurp(p)), "one\n");
	free(t);
	CHECK(chmod(p, 0644) == 0);
	CHECK(ddb_replace_file(p, "two two\n", 8, 0, NULL, &err) == 0);
	CHECK_STR((t = slurp(p)), "two two\n");
	free(t);
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(entries() == 1); /* no temporary file left */
	CHECK(ddb_replace_file(p, "", 0, 0, NULL, &err) == 0);
	CHECK_STR((t = slurp(p)), "");
	free(t);
	unlink(p);
	free(p);
}

static void test_symlink_kept(void)
{
	struct ddb_error err = {0};
	char *real = path_in("real"), *link = path_in("link"), *t;
	struct stat st;

	CHECK(ddb_replace_file(real, "old", 3, 0, NULL, &err) == 0);
	CHECK(symlink(real, link) == 0);
	CHECK(ddb_replace_file(link, "new", 3, 0, NULL, &err) == 0);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK_STR((t = slurp(real)), "new");
	free(t);
	unlink(link);
	unlink(real);
	free(real);
	free(link);
}

static void test_create_only(void)
{
	struct ddb_error err = {0};
	char *p = path_in("users.json"), *t;

	CHECK(ddb_replace_file(p, "first", 5, DDB_REPLACE_NO_REPLACE, NULL, &err) == 0);
	CHECK(ddb_replace_file(p, "second", 6, DDB_REPLACE_NO_REPLACE, NULL, &err) == 1);
	CHECK_STR((t = slurp(p)), "first");
	free(t);
	CHECK(entries() == 1);
	unlink(p);
	free(p);
}

static void test_failed_write_keeps_old(void)
{
	struct ddb_error err = {0};
	char *p = path_in("history"), *t, big[4096];
	struct rlimit old, small = {1024, 1024};

	memset(big, 'x', sizeof(big));
	CHECK(ddb_replace_file(p, "kept\n", 5, 0, "history file", &err) == 0);
	signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails with EFBIG instead */
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
	CHECK(ddb_replace_file(p, big, sizeof(big), 0, "history file", &err) == -1);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK(err.kind == DDB_ERR_IO);
	CHECK(strstr(err.message, "cannot write") &&
	      strstr(err.message, "(the history file was not changed)"));
	CHECK_STR((t = slurp(p)), "kept\n");
	free(t);
	CHECK(entries() == 1);
	unlink(p);
	free(p);
}

static void test_missing_directory(void)
{
	struct ddb_error err = {0};
	char *p = path_in("no/such/file");

	CHECK(ddb_replace_file(p, "x", 1, 0, NULL, &err) == -1);
	CHECK(strstr(err.message, "cannot create a temporary file in") &&
	      strstr(err.message, "no/such"));
	free(p);
}

int main(void)
{
	char cmd[600];

	if (!mkdtemp(dir))
		return 1;
	RUN(test_create_and_replace);
	RUN(test_symlink_kept);
	RUN(test_create_only);
	RUN(test_failed_write_keeps_old);
	RUN(test_missing_directory);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	UNIT_EXIT();
}
