/* model.h - the Cruddur messaging model (cruddur-model.md): times, message validation, access
 * patterns A-E and the seed, all asynchronous on the shared queue.
 *
 * Results use the app's API shapes (cJSON objects):
 *   message (A):      {"uuid", "display_name", "handle", "message", "created_at"}
 *   conversation (B): {"uuid": group uuid, "display_name", "handle": other user, "message",
 *                      "created_at": group row's sk}
 */
#ifndef DDB_MODEL_H
#define DDB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "ops.h"
#include "queue.h"
#include "users.h"

#define DDB_MODEL_TABLE       "cruddur-messages"
#define DDB_MODEL_GSI         "message-group-sk-index"
#define DDB_MODEL_SEED_GROUP  "5ae290ed-55d1-47a0-bc6d-fe2bc2700399"
#define DDB_MESSAGE_MAX_CHARS 1024
#define DDB_TIME_LEN          33 /* "2026-11-24T18:26:55.123456+00:00" and NUL */

/* ---- time: one format everywhere, UTC with microseconds and an explicit offset ---- */
int64_t ddb_time_now_us(void);
void ddb_time_format(int64_t unix_us, char out[DDB_TIME_LEN]);
/* Parses ISO-8601 "YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM)" (a space for T is fine; no
 * offset means UTC). 0 or -1. */
int ddb_time_parse(const char *s, int64_t *unix_us);

/* "2026-11-24 19:26" in the local time zone, for people; from a time, or from an sk (shown
 * as is if it is not a time). */
void ddb_time_local(int64_t unix_us, char *out, size_t n);
void ddb_time_local_sk(const char *sk, char *out, size_t n);

/* ---- validation ---- */
/* Unicode code points in UTF-8 text (invalid bytes count one each). */
size_t ddb_utf8_chars(const char *s);
/* A message must have a non-blank text of at most 1024 characters. On error err->type is
 * "message_blank" or "message_exceed_max_chars" (the API's codes) and kind DDB_ERR_USAGE. */
int ddb_message_validate(const char *text, struct ddb_error *err);

/* ---- rows ---- */
/* The message row (raw DynamoDB item) of a message. */
cJSON *ddb_model_message_row(const char *group_uuid, const char *message_uuid, const char *sk,
                             const char *text, const struct ddb_user *sender);
/* The group row in owner's inbox describing the other participant. */
cJSON *ddb_model_group_row(const char *group_uuid, const char *owner_uuid, const char *sk,
                           const char *text, const struct ddb_user *other);
/* API shapes from raw rows (new objects; NULL if the row lacks fields). */
cJSON *ddb_model_message_shape(const cJSON *row);
cJSON *ddb_model_conversation_shape(const cJSON *row);

/* ---- A and B: one page, newest first ---- */
/* items: array of API shapes, newest first (borrowed). next_key: the page token for older
 * items (borrowed; NULL at the end); pass a copy to the next call. */
typedef void ddb_model_page_cb(struct ddb_client *c, const struct ddb_error *err,
                               const cJSON *items, const cJSON *next_key, void *ud);
/* year may be NULL (no filter) or "2026" (begins_with(sk, year), as the original). start_key
 * (taken) may be NULL. limit <= 0 means 20. */
void ddb_model_messages(struct ddb_client *c, const char *table, const char *group_uuid,
                        const char *year, int limit, cJSON *start_key, ddb_model_page_cb *cb,
                        void *ud, const void *tag);
void ddb_model_conversations(struct ddb_client *c, const char *table, const char *user_uuid,
                             const char *year, int limit, cJSON *start_key, ddb_model_page_cb *cb,
                             void *ud, const void *tag);

/* ---- C, D, E ---- */
/* message: the new message's API shape (borrowed); group_uuid: its conversation; created: 1
 * if D started a new conversation. */
typedef void ddb_model_sent_cb(struct ddb_client *c, const struct ddb_error *err,
                               const cJSON *message, const char *group_uuid, int created, void *ud);

/* C (then E unless no_refresh): a message into an existing conversation. now_us <= 0: now.
 * The text is validated first; nothing is written on a validation error (the callback runs
 * from the queue, never inside this call). */
void ddb_model_send(struct ddb_client *c, const char *table, const char *group_uuid,
                    const struct ddb_user *sender, const char *text, int64_t now_us, int no_refresh,
                    ddb_model_sent_cb *cb, void *ud, const void *tag);
/* D: to a user: into the conversation the sender already has with them (C, E), or a new one
 * (two group rows and the message in one BatchWriteItem). */
void ddb_model_send_to(struct ddb_client *c, const char *table, const struct ddb_user *sender,
                       const struct ddb_user *recipient, const char *text, int64_t now_us,
                       int no_refresh, ddb_model_sent_cb *cb, void *ud, const void *tag);
/* E: every group row of the conversation gets sk and message of the newest message. */
void ddb_model_refresh_groups(struct ddb_client *c, const char *table, const char *group_uuid,
                              const char *sk, const char *text, ddb_done_cb *done, void *ud,
                              const void *tag);

/* ---- seed ---- */
struct ddb_seed_opts {
	const char *table;
	const struct ddb_user *me;    /* Person 1 */
	const struct ddb_user *other; /* Person 2 */
	const char *group_uuid;       /* NULL: DDB_MODEL_SEED_GROUP */
	const char *dialogue;         /* text of the conversation file */
	size_t dialogue_len;
	const char *dialogue_name; /* for messages: the file name, or "built-in dialogue" */
	long count;                /* messages to write; <= 0: one per dialogue line */
	int64_t start_us;          /* time of message 0; <= 0: now minus one day */
};

struct ddb_seed_plan {
	char *table;
	char group_uuid[37];
	cJSON *items; /* raw rows to put: N message rows, then the 2 group rows */
	long messages;
	char first_sk[DDB_TIME_LEN], last_sk[DDB_TIME_LEN];
};

/* Parses and validates the dialogue and builds every row; no I/O. Errors name the line:
 * "dialogue.txt: line 7: expected 'Person 1: <text>' or 'Person 2: <text>'". */
int ddb_seed_plan(const struct ddb_seed_opts *opts, struct ddb_seed_plan *plan,
                  struct ddb_error *err);
void ddb_seed_plan_done(struct ddb_seed_plan *plan);

struct ddb_seed_progress {
	const char *phase; /* "reading" (old rows), "writing" */
	long stale;        /* rows of an earlier seed that are removed */
	struct ddb_batch_progress batch;
};
typedef void ddb_seed_progress_cb(struct ddb_client *c, const struct ddb_seed_progress *p,
                                  void *ud);
/* Writes the plan: removes the conversation's earlier rows that the plan does not rewrite
 * (message rows and group rows of this group), puts every row, 25 a request, `parallel` at
 * once. The plan is borrowed until done runs. */
void ddb_seed_run(struct ddb_client *c, const struct ddb_seed_plan *plan, int parallel,
                  ddb_seed_progress_cb *progress, ddb_done_cb *done, void *ud, const void *tag);

#endif
