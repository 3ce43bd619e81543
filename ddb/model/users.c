/* users.c - the users directory: a JSON file loaded strictly, created with three default users,
 * saved atomically (temporary file, fchmod 0600, fsync, rename, fsync of the directory). */
#include "ddb/model/users.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ddb/buf.h"
#include "ddb/file.h"
#include "ddb/json.h"
#include "ddb/uuid.h"

#define DEFAULT_COGNITO_ID "MOCK"
#define HANDLE_MAX         64

static const struct {
	const char *handle, *display_name, *email;
} DEFAULT_USERS[] = {
    {"andrewbrown", "Andrew Brown", "andrew@exampro.co"},
    {"bayko", "Andrew Bayko", "bayko@exampro.co"},
    {"londo", "Londo Mollari", "lmollari@centari.com"},
};

static const char *sys_getenv(const char *name)
{
	return getenv(name);
}

char *ddb_users_path(const char *explicit_path, const char *(*getenv_fn)(const char *),
                     struct ddb_error *err)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *v;

	if (!getenv_fn)
		getenv_fn = sys_getenv;
	if (explicit_path) {
		if (!*explicit_path) {
			ddb_error_set(err, DDB_ERR_USAGE, "--users needs a file name");
			return NULL;
		}
		return ddb_strdup(explicit_path);
	}
	if ((v = getenv_fn("DDBTUI_USERS")) && *v)
		return ddb_strdup(v);
	/* XDG: a relative XDG_CONFIG_HOME is invalid and ignored. */
	if ((v = getenv_fn("XDG_CONFIG_HOME")) && v[0] == '/') {
		ddb_buf_printf(&b, "%s/ddbtui/users.json", v);
		return ddb_buf_steal(&b);
	}
	if ((v = getenv_fn("HOME")) && *v) {
		ddb_buf_printf(&b, "%s/.config/ddbtui/users.json", v);
		return ddb_buf_steal(&b);
	}
	ddb_error_set(err, DDB_ERR_CONFIG,
	              "no place for the users file: pass --users FILE or set DDBTUI_USERS, "
	              "XDG_CONFIG_HOME or HOME");
	return NULL;
}

static void user_free(struct ddb_user *x)
{
	free(x->uuid);
	free(x->display_name);
	free(x->handle);
	free(x->email);
	free(x->cognito_user_id);
	memset(x, 0, sizeof(*x));
}

void ddb_users_done(struct ddb_users *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < u->n; i++)
		user_free(&u->v[i]);
	free(u->v);
	free(u->path);
	memset(u, 0, sizeof(*u));
}

/* Appends a user (copies every string). */
static void push_user(struct ddb_users *u, const char *uuid, const char *display_name,
                      const char *handle, const char *email, const char *cognito_user_id)
{
	struct ddb_user *v = realloc(u->v, (u->n + 1) * sizeof(*v));
	struct ddb_user *x;

	if (!v)
		abort();
	u->v = v;
	x = &u->v[u->n++];
	x->uuid = ddb_strdup(uuid);
	x->display_name = ddb_strdup(display_name);
	x->handle = ddb_strdup(handle);
	x->email = ddb_strdup(email);
	x->cognito_user_id = ddb_strdup(cognito_user_id);
}

const struct ddb_user *ddb_users_find(const struct ddb_users *u, const char *handle)
{
	size_t i;

	if (!u || !handle)
		return NULL;
	for (i = 0; i < u->n; i++)
		if (strcmp(u->v[i].handle, handle) == 0)
			return &u->v[i];
	return NULL;
}

const struct ddb_user *ddb_users_find_uuid(const struct ddb_users *u, const char *uuid)
{
	size_t i;

	if (!u || !uuid)
		return NULL;
	for (i = 0; i < u->n; i++)
		if (strcmp(u->v[i].uuid, uuid) == 0)
			return &u->v[i];
	return NULL;
}

/* ---- reading ---- */

/* The whole file into a heap buffer. 0, -1 with errno. */
static int read_all(const char *path, char **out, size_t *len)
{
	struct ddb_buf b = DDB_BUF_INIT;
	char chunk[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -1;
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			ddb_buf_done(&b);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		ddb_buf_append(&b, chunk, (size_t)r);
	}
	close(fd);
	*len = b.len;
	*out = ddb_buf_steal(&b);
	return 0;
}

/* A string field of entry idx: required ones must be non-empty strings, optional ones may be
 * absent or null (then ""). 0 or -1 with err. */
static int field(const char *path, size_t idx, const cJSON *obj, const char *name, int required,
                 const char **out, struct ddb_error *err)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);

	*out = "";
	if (!f || cJSON_IsNull(f)) {
		if (!required)
			return 0;
		ddb_error_set(err, DDB_ERR_PARSE, "%s: user at index %zu has no \"%s\"", path, idx,
		              name);
		return -1;
	}
	if (!cJSON_IsString(f)) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s: user at index %zu: \"%s\" must be a string",
		              path, idx, name);
		return -1;
	}
	if (required && !*f->valuestring) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s: user at index %zu has an empty \"%s\"", path,
		              idx, name);
		return -1;
	}
	*out = f->valuestring;
	return 0;
}

/* Fills u from the parsed document, checking its shape. */
static int from_json(struct ddb_users *u, const char *path, const cJSON *root,
                     struct ddb_error *err)
{
	const cJSON *e;
	size_t idx = 0, j;

	if (!cJSON_IsArray(root)) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s: expected an array of users", path);
		return -1;
	}
	cJSON_ArrayForEach(e, root)
	{
		const char *uuid, *name, *handle, *email, *cog;

		if (!cJSON_IsObject(e)) {
			ddb_error_set(err, DDB_ERR_PARSE, "%s: user at index %zu is not an object",
			              path, idx);
			return -1;
		}
		if (field(path, idx, e, "uuid", 1, &uuid, err) ||
		    field(path, idx, e, "handle", 1, &handle, err) ||
		    field(path, idx, e, "display_name", 0, &name, err) ||
		    field(path, idx, e, "email", 0, &email, err) ||
		    field(path, idx, e, "cognito_user_id", 0, &cog, err))
			return -1;
		for (j = 0; j < u->n; j++)
			if (strcmp(u->v[j].handle, handle) == 0) {
				ddb_error_set(
				    err, DDB_ERR_PARSE,
				    "%s: user at index %zu: duplicate handle '%s' (also at "
				    "index %zu)",
				    path, idx, handle, j);
				return -1;
			}
		push_user(u, uuid, name, handle, email, cog);
		idx++;
	}
	return 0;
}

/* mkdir -p of path's parent directories, mode 0700. */
static int make_parents(const char *path, struct ddb_error *err)
{
	char *p = ddb_strdup(path), *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			ddb_error_set(err, DDB_ERR_IO, "cannot create directory %s: %s", p,
			              strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

static int save_file(const struct ddb_users *u, int no_replace, struct ddb_error *err);

/* Creates the file with the default users; if another process created it meanwhile, that
 * file wins (returns 1: load it instead). */
static int create_default(struct ddb_users *u, const char *path, struct ddb_error *err)
{
	char id[37];
	size_t i;
	int rc;

	u->path = ddb_strdup(path);
	for (i = 0; i < sizeof(DEFAULT_USERS) / sizeof(DEFAULT_USERS[0]); i++) {
		ddb_uuid_v4(id);
		push_user(u, id, DEFAULT_USERS[i].display_name, DEFAULT_USERS[i].handle,
		          DEFAULT_USERS[i].email, DEFAULT_COGNITO_ID);
	}
	if (make_parents(path, err) != 0)
		return -1;
	rc = save_file(u, 1, err);
	if (rc == 0)
		u->created = 1;
	return rc;
}

int ddb_users_load(struct ddb_users *u, const char *path, struct ddb_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int attempt, rc;

	memset(u, 0, sizeof(*u));
	if (!path || !*path) {
		ddb_error_set(err, DDB_ERR_USAGE, "no users file given");
		return -1;
	}
	for (attempt = 0;; attempt++) {
		if (read_all(path, &text, &len) == 0)
			break;
		if (errno != ENOENT || attempt > 0) {
			ddb_error_set(err, DDB_ERR_IO, "cannot read the users file %s: %s", path,
			              strerror(errno));
			return -1;
		}
		rc = create_default(u, path, err);
		if (rc == 0)
			return 0;
		ddb_users_done(u);
		if (rc < 0)
			return -1;
	}
	rc = ddb_users_parse(u, path, text, len, err);
	free(text);
	return rc;
}

int ddb_users_parse(struct ddb_users *u, const char *path, const char *text, size_t len,
                    struct ddb_error *err)
{
	struct ddb_error perr;
	cJSON *root;
	int rc;

	memset(u, 0, sizeof(*u));
	if (!path)
		path = "users.json";
	ddb_error_clear(&perr);
	root = ddb_json_parse(text, len, &perr);
	if (!root) {
		ddb_error_set(err, perr.kind, "%s: %s", path, perr.message);
		return -1;
	}
	u->path = ddb_strdup(path);
	rc = from_json(u, path, root, err);
	cJSON_Delete(root);
	if (rc != 0) {
		ddb_users_done(u);
		return -1;
	}
	return 0;
}

/* ---- writing ---- */

/* A JSON string: quotes, backslashes and control characters escaped, UTF-8 kept as is. */
static void put_string(struct ddb_buf *b, const char *s)
{
	const unsigned char *p;

	ddb_buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			ddb_buf_puts(b, "\\\"");
			break;
		case '\\':
			ddb_buf_puts(b, "\\\\");
			break;
		case '\n':
			ddb_buf_puts(b, "\\n");
			break;
		case '\r':
			ddb_buf_puts(b, "\\r");
			break;
		case '\t':
			ddb_buf_puts(b, "\\t");
			break;
		case '\b':
			ddb_buf_puts(b, "\\b");
			break;
		case '\f':
			ddb_buf_puts(b, "\\f");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				ddb_buf_printf(b, "\\u%04x", *p);
			else
				ddb_buf_putc(b, (char)*p);
		}
	}
	ddb_buf_putc(b, '"');
}

/* The file's text: 2-space indent, fields in a fixed order, a final newline. */
static void render(const struct ddb_users *u, struct ddb_buf *b)
{
	size_t i;

	if (u->n == 0) {
		ddb_buf_puts(b, "[]\n");
		return;
	}
	ddb_buf_puts(b, "[\n");
	for (i = 0; i < u->n; i++) {
		const struct ddb_user *x = &u->v[i];

		ddb_buf_puts(b, "  {\n    \"uuid\": ");
		put_string(b, x->uuid);
		ddb_buf_puts(b, ",\n    \"display_name\": ");
		put_string(b, x->display_name);
		ddb_buf_puts(b, ",\n    \"handle\": ");
		put_string(b, x->handle);
		ddb_buf_puts(b, ",\n    \"email\": ");
		put_string(b, x->email);
		ddb_buf_puts(b, ",\n    \"cognito_user_id\": ");
		put_string(b, x->cognito_user_id);
		ddb_buf_puts(b, i + 1 < u->n ? "\n  },\n" : "\n  }\n");
	}
	ddb_buf_puts(b, "]\n");
}

/* Saved through ddb_replace_file: the old file or the new one, whatever happens (or, with
 * no_replace, created only if it does not exist: returns 1 if it does). */
static int save_file(const struct ddb_users *u, int no_replace, struct ddb_error *err)
{
	struct ddb_buf text = DDB_BUF_INIT;
	int rc;

	render(u, &text);
	rc = ddb_replace_file(u->path, ddb_buf_str(&text), text.len,
	                      no_replace ? DDB_REPLACE_NO_REPLACE : 0, "users file", err);
	ddb_buf_done(&text);
	return rc;
}

int ddb_users_save(const struct ddb_users *u, struct ddb_error *err)
{
	if (!u || !u->path) {
		ddb_error_set(err, DDB_ERR_USAGE, "users directory without a path");
		return -1;
	}
	return save_file(u, 0, err) == 0 ? 0 : -1;
}

/* ---- changes ---- */

static int handle_valid(const char *h)
{
	size_t n = 0;

	for (; h[n]; n++) {
		char c = h[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return 0;
		if (n >= HANDLE_MAX)
			return 0;
	}
	return n > 0;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

int ddb_users_add(struct ddb_users *u, const char *handle, const char *display_name,
                  const char *email, struct ddb_error *err)
{
	char id[37];

	if (!handle || !handle_valid(handle)) {
		ddb_error_set(
		    err, DDB_ERR_USAGE,
		    "invalid handle '%s': use 1 to %d of the characters A-Z a-z 0-9 _ . -",
		    handle ? handle : "", HANDLE_MAX);
		return -1;
	}
	if (ddb_users_find(u, handle)) {
		ddb_error_set(err, DDB_ERR_USAGE, "a user with the handle '%s' exists already",
		              handle);
		return -1;
	}
	if (!display_name || blank(display_name)) {
		ddb_error_set(err, DDB_ERR_USAGE, "the display name of '%s' is empty", handle);
		return -1;
	}
	if (!email || !strchr(email, '@')) {
		ddb_error_set(err, DDB_ERR_USAGE, "invalid email '%s': it has no '@'",
		              email ? email : "");
		return -1;
	}
	do
		ddb_uuid_v4(id);
	while (ddb_users_find_uuid(u, id)); /* never in practice; cheap to be sure */
	push_user(u, id, display_name, handle, email, DEFAULT_COGNITO_ID);
	return 0;
}

int ddb_users_remove(struct ddb_users *u, const char *handle, struct ddb_error *err)
{
	size_t i;

	for (i = 0; u && handle && i < u->n; i++) {
		if (strcmp(u->v[i].handle, handle) != 0)
			continue;
		user_free(&u->v[i]);
		memmove(&u->v[i], &u->v[i + 1], (u->n - i - 1) * sizeof(u->v[0]));
		u->n--;
		return 0;
	}
	ddb_error_set(err, DDB_ERR_USAGE, "no user with the handle '%s'", handle ? handle : "");
	return -1;
}
