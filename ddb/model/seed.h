/* seed.h - the seed of the Cruddur model: a conversation between two users from a dialogue
 * (dialogue.h has the built-in one), planned whole without I/O, then written through the queue
 * over what an earlier seed of that conversation left. */
#ifndef DDB_MODEL_SEED_H
#define DDB_MODEL_SEED_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "ddb/error.h"
#include "ddb/ops.h"
#include "ddb/queue.h"
#include "ddb/model/model.h"

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
