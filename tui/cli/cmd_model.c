/* cmd_model.c - the conversation subcommands: seed, get-conversation, list-conversations, send. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddb/buf.h"
#include "ddb/model/dialogue.h"
#include "ddb/model/model.h"
#include "ddb/model/seed.h"
#include "ddb/model/users.h"

static const char *opt_my_handle;
static const char *opt_other_handle;
static const char *opt_group;
static const char *opt_conversation;
static const char *opt_count;
static const char *opt_start;
static const char *opt_year;
static const char *opt_limit;
static const char *opt_as;
static const char *opt_to;
static int opt_all;
static int opt_json;
static int opt_no_refresh;

const struct cli_opt seed_opts[] = {
    {"--my-handle", "H", "Person 1 of the dialogue (default andrewbrown)", &opt_my_handle, NULL},
    {"--other-handle", "H", "Person 2 (default bayko)", &opt_other_handle, NULL},
    {"--group", "UUID", "conversation uuid (default " DDB_MODEL_SEED_GROUP ")", &opt_group, NULL},
    {"--conversation", "FILE",
     "dialogue file, 'Person 1: ...'/'Person 2: ...' lines "
     "(default: the built-in dialogue)",
     &opt_conversation, NULL},
    {"--count", "N", "messages to write, repeating the dialogue (default: one per line)",
     &opt_count, NULL},
    {"--start", "ISO-TIME", "time of the first message (default: now minus one day)", &opt_start,
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt get_conversation_opts[] = {
    {"--year", "YYYY", "only messages of that year (the original's filter)", &opt_year, NULL},
    {"--limit", "N", "the N most recent messages (default 20)", &opt_limit, NULL},
    {"--all", NULL, "every message, all pages", NULL, &opt_all},
    {"--json", NULL, "one JSON object a line, in the API's shape", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt list_conversations_opts[] = {
    {"--year", "YYYY", "only conversations active in that year", &opt_year, NULL},
    {"--limit", "N", "the N most recent conversations (default 20)", &opt_limit, NULL},
    {"--all", NULL, "every conversation, all pages", NULL, &opt_all},
    {"--json", NULL, "one JSON object a line, in the API's shape", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt send_opts[] = {
    {"--as", "HANDLE", "the sender (required)", &opt_as, NULL},
    {"--group", "UUID", "into this conversation (pattern C)", &opt_group, NULL},
    {"--to", "HANDLE", "to this user: their conversation, or a new one (pattern D)", &opt_to, NULL},
    {"--no-group-refresh", NULL, "a stream handler updates the group rows (skip pattern E)", NULL,
     &opt_no_refresh},
    {"--json", NULL, "print the new message in the API's shape", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

/* Loads the users directory; prints the error. */
static int load_users(struct app *app, struct ddb_users *users)
{
	struct ddb_error err;
	char *path;

	ddb_error_clear(&err);
	memset(users, 0, sizeof(*users));
	path = ddb_users_path(app->s.users_file, NULL, &err);
	if (!path) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		return EXIT_USAGE;
	}
	if (ddb_users_load(users, path, &err) != 0) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		free(path);
		return EXIT_USAGE;
	}
	if (users->created)
		fprintf(stderr, "ddbtui: created the users directory %s with 3 users\n", path);
	free(path);
	return EXIT_OK;
}

static const struct ddb_user *find_user(const struct ddb_users *users, const char *handle)
{
	const struct ddb_user *u = ddb_users_find(users, handle);

	if (!u)
		fprintf(stderr,
		        "ddbtui: unknown handle '%s' (not in the users directory %s; add it with "
		        "'ddbtui users add %s \"Display Name\" EMAIL')\n",
		        handle, users->path, handle);
	return u;
}

static int check_year(const char *y)
{
	size_t i;

	if (!y)
		return EXIT_OK;
	for (i = 0; y[i]; i++)
		if (y[i] < '0' || y[i] > '9')
			break;
	if (i != 4 || y[i])
		return app_usage_error(NULL, "--year must be four digits, not '%s'", y);
	return EXIT_OK;
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- seed ---- */

struct seed_state {
	struct ddb_error err;
	double started;
	double last_print;
	int tty;
	long total;
	long stale;
	long retried;
	int window_max; /* the most BatchWriteItem requests in flight (the adaptive window) */
};

static void seed_progress(struct ddb_client *c, const struct ddb_seed_progress *p, void *ud)
{
	struct seed_state *st = ud;
	double now = mono_s(), rate;

	(void)c;
	st->stale = p->stale;
	st->retried = p->batch.retried_items;
	st->window_max = p->batch.window_max;
	if (!st->tty || now - st->last_print < 0.1)
		return;
	st->last_print = now;
	rate = p->batch.written / (now - st->started > 0 ? now - st->started : 1e-9);
	fprintf(stderr, "\r\033[Kseed: %s %ld/%ld items, %.0f items/s, %ld retried", p->phase,
	        p->batch.written, p->batch.total ? p->batch.total : st->total, rate,
	        p->batch.retried_items);
	fflush(stderr);
}

static void seed_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct seed_state *st = ud;

	(void)c;
	st->err = *err;
}

int cmd_seed(struct app *app, int argc, char **argv)
{
	struct ddb_seed_opts so;
	struct ddb_seed_plan plan;
	struct seed_state st;
	struct ddb_users users;
	struct ddb_error err;
	char *text = NULL;
	size_t len = 0;
	long count = 0;
	int64_t start = 0;
	int rc;
	double secs;

	(void)argv;
	if (argc > 0)
		return app_usage_error("seed", "seed takes no arguments (see --conversation)");
	if (opt_count &&
	    cli_parse_long("seed", "--count", opt_count, 1, 10000000, &count) != EXIT_OK)
		return EXIT_USAGE;
	if (opt_start && ddb_time_parse(opt_start, &start) != 0)
		return app_usage_error("seed",
		                       "--start must be an ISO-8601 time like "
		                       "2026-11-24T18:26:55.123456+00:00, not '%s'",
		                       opt_start);
	if ((rc = load_users(app, &users)) != EXIT_OK)
		return rc;
	memset(&so, 0, sizeof(so));
	so.table = app->s.table;
	so.me = find_user(&users, opt_my_handle ? opt_my_handle : "andrewbrown");
	so.other = find_user(&users, opt_other_handle ? opt_other_handle : "bayko");
	if (!so.me || !so.other) {
		ddb_users_done(&users);
		return EXIT_USAGE;
	}
	ddb_error_clear(&err);
	if (opt_conversation) {
		text = ddb_read_file(opt_conversation, &len, &err);
		if (!text) {
			ddb_users_done(&users);
			fprintf(stderr, "ddbtui: %s\n", err.message);
			return EXIT_USAGE;
		}
		so.dialogue = text;
		so.dialogue_len = len;
		so.dialogue_name = opt_conversation;
	} else {
		so.dialogue = (const char *)ddb_default_dialogue;
		so.dialogue_len = ddb_default_dialogue_len;
		so.dialogue_name = "built-in dialogue";
	}
	so.group_uuid = opt_group;
	so.count = count;
	so.start_us = start;
	rc = ddb_seed_plan(&so, &plan, &err);
	free(text);
	if (rc != 0) {
		ddb_users_done(&users);
		fprintf(stderr, "ddbtui: %s; nothing written\n", err.message);
		return EXIT_USAGE;
	}
	if ((rc = app_connect(app)) != EXIT_OK) {
		ddb_seed_plan_done(&plan);
		ddb_users_done(&users);
		return rc;
	}
	memset(&st, 0, sizeof(st));
	st.tty = isatty(STDERR_FILENO);
	st.started = mono_s();
	st.total = plan.messages + 2;
	ddb_seed_run(app->s.client, &plan, 0, seed_progress, seed_done, &st, NULL);
	ddb_client_run(app->s.client);
	secs = mono_s() - st.started;
	if (st.tty)
		fprintf(stderr, "\r\033[K");
	if (st.err.kind != DDB_ERR_NONE) {
		rc = app_fail(app, &st.err);
	} else {
		fprintf(stderr,
		        "seeded %ld messages and 2 group rows into %s: conversation %s between %s "
		        "and %s, %s .. %s\n",
		        plan.messages, app->s.table, plan.group_uuid, so.me->handle,
		        so.other->handle, plan.first_sk, plan.last_sk);
		fprintf(
		    stderr,
		    "wrote %ld items in %.2f s: %.0f items/s, %ld retried, up to %d requests in "
		    "flight; removed %ld rows of an earlier seed\n",
		    plan.messages + 2, secs, (double)(plan.messages + 2) / (secs > 0 ? secs : 1e-9),
		    st.retried, st.window_max, st.stale);
		rc = EXIT_OK;
	}
	ddb_seed_plan_done(&plan);
	ddb_users_done(&users);
	return rc;
}

/* ---- A and B on the command line ---- */

struct pages_state {
	cJSON *items; /* newest first */
	cJSON *next;
	struct ddb_error err;
	int done;
};

static void page_got(struct ddb_client *c, const struct ddb_error *err, const cJSON *items,
                     const cJSON *next_key, void *ud)
{
	struct pages_state *st = ud;
	const cJSON *it;

	(void)c;
	st->err = *err;
	cJSON_Delete(st->next);
	st->next = next_key ? cJSON_Duplicate(next_key, 1) : NULL;
	cJSON_ArrayForEach(it, items) cJSON_AddItemToArray(st->items, cJSON_Duplicate(it, 1));
	st->done = 1;
}

/* Fetches pages until limit items (or all); returns the items newest first, or NULL. */
static cJSON *fetch(struct app *app, int messages, const char *id, long limit, int all,
                    struct ddb_error *err)
{
	struct pages_state st;
	long have;

	memset(&st, 0, sizeof(st));
	st.items = cJSON_CreateArray();
	do {
		long want = all ? 100 : limit - cJSON_GetArraySize(st.items);
		cJSON *start = st.next;

		st.next = NULL;
		if (want > 1000)
			want = 1000;
		if (messages)
			ddb_model_messages(app->s.client, app->s.table, id, opt_year, (int)want,
			                   start, page_got, &st, NULL);
		else
			ddb_model_conversations(app->s.client, app->s.table, id, opt_year,
			                        (int)want, start, page_got, &st, NULL);
		ddb_client_run(app->s.client);
		if (st.err.kind != DDB_ERR_NONE) {
			*err = st.err;
			cJSON_Delete(st.items);
			cJSON_Delete(st.next);
			return NULL;
		}
		have = cJSON_GetArraySize(st.items);
	} while (st.next && (all || have < limit));
	cJSON_Delete(st.next);
	return st.items;
}

static void print_json_line(const cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);

	printf("%s\n", s);
	free(s);
}

static int list_common(struct app *app, int argc, char **argv, int messages)
{
	struct ddb_users users;
	struct ddb_error err;
	const struct ddb_user *u = NULL;
	const char *id;
	long limit = 20;
	cJSON *items;
	int rc, i, n;

	if (argc > 1)
		return app_usage_error(messages ? "get-conversation" : "list-conversations",
		                       "too many arguments");
	if (opt_limit && cli_parse_long(NULL, "--limit", opt_limit, 1, 1000000, &limit) != EXIT_OK)
		return EXIT_USAGE;
	if (check_year(opt_year) != EXIT_OK)
		return EXIT_USAGE;
	memset(&users, 0, sizeof(users));
	if (messages) {
		id = argc ? argv[0] : DDB_MODEL_SEED_GROUP;
	} else {
		if ((rc = load_users(app, &users)) != EXIT_OK)
			return rc;
		u = find_user(&users, argc ? argv[0] : "andrewbrown");
		if (!u) {
			ddb_users_done(&users);
			return EXIT_USAGE;
		}
		id = u->uuid;
	}
	if ((rc = app_connect(app)) != EXIT_OK) {
		ddb_users_done(&users);
		return rc;
	}
	items = fetch(app, messages, id, limit, opt_all, &err);
	if (!items) {
		ddb_users_done(&users);
		return app_fail(app, &err);
	}
	n = cJSON_GetArraySize(items);
	if (n == 0 && !opt_json)
		fprintf(stderr,
		        messages ? "no messages in conversation %s\n" : "no conversations for %s\n",
		        messages ? id : u->handle);
	/* messages: oldest first, like a chat; conversations: newest first, like an inbox */
	for (i = 0; i < n; i++) {
		const cJSON *it = cJSON_GetArrayItem(items, messages ? n - 1 - i : i);
		char when[40];

		if (opt_json) {
			print_json_line(it);
			continue;
		}
		ddb_time_local_sk(cJSON_GetObjectItemCaseSensitive(it, "created_at")->valuestring,
		                  when, sizeof(when));
		printf("%-16s %s  %s\n",
		       cJSON_GetObjectItemCaseSensitive(it, "handle")->valuestring, when,
		       cJSON_GetObjectItemCaseSensitive(it, "message")->valuestring);
	}
	cJSON_Delete(items);
	ddb_users_done(&users);
	return EXIT_OK;
}

int cmd_get_conversation(struct app *app, int argc, char **argv)
{
	return list_common(app, argc, argv, 1);
}

int cmd_list_conversations(struct app *app, int argc, char **argv)
{
	return list_common(app, argc, argv, 0);
}

/* ---- send ---- */

struct send_state {
	struct ddb_error err;
	cJSON *message;
	char group[37];
	int created;
};

static void sent(struct ddb_client *c, const struct ddb_error *err, const cJSON *message,
                 const char *group_uuid, int created, void *ud)
{
	struct send_state *st = ud;

	(void)c;
	st->err = *err;
	if (message)
		st->message = cJSON_Duplicate(message, 1);
	snprintf(st->group, sizeof(st->group), "%s", group_uuid ? group_uuid : "");
	st->created = created;
}

int cmd_send(struct app *app, int argc, char **argv)
{
	struct ddb_users users;
	struct ddb_error err;
	struct send_state st;
	const struct ddb_user *from, *to = NULL;
	char *text;
	size_t len;
	int rc;

	if (!opt_as)
		return app_usage_error("send", "send needs --as HANDLE");
	if (!opt_group == !opt_to)
		return app_usage_error("send", "send needs exactly one of --group UUID and --to "
		                               "HANDLE");
	if (argc != 1)
		return app_usage_error("send", "send needs the message as one argument ('-' reads "
		                               "it from standard input)");
	ddb_error_clear(&err);
	if (strcmp(argv[0], "-") == 0) {
		text = ddb_read_file("/dev/stdin", &len, &err);
		if (!text) {
			fprintf(stderr, "ddbtui: %s\n", err.message);
			return EXIT_USAGE;
		}
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
	} else {
		text = strdup(argv[0]);
		if (!text)
			return EXIT_FAIL;
	}
	if (ddb_message_validate(text, &err) != 0) {
		fprintf(stderr, "ddbtui: %s; nothing written\n", err.message);
		free(text);
		return EXIT_USAGE;
	}
	if ((rc = load_users(app, &users)) != EXIT_OK) {
		free(text);
		return rc;
	}
	from = find_user(&users, opt_as);
	if (opt_to)
		to = find_user(&users, opt_to);
	if (!from || (opt_to && !to)) {
		ddb_users_done(&users);
		free(text);
		return EXIT_USAGE;
	}
	if ((rc = app_connect(app)) != EXIT_OK) {
		ddb_users_done(&users);
		free(text);
		return rc;
	}
	memset(&st, 0, sizeof(st));
	if (opt_to)
		ddb_model_send_to(app->s.client, app->s.table, from, to, text, 0, opt_no_refresh,
		                  sent, &st, NULL);
	else
		ddb_model_send(app->s.client, app->s.table, opt_group, from, text, 0,
		               opt_no_refresh, sent, &st, NULL);
	ddb_client_run(app->s.client);
	free(text);
	if (st.err.kind != DDB_ERR_NONE) {
		ddb_users_done(&users);
		cJSON_Delete(st.message);
		if (st.err.kind == DDB_ERR_USAGE) {
			fprintf(stderr, "ddbtui: %s; nothing written\n", st.err.message);
			return EXIT_USAGE;
		}
		return app_fail(app, &st.err);
	}
	if (opt_json)
		print_json_line(st.message);
	fprintf(stderr, "%s %s at %s\n",
	        st.created ? "started a new conversation" : "sent into conversation", st.group,
	        cJSON_GetObjectItemCaseSensitive(st.message, "created_at")->valuestring);
	cJSON_Delete(st.message);
	ddb_users_done(&users);
	return EXIT_OK;
}
