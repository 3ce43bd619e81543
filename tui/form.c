/* form.c - labelled rows with a cursor, choices, text edited through the prompt (tui/form.h). */
#include "tui/form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "tui/ui.h"
#include "tui/widgets.h"

#define ELLIPSIS   "\xe2\x80\xa6"
#define KEY_NAME_W 22 /* a key's type lines up after its name */

/* ---- pieces ---- */

int form_draw_fit(struct canvas *cv, int x, int y, int w, const char *text, int style)
{
	size_t n;
	int used;

	if (w <= 0)
		return 0;
	if (text_width(text) <= w)
		return canvas_text(cv, x, y, w, text, style);
	n = text_fit(text, w - 1);
	used = canvas_textn(cv, x, y, w - 1, text, n, style);
	return used + canvas_text(cv, x + used, y, 1, ELLIPSIS, style);
}

int form_draw_wrapped(struct canvas *cv, int x, int y, int w, int maxrows, int indent,
                      const char *text, int style)
{
	const char *p = text;
	int rows = 0;

	while (*p && rows < maxrows) {
		int cx = rows ? x + indent : x, cw = rows ? w - indent : w;
		size_t fit, cut;

		if (cw < 1)
			break;
		if (rows == maxrows - 1 || text_width(p) <= cw) {
			form_draw_fit(cv, cx, y + rows, cw, p, style);
			rows++;
			break;
		}
		fit = text_fit(p, cw);
		cut = fit;
		if (p[fit]) {
			size_t k = fit;

			while (k > 0 && p[k] != ' ' && p[k - 1] != ',')
				k--;
			if (k > fit / 2)
				cut = k; /* at a blank or after a comma, unless that wastes half
				          * the line */
		}
		if (cut == 0) {
			int len;

			utf8_decode(p, strlen(p), &len);
			cut = (size_t)len;
		}
		canvas_textn(cv, cx, y + rows, cw, p, cut, style);
		p += cut;
		while (*p == ' ')
			p++;
		rows++;
	}
	return rows;
}

char *form_trimmed(const char *s)
{
	size_t n;
	char *d;

	while (*s == ' ' || *s == '\t')
		s++;
	d = ddb_strdup(s);
	n = strlen(d);
	while (n && (d[n - 1] == ' ' || d[n - 1] == '\t'))
		d[--n] = '\0';
	return d;
}

void form_bar(struct ddb_buf *b, int width, long done, long total)
{
	int filled = total > 0 ? (int)((double)width * (double)done / (double)total) : 0, k;

	if (filled > width)
		filled = width;
	for (k = 0; k < width; k++)
		ddb_buf_puts(b, k < filled ? "\xe2\x96\x88" : "\xe2\x96\x91");
}

void form_drop_prompt(struct tui *t, const void *ud)
{
	if (t->prompt.active && t->prompt.ud == ud) {
		t->prompt.done = NULL;
		t->prompt.ud = NULL;
	}
}

/* ---- rows ---- */

void form_init(struct form *f, struct tui *t, int label_w, form_edit_fn *edit, void *owner)
{
	memset(f, 0, sizeof(*f));
	f->tui = t;
	f->label_w = label_w;
	f->edit = edit;
	f->owner = owner;
	f->sel_y = -1;
}

static void row_done(struct form_row *r)
{
	int i;

	free(r->text);
	for (i = 0; i < r->nchoices; i++)
		free(r->choices[i]);
}

static void rows_clear(struct form *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		row_done(&f->rows[i]);
	f->n = 0;
}

void form_done(struct form *f)
{
	form_drop_prompt(f->tui, f);
	rows_clear(f);
	free(f->rows);
	f->rows = NULL;
	f->cap = 0;
}

static int selectable(const struct form *f, int i)
{
	return i >= 0 && i < f->n && f->rows[i].kind != FORM_HEADING;
}

void form_begin(struct form *f)
{
	if (selectable(f, f->sel)) {
		f->keep_id = f->rows[f->sel].id;
		f->keep_sub = f->rows[f->sel].sub;
	} else {
		f->keep_id = f->keep_sub = -1;
	}
	rows_clear(f);
}

struct form_row *form_add(struct form *f, int id, int sub, enum form_kind kind, const char *label,
                          const char *text)
{
	struct form_row *r;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->rows = realloc(f->rows, sizeof(*f->rows) * (size_t)f->cap);
		if (!f->rows)
			abort();
	}
	r = &f->rows[f->n++];
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->sub = sub;
	r->kind = kind;
	snprintf(r->label, sizeof(r->label), "%s", label ? label : "");
	r->text = ddb_strdup(text);
	r->note_style = ST_DIM;
	return r;
}

void form_choices(struct form_row *r, const char *const *choices, int n, int choice)
{
	int i;

	for (i = 0; i < r->nchoices; i++)
		free(r->choices[i]);
	if (n > FORM_CHOICES_MAX)
		n = FORM_CHOICES_MAX;
	for (i = 0; i < n; i++)
		r->choices[i] = ddb_strdup(choices[i]);
	r->nchoices = n;
	r->choice = choice >= 0 && choice < n ? choice : 0;
}

void form_note(struct form_row *r, int style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->note, sizeof(r->note), fmt, ap);
	va_end(ap);
	r->note_style = style;
}

/* The next selectable row from i in direction dir (i itself if selectable), or -1. */
static int next_selectable(const struct form *f, int i, int dir)
{
	for (; i >= 0 && i < f->n; i += dir)
		if (selectable(f, i))
			return i;
	return -1;
}

void form_end(struct form *f)
{
	int i, best = -1;

	for (i = 0; i < f->n; i++) {
		const struct form_row *r = &f->rows[i];

		if (!selectable(f, i) || r->id != f->keep_id)
			continue;
		if (r->sub == f->keep_sub) {
			best = i;
			break;
		}
		if (r->sub < f->keep_sub)
			best = i; /* the line before a removed one */
	}
	if (best < 0) {
		if (f->sel >= f->n)
			f->sel = f->n - 1;
		best = next_selectable(f, f->sel < 0 ? 0 : f->sel, 1);
		if (best < 0)
			best = next_selectable(f, f->n - 1, -1);
	}
	f->sel = best < 0 ? 0 : best;
	if (f->choosing && !(selectable(f, f->sel) && f->rows[f->sel].nchoices))
		f->choosing = 0;
}

const struct form_row *form_selected(const struct form *f)
{
	return selectable(f, f->sel) ? &f->rows[f->sel] : NULL;
}

void form_select(struct form *f, int id, int sub)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (selectable(f, i) && f->rows[i].id == id && f->rows[i].sub == sub) {
			f->sel = i;
			f->choosing = 0;
			return;
		}
}

int form_height(const struct form *f)
{
	return f->n;
}

void form_set_text(char **dst, const char *text)
{
	free(*dst);
	*dst = ddb_strdup(text);
}

/* ---- keys ---- */

static void prompt_done(struct tui *t, const char *text, void *ud)
{
	struct form *f = ud;
	char *v;

	(void)t;
	if (!text)
		return;
	v = form_trimmed(text);
	f->edit(f->owner, f->edit_id, f->edit_sub, v, -1);
	free(v);
}

static void start_edit(struct form *f, const struct form_row *r)
{
	char label[FORM_PROMPT_MAX + 8];
	const char *l = r->prompt[0] ? r->prompt : r->label;

	while (*l == ' ')
		l++;
	f->edit_id = r->id;
	f->edit_sub = r->sub;
	snprintf(label, sizeof(label), "%s >", l);
	tui_prompt(f->tui, label, r->text, 0, prompt_done, f);
}

/* Tells the owner the row's choice is now i (the rows are rebuilt: r is not used after). */
static void choose(struct form *f, const struct form_row *r, int i)
{
	int id = r->id, sub = r->sub;

	if (i < 0 || i >= r->nchoices || i == r->choice)
		return;
	f->edit(f->owner, id, sub, NULL, i);
}

static void cycle(struct form *f, const struct form_row *r, int dir)
{
	if (r->nchoices < 2)
		return;
	choose(f, r, (r->choice + dir + r->nchoices) % r->nchoices);
}

static void move(struct form *f, int steps)
{
	int dir = steps < 0 ? -1 : 1, i = f->sel, n = steps < 0 ? -steps : steps;

	while (n-- > 0) {
		int j = next_selectable(f, i + dir, dir);

		if (j < 0)
			break;
		i = j;
	}
	f->sel = i;
}

static int chooser_key(struct form *f, const struct form_row *r, enum keymap_action act)
{
	switch (act) {
	case ACT_MOVE_UP:
		if (f->choose_sel > 0)
			f->choose_sel--;
		break;
	case ACT_MOVE_DOWN:
		if (f->choose_sel < r->nchoices - 1)
			f->choose_sel++;
		break;
	case ACT_MOVE_FIRST:
	case ACT_PAGE_UP:
		f->choose_sel = 0;
		break;
	case ACT_MOVE_LAST:
	case ACT_PAGE_DOWN:
		f->choose_sel = r->nchoices - 1;
		break;
	case ACT_OPEN:
		f->choosing = 0;
		choose(f, r, f->choose_sel);
		break;
	case ACT_BACK:
		f->choosing = 0;
		break;
	case ACT_QUIT:
	case ACT_CANCEL:
		return FORM_IGNORED;
	default:
		break; /* the list is open: other keys wait */
	}
	return FORM_HANDLED;
}

int form_handle(struct form *f, enum keymap_action act, int key)
{
	const struct form_row *r = form_selected(f);
	int has_choice = r && (r->kind == FORM_CHOICE || r->kind == FORM_KEY) && r->nchoices;

	if (f->choosing) {
		if (has_choice)
			return chooser_key(f, r, act);
		f->choosing = 0;
	}
	switch (act) {
	case ACT_MOVE_UP:
		move(f, -1);
		return FORM_HANDLED;
	case ACT_MOVE_DOWN:
		move(f, 1);
		return FORM_HANDLED;
	case ACT_PAGE_UP:
		move(f, -10);
		return FORM_HANDLED;
	case ACT_PAGE_DOWN:
		move(f, 10);
		return FORM_HANDLED;
	case ACT_MOVE_FIRST:
		move(f, -f->n);
		return FORM_HANDLED;
	case ACT_MOVE_LAST:
		move(f, f->n);
		return FORM_HANDLED;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT:
		if (has_choice)
			cycle(f, r, act == ACT_SCROLL_LEFT ? -1 : 1);
		return FORM_HANDLED;
	case ACT_OPEN:
		if (!r)
			return FORM_HANDLED;
		if (r->kind == FORM_TEXT || r->kind == FORM_KEY) {
			start_edit(f, r);
		} else if (r->kind == FORM_CHOICE && r->nchoices == 2) {
			cycle(f, r, 1);
		} else if (r->kind == FORM_CHOICE && r->nchoices > 2) {
			f->choosing = 1;
			f->choose_sel = r->choice;
		} else if (r->kind == FORM_BUTTON) {
			return FORM_ACTIVATE;
		}
		return FORM_HANDLED;
	default:
		if (key == ' ' && has_choice) {
			cycle(f, r, 1);
			return FORM_HANDLED;
		}
		return FORM_IGNORED;
	}
}

void form_edit_row(struct form *f, int id, int sub)
{
	form_select(f, id, sub);
	form_handle(f, ACT_OPEN, 0);
}

int form_handle_keys(struct form *f, const struct form_keys *k, enum keymap_action act, int key)
{
	void (*fn)(void *owner) = NULL;
	int rc = form_handle(f, act, key);

	if (rc == FORM_ACTIVATE) {
		const struct form_row *row = form_selected(f);

		if (row && k->button)
			k->button(f->owner, row);
		return 1;
	}
	if (rc == FORM_HANDLED)
		return 1;
	switch (act) {
	case ACT_RUN:
		fn = k->run;
		break;
	case ACT_ADD_LINE:
		fn = k->add_line;
		break;
	case ACT_REMOVE_LINE:
		fn = k->remove_line;
		break;
	default:
		break;
	}
	if (!fn)
		return 0;
	fn(f->owner);
	return 1;
}

/* ---- drawing ---- */

int form_draw(struct form *f, struct canvas *cv, struct rect r, int focused)
{
	int rows = r.h, i, x = r.x + 2, w = r.w - 3, vx = x + f->label_w, vw = w - f->label_w;

	f->sel_y = -1;
	if (rows <= 0 || w <= 0)
		return 0;
	if (f->sel < f->top)
		f->top = f->sel;
	if (f->sel >= f->top + rows)
		f->top = f->sel - rows + 1;
	/* a heading just above the cursor comes into view with it */
	if (f->top > 0 && f->top == f->sel && !selectable(f, f->top - 1) && rows > 1)
		f->top--;
	if (f->top > f->n - rows)
		f->top = f->n - rows;
	if (f->top < 0)
		f->top = 0;
	for (i = 0; i < rows && f->top + i < f->n; i++) {
		const struct form_row *row = &f->rows[f->top + i];
		int sel = f->top + i == f->sel, y = r.y + i;
		int st = sel ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : ST_NORMAL;
		int n = 0, indented = row->label[0] == ' ';
		const char *value = NULL;

		if (row->kind == FORM_HEADING) {
			n = canvas_text(cv, r.x + 1, y, r.w - 2, row->label, ST_BOLD);
			if (row->note[0])
				form_draw_fit(cv, r.x + 1 + n + 2, y, r.w - n - 4, row->note,
				              row->note_style);
			continue;
		}
		draw_row(cv, r, y, "", sel, focused, ST_NORMAL);
		form_draw_fit(cv, x, y, f->label_w - 1 < w ? f->label_w - 1 : w, row->label,
		              sel                                    ? st
		              : indented || row->kind == FORM_BUTTON ? ST_NORMAL
		                                                     : ST_BOLD);
		if (sel) {
			f->sel_y = y;
			f->val_x = vx;
		}
		if (vw <= 0)
			continue;
		switch (row->kind) {
		case FORM_TEXT:
			value = row->text;
			break;
		case FORM_CHOICE:
			value = row->nchoices ? row->choices[row->choice] : "";
			break;
		case FORM_KEY:
			n = row->text[0] ? form_draw_fit(cv, vx, y, vw, row->text, st) : 0;
			if (row->text[0] && row->nchoices) {
				n = n + 2 > KEY_NAME_W ? n + 2 : KEY_NAME_W;
				if (n < vw)
					n += canvas_text(cv, vx + n, y, vw - n,
					                 row->choices[row->choice], st);
			}
			break;
		default:
			break;
		}
		if (value && value[0])
			n = form_draw_fit(cv, vx, y, vw, value, st);
		if (row->note[0] && n < vw)
			form_draw_fit(cv, vx + n + (n ? 2 : 0), y, vw - n - (n ? 2 : 0), row->note,
			              sel ? st : row->note_style);
	}
	/* more rows above or below: an arrow in the left margin */
	if (f->top > 0)
		canvas_text(cv, r.x, r.y, 1, "\xe2\x86\x91", ST_DIM);
	if (f->top + rows < f->n)
		canvas_text(cv, r.x, r.y + rows - 1, 1, "\xe2\x86\x93", ST_DIM);
	return i;
}

void form_draw_overlay(struct form *f, struct canvas *cv, struct rect r)
{
	const struct form_row *row = form_selected(f);
	int i, wid = 0, bw, bh, x, y, first = 0, shown;

	if (!f->choosing || !row || !row->nchoices || f->sel_y < 0)
		return;
	for (i = 0; i < row->nchoices; i++)
		if (text_width(row->choices[i]) > wid)
			wid = text_width(row->choices[i]);
	bw = wid + 4;
	bh = row->nchoices + 2;
	if (bh > r.h)
		bh = r.h;
	if (bw > r.w)
		bw = r.w;
	shown = bh - 2;
	if (shown < 1)
		return;
	x = f->val_x - 2;
	if (x + bw > r.x + r.w)
		x = r.x + r.w - bw;
	if (x < r.x)
		x = r.x;
	y = f->sel_y + 1;
	if (y + bh > r.y + r.h)
		y = f->sel_y - bh; /* above the row */
	if (y < r.y)
		y = r.y + r.h - bh;
	if (f->choose_sel >= shown)
		first = f->choose_sel - shown + 1;
	canvas_fill(cv, (struct rect){x, y, bw, bh}, ' ', ST_NORMAL);
	for (i = 1; i < bw - 1; i++) {
		canvas_text(cv, x + i, y, 1, "\xe2\x94\x80", ST_BORDER);
		canvas_text(cv, x + i, y + bh - 1, 1, "\xe2\x94\x80", ST_BORDER);
	}
	for (i = 1; i < bh - 1; i++) {
		canvas_text(cv, x, y + i, 1, "\xe2\x94\x82", ST_BORDER);
		canvas_text(cv, x + bw - 1, y + i, 1, "\xe2\x94\x82", ST_BORDER);
	}
	canvas_text(cv, x, y, 1, "\xe2\x94\x8c", ST_BORDER);
	canvas_text(cv, x + bw - 1, y, 1, "\xe2\x94\x90", ST_BORDER);
	canvas_text(cv, x, y + bh - 1, 1, "\xe2\x94\x94", ST_BORDER);
	canvas_text(cv, x + bw - 1, y + bh - 1, 1, "\xe2\x94\x98", ST_BORDER);
	for (i = 0; i < shown && first + i < row->nchoices; i++) {
		int sel = first + i == f->choose_sel;

		if (sel)
			canvas_fill(cv, (struct rect){x + 1, y + 1 + i, bw - 2, 1}, ' ',
			            ST_SELECTED);
		canvas_text(cv, x + 2, y + 1 + i, bw - 4, row->choices[first + i],
		            sel ? ST_SELECTED : ST_NORMAL);
	}
}

int form_pane_draw(struct form *f, struct canvas *cv, struct rect r, int below, int focused)
{
	int avail = r.h - 1, formh = form_height(f); /* the last row: the hint */

	/* the whole form if what is under it keeps a few rows, else the form scrolls */
	if (below > FORM_BELOW_KEEP)
		below = FORM_BELOW_KEEP;
	if (formh > avail - below)
		formh = avail - below > avail / 2 ? avail - below : avail / 2;
	return r.y + form_draw(f, cv, (struct rect){r.x, r.y, r.w, formh}, focused);
}

void form_pane_end(struct form *f, struct canvas *cv, struct rect r, const char *hint)
{
	if (r.h >= 3)
		canvas_text(cv, r.x + 1, r.y + r.h - 1, r.w - 1, hint, ST_DIM);
	form_draw_overlay(f, cv, r);
}

int form_draw_error(const struct form *f, struct canvas *cv, int x, int y, int w, int bottom)
{
	if (!f->error[0])
		return 0;
	if (y < bottom)
		form_draw_wrapped(cv, x, y, w, bottom - y, 2, f->error, ST_ERROR);
	return 1;
}

void form_note_error(struct form_row *r)
{
	form_note(r, ST_WARN, "the form has an error (below)");
}
