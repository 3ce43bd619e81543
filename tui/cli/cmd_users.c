/* cmd_users.c - the users directory subcommands (users list|add|remove) and update-cognito-ids,
 * which copies Cognito subs into the directory by handle. */
#include "tui/cli/cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/model/cognito.h"
#include "ddb/config.h"
#include "ddb/model/users.h"

#define EXIT_INTERRUPTED 130 /* 128 + SIGINT, as the shell reports it */

static int opt_json;
static const char *opt_pool_id;
static const char *opt_cognito_endpoint;

const struct cli_opt users_opts[] = {
    {"--json", NULL, "users list: print the directory as a JSON array", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt update_cognito_ids_opts[] = {
    {"--user-pool-id", "ID", "Cognito user pool (default $AWS_COGNITO_USER_POOL_ID)", &opt_pool_id,
     NULL},
    {"--cognito-endpoint", "URL",
     "Cognito endpoint (default $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, else AWS)",
     &opt_cognito_endpoint, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* Loads the directory named by --users / the environment. Prints the error; returns exit
 * code. A file that cannot be read or parsed is a failure (1), never rewritten. */
static int load_users(struct app *app, struct ddb_users *u)
{
	struct ddb_error err;
	char *path;
	int rc;

	ddb_error_clear(&err);
	path = ddb_users_path(app->s.users_file, NULL, &err);
	if (!path) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		return EXIT_USAGE;
	}
	rc = ddb_users_load(u, path, &err);
	free(path);
	if (rc != 0) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		if (err.kind == DDB_ERR_PARSE)
			fprintf(stderr, "ddbtui: the users file was not changed; fix it and try "
			                "again\n");
		return EXIT_FAIL;
	}
	if (u->created)
		fprintf(stderr, "ddbtui: created the users file %s with %zu default users\n",
		        u->path, u->n);
	return EXIT_OK;
}

/* Saves atomically, with SIGINT and SIGTERM held until the rename is done, so Ctrl-C cannot
 * leave a temporary file behind. */
static int save_users(const struct ddb_users *u)
{
	struct ddb_error err;
	sigset_t block, old_mask;
	int rc = EXIT_OK;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	ddb_error_clear(&err);
	if (ddb_users_save(u, &err) != 0) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		rc = EXIT_FAIL;
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}

/* ---- users list ---- */

/* Characters on screen of UTF-8 text (continuation bytes do not count). */
static int text_width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* s followed by spaces up to width characters, then a gap. */
static void cell(const char *s, int width)
{
	int pad = width - text_width(s);

	fputs(s, stdout);
	printf("%*s  ", pad > 0 ? pad : 0, "");
}

static void list_human(const struct ddb_users *u)
{
	static const char *const head[] = {"HANDLE", "DISPLAY NAME", "EMAIL", "UUID"};
	int w[4];
	size_t i;

	for (i = 0; i < 4; i++)
		w[i] = text_width(head[i]);
	for (i = 0; i < u->n; i++) {
		const struct ddb_user *x = &u->v[i];
		const char *col[4] = {x->handle, x->display_name, x->email, x->uuid};
		int k;

		for (k = 0; k < 4; k++)
			if (text_width(col[k]) > w[k])
				w[k] = text_width(col[k]);
	}
	for (i = 0; i < 4; i++)
		cell(head[i], w[i]);
	printf("COGNITO ID\n");
	for (i = 0; i < u->n; i++) {
		const struct ddb_user *x = &u->v[i];

		cell(x->handle, w[0]);
		cell(x->display_name, w[1]);
		cell(x->email, w[2]);
		cell(x->uuid, w[3]);
		printf("%s\n", x->cognito_user_id);
	}
}

static void list_json(const struct ddb_users *u)
{
	cJSON *arr = cJSON_CreateArray();
	char *s;
	size_t i;

	for (i = 0; i < u->n; i++) {
		const struct ddb_user *x = &u->v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "uuid", x->uuid);
		cJSON_AddStringToObject(o, "display_name", x->display_name);
		cJSON_AddStringToObject(o, "handle", x->handle);
		cJSON_AddStringToObject(o, "email", x->email);
		cJSON_AddStringToObject(o, "cognito_user_id", x->cognito_user_id);
		cJSON_AddItemToArray(arr, o);
	}
	s = cJSON_PrintUnformatted(arr);
	printf("%s\n", s ? s : "[]");
	free(s);
	cJSON_Delete(arr);
}

static int users_list(struct app *app, int argc, char **argv)
{
	struct ddb_users u;
	int rc;

	(void)argv;
	if (argc > 0)
		return app_usage_error("users", "users list takes no arguments");
	if ((rc = load_users(app, &u)) != EXIT_OK)
		return rc;
	if (opt_json)
		list_json(&u);
	else
		list_human(&u);
	ddb_users_done(&u);
	return EXIT_OK;
}

/* ---- users add / remove ---- */

static int users_add(struct app *app, int argc, char **argv)
{
	struct ddb_users u;
	struct ddb_error err;
	const struct ddb_user *x;
	int rc;

	if (argc != 3)
		return app_usage_error("users",
		                       "users add needs HANDLE \"DISPLAY NAME\" EMAIL (got %d "
		                       "argument%s)",
		                       argc, argc == 1 ? "" : "s");
	if ((rc = load_users(app, &u)) != EXIT_OK)
		return rc;
	if (ddb_users_find(&u, argv[0])) {
		fprintf(stderr,
		        "ddbtui: a user with the handle '%s' exists already in %s; nothing "
		        "changed\n",
		        argv[0], u.path);
		ddb_users_done(&u);
		return EXIT_FAIL;
	}
	ddb_error_clear(&err);
	if (ddb_users_add(&u, argv[0], argv[1], argv[2], &err) != 0) {
		ddb_users_done(&u);
		return app_usage_error("users", "%s", err.message);
	}
	if ((rc = save_users(&u)) == EXIT_OK) {
		x = ddb_users_find(&u, argv[0]);
		printf("%s\n", x->uuid);
		fprintf(stderr, "added %s (%s) to %s\n", x->handle, x->uuid, u.path);
	}
	ddb_users_done(&u);
	return rc;
}

static int users_remove(struct app *app, int argc, char **argv)
{
	struct ddb_users u;
	struct ddb_error err;
	int rc;

	if (argc != 1)
		return app_usage_error("users", "users remove needs exactly one HANDLE");
	if ((rc = load_users(app, &u)) != EXIT_OK)
		return rc;
	ddb_error_clear(&err);
	if (ddb_users_remove(&u, argv[0], &err) != 0) {
		fprintf(stderr, "ddbtui: %s in %s; nothing changed\n", err.message, u.path);
		ddb_users_done(&u);
		return EXIT_FAIL;
	}
	if ((rc = save_users(&u)) == EXIT_OK)
		fprintf(stderr, "removed %s from %s\n", argv[0], u.path);
	ddb_users_done(&u);
	return rc;
}

int cmd_users(struct app *app, int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : NULL;

	if (!sub)
		return app_usage_error("users", "users needs a subcommand: list, add or remove");
	if (opt_json && strcmp(sub, "list") != 0)
		return app_usage_error("users", "--json goes with users list only");
	if (strcmp(sub, "list") == 0)
		return users_list(app, argc - 1, argv + 1);
	if (strcmp(sub, "add") == 0)
		return users_add(app, argc - 1, argv + 1);
	if (strcmp(sub, "remove") == 0)
		return users_remove(app, argc - 1, argv + 1);
	return app_usage_error("users", "unknown users subcommand '%s' (list, add or remove)", sub);
}

/* ---- update-cognito-ids ---- */

struct update_state {
	struct ddb_users *users;
	struct ddb_cognito_changes changes;
	struct ddb_error err;
	size_t listed;
	int done;
	int conflict; /* the listing worked, applying it did not */
};

/* Applies the pairs while they are still borrowed. */
static void listed(struct ddb_client *c, const struct ddb_error *err,
                   const struct ddb_cognito_user *users, size_t n, void *ud)
{
	struct update_state *st = ud;

	(void)c;
	st->done = 1;
	st->err = *err;
	if (err->kind != DDB_ERR_NONE)
		return;
	st->listed = n;
	if (ddb_cognito_apply(st->users, users, n, &st->changes, &st->err) < 0)
		st->conflict = 1;
}

/* Runs the queue until idle; SIGINT or SIGTERM cancels what is in flight. */
static void run_interruptible(struct ddb_client *c, const void *tag)
{
	int cancelled = 0;

	ddb_client_perform(c);
	while (ddb_client_pending(c) > 0) {
		if (cli_signalled() && !cancelled) {
			ddb_cancel_tag(c, tag);
			cancelled = 1;
		}
		if (ddb_client_poll(c, NULL, 0, -1, NULL) != 0)
			break;
		ddb_client_perform(c);
	}
}

/* Placeholder credentials are only good for a local Cognito (cognito-local ignores them). */
static int cognito_loopback(const char *endpoint)
{
	char *scheme = NULL, *host = NULL;
	int port = 0, loop = 0;

	if (ddb_endpoint_parse(endpoint, &scheme, &host, &port, NULL) == 0)
		loop = ddb_host_is_loopback(host);
	free(scheme);
	free(host);
	return loop;
}

static int cognito_fail(const struct ddb_error *err, const char *endpoint, const char *pool)
{
	switch (err->kind) {
	case DDB_ERR_SERVICE:
		fprintf(stderr, "ddbtui: Cognito ListUsers on %s at %s: %s (HTTP %ld): %s\n", pool,
		        endpoint, err->type, err->http_status, err->message);
		return EXIT_FAIL;
	case DDB_ERR_USAGE:
	case DDB_ERR_CONFIG:
		fprintf(stderr, "ddbtui: %s\n", err->message);
		return EXIT_USAGE;
	default:
		fprintf(stderr, "ddbtui: error: Cognito ListUsers at %s: %s\n", endpoint,
		        err->message);
		return EXIT_FAIL;
	}
}

int cmd_update_cognito_ids(struct app *app, int argc, char **argv)
{
	static const char tag[] = "update-cognito-ids";
	struct update_state st;
	struct ddb_users u;
	struct ddb_error err;
	const char *pool = opt_pool_id;
	char *endpoint = NULL;
	int rc, svc;
	size_t i;

	if (argc > 0)
		return app_usage_error("update-cognito-ids",
		                       "update-cognito-ids takes no arguments ('%s'?)", argv[0]);
	if (!pool || !*pool)
		pool = getenv("AWS_COGNITO_USER_POOL_ID");
	if (!pool || !*pool)
		return app_usage_error("update-cognito-ids",
		                       "no user pool: pass --user-pool-id ID or set "
		                       "AWS_COGNITO_USER_POOL_ID");
	if ((rc = load_users(app, &u)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK) {
		ddb_users_done(&u);
		return rc;
	}
	endpoint = ddb_cognito_endpoint(opt_cognito_endpoint, app->s.cfg.region, NULL);
	ddb_error_clear(&err);
	svc = ddb_cognito_service(app->s.client, endpoint, &err);
	if (svc < 0) {
		fprintf(stderr, "ddbtui: Cognito endpoint %s: %s\n", endpoint, err.message);
		free(endpoint);
		ddb_users_done(&u);
		return EXIT_USAGE;
	}
	if (app->s.cfg.placeholder_creds && !cognito_loopback(endpoint)) {
		fprintf(stderr,
		        "ddbtui: no AWS credentials for Cognito at %s: set AWS_ACCESS_KEY_ID "
		        "and AWS_SECRET_ACCESS_KEY, or --profile NAME\n",
		        endpoint);
		free(endpoint);
		ddb_users_done(&u);
		return EXIT_USAGE;
	}
	if (app->verbose)
		fprintf(stderr, "ddbtui: Cognito endpoint %s, user pool %s\n", endpoint, pool);

	memset(&st, 0, sizeof(st));
	st.users = &u;
	cli_catch_signals(app->s.client);

	ddb_cognito_list_users(app->s.client, svc, pool, listed, &st, tag);
	run_interruptible(app->s.client, tag);

	if (cli_signalled()) {
		fprintf(stderr, "ddbtui: interrupted; %s was not changed\n", u.path);
		rc = EXIT_INTERRUPTED;
	} else if (!st.done) {
		fprintf(stderr,
		        "ddbtui: error: the Cognito listing did not finish; %s was not "
		        "changed\n",
		        u.path);
		rc = EXIT_FAIL;
	} else if (st.conflict) {
		fprintf(stderr, "ddbtui: %s; %s was not changed\n", st.err.message, u.path);
		rc = EXIT_FAIL;
	} else if (st.err.kind != DDB_ERR_NONE) {
		rc = cognito_fail(&st.err, endpoint, pool);
	} else {
		if (st.changes.n == 0) {
			fprintf(stderr,
			        "%zu Cognito users in %s; no user changed; %s not rewritten\n",
			        st.listed, pool, u.path);
			rc = EXIT_OK;
		} else {
			rc = save_users(&u);
			for (i = 0; rc == EXIT_OK && i < st.changes.n; i++)
				printf("%s: %s -> %s\n", st.changes.v[i].handle,
				       st.changes.v[i].old_id[0] ? st.changes.v[i].old_id
				                                 : "(none)",
				       st.changes.v[i].new_id);
			fflush(stdout);
			if (rc == EXIT_OK)
				fprintf(stderr,
				        "%zu Cognito users in %s; %zu user%s changed; saved %s\n",
				        st.listed, pool, st.changes.n, st.changes.n == 1 ? "" : "s",
				        u.path);
			else
				fprintf(stderr, "ddbtui: %s was not changed\n", u.path);
		}
	}
	cli_release_signals();
	ddb_cognito_changes_done(&st.changes);
	ddb_users_done(&u);
	free(endpoint);
	return rc;
}
