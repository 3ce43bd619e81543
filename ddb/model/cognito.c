/* cognito.c - Cognito ListUsers (all pages) on the shared queue, and applying its
 * (preferred_username, sub) pairs to the users directory. */
#include "ddb/model/cognito.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ddb/buf.h"

static const char *sys_getenv(const char *name)
{
	return getenv(name);
}

char *ddb_cognito_endpoint(const char *explicit_url, const char *region,
                           const char *(*getenv_fn)(const char *))
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *v;

	if (!getenv_fn)
		getenv_fn = sys_getenv;
	if (explicit_url && *explicit_url)
		ddb_buf_puts(&b, explicit_url);
	else if ((v = getenv_fn("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")) && *v)
		ddb_buf_puts(&b, v);
	else
		ddb_buf_printf(&b, "https://cognito-idp.%s.amazonaws.com",
		               region && *region ? region : "us-east-1");
	while (b.len > 0 && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';
	return ddb_buf_steal(&b);
}

int ddb_cognito_service(struct ddb_client *c, const char *endpoint, struct ddb_error *err)
{
	return ddb_client_add_service(c, endpoint, "cognito-idp",
	                              "AWSCognitoIdentityProviderService.",
	                              "application/x-amz-json-1.1", err);
}

/* ---- ListUsers, page after page ---- */

struct lister {
	int svc;
	char *pool_id;
	char *token; /* the PaginationToken of the page asked for last, or NULL */
	struct ddb_cognito_user *v;
	size_t n, cap;
	ddb_cognito_users_cb *cb;
	void *ud;
	const void *tag;
};

static void lister_free(struct lister *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].preferred_username);
		free(l->v[i].sub);
		free(l->v[i].username);
	}
	free(l->v);
	free(l->pool_id);
	free(l->token);
	free(l);
}

static void finish(struct ddb_client *c, struct lister *l, const struct ddb_error *err)
{
	if (err->kind == DDB_ERR_NONE)
		l->cb(c, err, l->v, l->n, l->ud);
	else
		l->cb(c, err, NULL, 0, l->ud);
	lister_free(l);
}

static void on_page(struct ddb_client *c, struct ddb_reply *reply, void *ud);

static void ask(struct ddb_client *c, struct lister *l)
{
	cJSON *body = cJSON_CreateObject();

	if (!body)
		abort();
	cJSON_AddStringToObject(body, "UserPoolId", l->pool_id);
	cJSON_AddNumberToObject(body, "Limit", DDB_COGNITO_PAGE_LIMIT);
	if (l->token)
		cJSON_AddStringToObject(body, "PaginationToken", l->token);
	ddb_submit_to(c, l->svc, "ListUsers", body, on_page, l, l->tag);
}

static const char *str_of(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Takes the users of one page. -1 if the page is not a ListUsers reply. */
static int take_users(struct lister *l, const cJSON *page)
{
	const cJSON *users = cJSON_GetObjectItemCaseSensitive(page, "Users"), *x, *a;

	if (!cJSON_IsArray(users))
		return -1;
	cJSON_ArrayForEach(x, users)
	{
		struct ddb_cognito_user *cu;

		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 64;
			struct ddb_cognito_user *v = realloc(l->v, cap * sizeof(*v));

			if (!v)
				abort();
			l->v = v;
			l->cap = cap;
		}
		cu = &l->v[l->n++];
		memset(cu, 0, sizeof(*cu));
		cu->username = ddb_strdup_or_null(str_of(x, "Username"));
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(x, "Attributes"))
		{
			const char *name = str_of(a, "Name"), *value = str_of(a, "Value");

			if (!name || !value)
				continue;
			if (strcmp(name, "preferred_username") == 0 && !cu->preferred_username)
				cu->preferred_username = ddb_strdup_or_null(value);
			else if (strcmp(name, "sub") == 0 && !cu->sub)
				cu->sub = ddb_strdup_or_null(value);
		}
	}
	return 0;
}

static void on_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct lister *l = ud;
	struct ddb_error err;
	const char *next;

	if (reply->err.kind != DDB_ERR_NONE) {
		finish(c, l, &reply->err);
		return;
	}
	ddb_error_clear(&err);
	if (take_users(l, reply->json) != 0) {
		ddb_error_set(&err, DDB_ERR_PARSE, "Cognito ListUsers reply without a Users array");
		finish(c, l, &err);
		return;
	}
	next = str_of(reply->json, "PaginationToken");
	if (!next || !*next) {
		finish(c, l, &err);
		return;
	}
	/* A service that hands back the token it was given would page forever. */
	if (l->token && strcmp(l->token, next) == 0) {
		ddb_error_set(&err, DDB_ERR_PARSE,
		              "Cognito ListUsers returned the same PaginationToken twice");
		finish(c, l, &err);
		return;
	}
	free(l->token);
	l->token = ddb_strdup_or_null(next);
	ask(c, l);
}

void ddb_cognito_list_users(struct ddb_client *c, int svc, const char *pool_id,
                            ddb_cognito_users_cb *cb, void *ud, const void *tag)
{
	struct lister *l = calloc(1, sizeof(*l));

	if (!l)
		abort();
	l->svc = svc;
	l->pool_id = ddb_strdup_or_null(pool_id ? pool_id : "");
	l->cb = cb;
	l->ud = ud;
	l->tag = tag;
	ask(c, l);
}

/* ---- applying ---- */

/* The sub of the Cognito user(s) named handle: NULL if none, *conflict set to a second,
 * different sub if there is one. */
static const char *sub_for(const char *handle, const struct ddb_cognito_user *users, size_t n,
                           const char **conflict)
{
	const char *found = NULL;
	size_t i;

	*conflict = NULL;
	for (i = 0; i < n; i++) {
		if (!users[i].preferred_username || !users[i].sub || !*users[i].sub ||
		    strcmp(users[i].preferred_username, handle) != 0)
			continue;
		if (!found)
			found = users[i].sub;
		else if (strcmp(found, users[i].sub) != 0 && !*conflict)
			*conflict = users[i].sub;
	}
	return found;
}

int ddb_cognito_apply(struct ddb_users *u, const struct ddb_cognito_user *users, size_t n,
                      struct ddb_cognito_changes *changes, struct ddb_error *err)
{
	const char *sub, *conflict;
	size_t i, k = 0;

	memset(changes, 0, sizeof(*changes));
	/* Check everything first, so that an error leaves u as it was. */
	for (i = 0; i < u->n; i++) {
		sub = sub_for(u->v[i].handle, users, n, &conflict);
		if (conflict) {
			ddb_error_set(
			    err, DDB_ERR_USAGE,
			    "preferred_username '%s' belongs to two Cognito users (sub %s "
			    "and %s)",
			    u->v[i].handle, sub, conflict);
			return -1;
		}
		if (sub && strcmp(sub, u->v[i].cognito_user_id ? u->v[i].cognito_user_id : "") != 0)
			k++;
	}
	if (k == 0)
		return 0;
	changes->v = calloc(k, sizeof(*changes->v));
	if (!changes->v)
		abort();
	for (i = 0; i < u->n; i++) {
		struct ddb_user *x = &u->v[i];
		struct ddb_cognito_change *ch;

		sub = sub_for(x->handle, users, n, &conflict);
		if (!sub || strcmp(sub, x->cognito_user_id ? x->cognito_user_id : "") == 0)
			continue;
		ch = &changes->v[changes->n++];
		ch->handle = ddb_strdup_or_null(x->handle);
		/* the directory's string moves here */
		ch->old_id = x->cognito_user_id ? x->cognito_user_id : ddb_strdup_or_null("");
		ch->new_id = ddb_strdup_or_null(sub);
		x->cognito_user_id = ddb_strdup_or_null(sub);
	}
	return (int)changes->n;
}

void ddb_cognito_changes_done(struct ddb_cognito_changes *changes)
{
	size_t i;

	if (!changes)
		return;
	for (i = 0; i < changes->n; i++) {
		free(changes->v[i].handle);
		free(changes->v[i].old_id);
		free(changes->v[i].new_id);
	}
	free(changes->v);
	changes->v = NULL;
	changes->n = 0;
}
