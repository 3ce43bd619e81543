/* edit_priv.h - what the files of the editing service share (views/edit.c: the editor round
 * trip, deletes, the journal; views/review.c: the review and conflict view; views/undo.c: undo).
 * Private to them: everyone else goes through views/edit.h. */
#ifndef VIEWS_EDIT_PRIV_H
#define VIEWS_EDIT_PRIV_H

#include <cjson/cJSON.h>

#include "ddb/buf.h"
#include "ddb/tablespec.h"
#include "ddb/write.h"
#include "views/edit.h"

#define VALUE_W   60 /* columns of a value in the list of changes */
#define KEY_VAL_W 40 /* columns of a key value in messages */

struct tui;

/* Text without control characters, cut to w columns with an ellipsis. */
void edit_put_cut(struct ddb_buf *b, const char *s, int w);
/* "pk=alpha, sk=1" (heap). */
char *edit_key_text(const cJSON *key);
/* Marks a journal entry undone; a failure is only reported. */
void edit_journal_mark(struct tui *t, long id);

/* ---- the guarded write, with the UI's journal (ddb/write.h) ---- */
typedef void write_cb(struct tui *t, const struct ddb_write_result *res, void *ud);
/* ddb_guarded_write with the UI's journal; cb runs once with the UI, whatever happens. */
void edit_guarded_write(struct tui *t, const char *table, cJSON *key, const cJSON *expect,
                        const cJSON *item, write_cb *cb, void *ud, const void *tag);

/* ---- confirmations ----
 * A question typed on the prompt line. The prompt's ud is the object asked about itself (a view
 * closed meanwhile takes its prompt with it: tui/loop.c), so each question has its own small
 * callback that hands the answer to edit_answer(). */
struct question {
	const char *answers[2]; /* the second may be NULL */
	const char *declined;   /* shown for any other answer */
	void (*go)(struct tui *t, void *ud);
	void (*drop)(void *ud); /* frees ud when declined; may be NULL */
};
/* Runs q->go if text is one of the answers, else says q->declined and drops ud. */
void edit_answer(struct tui *t, const char *text, const struct question *q, void *ud);

/* ---- a session: one item through the editor ---- */
enum edit_kind {
	EK_CHANGE, /* e: an existing item */
	EK_NEW,    /* a, p: no item with its key may exist */
	EK_DELETE, /* x: only for showing a conflict */
};

struct edit_session {
	struct tui *t;
	enum edit_kind kind;
	char *table;
	cJSON *key_names;  /* array of names */
	cJSON *key_types;  /* object name -> "S" | "N" | "B" (may lack some) */
	int raw;           /* edited as DynamoDB JSON */
	cJSON *loaded;     /* EK_CHANGE, EK_DELETE: the item as loaded */
	cJSON *hint;       /* the type hint for plain JSON, or NULL */
	cJSON *source_key; /* p: the original's key, which the copy must not keep */
	char *path;        /* the recovery file; NULL once removed */
	cJSON *edited;     /* the checked item from the editor */
	cJSON *current;    /* after a failed condition: the item now (NULL: absent) */
	long jid;          /* the journal entry of the write in flight */
	int step;          /* a key change: 1 the copy, 2 the delete of the old item */
	int copied;        /* a key change whose copy is written */
	/* the table as DescribeTable had it when the editor started, for its indexes' keys (no
	 * indexes if that failed: DynamoDB still checks them, but then only after "y") */
	struct ddb_table_spec spec;
};

struct edit_session *edit_session_new(struct tui *t, const struct edit_target *tg,
                                      enum edit_kind kind);
/* Removes the recovery file (the text is written, or given up). */
void edit_session_forget_file(struct edit_session *s);
void edit_session_free(struct edit_session *s);
/* A copy of item with its key attributes first, in the order of key_names. */
cJSON *edit_keys_first(const cJSON *item, const cJSON *key_names);
/* The item as the text the editor shows (plain or DynamoDB JSON, as the session edits). */
char *edit_item_text(struct edit_session *s, const cJSON *item);
/* Runs the editor until the text is valid (1, s->edited set), there is nothing to write (0, the
 * file removed, the reason shown), or it cannot go on (-1, the file kept, the error shown).
 * reopened: the file already holds an error header. */
int edit_loop(struct edit_session *s, int reopened);

/* ---- the review view (review.c) ---- */
enum review_state {
	RS_REVIEW,   /* y writes, e edits again, n discards */
	RS_SAVING,   /* a write is on its way */
	RS_CONFLICT, /* not written: the current version next to the user's */
};
struct review_view;
/* Opens the review of s (which it then owns) in state. */
struct review_view *edit_review_open(struct edit_session *s, enum review_state state);
/* The view of rv, for tui_open. */
struct view *edit_review_base(struct review_view *rv);
/* Shows the conflict: current (NULL: absent) next to the user's version, under headline. */
void edit_review_conflict(struct review_view *rv, const cJSON *current, const char *headline);
/* After the editor: rc from edit_loop; rv the review it came from, or NULL. */
void edit_after_edit(struct edit_session *s, struct review_view *rv, int rc);

#endif
