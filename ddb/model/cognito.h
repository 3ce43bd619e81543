/* cognito.h - Cognito user pools on the shared queue: ListUsers over every page, and matching
 * its users to the users directory by handle (cruddur-model.md, "update-cognito-ids"). */
#ifndef DDB_COGNITO_H
#define DDB_COGNITO_H

#include <stddef.h>

#include "ddb/error.h"
#include "ddb/queue.h"
#include "ddb/model/users.h"

#define DDB_COGNITO_PAGE_LIMIT 60 /* ListUsers' maximum Limit */

/* One user of a pool: its preferred_username and sub attributes (NULL when the user has no
 * such attribute) and its Username. */
struct ddb_cognito_user {
	char *preferred_username;
	char *sub;
	char *username;
};

/* The Cognito endpoint: explicit (--cognito-endpoint), else
 * $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, else https://cognito-idp.REGION.amazonaws.com.
 * Trailing slashes are dropped. Heap string (never NULL). getenv_fn NULL means getenv. */
char *ddb_cognito_endpoint(const char *explicit_url, const char *region,
                           const char *(*getenv_fn)(const char *));

/* Registers Cognito (service "cognito-idp", JSON 1.1) at endpoint on the client's queue and
 * credentials. Returns the service index for ddb_cognito_list_users, or -1 with err
 * (malformed endpoint). */
int ddb_cognito_service(struct ddb_client *c, const char *endpoint, struct ddb_error *err);

/* users[0..n) borrowed: valid during the callback only. On error users is NULL and n 0. */
typedef void ddb_cognito_users_cb(struct ddb_client *c, const struct ddb_error *err,
                                  const struct ddb_cognito_user *users, size_t n, void *ud);

/* ListUsers on pool_id (copied), DDB_COGNITO_PAGE_LIMIT a page, following PaginationToken
 * until the last page; cb runs exactly once, from the queue (never inside this call), with
 * every user or an error. ddb_cancel_tag(c, tag) stops it (cb then gets DDB_ERR_CANCELLED). */
void ddb_cognito_list_users(struct ddb_client *c, int svc, const char *pool_id,
                            ddb_cognito_users_cb *cb, void *ud, const void *tag);

/* One change made by ddb_cognito_apply. */
struct ddb_cognito_change {
	char *handle;
	char *old_id;
	char *new_id;
};

struct ddb_cognito_changes {
	struct ddb_cognito_change *v;
	size_t n;
};

/* Every user of u whose handle equals a preferred_username of users[0..n) gets
 * cognito_user_id = that user's sub; other users are untouched; a user whose id is already
 * that sub is no change. changes (initialised here; free with ddb_cognito_changes_done) lists
 * what changed, in the directory's order. Returns the number of changes, or -1 with err
 * (kind DDB_ERR_USAGE) and u untouched when one handle matches Cognito users with different
 * subs. No I/O: save u afterwards to keep the changes. */
int ddb_cognito_apply(struct ddb_users *u, const struct ddb_cognito_user *users, size_t n,
                      struct ddb_cognito_changes *changes, struct ddb_error *err);
void ddb_cognito_changes_done(struct ddb_cognito_changes *changes);

#endif
