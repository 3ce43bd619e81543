/* seed.c - the seed wizard: a form for the seed's options (cruddur-model.md, "Seed"), a preview
 * of the first messages with their senders from ddb_seed_plan (or the plan's error), a users
 * directory shortcut (a adds a user), and the run with a live progress bar. C-c (the generic
 * cancel) stops the run: what was written stays. */
#include "views/view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/model/dialogue.h"
#include "ddb/model/model.h"
#include "ddb/model/seed.h"
#include "ddb/uuid.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/views.h"

#define PREVIEW_N 8
#define MAX_COUNT 10000000L
#define LABEL_W   25

enum field { F_ME, F_OTHER, F_GROUP, F_FILE, F_COUNT, F_START, F__COUNT };
#define ROW_START F__COUNT /* the Start entry after the fields */

static const struct {
	const char *label;
	const char *initial;
} fields[F__COUNT] = {
    [F_ME] = {"My handle (Person 1)", "andrewbrown"},
    [F_OTHER] = {"Other handle (Person 2)", "bayko"},
    [F_GROUP] = {"Group uuid", DDB_MODEL_SEED_GROUP},
    [F_FILE] = {"Conversation file", ""},
    [F_COUNT] = {"Count", ""},
    [F_START] = {"Start time", ""},
};

struct preview_row {
	char when[24];
	char *handle;
	char *text;
};

struct seed_view {
	struct view base;
	char *val[F__COUNT];
	int group_auto; /* the group uuid follows the pair: the user has not typed one */
	int sel;
	int editing; /* the field a prompt is open for */

	/* the form checked: an error, or what a run would write and how it starts */
	char error[640];
	long lines;    /* dialogue lines */
	long messages; /* messages a run writes */
	struct preview_row preview[PREVIEW_N];
	int npreview;

	/* a run */
	struct ddb_seed_plan plan; /* borrowed by ddb_seed_run until done */
	int have_plan;
	int running;
	double started, ended;
	char phase[16];
	long written, total, retried, stale;
	char result[256];
	int result_style;
	char detail[320];

	/* a: a new user, asked in three steps */
	char *add_handle;
	char *add_name;
};

static struct seed_view *sv_of(struct view *v)
{
	return (struct seed_view *)v;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? ddb_strdup(s) : NULL;
}

static const struct ddb_user *user_of(struct tui *t, const char *handle)
{
	struct ddb_users *users = tui_users(t);

	if (!users || !handle || !*handle)
		return NULL;
	return ddb_users_find(users, *handle == '@' ? handle + 1 : handle);
}

static void known_handles(struct tui *t, char *buf, size_t size)
{
	struct ddb_users *users = tui_users(t);
	struct ddb_buf b = DDB_BUF_INIT;
	size_t i;

	for (i = 0; users && i < users->n; i++)
		ddb_buf_printf(&b, "%s%s", i ? ", " : "", users->v[i].handle);
	snprintf(buf, size, "%s", b.len ? ddb_buf_str(&b) : "none");
	ddb_buf_done(&b);
}

/* ---- the form checked ---- */

/* Builds a plan from the form. count_override >= 0 replaces the count (the preview plans one
 * pass of the dialogue only). Returns 0, or -1 with the error in err. */
static int make_plan(struct seed_view *sv, long count_override, struct ddb_seed_plan *plan,
                     char *err, size_t errlen)
{
	struct tui *t = sv->base.tui;
	struct ddb_seed_opts so;
	struct ddb_error e;
	char known[256];
	char *text = NULL;
	size_t len = 0;
	long count = 0;
	int64_t start = 0;
	int rc, i;

	memset(&so, 0, sizeof(so));
	if (!tui_users(t)) {
		snprintf(err, errlen, "the users directory cannot be read: %s", t->last_error);
		return -1;
	}
	for (i = F_ME; i <= F_OTHER; i++) {
		const struct ddb_user *u = user_of(t, sv->val[i]);

		if (!u) {
			known_handles(t, known, sizeof(known));
			if (!*sv->val[i])
				snprintf(err, errlen, "%s: a handle is needed (known: %s)",
				         fields[i].label, known);
			else
				snprintf(err, errlen,
				         "%s: unknown handle '%s' (known: %s; a adds a user)",
				         fields[i].label, sv->val[i], known);
			return -1;
		}
		if (i == F_ME)
			so.me = u;
		else
			so.other = u;
	}
	if (*sv->val[F_GROUP] && !ddb_uuid_valid(sv->val[F_GROUP])) {
		snprintf(err, errlen, "Group uuid: '%s' is not a uuid", sv->val[F_GROUP]);
		return -1;
	}
	if (*sv->val[F_COUNT]) {
		char *end;

		errno = 0;
		count = strtol(sv->val[F_COUNT], &end, 10);
		if (errno || *end || end == sv->val[F_COUNT] || count < 1 || count > MAX_COUNT) {
			snprintf(err, errlen,
			         "Count: a number from 1 to %ld, or empty for one message a "
			         "line, not '%s'",
			         MAX_COUNT, sv->val[F_COUNT]);
			return -1;
		}
	}
	if (*sv->val[F_START] && ddb_time_parse(sv->val[F_START], &start) != 0) {
		snprintf(err, errlen,
		         "Start time: an ISO-8601 time like 2026-11-20T10:00:00+00:00, "
		         "not '%s'",
		         sv->val[F_START]);
		return -1;
	}
	if (*sv->val[F_FILE]) {
		ddb_error_clear(&e);
		text = ddb_read_file(sv->val[F_FILE], &len, &e);
		if (!text) {
			snprintf(err, errlen, "%s", e.message);
			return -1;
		}
		so.dialogue = text;
		so.dialogue_len = len;
		so.dialogue_name = sv->val[F_FILE];
	} else {
		so.dialogue = (const char *)ddb_default_dialogue;
		so.dialogue_len = ddb_default_dialogue_len;
		so.dialogue_name = "built-in dialogue";
	}
	so.table = t->session->table;
	so.group_uuid = *sv->val[F_GROUP] ? sv->val[F_GROUP] : NULL;
	so.count = count_override >= 0 ? count_override : count;
	so.start_us = start;
	ddb_error_clear(&e);
	rc = ddb_seed_plan(&so, plan, &e);
	free(text);
	if (rc != 0) {
		snprintf(err, errlen, "%s", e.message);
		return -1;
	}
	if (count_override >= 0)
		sv->messages = count ? count : plan->messages;
	return 0;
}

static void clear_preview(struct seed_view *sv)
{
	int i;

	for (i = 0; i < sv->npreview; i++) {
		free(sv->preview[i].handle);
		free(sv->preview[i].text);
	}
	sv->npreview = 0;
}

/* Checks the form and builds the preview (one pass of the dialogue, no I/O but the file). */
static void check_form(struct seed_view *sv)
{
	struct ddb_seed_plan plan;
	long i;

	clear_preview(sv);
	sv->error[0] = '\0';
	sv->lines = sv->messages = 0;
	if (make_plan(sv, 0, &plan, sv->error, sizeof(sv->error)) != 0)
		return;
	sv->lines = plan.messages;
	for (i = 0; i < plan.messages && i < sv->messages && i < PREVIEW_N; i++) {
		const cJSON *row = cJSON_GetArrayItem(plan.items, (int)i);
		struct preview_row *p = &sv->preview[sv->npreview++];
		int64_t us = 0;
		char *s;

		ddb_time_parse(ddb_item_get_s(row, "sk"), &us);
		ddb_time_local(us, p->when, sizeof(p->when));
		p->handle = ddb_strdup(ddb_item_get_s(row, "user_handle"));
		p->text = ddb_strdup(ddb_item_get_s(row, "message"));
		for (s = p->text; *s; s++)
			if (*s == '\n' || *s == '\r' || *s == '\t')
				*s = ' ';
	}
	ddb_seed_plan_done(&plan);
}

/* ---- the run ---- */

static void progress(struct ddb_client *c, const struct ddb_seed_progress *p, void *ud)
{
	struct view_req *r = ud;
	struct seed_view *sv = sv_of(r->view);

	(void)c;
	if (view_req_stale(r))
		return;
	snprintf(sv->phase, sizeof(sv->phase), "%s", p->phase ? p->phase : "");
	sv->stale = p->stale;
	if (p->batch.total) {
		sv->total = p->batch.total;
		sv->written = p->batch.written;
		sv->retried = p->batch.retried_items;
	}
}

/* Reloads the views that show the table: the conversation browsers and the tables pane. */
static void refresh_others(struct tui *t)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		struct view *v = t->stack[i];

		if (strcmp(v->ops->name, "conversations") == 0 && v->ops->refresh)
			v->ops->refresh(v);
	}
	if (t->tables && t->tables->ops->refresh)
		t->tables->ops->refresh(t->tables);
}

static void seed_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct seed_view *sv = sv_of(r->view);
	struct tui *t = sv->base.tui;
	double secs;
	char first[24], last[24];
	int64_t us = 0;

	(void)c;
	if (view_req_stale(r)) {
		free(r);
		return; /* the plan goes with the view */
	}
	free(r);
	sv->running = 0;
	sv->ended = tui_now();
	secs = sv->ended - sv->started;
	if (err->kind == DDB_ERR_NONE) {
		sv->written = sv->total;
		snprintf(sv->result, sizeof(sv->result), "done: %ld items in %.2f s (%.0f items/s)",
		         sv->total, secs, (double)sv->total / (secs > 0 ? secs : 1e-9));
		sv->result_style = ST_OK;
		ddb_time_parse(sv->plan.first_sk, &us);
		ddb_time_local(us, first, sizeof(first));
		ddb_time_parse(sv->plan.last_sk, &us);
		ddb_time_local(us, last, sizeof(last));
		if (sv->stale)
			snprintf(sv->detail, sizeof(sv->detail),
			         "%ld messages and 2 group rows put, %ld rows of an earlier seed "
			         "deleted; %s .. %s",
			         sv->plan.messages, sv->stale, first, last);
		else
			snprintf(sv->detail, sizeof(sv->detail),
			         "%ld messages and 2 group rows put; %s .. %s", sv->plan.messages,
			         first, last);
		tui_info(t, "%s", sv->result);
		refresh_others(t);
	} else if (err->kind == DDB_ERR_CANCELLED) {
		snprintf(sv->result, sizeof(sv->result),
		         "cancelled: %ld of %ld items written (kept)", sv->written, sv->total);
		sv->result_style = ST_WARN;
		snprintf(
		    sv->detail, sizeof(sv->detail),
		    "requests in flight may have written a few more; a new run replaces them all");
		tui_info(t, "%s", sv->result);
		refresh_others(t);
	} else {
		snprintf(sv->result, sizeof(sv->result), "failed after %ld of %ld items: %s",
		         sv->written, sv->total, err->message);
		sv->result_style = ST_ERROR;
		tui_error_from(t, "seeding", err);
	}
	ddb_seed_plan_done(&sv->plan);
	sv->have_plan = 0;
}

static void start(struct seed_view *sv)
{
	struct tui *t = sv->base.tui;
	struct view_req *r;
	char err[640];

	if (ddb_client_read_only(t->client)) {
		tui_error(t,
		          "read-only mode: the seed writes to %s; start ddbtui without --read-only",
		          t->session->table);
		return;
	}
	if (sv->running) {
		tui_info(t, "the seed is running: C-c cancels it");
		return;
	}
	check_form(sv);
	if (sv->error[0]) {
		tui_error(t, "%s", sv->error);
		return;
	}
	if (make_plan(sv, -1, &sv->plan, err, sizeof(err)) != 0) {
		snprintf(sv->error, sizeof(sv->error), "%s", err);
		tui_error(t, "%s", err);
		return;
	}
	sv->have_plan = 1;
	sv->running = 1;
	sv->started = tui_now();
	sv->written = sv->retried = sv->stale = 0;
	sv->total = cJSON_GetArraySize(sv->plan.items);
	snprintf(sv->phase, sizeof(sv->phase), "reading");
	sv->result[0] = sv->detail[0] = '\0';
	r = view_req_new(&sv->base, 0);
	tui_info(t, "seeding %s: C-c cancels", t->session->table);
	ddb_seed_run(t->client, &sv->plan, 0, progress, seed_done, r, sv);
}

/* ---- editing ---- */

/* The group uuid of a pair, while the user has not typed one: the model's default for the
 * default pair, else a name-based uuid of the two handles (either order), so a new pair never
 * writes into (and replaces) another pair's conversation, and seeding one pair again finds its
 * own earlier seed. */
static void follow_pair(struct seed_view *sv)
{
	const char *a = sv->val[F_ME], *b = sv->val[F_OTHER];
	char name[200], uuid[37];

	if (!sv->group_auto)
		return;
	if (strcmp(a, b) > 0) {
		a = sv->val[F_OTHER];
		b = sv->val[F_ME];
	}
	if (strcmp(a, fields[F_ME].initial) == 0 && strcmp(b, fields[F_OTHER].initial) == 0) {
		snprintf(uuid, sizeof(uuid), "%s", DDB_MODEL_SEED_GROUP);
	} else {
		snprintf(name, sizeof(name), "seed-pair\n%s\n%s", a, b);
		if (ddb_uuid_v5(DDB_MODEL_SEED_GROUP, name, uuid) != 0)
			return;
	}
	if (strcmp(uuid, sv->val[F_GROUP]) == 0)
		return;
	set_str(&sv->val[F_GROUP], uuid);
	tui_info(sv->base.tui, "a new pair, %s and %s: a group uuid of its own, %s", sv->val[F_ME],
	         sv->val[F_OTHER], uuid);
}

static void field_done(struct tui *t, const char *text, void *ud)
{
	struct seed_view *sv = ud;

	(void)t;
	if (!text || sv->base.closed)
		return;
	set_str(&sv->val[sv->editing], NULL);
	sv->val[sv->editing] = form_trimmed(text);
	if (sv->editing == F_GROUP)
		sv->group_auto = !*sv->val[F_GROUP];
	if (sv->editing == F_ME || sv->editing == F_OTHER || sv->editing == F_GROUP)
		follow_pair(sv);
	check_form(sv);
}

static void edit(struct seed_view *sv, int f)
{
	char label[160];

	sv->editing = f;
	snprintf(label, sizeof(label), "%s >", fields[f].label);
	tui_prompt(sv->base.tui, label, sv->val[f], 0, field_done, sv);
}

static void add_email_done(struct tui *t, const char *text, void *ud)
{
	struct seed_view *sv = ud;
	struct ddb_users *users = tui_users(t);
	struct ddb_error err;
	char *email;

	if (!text || !users || sv->base.closed) {
		tui_info(t, "no user added");
		return;
	}
	email = form_trimmed(text);
	ddb_error_clear(&err);
	if (ddb_users_add(users, sv->add_handle, sv->add_name, email, &err) != 0) {
		tui_error(t, "%s", err.message);
	} else if (ddb_users_save(users, &err) != 0) {
		struct ddb_error e2;

		tui_error(t, "%s", err.message);
		ddb_users_remove(users, sv->add_handle, &e2);
	} else {
		tui_info(t, "added @%s (%s) to %s", sv->add_handle, sv->add_name, users->path);
	}
	free(email);
	check_form(sv);
}

static void add_name_done(struct tui *t, const char *text, void *ud)
{
	struct seed_view *sv = ud;
	char label[160];

	if (!text || sv->base.closed) {
		tui_info(t, "no user added");
		return;
	}
	set_str(&sv->add_name, NULL);
	sv->add_name = form_trimmed(text);
	snprintf(label, sizeof(label), "Email of @%s >", sv->add_handle);
	tui_prompt(t, label, "", 0, add_email_done, sv);
}

static void add_handle_done(struct tui *t, const char *text, void *ud)
{
	struct seed_view *sv = ud;
	char label[160];

	if (!text || sv->base.closed) {
		tui_info(t, "no user added");
		return;
	}
	set_str(&sv->add_handle, NULL);
	sv->add_handle = form_trimmed(text);
	if (!*sv->add_handle) {
		tui_info(t, "no user added");
		return;
	}
	if (user_of(t, sv->add_handle)) {
		tui_error(t, "@%s is already in the users directory", sv->add_handle);
		return;
	}
	snprintf(label, sizeof(label), "Display name of @%s >", sv->add_handle);
	tui_prompt(t, label, "", 0, add_name_done, sv);
}

static void add_user(struct seed_view *sv)
{
	if (!tui_users(sv->base.tui))
		return;
	tui_prompt(sv->base.tui, "New user's handle >", "", 64, add_handle_done, sv);
}

/* ---- the pane ---- */

static void seed_title(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Seed wizard: a conversation into %s", v->tui->session->table);
}

/* The value column of a field: the value, or what empty means, and what it resolves to. */
static void draw_value(struct seed_view *sv, struct canvas *c, int x, int y, int w, int f, int st,
                       int dim)
{
	struct tui *t = sv->base.tui;
	const char *v = sv->val[f];
	char note[160] = "";
	int n = 0, note_st = dim;

	switch (f) {
	case F_ME:
	case F_OTHER: {
		const struct ddb_user *u = user_of(t, v);

		if (u) {
			snprintf(note, sizeof(note), "%s", u->display_name);
		} else if (*v) {
			snprintf(note, sizeof(note), "unknown: a adds a user");
			note_st = ST_ERROR;
		}
		break;
	}
	case F_GROUP:
		if (!*v)
			snprintf(note, sizeof(note), "(the spec's %s)", DDB_MODEL_SEED_GROUP);
		break;
	case F_FILE:
		if (!*v && sv->lines)
			snprintf(note, sizeof(note), "(built-in dialogue, %ld lines)", sv->lines);
		else if (!*v)
			snprintf(note, sizeof(note), "(built-in dialogue)");
		else if (sv->lines)
			snprintf(note, sizeof(note), "%ld lines", sv->lines);
		break;
	case F_COUNT:
		if (!*v && sv->lines)
			snprintf(note, sizeof(note), "(one message a line: %ld)", sv->lines);
		else if (!*v)
			snprintf(note, sizeof(note), "(one message a line)");
		else if (sv->lines && sv->messages > sv->lines)
			snprintf(note, sizeof(note), "the dialogue %.1f times",
			         (double)sv->messages / (double)sv->lines);
		break;
	case F_START:
		if (!*v)
			snprintf(note, sizeof(note), "(now minus one day)");
		break;
	default:
		break;
	}
	if (*v)
		n = canvas_text(c, x, y, w, v, st) + 2;
	if (*v && (f == F_ME || f == F_OTHER) && n < 16)
		n = 16; /* the names line up */
	if (note[0] && n < w)
		form_draw_fit(c, x + n, y, w - n, note,
		              note_st == ST_ERROR && st != ST_NORMAL ? st : note_st);
}

static void seed_draw(struct view *v, struct canvas *c, struct rect r, int focused)
{
	struct seed_view *sv = sv_of(v);
	struct tui *t = v->tui;
	int bottom = r.y + r.h - 1; /* the hint row */
	int y = r.y + 1, i, x = r.x + 2, w = r.w - 3;
	char line[400];

#define ROOM() (y < bottom)
	for (i = 0; i <= ROW_START && ROOM(); i++, y++) {
		int sel = i == sv->sel;
		int st = sel ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : ST_NORMAL;
		int dim = sel ? st : ST_DIM;

		draw_row(c, r, y, "", sel, focused, ST_NORMAL);
		if (i < F__COUNT) {
			canvas_text(c, x, y, LABEL_W, fields[i].label, sel ? st : ST_BOLD);
			draw_value(sv, c, x + LABEL_W, y, w - LABEL_W, i, st, dim);
			continue;
		}
		canvas_text(c, x, y, w, sv->running ? "[ Running ]" : "[ Start ]", st);
		if (ddb_client_read_only(t->client))
			snprintf(line, sizeof(line), "read-only mode: seeding is unavailable");
		else if (sv->running)
			snprintf(line, sizeof(line), "C-c cancels (what is written stays)");
		else if (sv->error[0])
			snprintf(line, sizeof(line), "the form has an error (below)");
		else
			snprintf(line, sizeof(line),
			         "writes %ld items: %ld messages and 2 group rows",
			         sv->messages + 2, sv->messages);
		form_draw_fit(
		    c, x + 12, y, w - 12, line,
		    sel ? st
		        : (ddb_client_read_only(t->client) || sv->error[0] ? ST_WARN : ST_DIM));
	}
	y++;
	if (ROOM() && sv->error[0]) {
		form_draw_fit(c, x, y++, w, sv->error, ST_ERROR);
	} else if (ROOM()) {
		snprintf(line, sizeof(line), "Preview: the first %d of %ld messages", sv->npreview,
		         sv->messages);
		canvas_text(c, x, y++, w, line, ST_BOLD);
		for (i = 0; i < sv->npreview && ROOM(); i++, y++) {
			const struct preview_row *p = &sv->preview[i];
			int n = canvas_text(c, x + 1, y, w - 1, p->when, ST_DIM) + 3;

			snprintf(line, sizeof(line), "%-12s", p->handle);
			n += form_draw_fit(c, x + n, y, w - n, line,
			                   strcmp(p->handle, sv->val[F_ME]) == 0 ? ST_ME
			                                                         : ST_OTHER) +
			     1;
			form_draw_fit(c, x + n, y, w - n, p->text, ST_NORMAL);
		}
	}
	y++;
	if (ROOM() && (sv->running || sv->result[0])) {
		double now = sv->running ? tui_now() : sv->ended, secs = now - sv->started;
		double rate = secs > 0 ? (double)sv->written / secs : 0;
		int barw = w / 4;
		struct ddb_buf b = DDB_BUF_INIT;

		if (barw > 40)
			barw = 40;
		form_bar(&b, barw, sv->written, sv->total);
		if (sv->running && strcmp(sv->phase, "reading") == 0)
			ddb_buf_printf(&b,
			               "  reading the conversation's earlier rows (%ld to remove)",
			               sv->stale);
		else if (sv->running && rate > 0)
			ddb_buf_printf(&b,
			               "  %ld/%ld items  %.0f items/s  %.1f s left  %ld retried",
			               sv->written, sv->total, rate,
			               (double)(sv->total - sv->written) / rate, sv->retried);
		else
			ddb_buf_printf(&b, "  %ld/%ld items  %ld retried", sv->written, sv->total,
			               sv->retried);
		form_draw_fit(c, x, y++, w, ddb_buf_str(&b), ST_NORMAL);
		ddb_buf_done(&b);
		if (ROOM() && sv->result[0])
			form_draw_fit(c, x, y++, w, sv->result, sv->result_style);
		if (ROOM() && sv->detail[0])
			form_draw_fit(c, x, y++, w, sv->detail, ST_DIM);
	}
#undef ROOM
	if (r.h >= 3)
		canvas_text(c, r.x + 1, bottom, r.w - 1,
		            "j/k move  Enter edit  a add user  S start  C-c cancel  Esc back",
		            ST_DIM);
}

static enum keymap_action seed_handle(struct view *v, enum keymap_action act, int key)
{
	struct seed_view *sv = sv_of(v);

	(void)key;
	switch (act) {
	case ACT_BACK:
		/* closing would cancel the seed halfway */
		if (!sv->running)
			return act;
		tui_info(v->tui, "the seed is running: C-c cancels it, then Esc closes this");
		return ACT_NONE;
	case ACT_MOVE_UP:
		if (sv->sel > 0)
			sv->sel--;
		return ACT_NONE;
	case ACT_MOVE_DOWN:
		if (sv->sel < ROW_START)
			sv->sel++;
		return ACT_NONE;
	case ACT_MOVE_FIRST:
	case ACT_PAGE_UP:
		sv->sel = 0;
		return ACT_NONE;
	case ACT_MOVE_LAST:
	case ACT_PAGE_DOWN:
		sv->sel = ROW_START;
		return ACT_NONE;
	case ACT_OPEN:
		if (sv->sel == ROW_START)
			start(sv);
		else if (sv->running)
			tui_info(v->tui, "the seed is running: C-c cancels it");
		else
			edit(sv, sv->sel);
		return ACT_NONE;
	case ACT_START_SEED:
		start(sv);
		return ACT_NONE;
	case ACT_ADD_USER:
		add_user(sv);
		return ACT_NONE;
	default:
		return act;
	}
}

static void seed_refresh(struct view *v)
{
	struct seed_view *sv = sv_of(v);

	if (!sv->running)
		check_form(sv);
}

static void seed_free(struct view *v)
{
	struct seed_view *sv = sv_of(v);
	int i;

	form_drop_prompt(v->tui, v);
	for (i = 0; i < F__COUNT; i++)
		free(sv->val[i]);
	clear_preview(sv);
	if (sv->have_plan)
		ddb_seed_plan_done(&sv->plan);
	free(sv->add_handle);
	free(sv->add_name);
	free(sv);
}

static const char *seed_writing(struct view *v)
{
	return ((struct seed_view *)v)->running ? "the seed" : NULL;
}

static const struct view_ops seed_ops = {
    .name = "seed",
    .ctx = CTX_SEED,
    .title = seed_title,
    .draw = seed_draw,
    .handle = seed_handle,
    .refresh = seed_refresh,
    .free = seed_free,
    .writing = seed_writing,
};

struct view *view_seed_new(struct tui *t)
{
	struct seed_view *sv = calloc(1, sizeof(*sv));
	int i;

	if (!sv)
		abort();
	view_init(&sv->base, &seed_ops, t);
	for (i = 0; i < F__COUNT; i++)
		sv->val[i] = ddb_strdup(fields[i].initial);
	sv->group_auto = 1;
	check_form(sv);
	return &sv->base;
}
