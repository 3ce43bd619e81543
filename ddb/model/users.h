/* users.h - the users directory that replaces the original's Postgres users table: a JSON file,
 * an array of {"uuid", "display_name", "handle", "email", "cognito_user_id"} (see
 * cruddur-model.md, "Users without Postgres"). Handles are unique. Writes are atomic (temporary
 * file in the same directory, fsync, rename; mode 0600). A malformed file is reported with its
 * line and column and is never overwritten. */
#ifndef DDB_USERS_H
#define DDB_USERS_H

#include <stddef.h>

#include "ddb/error.h"

struct ddb_user {
	char *uuid;
	char *display_name;
	char *handle;
	char *email;
	char *cognito_user_id;
};

struct ddb_users {
	struct ddb_user *v;
	size_t n;
	char *path;  /* where it was loaded from and is saved to */
	int created; /* 1 if load created the file with the default users */
};

/* The directory's path: explicit (--users), else $DDBTUI_USERS, else
 * $XDG_CONFIG_HOME/ddbtui/users.json, else $HOME/.config/ddbtui/users.json. Heap string, or NULL
 * with err. getenv_fn NULL means getenv. */
char *ddb_users_path(const char *explicit_path, const char *(*getenv_fn)(const char *),
                     struct ddb_error *err);

/* Loads the file; if it does not exist, creates it (and its directory) with the three default
 * users (andrewbrown, bayko, londo), each with a fresh random uuid and cognito_user_id "MOCK".
 * Errors: unreadable file, malformed JSON ("users.json: line 3, column 7: ..."), a user without
 * a handle or uuid, a duplicate handle. */
int ddb_users_load(struct ddb_users *u, const char *path, struct ddb_error *err);
/* The same check of a file's text already in memory (text[0..len), any bytes); path is used
 * in messages and kept as u->path. Never creates anything. */
int ddb_users_parse(struct ddb_users *u, const char *path, const char *text, size_t len,
                    struct ddb_error *err);
/* Writes atomically. */
int ddb_users_save(const struct ddb_users *u, struct ddb_error *err);
void ddb_users_done(struct ddb_users *u);

/* Borrowed pointers into u, or NULL. */
const struct ddb_user *ddb_users_find(const struct ddb_users *u, const char *handle);
const struct ddb_user *ddb_users_find_uuid(const struct ddb_users *u, const char *uuid);

/* Adds a user with a fresh uuid and cognito_user_id "MOCK" (in memory; save to keep it).
 * Errors: invalid handle (must be 1-64 of [A-Za-z0-9_.-]), duplicate handle, empty display
 * name, email without '@'. */
int ddb_users_add(struct ddb_users *u, const char *handle, const char *display_name,
                  const char *email, struct ddb_error *err);
/* Removes by handle; error if unknown. */
int ddb_users_remove(struct ddb_users *u, const char *handle, struct ddb_error *err);

#endif
