/* test_users.c - the users directory (load, create, add, remove, atomic save, malformed files),
 * UUIDs v4/v5, and applying Cognito ids; all on files under a private temp directory. */
#include "ddb/model/users.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/model/cognito.h"
#include "ddb/error.h"
#include "ddb/uuid.h"
#include "unit.h"

static char tmp_dir[] = "/tmp/ddbtui-test-users.XXXXXX";
static char path_buf[512];

/* A path under the temp directory (static buffer: use before the next call). */
static const char *tpath(const char *name)
{
	snprintf(path_buf, sizeof(path_buf), "%s/%s", tmp_dir, name);
	return path_buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* The whole file, or NULL. Caller frees. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = calloc(1, (size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

static int file_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* Files in dir whose name starts with '.' (other than . and ..): left-over temporaries. */
static int dot_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* ---- uuid ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void test_uuid_v4_format_unique(void)
{
	static char ids[2000][37];
	size_t i, dup = 0, bad = 0;

	for (i = 0; i < 2000; i++) {
		ddb_uuid_v4(ids[i]);
		if (!ddb_uuid_valid(ids[i]) || ids[i][14] != '4' || !strchr("89ab", ids[i][19]))
			bad++;
		if (strcspn(ids[i], "ABCDEF") != 36)
			bad++; /* lowercase */
	}
	qsort(ids, 2000, sizeof(ids[0]), cmp_str);
	for (i = 1; i < 2000; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			dup++;
	CHECK(bad == 0);
	CHECK(dup == 0);
}

static void test_uuid_v5_vectors(void)
{
	char out[37];

	/* Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	CHECK(ddb_uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", out) == 0);
	CHECK_STR(out, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	/* the namespace in upper case is the same namespace */
	CHECK(ddb_uuid_v5("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "python.org", out) == 0);
	CHECK_STR(out, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	/* Python: uuid.uuid5(uuid.NAMESPACE_URL, "http://python.org/") */
	CHECK(ddb_uuid_v5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "http://python.org/", out) == 0);
	CHECK_STR(out, "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
	/* Python: uuid.uuid5(uuid.UUID("5ae290ed-55d1-47a0-bc6d-fe2bc2700399"), "0") */
	CHECK(ddb_uuid_v5("5ae290ed-55d1-47a0-bc6d-fe2bc2700399", "0", out) == 0);
	CHECK_STR(out, "9b868165-5042-5a18-8012-11f6582d69b4");
	CHECK(ddb_uuid_v5("not-a-uuid", "x", out) == -1);
	CHECK(ddb_uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c", "x", out) == -1);
}

static void test_uuid_valid(void)
{
	CHECK(ddb_uuid_valid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
	CHECK(ddb_uuid_valid("886313E1-3B8A-5372-9B90-0C9AEE199E5D"));
	CHECK(!ddb_uuid_valid(NULL));
	CHECK(!ddb_uuid_valid(""));
	CHECK(!ddb_uuid_valid("886313e1-3b8a-5372-9b90-0c9aee199e5"));
	CHECK(!ddb_uuid_valid("886313e1-3b8a-5372-9b90-0c9aee199e5dd"));
	CHECK(!ddb_uuid_valid("886313e1x3b8a-5372-9b90-0c9aee199e5d"));
	CHECK(!ddb_uuid_valid("886313g1-3b8a-5372-9b90-0c9aee199e5d"));
	CHECK(!ddb_uuid_valid("{86313e1-3b8a-5372-9b90-0c9aee199e5}"));
}

/* ---- path ---- */

static const char *env_users, *env_xdg, *env_home;

static const char *fake_getenv(const char *name)
{
	if (strcmp(name, "DDBTUI_USERS") == 0)
		return env_users;
	if (strcmp(name, "XDG_CONFIG_HOME") == 0)
		return env_xdg;
	if (strcmp(name, "HOME") == 0)
		return env_home;
	return NULL;
}

static void check_path(const char *explicit_path, const char *want)
{
	struct ddb_error err;
	char *p;

	ddb_error_clear(&err);
	p = ddb_users_path(explicit_path, fake_getenv, &err);
	if (want) {
		CHECK_STR(p, want);
	} else {
		CHECK(p == NULL);
		CHECK(err.kind != DDB_ERR_NONE);
		CHECK(strstr(err.message, "--users") != NULL);
	}
	free(p);
}

static void test_path(void)
{
	env_users = "/env/users.json";
	env_xdg = "/xdg";
	env_home = "/home/me";
	check_path("/flag.json", "/flag.json");
	check_path(NULL, "/env/users.json");
	env_users = "";
	check_path(NULL, "/xdg/ddbtui/users.json");
	env_users = NULL;
	check_path(NULL, "/xdg/ddbtui/users.json");
	env_xdg = "relative"; /* invalid per XDG: ignored */
	check_path(NULL, "/home/me/.config/ddbtui/users.json");
	env_xdg = NULL;
	check_path(NULL, "/home/me/.config/ddbtui/users.json");
	env_home = NULL;
	check_path(NULL, NULL);
	check_path("", NULL);
}

/* ---- load: defaults ---- */

static void test_create_defaults(void)
{
	static const char *const handles[] = {"andrewbrown", "bayko", "londo"};
	static const char *const names[] = {"Andrew Brown", "Andrew Bayko", "Londo Mollari"};
	static const char *const emails[] = {"andrew@exampro.co", "bayko@exampro.co",
	                                     "lmollari@centari.com"};
	struct ddb_users u, again;
	struct ddb_error err;
	char dir[512], file[600];
	size_t i;

	snprintf(dir, sizeof(dir), "%s/cfg/ddbtui", tmp_dir);
	snprintf(file, sizeof(file), "%s/users.json", dir);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(u.created == 1);
	CHECK(u.n == 3);
	CHECK_STR(u.path, file);
	for (i = 0; i < 3 && i < u.n; i++) {
		CHECK_STR(u.v[i].handle, handles[i]);
		CHECK_STR(u.v[i].display_name, names[i]);
		CHECK_STR(u.v[i].email, emails[i]);
		CHECK_STR(u.v[i].cognito_user_id, "MOCK");
		CHECK(ddb_uuid_valid(u.v[i].uuid));
		CHECK(u.v[i].uuid[14] == '4');
	}
	if (u.n == 3) {
		CHECK(strcmp(u.v[0].uuid, u.v[1].uuid) != 0);
		CHECK(strcmp(u.v[0].uuid, u.v[2].uuid) != 0);
		CHECK(strcmp(u.v[1].uuid, u.v[2].uuid) != 0);
	}
	CHECK(file_mode(file) == 0600);
	CHECK(file_mode(dir) == 0700);
	snprintf(dir, sizeof(dir), "%s/cfg", tmp_dir);
	CHECK(file_mode(dir) == 0700);
	CHECK(dot_files(dir) == 0);

	/* loaded again: the same users, not created again */
	CHECK(ddb_users_load(&again, file, &err) == 0);
	CHECK(again.created == 0);
	CHECK(again.n == 3);
	for (i = 0; i < 3 && i < again.n && i < u.n; i++)
		CHECK_STR(again.v[i].uuid, u.v[i].uuid);
	CHECK(ddb_users_find(&again, "bayko") == &again.v[1]);
	CHECK(ddb_users_find(&again, "nobody") == NULL);
	CHECK(ddb_users_find_uuid(&again, u.v[2].uuid) == &again.v[2]);
	CHECK(ddb_users_find_uuid(&again, "00000000-0000-4000-8000-000000000000") == NULL);
	ddb_users_done(&again);

	/* a second fresh file gets fresh uuids */
	snprintf(file, sizeof(file), "%s/other.json", tmp_dir);
	CHECK(ddb_users_load(&again, file, &err) == 0);
	CHECK(again.created == 1);
	for (i = 0; i < 3 && i < again.n && i < u.n; i++)
		CHECK(strcmp(again.v[i].uuid, u.v[i].uuid) != 0);
	ddb_users_done(&again);
	ddb_users_done(&u);
}

/* ---- exact file format and round trips ---- */

static void test_saved_format(void)
{
	struct ddb_users u;
	struct ddb_error err;
	char *text;
	const char *file = tpath("format.json");

	write_file(file, "[{\"email\":\"e@x\",\"handle\":\"h\",\"cognito_user_id\":\"c\","
	                 "\"uuid\":\"11111111-2222-4333-8444-555555555555\",\"display_name\":\"D\","
	                 "\"extra\":1}, {\"handle\":\"min\",\"uuid\":\"u2\"}]");
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(u.n == 2);
	if (u.n == 2) {
		CHECK_STR(u.v[1].display_name, ""); /* optional fields absent: empty */
		CHECK_STR(u.v[1].email, "");
		CHECK_STR(u.v[1].cognito_user_id, "");
	}
	CHECK(ddb_users_save(&u, &err) == 0);
	text = slurp(file);
	CHECK_STR(text, "[\n"
	                "  {\n"
	                "    \"uuid\": \"11111111-2222-4333-8444-555555555555\",\n"
	                "    \"display_name\": \"D\",\n"
	                "    \"handle\": \"h\",\n"
	                "    \"email\": \"e@x\",\n"
	                "    \"cognito_user_id\": \"c\"\n"
	                "  },\n"
	                "  {\n"
	                "    \"uuid\": \"u2\",\n"
	                "    \"display_name\": \"\",\n"
	                "    \"handle\": \"min\",\n"
	                "    \"email\": \"\",\n"
	                "    \"cognito_user_id\": \"\"\n"
	                "  }\n"
	                "]\n");
	free(text);
	while (u.n)
		CHECK(ddb_users_remove(&u, u.v[0].handle, &err) == 0);
	CHECK(ddb_users_save(&u, &err) == 0);
	text = slurp(file);
	CHECK_STR(text, "[]\n");
	free(text);
	ddb_users_done(&u);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(u.n == 0 && u.created == 0);
	ddb_users_done(&u);
}

static void test_round_trip(void)
{
	static const char *const tricky = "Quote \" back\\slash\nnew line\ttab \x01 ctl \x7f "
	                                  "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80 /";
	struct ddb_users u, v;
	struct ddb_error err;
	char *first, *second;
	const char *file = tpath("round.json");
	size_t i;

	unlink(file);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(ddb_users_add(&u, "tricky.one-2_x", tricky, "a@b", &err) == 0);
	CHECK(ddb_users_save(&u, &err) == 0);
	first = slurp(file);
	CHECK(ddb_users_load(&v, file, &err) == 0);
	CHECK(v.n == u.n);
	for (i = 0; i < u.n && i < v.n; i++) {
		CHECK_STR(v.v[i].uuid, u.v[i].uuid);
		CHECK_STR(v.v[i].display_name, u.v[i].display_name);
		CHECK_STR(v.v[i].handle, u.v[i].handle);
		CHECK_STR(v.v[i].email, u.v[i].email);
		CHECK_STR(v.v[i].cognito_user_id, u.v[i].cognito_user_id);
	}
	CHECK(ddb_users_save(&v, &err) == 0);
	second = slurp(file);
	CHECK_STR(second, first); /* save(load(save(x))) == save(x) */
	CHECK(first && strstr(first, "\\u0001") != NULL);
	CHECK(first && strstr(first, "\xc3\xa9t\xc3\xa9") != NULL); /* UTF-8 kept as is */
	free(first);
	free(second);
	ddb_users_done(&u);
	ddb_users_done(&v);
}

static void test_mode_and_no_leftovers(void)
{
	struct ddb_users u;
	struct ddb_error err;
	char dir[512];
	const char *file;

	snprintf(dir, sizeof(dir), "%s/modes", tmp_dir);
	mkdir(dir, 0755);
	file = tpath("modes/users.json");
	write_file(file, "[{\"uuid\":\"a\",\"handle\":\"h\"}]\n");
	chmod(file, 0644);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(ddb_users_add(&u, "x", "X", "x@y", &err) == 0);
	CHECK(ddb_users_save(&u, &err) == 0);
	CHECK(file_mode(tpath("modes/users.json")) == 0600);
	CHECK(dot_files(dir) == 0);
	ddb_users_done(&u);
}

static void test_symlink_kept(void)
{
	struct ddb_users u;
	struct ddb_error err;
	struct stat st;
	char real[512], link_path[512];
	char *text;

	snprintf(real, sizeof(real), "%s/real.json", tmp_dir);
	snprintf(link_path, sizeof(link_path), "%s/link.json", tmp_dir);
	write_file(real, "[]");
	unlink(link_path);
	CHECK(symlink(real, link_path) == 0);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, link_path, &err) == 0);
	CHECK(ddb_users_add(&u, "via-link", "L", "l@x", &err) == 0);
	CHECK(ddb_users_save(&u, &err) == 0);
	CHECK(lstat(link_path, &st) == 0 && S_ISLNK(st.st_mode));
	text = slurp(real);
	CHECK(text && strstr(text, "\"via-link\"") != NULL);
	free(text);
	ddb_users_done(&u);
}

/* ---- add and remove ---- */

static void check_add_fails(struct ddb_users *u, const char *handle, const char *name,
                            const char *email, const char *msg)
{
	struct ddb_error err;
	size_t n = u->n;

	ddb_error_clear(&err);
	CHECK(ddb_users_add(u, handle, name, email, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	if (!strstr(err.message, msg))
		printf("  message [%s] lacks [%s]\n", err.message, msg);
	CHECK(strstr(err.message, msg) != NULL);
	CHECK(u->n == n);
}

static void test_add_remove(void)
{
	struct ddb_users u, v;
	struct ddb_error err;
	const struct ddb_user *x;
	const char *file = tpath("addrm.json");
	char h64[66], before_uuid[37];
	char *before, *after;

	unlink(file);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(ddb_users_add(&u, "vir", "Vir Cotto", "vir@centari.com", &err) == 0);
	x = ddb_users_find(&u, "vir");
	CHECK(x != NULL);
	if (x) {
		CHECK(ddb_uuid_valid(x->uuid) && x->uuid[14] == '4');
		CHECK_STR(x->cognito_user_id, "MOCK");
		CHECK_STR(x->display_name, "Vir Cotto");
		CHECK_STR(x->email, "vir@centari.com");
		CHECK(ddb_users_find_uuid(&u, u.v[0].uuid) == &u.v[0]);
		CHECK(strcmp(x->uuid, u.v[0].uuid) != 0);
	}
	memset(h64, 'a', 64);
	h64[64] = '\0';
	CHECK(ddb_users_add(&u, h64, "Long", "l@x", &err) == 0);
	h64[64] = 'a';
	h64[65] = '\0';
	check_add_fails(&u, h64, "Longer", "l@x", "invalid handle");
	check_add_fails(&u, "", "Empty", "e@x", "invalid handle");
	check_add_fails(&u, "has space", "S", "s@x", "invalid handle");
	check_add_fails(&u, "slash/no", "S", "s@x", "invalid handle");
	check_add_fails(&u, "\xc3\xa9", "S", "s@x", "invalid handle");
	check_add_fails(&u, "bayko", "Another", "b@x", "exists already");
	check_add_fails(&u, "newone", "", "n@x", "display name");
	check_add_fails(&u, "newone", "  \t", "n@x", "display name");
	check_add_fails(&u, "newone", "New", "no-at-sign", "email");
	CHECK(ddb_users_save(&u, &err) == 0);

	/* a failed add leaves the file as it was, byte for byte */
	before = slurp(file);
	CHECK(ddb_users_load(&v, file, &err) == 0);
	check_add_fails(&v, "vir", "Dup", "d@x", "exists already");
	ddb_users_done(&v);
	after = slurp(file);
	CHECK_STR(after, before);
	free(after);

	/* remove */
	snprintf(before_uuid, sizeof(before_uuid), "%s", u.v[1].uuid);
	CHECK(ddb_users_remove(&u, "bayko", &err) == 0);
	CHECK(ddb_users_find(&u, "bayko") == NULL);
	CHECK(ddb_users_find_uuid(&u, before_uuid) == NULL);
	CHECK(ddb_users_find(&u, "londo") != NULL);
	ddb_error_clear(&err);
	CHECK(ddb_users_remove(&u, "bayko", &err) == -1);
	CHECK(strstr(err.message, "bayko") != NULL);
	CHECK(ddb_users_save(&u, &err) == 0);
	CHECK(ddb_users_load(&v, file, &err) == 0);
	CHECK(v.n == 4);
	CHECK(ddb_users_find(&v, "bayko") == NULL);
	CHECK(ddb_users_find(&v, "vir") != NULL);
	ddb_users_done(&v);
	free(before);
	ddb_users_done(&u);
}

/* ---- malformed files ---- */

static void check_malformed(const char *text, const char *want)
{
	struct ddb_users u;
	struct ddb_error err;
	char expect[1024];
	const char *file = tpath("bad.json");
	char *after;

	write_file(file, text);
	ddb_error_clear(&err);
	u.n = 99;
	CHECK(ddb_users_load(&u, file, &err) == -1);
	CHECK(u.n == 0 && u.v == NULL && u.path == NULL);
	snprintf(expect, sizeof(expect), "%s/bad.json: %s", tmp_dir, want);
	CHECK_STR(err.message, expect);
	after = slurp(file);
	CHECK_STR(after, text); /* never rewritten */
	free(after);
}

static void test_malformed(void)
{
	RUN_NAMED("malformed_missing_colon",
	          check_malformed("[\n  {\n    \"uuid\": \"x\",\n    \"handle\" \"y\"\n  }\n]\n",
	                          "line 4, column 14: expected ':', got '\"'"));
	RUN_NAMED("malformed_trailing_comma",
	          check_malformed("[\n  {\"uuid\": \"a\", \"handle\": \"b\"},\n]\n",
	                          "line 3, column 1: expected a value, got ']'"));
	RUN_NAMED("malformed_empty_file",
	          check_malformed("", "line 1, column 1: expected a value, got end of input"));
	RUN_NAMED("malformed_truncated",
	          check_malformed("[{\"uuid\": \"a\", \"handle\": \"b\"",
	                          "line 1, column 29: expected ',' or '}', got end of input"));
	RUN_NAMED("malformed_not_array",
	          check_malformed("{\"uuid\": \"a\"}", "expected an array of users"));
	RUN_NAMED("malformed_entry_not_object",
	          check_malformed("[{\"uuid\": \"a\", \"handle\": \"b\"}, 7]",
	                          "user at index 1 is not an object"));
	RUN_NAMED("malformed_missing_handle",
	          check_malformed("[{\"uuid\": \"a\", \"handle\": \"b\"}, {\"uuid\": \"c\"}]",
	                          "user at index 1 has no \"handle\""));
	RUN_NAMED("malformed_missing_uuid",
	          check_malformed("[{\"handle\": \"b\"}]", "user at index 0 has no \"uuid\""));
	RUN_NAMED("malformed_empty_uuid", check_malformed("[{\"uuid\": \"\", \"handle\": \"b\"}]",
	                                                  "user at index 0 has an empty \"uuid\""));
	RUN_NAMED("malformed_number_field",
	          check_malformed("[{\"uuid\": \"a\", \"handle\": \"b\", \"email\": 5}]",
	                          "user at index 0: \"email\" must be a string"));
	RUN_NAMED(
	    "malformed_duplicate_handle",
	    check_malformed("[{\"uuid\": \"a\", \"handle\": \"b\"}, {\"uuid\": \"c\", \"handle\": "
	                    "\"d\"}, {\"uuid\": \"e\", \"handle\": \"b\"}]",
	                    "user at index 2: duplicate handle 'b' (also at index 0)"));
}

static void test_unreadable(void)
{
	struct ddb_users u;
	struct ddb_error err;

	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, tmp_dir, &err) == -1); /* a directory */
	CHECK(err.kind == DDB_ERR_IO);
	CHECK(strstr(err.message, tmp_dir) != NULL);
	ddb_error_clear(&err);
	/* the parent is a file: cannot be created */
	write_file(tpath("plain"), "x");
	CHECK(ddb_users_load(&u, tpath("plain/users.json"), &err) == -1);
	CHECK(err.kind != DDB_ERR_NONE);
	CHECK(u.n == 0 && u.path == NULL);
}

/* A save that fails half-way (the file size limit makes write() fail, even for root) leaves the
 * original byte for byte and no temporary file behind. */
static void test_failed_save_keeps_file(void)
{
	struct ddb_users u;
	struct ddb_error err;
	struct rlimit old, small;
	char dir[512];
	const char *file;
	char *before, *after;
	int i;

	snprintf(dir, sizeof(dir), "%s/fsize", tmp_dir);
	mkdir(dir, 0700);
	file = tpath("fsize/users.json");
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	before = slurp(file);
	for (i = 0; i < 40; i++) {
		char h[16];

		snprintf(h, sizeof(h), "user%d", i);
		ddb_users_add(&u, h, "Someone With A Long Display Name", "someone@example.com",
		              &err);
	}
	CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
	small = old;
	small.rlim_cur = 1024;
	signal(SIGXFSZ, SIG_IGN);
	CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
	ddb_error_clear(&err);
	CHECK(ddb_users_save(&u, &err) == -1);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	CHECK(err.kind == DDB_ERR_IO);
	CHECK(strstr(err.message, "not changed") != NULL);
	after = slurp(file);
	CHECK_STR(after, before);
	CHECK(dot_files(dir) == 0);
	CHECK(file_mode(file) == 0600);
	free(before);
	free(after);
	ddb_users_done(&u);
}

/* ---- Cognito ---- */

#define S(lit) ((char *)(lit)) /* the struct owns its strings elsewhere */

static void test_cognito_apply(void)
{
	struct ddb_cognito_user cu[] = {
	    {S("someone"), S("sub-someone"), S("u0")},
	    {S("andrewbrown"), S("sub-andrew"), S("u1")},
	    {NULL, S("sub-nopref"), S("u2")},
	    {S("bayko"), S("sub-bayko"), S("u3")},
	    /* the same user listed twice: no conflict */
	    {S("andrewbrown"), S("sub-andrew"), S("u4")},
	    /* handles are case-sensitive */
	    {S("Londo"), S("sub-case"), S("u5")},
	    /* no sub: ignored */
	    {S("londo"), NULL, S("u6")},
	};
	struct ddb_cognito_changes ch;
	struct ddb_users u;
	struct ddb_error err;
	const char *file = tpath("cognito.json");

	unlink(file);
	ddb_error_clear(&err);
	CHECK(ddb_users_load(&u, file, &err) == 0);
	CHECK(ddb_cognito_apply(&u, cu, sizeof(cu) / sizeof(cu[0]), &ch, &err) == 2);
	CHECK(ch.n == 2);
	if (ch.n == 2) {
		CHECK_STR(ch.v[0].handle, "andrewbrown");
		CHECK_STR(ch.v[0].old_id, "MOCK");
		CHECK_STR(ch.v[0].new_id, "sub-andrew");
		CHECK_STR(ch.v[1].handle, "bayko");
		CHECK_STR(ch.v[1].old_id, "MOCK");
		CHECK_STR(ch.v[1].new_id, "sub-bayko");
	}
	CHECK_STR(ddb_users_find(&u, "andrewbrown")->cognito_user_id, "sub-andrew");
	CHECK_STR(ddb_users_find(&u, "bayko")->cognito_user_id, "sub-bayko");
	CHECK_STR(ddb_users_find(&u, "londo")->cognito_user_id, "MOCK");
	ddb_cognito_changes_done(&ch);

	/* again: nothing to change */
	CHECK(ddb_cognito_apply(&u, cu, sizeof(cu) / sizeof(cu[0]), &ch, &err) == 0);
	CHECK(ch.n == 0 && ch.v == NULL);
	ddb_cognito_changes_done(&ch);

	/* a new sub for one user */
	cu[3].sub = S("sub-bayko-2");
	CHECK(ddb_cognito_apply(&u, cu, sizeof(cu) / sizeof(cu[0]), &ch, &err) == 1);
	if (ch.n == 1) {
		CHECK_STR(ch.v[0].handle, "bayko");
		CHECK_STR(ch.v[0].old_id, "sub-bayko");
		CHECK_STR(ch.v[0].new_id, "sub-bayko-2");
	}
	ddb_cognito_changes_done(&ch);

	/* two Cognito users claim londo: an error, and nothing changes */
	cu[6].sub = S("sub-londo-1");
	cu[5].preferred_username = S("londo");
	cu[3].sub = S("sub-bayko-3");
	ddb_error_clear(&err);
	CHECK(ddb_cognito_apply(&u, cu, sizeof(cu) / sizeof(cu[0]), &ch, &err) == -1);
	CHECK(strstr(err.message, "londo") != NULL);
	CHECK(ch.n == 0);
	CHECK_STR(ddb_users_find(&u, "bayko")->cognito_user_id, "sub-bayko-2");
	CHECK_STR(ddb_users_find(&u, "londo")->cognito_user_id, "MOCK");
	ddb_cognito_changes_done(&ch);

	/* no Cognito users at all */
	CHECK(ddb_cognito_apply(&u, NULL, 0, &ch, &err) == 0);
	ddb_cognito_changes_done(&ch);
	ddb_users_done(&u);
}

static const char *cog_env;

static const char *cognito_getenv(const char *name)
{
	return strcmp(name, "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER") == 0 ? cog_env : NULL;
}

static void test_cognito_endpoint(void)
{
	char *e;

	cog_env = "http://127.0.0.1:9229/";
	e = ddb_cognito_endpoint("http://127.0.0.1:1234//", "eu-west-1", cognito_getenv);
	CHECK_STR(e, "http://127.0.0.1:1234");
	free(e);
	e = ddb_cognito_endpoint(NULL, "eu-west-1", cognito_getenv);
	CHECK_STR(e, "http://127.0.0.1:9229");
	free(e);
	cog_env = "";
	e = ddb_cognito_endpoint(NULL, "eu-west-1", cognito_getenv);
	CHECK_STR(e, "https://cognito-idp.eu-west-1.amazonaws.com");
	free(e);
	cog_env = NULL;
	e = ddb_cognito_endpoint("", "ca-central-1", cognito_getenv);
	CHECK_STR(e, "https://cognito-idp.ca-central-1.amazonaws.com");
	free(e);
}

static void remove_tree(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
}

int main(void)
{
	if (!mkdtemp(tmp_dir)) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_uuid_v4_format_unique);
	RUN(test_uuid_v5_vectors);
	RUN(test_uuid_valid);
	RUN(test_path);
	RUN(test_create_defaults);
	RUN(test_saved_format);
	RUN(test_round_trip);
	RUN(test_mode_and_no_leftovers);
	RUN(test_symlink_kept);
	RUN(test_add_remove);
	test_malformed();
	RUN(test_unreadable);
	RUN(test_failed_save_keeps_file);
	RUN(test_cognito_apply);
	RUN(test_cognito_endpoint);
	remove_tree(tmp_dir);
	UNIT_EXIT();
}
