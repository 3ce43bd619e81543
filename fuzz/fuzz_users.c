/* fuzz_users.c - the users file (ddb/model/users.h) parsed from arbitrary bytes with ddb_users_parse,
 * the function ddb_users_load uses once the file is read. On success every user has a non-empty
 * uuid and handle, handles are unique and found by ddb_users_find, and adding then removing a
 * user works as documented; on failure the message starts with the file name. */
#include <stdint.h>
#include <string.h>

#include "ddb/model/users.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddb_users u;
	struct ddb_error err;
	size_t i, n;
	int had;

	ddb_error_clear(&err);
	if (ddb_users_parse(&u, "users.json", (const char *)data, size, &err) != 0) {
		FUZZ_CHECK(err.kind == DDB_ERR_PARSE || err.kind == DDB_ERR_NOMEM);
		FUZZ_CHECK(strncmp(err.message, "users.json: ", 12) == 0);
		FUZZ_CHECK(u.v == NULL && u.n == 0 && u.path == NULL);
		return 0;
	}
	FUZZ_CHECK(u.path && strcmp(u.path, "users.json") == 0);
	FUZZ_CHECK(!u.created);
	for (i = 0; i < u.n; i++) {
		const struct ddb_user *x = &u.v[i];

		FUZZ_CHECK(x->uuid && *x->uuid && x->handle && *x->handle);
		FUZZ_CHECK(x->display_name && x->email && x->cognito_user_id);
		FUZZ_CHECK(ddb_users_find(&u, x->handle) == x);
		FUZZ_CHECK(ddb_users_find_uuid(&u, x->uuid) != NULL);
	}
	n = u.n;
	had = ddb_users_find(&u, "fuzz.user") != NULL;
	if (ddb_users_add(&u, "fuzz.user", "Fuzz User", "fuzz@example.com", &err) == 0) {
		FUZZ_CHECK(!had && u.n == n + 1);
		FUZZ_CHECK(ddb_users_remove(&u, "fuzz.user", &err) == 0);
		FUZZ_CHECK(u.n == n);
	} else {
		FUZZ_CHECK(had && err.kind == DDB_ERR_USAGE);
	}
	if (u.n) {
		char *h = strdup(u.v[0].handle);

		FUZZ_CHECK(h && ddb_users_remove(&u, h, &err) == 0);
		FUZZ_CHECK(ddb_users_find(&u, h) == NULL && u.n == n - 1);
		free(h);
	}
	ddb_users_done(&u);
	return 0;
}
