/* model.h - the Cruddur messaging model (cruddur-model.md), the chat app's domain on top of the
 * generic client (ddb/): message validation, its rows, the access patterns A-E, all
 * asynchronous on the shared queue, and the model's table. The seed is in seed.h, the users
 * directory in users.h, Cognito in cognito.h. Nothing in ddb/ outside this folder includes it.
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

#include "ddb/error.h"
#include "ddb/ops.h"
#include "ddb/queue.h"
#include "ddb/time.h"
#include "ddb/model/users.h"

#define DDB_MODEL_TABLE       "cruddur-messages"
#define DDB_MODEL_GSI         "message-group-sk-index"
#define DDB_MODEL_SEED_GROUP  "5ae290ed-55d1-47a0-bc6d-fe2bc2700399"
#define DDB_MESSAGE_MAX_CHARS 1024

/* ---- validation ---- */
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

/* ---- the model's table ---- */
/* The table of the model (cruddur-model.md) as a spec: pk and sk (S), the GSI
 * message-group-sk-index (message_group_uuid, sk; ALL), PROVISIONED at rcu/wcu, named table.
 * 0, or -1 with err (a bad name or capacity). */
struct ddb_table_spec;
int ddb_cruddur_spec(struct ddb_table_spec *spec, const char *table, long rcu, long wcu,
                     struct ddb_error *err);
/* Its CreateTable request (caller frees), or NULL with err. */
cJSON *ddb_cruddur_schema(const char *table, long rcu, long wcu, struct ddb_error *err);

#endif
