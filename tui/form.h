/* form.h - the forms of the query builder and the create-table form, and pieces the seed wizard
 * shares: labelled rows that the view rebuilds whenever its data changes, a cursor that skips
 * headings, choices that cycle with Left/Right (or Space) or open a list with Enter, text edited
 * on the bottom line (tui_prompt). The view owns its data: the form shows rows and reports each
 * edit through a callback, after which the view rebuilds the rows. */
#ifndef TUI_FORM_H
#define TUI_FORM_H

#include <stddef.h>

#include "keymaps/keymap.h"
#include "tui/canvas.h"

struct tui;
struct ddb_buf;

enum form_kind {
	FORM_HEADING, /* a section title: the cursor skips it */
	FORM_TEXT,    /* Enter edits the text */
	FORM_CHOICE,  /* Enter opens the list of choices (two: toggles), Left/Right cycle */
	FORM_KEY,     /* a text (Enter) and a choice (Left/Right): a key's name and type */
	FORM_BUTTON,  /* Enter acts: form_handle returns FORM_ACTIVATE */
};

#define FORM_LABEL_MAX   48
#define FORM_PROMPT_MAX  120
#define FORM_NOTE_MAX    320
#define FORM_CHOICES_MAX 32
#define FORM_ERROR_MAX   400
#define FORM_BELOW_KEEP  8 /* rows a pane keeps under a long form (form_pane_draw) */

struct form_row {
	int id, sub; /* the view's: which field, which line of a list */
	enum form_kind kind;
	char label[FORM_LABEL_MAX];
	char prompt[FORM_PROMPT_MAX];    /* the prompt's label; "" uses the label */
	char *text;                      /* TEXT, KEY, BUTTON, HEADING (owned) */
	char *choices[FORM_CHOICES_MAX]; /* CHOICE, KEY (owned) */
	int nchoices, choice;
	char note[FORM_NOTE_MAX]; /* after the value */
	int note_style;
};

/* An edit of row (id, sub): text (trimmed) from the prompt, or a choice (text NULL). */
typedef void form_edit_fn(void *owner, int id, int sub, const char *text, int choice);

struct form {
	struct tui *tui;
	form_edit_fn *edit;
	void *owner;
	struct form_row *rows;
	int n, cap;
	int sel, top;
	int label_w;
	int choosing; /* the selected row's list is open */
	int choose_sel;
	int edit_id, edit_sub;      /* the row a prompt is open for */
	int keep_id, keep_sub;      /* the selection across a rebuild */
	int sel_y, val_x;           /* where the selected row's value was drawn (-1: not shown) */
	char error[FORM_ERROR_MAX]; /* why the form builds nothing ("": it builds): the view's
	                             * check writes it, form_draw_error shows it */
};

/* label_w: the label column. edit and owner receive the edits. */
void form_init(struct form *f, struct tui *t, int label_w, form_edit_fn *edit, void *owner);
/* Frees the rows and detaches a prompt still open for the form. */
void form_done(struct form *f);

/* Rebuilding: form_begin clears the rows, form_add appends one (text may be NULL), form_end puts
 * the cursor back on the row with the same id and sub (or the nearest selectable one). */
void form_begin(struct form *f);
struct form_row *form_add(struct form *f, int id, int sub, enum form_kind kind, const char *label,
                          const char *text);
void form_choices(struct form_row *r, const char *const *choices, int n, int choice);
void form_note(struct form_row *r, int style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void form_end(struct form *f);

const struct form_row *form_selected(const struct form *f); /* NULL if none */
/* Moves the cursor to the row (id, sub), if there is one. */
void form_select(struct form *f, int id, int sub);
/* Moves the cursor to the row (id, sub) and opens its prompt, as Enter does (a new line's first
 * field, asked for straight away). */
void form_edit_row(struct form *f, int id, int sub);
/* For the edit callback: *dst becomes a copy of text (NULL: ""), the old text freed. */
void form_set_text(char **dst, const char *text);

enum { FORM_IGNORED = 0, FORM_HANDLED = 1, FORM_ACTIVATE = 2 };
/* Moves, edits, chooses. FORM_ACTIVATE: Enter on a button (see form_selected). */
int form_handle(struct form *f, enum keymap_action act, int key);

/* What a form view does with the keys the form leaves: Enter on a button (the row), R (run), a
 * (add a line), x (remove the line under the cursor). Each gets the form's owner; NULL: the key
 * is not the view's. */
struct form_keys {
	void (*button)(void *owner, const struct form_row *row);
	void (*run)(void *owner);
	void (*add_line)(void *owner);
	void (*remove_line)(void *owner);
};
/* form_handle, then the view's keys. 1 if the key was handled, else 0 (the generic handler's). */
int form_handle_keys(struct form *f, const struct form_keys *k, enum keymap_action act, int key);
/* Draws the rows into r, scrolled to keep the cursor visible. Returns the rows drawn. */
int form_draw(struct form *f, struct canvas *cv, struct rect r, int focused);
/* The open list of choices, over whatever was drawn in r (the pane): call last. */
void form_draw_overlay(struct form *f, struct canvas *cv, struct rect r);
/* Rows the form needs to show every row. */
int form_height(const struct form *f);

/* A form view's pane: the form on top, what it builds under it (a preview of the request, or the
 * error), a hint on the bottom line. The whole form if that leaves `below` rows (at most
 * FORM_BELOW_KEEP) under it, else the form scrolls in what is left, at least half of the pane.
 * Returns the first row under the form; the caller draws from there to the hint line
 * (r.y + r.h - 1), then calls form_pane_end. */
int form_pane_draw(struct form *f, struct canvas *cv, struct rect r, int below, int focused);
/* The hint line, then the open list of choices over the pane. */
void form_pane_end(struct form *f, struct canvas *cv, struct rect r, const char *hint);
/* The error (f->error), wrapped from (x, y) in w columns down to row bottom (excluded). 1 if there
 * is one (drawn if there is room), else 0. FORM_ERROR_ROWS: the rows a pane keeps for it. */
#define FORM_ERROR_ROWS 2
int form_draw_error(const struct form *f, struct canvas *cv, int x, int y, int w, int bottom);
/* The note of the row that builds the form (Run, Create) while there is an error. */
void form_note_error(struct form_row *r);

/* ---- pieces ---- */

/* Draws text in at most w columns, cut with an ellipsis when it does not fit. Returns columns. */
int form_draw_fit(struct canvas *cv, int x, int y, int w, const char *text, int style);
/* Draws text wrapped at w columns (continuation lines indented by indent), at most maxrows rows.
 * Returns the rows drawn. */
int form_draw_wrapped(struct canvas *cv, int x, int y, int w, int maxrows, int indent,
                      const char *text, int style);
/* The text without surrounding blanks (heap). */
char *form_trimmed(const char *s);
/* A progress bar of width cells, done of total filled. */
void form_bar(struct ddb_buf *b, int width, long done, long total);
/* Detaches a prompt still open with ud as its user data (before ud is freed). */
void form_drop_prompt(struct tui *t, const void *ud);

#endif
